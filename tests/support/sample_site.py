"""A workspace with the export sample article (and an older one) translated, for the
publishing, site and hostile publishing tests."""

from __future__ import annotations

import json
from pathlib import Path

from support.documents import translation_of
from translate import workspace
from translate.models import State
from translate.source.articles import read_article
from translate.workspace import workfiles

CASES = Path(__file__).parents[1] / "cases" / "export"


def make_workspace(root: Path, states: dict[str, State]) -> workspace.Workspace:
    """A workspace with the sample article (and an older one) translated into ``states``."""
    workspace.init(root)
    text = (CASES / "sample.md").read_text(encoding="utf-8")
    (root / "articles" / "sample.md").write_text(text, encoding="utf-8")
    older = text.replace("2025-08-21", "2024-01-05").replace("City opens", "Town opens")
    (root / "articles" / "older.md").write_text(older, encoding="utf-8")
    ws = workspace.load(root)
    for path in ws.article_files():
        article = read_article(path)
        for lang, state in states.items():
            targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
            targets["Town opens a *new* library"] = (
                "Villa: " + targets["City opens a *new* library"]
            )
            workfiles.save(
                ws.work_file(article.slug, lang), translation_of(article, targets, lang, state)
            )
    return ws
