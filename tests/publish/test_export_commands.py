"""Tests of ``tx export`` through the command line (typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.models import State, TranslatedSegment, Translation
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import workfiles

CASES = Path(__file__).parents[1] / "cases" / "export"
runner = CliRunner()


def make_workspace(root: Path) -> Path:
    """A workspace with the sample article: Spanish reviewed, French only machine-translated."""
    workspace.init(root)
    target = root / "articles" / "sample.md"
    target.write_text((CASES / "sample.md").read_text(encoding="utf-8"), encoding="utf-8")
    article = read_article(target)
    segments = segment_article(article)
    for lang, state in (("es", State.REVIEWED), ("fr", State.TRANSLATED)):
        targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
        items = tuple(TranslatedSegment(s, targets[s.source], "test", state) for s in segments)
        translation = Translation("sample", "en", lang, article_digest(segments), items)
        workfiles.save(root / "translations" / lang / "sample.json", translation)
    return root


def test_export_writes_what_passes_and_exits_3_listing_the_blocked(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = runner.invoke(app, ["--workspace", str(root), "export"])
    assert result.exit_code == 3  # done in part: Spanish and English published, French held
    assert "wrote exports/site/es/sample.html" in result.stdout
    assert "wrote exports/site/es/sample.docx" in result.stdout
    assert "wrote exports/site/index.html" in result.stdout
    assert "not done: the publishing gate held back 1 edition(s)" in result.stderr
    assert "fr/sample" in result.stderr and "(translated): not reviewed" in result.stderr
    assert not (root / "exports" / "site" / "fr" / "sample.html").exists()


def test_export_one_language_and_format(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = runner.invoke(
        app, ["-w", str(root), "export", "sample", "--lang", "es", "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    assert (root / "exports" / "site" / "es" / "sample.html").is_file()
    assert not (root / "exports" / "site" / "es" / "sample.docx").exists()


def test_export_draft_marks_and_succeeds(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = runner.invoke(app, ["-w", str(root), "export", "--lang", "fr", "--draft"])
    assert result.exit_code == 0, result.output
    assert "draft: fr/sample" in result.stdout
    page = (root / "exports" / "drafts" / "fr" / "sample.html").read_text(encoding="utf-8")
    assert "tx-draft-banner" in page
    assert not (root / "exports" / "site" / "fr").exists()


def test_export_reports_unknown_format_and_article(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    result = runner.invoke(app, ["-w", str(root), "export", "--format", "pdf"])
    assert result.exit_code == 1
    assert "unknown export format 'pdf'" in result.stderr
    result = runner.invoke(app, ["-w", str(root), "export", "missing-article"])
    assert result.exit_code == 1 and "no article 'missing-article'" in result.stderr


def test_help_lists_export() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    assert "--draft" in result.stdout and "--lang" in result.stdout
