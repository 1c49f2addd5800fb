"""The harness of the hostile-input tests: a small workspace, a case, and the checks.

``build_template`` makes a workspace with an article, a glossary, a Spanish work file (every
sentence translated) and its review document. ``run_case`` writes a case's hostile file into a
copy, snapshots every file and folder with its hash, runs ``tx`` in-process, and checks that
the command was refused in one line naming the file and that nothing changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

from translate import workspace
from translate.models import State, TranslatedSegment, Translation
from translate.roundtrip.review.export import export_review
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import workfiles

SLUG = "story"
ARTICLE = """\
---
title: Talks resume in Geneva
date: 2025-03-01
---
The talks resumed on Monday. Both sides said they were hopeful.

A spokesman for the ministry declined to comment.
"""
GLOSSARY = "en,es\nWhite House,Casa Blanca\n"


@dataclass(frozen=True)
class Case:
    """A hostile input: ``write`` puts it into the workspace (``None``: only the command is
    hostile); ``args`` run ``tx``; the one-line error must contain ``names``."""

    name: str
    args: tuple[str, ...]
    write: Callable[[Path], None] | None
    names: str


def build_template(root: Path) -> Path:
    """The workspace every case starts from."""
    workspace.init(root)
    (root / "articles" / f"{SLUG}.md").write_text(ARTICLE, encoding="utf-8")
    (root / "glossaries" / "house.csv").write_text(GLOSSARY, encoding="utf-8")
    ws = workspace.load(root)
    article = read_article(root / "articles" / f"{SLUG}.md")
    segments = segment_article(article)
    translation = Translation(
        slug=SLUG,
        source_lang="en",
        target_lang="es",
        source_digest=article_digest(segments),
        segments=tuple(
            TranslatedSegment(s, f"ES {s.source}", "test", State.TRANSLATED) for s in segments
        ),
    )
    workfiles.save(ws.work_file(SLUG, "es"), translation)
    export_review(ws, SLUG, "es", today=dt.date(2025, 3, 2))
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every file (with the SHA-256 of its bytes) and folder under ``root``, except tx's
    rebuildable caches (``translations/.cache``: the memory's indexed store)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if key.startswith(("translations/.cache/", "translations/.cache")):
            continue
        if path.is_dir():
            found[key] = "folder"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def run_case(case: Case, root: Path, *, refused: bool = True) -> Result:
    """Write the case's input into ``root``, run it, and check the refusal."""
    if case.write is not None:
        case.write(root)
    before = snapshot(root)
    from translate.cli import app

    with contextlib.chdir(root):  # paths in the arguments are relative to the workspace
        result = CliRunner().invoke(app, ["--workspace", str(root), *case.args])
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    if refused:
        assert result.exit_code == 1, output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: "), lines[0]
        assert case.names in lines[0], lines[0]
    assert snapshot(root) == before, "the workspace changed"
    return result
