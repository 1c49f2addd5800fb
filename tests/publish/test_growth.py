"""Every exporter and importer grows linearly with the article: the CPU time of an article
four times longer is compared with a shorter one's (a ratio, never an absolute time, so a
slow or busy machine passes alike). A quadratic step gives about 16; linear work about 4,
less with fixed costs. ``make bench`` measures the same at 1,000 to 50,000 sentences."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.models import State, TranslatedSegment, Translation
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import workfiles

SMALL, RATIO = 150, 4
LIMIT = 8.0  # linear work stays well under; quadratic work (16x) does not

WORDS = tuple(
    re.findall(
        r"\S+",
        (
            "Talks on security guarantees for Ukraine resumed in Geneva after a pause of "
            "several weeks while negotiators from both sides weighed the proposals of the "
            "mediators"
        ),
    )
)


def _workspace(root: Path, sentences: int) -> None:
    """An article of ``sentences`` sentences (five to a paragraph), reviewed in Spanish."""
    workspace.init(root)
    lines = [
        " ".join(WORDS[(n + k) % len(WORDS)] for k in range(8 + n % 7)).capitalize() + f" {n}."
        for n in range(sentences)
    ]
    paragraphs = [" ".join(lines[at : at + 5]) for at in range(0, len(lines), 5)]
    path = root / "articles" / "long.md"
    path.write_text("---\ntitle: Long\n---\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    segments = segment_article(read_article(path, default_lang="en"))
    items = tuple(  # a translation of its own: the gate holds back one identical to its source
        TranslatedSegment(s, _translated(s.source), "reviewer", State.REVIEWED) for s in segments
    )
    translation = Translation("long", "en", "es", article_digest(segments), items, revision=1)
    workfiles.save(root / "translations" / "es" / "long.json", translation)


def _translated(source: str) -> str:
    """A translation the publishing gate lets through: the words reversed, their letters too
    (no English word is left), figures and the closing punctuation as they were."""
    body = source.rstrip(".!?")
    words = [w if not w.isalpha() else w[::-1].lower() for w in reversed(body.split())]
    return " ".join(words).capitalize() + source[len(body) :]


def _tx(root: Path, *args: str) -> float:
    """CPU seconds of one tx command run in this process."""
    started = time.process_time()
    result = CliRunner().invoke(app, ["--workspace", str(root), *args])
    spent = time.process_time() - started
    assert result.exit_code == 0, result.output
    return spent


STEPS: dict[str, Callable[[Path], float]] = {
    "edition docx": lambda r: _tx(r, "export", "--lang", "es", "--format", "docx"),
    "edition html": lambda r: _tx(r, "export", "--lang", "es", "--format", "html"),
    "review docx export": lambda r: _tx(r, "review", "export", "long", "--lang", "es"),
    "review docx import": lambda r: _tx(
        r, "review", "import", str(r / "exports/review/es/long.docx")
    ),
    "xliff export": lambda r: _tx(r, "xliff", "export", "long", "--lang", "es"),
    "xliff import": lambda r: _tx(r, "xliff", "import", str(r / "exports/review/es/long.xlf")),
}


@pytest.mark.slow
def test_exporters_and_importers_grow_linearly(tmp_path: Path) -> None:
    times: dict[int, dict[str, float]] = {}
    for size in (20, SMALL, SMALL * RATIO):  # the first warms up imports and caches
        root = tmp_path / str(size)
        _workspace(root, size)
        times[size] = {}
        for name, step in STEPS.items():
            times[size][name] = min(step(root) for _ in range(1 if size == 20 else 2))
    ratios = {name: times[SMALL * RATIO][name] / times[SMALL][name] for name in STEPS}
    slow = {name: round(ratio, 1) for name, ratio in ratios.items() if ratio > LIMIT}
    assert not slow, f"grew faster than linearly for {RATIO}x the sentences: {slow}"
