"""What several test files need around documents: hand-written translations of an article,
the Nu HTML Checker's jar, and LibreOffice converting a file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from translate.models import Article, State, TranslatedSegment, Translation
from translate.source.segments import article_digest, segment_article

REPOSITORY = Path(__file__).resolve().parents[2]


def translation_of(
    article: Article, targets: dict[str, str], lang: str, state: State = State.REVIEWED
) -> Translation:
    """A hand-written translation: every segment's target looked up by its source sentence."""
    segments = segment_article(article)
    items = tuple(TranslatedSegment(s, targets[s.source], "test", state) for s in segments)
    return Translation(article.slug, article.lang, lang, article_digest(segments), items)


def vnu_jar() -> Path | None:
    """vnu.jar from $VNU_JAR (set by the Makefile) or the repository's node_modules; never
    from beside the repository (a bare clone must test the same)."""
    candidates = [
        os.environ.get("VNU_JAR", ""),
        str(REPOSITORY / "node_modules/vnu-jar/build/dist/vnu.jar"),
    ]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def sitemap_xsd() -> Path | None:
    """The sitemaps.org schema (sitemap.xsd, from npm's ``sitemap`` package, installed by
    ``make setup`` beside vnu.jar) from $SITEMAP_XSD or beside $VNU_JAR's node_modules."""
    candidates = [os.environ.get("SITEMAP_XSD", "")]
    jar = vnu_jar()
    if jar is not None and len(jar.parents) > 3:
        candidates.append(str(jar.parents[3] / "sitemap/schema/sitemap.xsd"))
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def soffice_convert(
    soffice: str, source: Path, fmt: str, outdir: Path, profile: Path
) -> subprocess.CompletedProcess[str]:
    """LibreOffice converting ``source`` to ``fmt`` into ``outdir``, with its own profile so
    runs can go in parallel."""
    return subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def nu_errors(*files: Path) -> str:
    """The Nu HTML Checker's errors for ``files`` (empty when they are valid)."""
    jar = vnu_jar()
    if jar is None or shutil.which("java") is None:
        pytest.skip("needs java and vnu.jar (npm install vnu-jar; or set VNU_JAR)")
    run = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    return (run.stdout + run.stderr).strip()
