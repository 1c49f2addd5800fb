"""One vocabulary across commands (issue 30): every command that takes an article takes a
path or a slug, with one "no such article" message that names close matches; languages are
--lang everywhere (old names kept for a release, with a note); tx status narrows to articles,
languages and stale translations, and speaks JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import runner, tx

from translate import workspace
from translate.cli import app
from translate.models import State, TranslatedSegment, Translation
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import workfiles

STORY = """---
title: Harbor budget passes after a long night
date: 2026-11-30
---

The city council approved the harbor budget on Monday. Two members voted against it.
"""


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "harbor-budget.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "articles" / "ferry-strike.md").write_text(
        STORY.replace("harbor budget", "ferry strike"), encoding="utf-8"
    )
    return workspace.load(tmp_path)


def _translated(ws: workspace.Workspace, slug: str, lang: str) -> None:
    article = read_article(ws.articles_dir / f"{slug}.md")
    segments = segment_article(article)
    items = tuple(
        TranslatedSegment(
            segment, f"[{lang}] {segment.source}", "apertium:eng-spa", State.TRANSLATED
        )
        for segment in segments
    )
    workfiles.save(
        ws.work_file(slug, lang),
        Translation(article.slug, "en", lang, article_digest(segments), items),
    )


def test_segments_and_glossary_check_take_a_slug(ws: workspace.Workspace) -> None:
    code, output = tx(ws, "segments", "harbor-budget")
    assert code == 0, output
    assert "The city council approved the harbor budget on Monday." in output
    code, output = tx(ws, "glossary", "check", "harbor-budget")
    assert code == 0, output
    assert "unsupported article type" not in output


def test_a_mistyped_slug_is_no_such_article_with_close_matches(ws: workspace.Workspace) -> None:
    for args in (
        ("segments", "harbour-budget"),
        ("glossary", "check", "harbour-budget"),
        ("translate", "harbour-budget", "--to", "es", "--engine", "apertium"),
        ("review", "export", "harbour-budget", "--lang", "es"),
        ("xliff", "export", "harbour-budget", "--lang", "es"),
        ("count", "harbour-budget"),
        ("status", "harbour-budget"),
    ):
        code, output = tx(ws, *args)
        assert code == 1, (args, output)
        assert "no such article 'harbour-budget'" in output, (args, output)
        assert "did you mean 'harbor-budget'?" in output, (args, output)
        assert "work file not found" not in output


def test_an_unknown_name_without_close_matches_says_where_articles_are(
    ws: workspace.Workspace,
) -> None:
    code, output = tx(ws, "review", "export", "zzz", "--lang", "es")
    assert code == 1
    assert "no such article 'zzz'" in output and "articles" in output


def test_count_and_glossary_check_take_lang_and_note_the_old_name(
    ws: workspace.Workspace,
) -> None:
    code, output = tx(ws, "count", "--lang", "es", "--format", "json")
    assert code == 0, output
    assert {row["lang"] for row in json.loads(output)} == {"es"}
    result = runner.invoke(app, ["--workspace", str(ws.root), "count", "--to", "es"])
    assert result.exit_code == 0
    assert "note: --to is now --lang" in result.output
    code, output = tx(ws, "glossary", "check", "harbor-budget", "--lang", "fr")
    assert code == 0, output
    code, output = tx(ws, "count", "--lang", "es", "--to", "fr")
    assert code == 2 and "give --lang only" in output


def test_status_narrows_to_articles_languages_and_stale(ws: workspace.Workspace) -> None:
    for slug in ("harbor-budget", "ferry-strike"):
        for lang in ("es", "fr"):
            _translated(ws, slug, lang)
    code, output = tx(ws, "status", "harbor-budget", "--lang", "es")
    assert code == 0, output
    lines = [line for line in output.splitlines() if line.startswith(("harbor", "ferry"))]
    assert len(lines) == 1 and lines[0].startswith("harbor-budget") and " es " in lines[0]
    code, output = tx(ws, "status", "--stale")
    assert code == 0 and "nothing matches" in output
    story = ws.articles_dir / "ferry-strike.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA third sentence.\n", "utf-8")
    code, output = tx(ws, "status", "--stale", "--json")
    assert code == 0, output
    data = json.loads(output)
    stale = {(row["article"], row["lang"]) for row in data["translations"]}
    assert stale == {("ferry-strike", "es"), ("ferry-strike", "fr")}
    assert all(row["stale"] for row in data["translations"])
    row = next(row for row in data["translations"] if row["lang"] == "es")
    assert row["states"]["translated"] == 3 and row["publishable"] is False


def test_segments_outside_a_workspace_still_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["segments", str(path)])
    assert result.exit_code == 0, result.output
    assert "Two members voted against it." in result.output
