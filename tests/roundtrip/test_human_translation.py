"""A language people translate by hand (Arabic here) beside one apertium translates (Spanish):
the work file follows the article with empty targets, the review document is where the
translator writes, a source correction brings the work file in step, and stale work files
are not sent out. Everything through the real CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from support.cli import tx
from support.newsroom import NEEDS_APERTIUM, newsroom, sign
from support.reviewer import Reviewer, cell_text

from translate.models import State
from translate.workspace import Workspace, load, workfiles

pytestmark = NEEDS_APERTIUM

SLUG = "bridge-vote"
FRONT = """---
title: Council approves the new bridge
date: 2026-12-07
author: Samir Aziz
---

"""
BODY = [
    "The city council approved the new river bridge on Thursday.",
    "The union said the new contract raises wages by four percent.",
    "Work will start in the spring.",
]
CORRECTED = "The union said the new contract raises basic wages by four percent."
ADDED = "The mayor called the vote historic."
ARABIC = {
    "Council approves the new bridge": "المجلس يوافق على الجسر الجديد",
    BODY[0]: "وافق مجلس المدينة يوم الخميس على جسر النهر الجديد.",
    BODY[1]: "قالت النقابة إن العقد الجديد يرفع الأجور بنسبة أربعة في المئة.",
    BODY[2]: "ستبدأ الأعمال في الربيع.",
    CORRECTED: "قالت النقابة إن العقد الجديد يرفع الأجور الأساسية بنسبة أربعة في المئة.",
    ADDED: "وصف رئيس البلدية التصويت بأنه تاريخي.",
}


def _write_article(root: Path, body: list[str]) -> None:
    text = FRONT + "\n\n".join(body) + "\n"
    (root / "articles" / f"{SLUG}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = newsroom(tmp_path / "newsroom", ["es", "ar"], human=["ar"])
    _write_article(workspace.root, BODY)
    return workspace


def _fill_in(ws: Workspace, name: str) -> None:
    """A translator writes every empty Arabic cell of the review document, approves each
    row and signs it, as in Word; then the document is imported."""
    reviewer = Reviewer(ws.review_file(SLUG, "ar"))
    sign(reviewer, name)
    for item in workfiles.load(ws.work_file(SLUG, "ar")).segments:
        if not item.target:
            reviewer.retype(item.id, ARABIC[item.segment.source])
        reviewer.retype(item.id, "موافق", column=3)
    code, out = tx(ws, "review", "import", str(reviewer.save()))
    assert code == 0, out


def _statuses(path: Path) -> list[str]:
    table = docx.Document(str(path)).tables[1]
    return [cell_text(row.cells[3]) for row in table.rows[1:]]


def test_an_arabic_edition_is_translated_by_hand_corrected_and_reviewed_again(
    ws: Workspace,
) -> None:
    # a plain `tx translate`: Spanish by apertium, Arabic kept in step with empty targets
    code, out = tx(ws, "translate", SLUG)
    assert code == 0, out
    assert "[apertium:eng-spa]" in out and "[human]" in out
    arabic = workfiles.load(ws.work_file(SLUG, "ar"))
    assert [(i.target, i.state, i.origin) for i in arabic.segments] == [
        ("", State.INITIAL, "human")
    ] * 4
    assert all(item.draft is None and item.flags == () for item in arabic.segments)
    data = json.loads(ws.work_file(SLUG, "ar").read_text(encoding="utf-8"))
    assert "confidence" not in data["segments"][0]

    code, out = tx(ws, "status")
    ar_row = next(line for line in out.splitlines() if " ar " in line)
    assert "not translated: 4" in ar_row and "ready to publish" not in ar_row

    code, out = tx(ws, "review", "export", SLUG, "--lang", "ar")
    assert code == 0, out
    document = ws.review_file(SLUG, "ar")
    assert _statuses(document) == ["to translate"] * 4
    paragraphs = [p.text for p in docx.Document(str(document)).paragraphs]
    assert any("4 have no translation yet" in text for text in paragraphs)
    _fill_in(ws, "Layla Nasser")
    arabic = workfiles.load(ws.work_file(SLUG, "ar"))
    assert all(item.state is State.FINAL for item in arabic.segments)
    assert [item.target for item in arabic.segments] == [
        ARABIC[item.segment.source] for item in arabic.segments
    ]
    assert {item.changed.by for item in arabic.segments if item.changed} == {"Layla Nasser"}
    code, out = tx(ws, "status")
    assert "ready to publish" in next(line for line in out.splitlines() if " ar " in line)

    # a correction at the source: one sentence changed, one added
    _write_article(ws.root, [BODY[0], CORRECTED, BODY[2], ADDED])
    code, out = tx(ws, "review", "export", SLUG, "--lang", "ar")
    assert code == 1
    assert "the work file is behind its article" in out
    assert f"run `tx translate {SLUG} --to ar` first" in out
    code, out = tx(ws, "translate", SLUG, "--to", "ar")
    assert code == 0 and "[human]" in out
    arabic = workfiles.load(ws.work_file(SLUG, "ar"))
    by_source = {item.segment.source: item for item in arabic.segments}
    assert by_source[BODY[0]].state is State.FINAL  # untouched sentences stay approved
    changed, added = by_source[CORRECTED], by_source[ADDED]
    assert (changed.target, changed.state, added.target, added.state) == (
        "",
        State.INITIAL,
        "",
        State.INITIAL,
    )
    assert changed.previous is not None and changed.previous.target == ARABIC[BODY[1]]
    assert added.previous is None

    code, out = tx(ws, "review", "export", SLUG, "--lang", "ar", "--force")
    assert code == 0, out
    table = docx.Document(str(document)).tables[1]
    source_cells = {row.cells[0].text.split("\n")[0]: cell_text(row.cells[1]) for row in table.rows}
    assert f"Approved before: {ARABIC[BODY[1]]}" in source_cells[changed.id]
    assert _statuses(document) == ["final", "final", "to translate", "final", "to translate"]
    _fill_in(ws, "Layla Nasser")
    arabic = workfiles.load(ws.work_file(SLUG, "ar"))
    assert all(item.state is State.FINAL for item in arabic.segments)
    assert by_source[CORRECTED].id in {item.id for item in arabic.segments}
    code, out = tx(ws, "log", SLUG, "--lang", "ar")
    assert "Layla Nasser  review import: edited 2, approved 2" in out
    assert "translate: added 2, removed 1" in out
    code, out = tx(ws, "status")
    assert "ready to publish" in next(line for line in out.splitlines() if " ar " in line)


def test_memory_fills_a_human_language_and_xliff_exports_it(ws: Workspace) -> None:
    tx(ws, "translate", SLUG, "--to", "ar")
    tx(ws, "review", "export", SLUG, "--lang", "ar")
    _fill_in(ws, "Layla Nasser")
    other = ws.root / "articles" / "bridge-costs.md"
    other.write_text(
        "---\ntitle: What the bridge costs\n---\n\n" + BODY[2] + " Nobody knows the price.\n",
        encoding="utf-8",
    )
    code, out = tx(ws, "translate", "bridge-costs", "--engine", "none", "--to", "ar")
    assert code == 0, out
    items = {
        i.segment.source: i for i in workfiles.load(ws.work_file("bridge-costs", "ar")).segments
    }
    assert (items[BODY[2]].target, items[BODY[2]].origin) == (ARABIC[BODY[2]], "memory")
    assert items["Nobody knows the price."].target == ""
    code, out = tx(ws, "xliff", "export", "bridge-costs", "--lang", "ar")
    assert code == 0, out
    xliff = (ws.root / "exports" / "review" / "ar" / "bridge-costs.xlf").read_text("utf-8")
    assert ARABIC[BODY[2]] in xliff and 'state="initial"' in xliff


def test_an_empty_target_blocks_publishing(ws: Workspace) -> None:
    tx(ws, "translate", SLUG, "--to", "ar")
    work = ws.work_file(SLUG, "ar")
    translation = workfiles.load(work)
    # even marked final by hand, an empty target is not a translation
    marked = tuple(item.with_changes(state=State.FINAL) for item in translation.segments)
    workfiles.save(work, replace(translation, segments=marked))
    code, out = tx(ws, "export", "--lang", "ar")
    assert code != 0 and "not translated" in out


def test_stale_work_files_are_not_sent_out_unless_asked(ws: Workspace) -> None:
    tx(ws, "translate", SLUG)
    _write_article(ws.root, [BODY[0], CORRECTED, BODY[2]])
    for command in (["review", "export", SLUG, "--lang", "es"], ["review", "export", "--all"]):
        code, out = tx(ws, *command)
        assert code == 1 and "the work file is behind its article" in out
        assert not ws.review_file(SLUG, "es").exists()
    code, out = tx(ws, "xliff", "export", SLUG, "--lang", "es")
    assert code == 1 and "pass --stale to export it as it is" in out

    code, out = tx(ws, "review", "export", SLUG, "--lang", "es", "--stale")
    assert code == 0, out
    first = docx.Document(str(ws.review_file(SLUG, "es"))).paragraphs[0].text
    assert first.startswith("STALE: exported from a work file that is behind its article")
    code, out = tx(ws, "xliff", "export", SLUG, "--lang", "ar", "--stale", "--version", "1.2")
    assert code == 0, out
    head = (ws.root / "exports" / "review" / "ar" / f"{SLUG}.xlf").read_text("utf-8")[:400]
    assert "<!-- STALE: exported from a work file that is behind its article" in head

    code, out = tx(ws, "translate", SLUG)
    assert code == 0, out
    code, out = tx(ws, "review", "export", SLUG, "--lang", "ar", "--force")
    assert code == 0, out
    first = docx.Document(str(ws.review_file(SLUG, "ar"))).paragraphs[0].text
    assert first.startswith("Review: ")


def test_a_language_pinned_to_no_engine_is_human(ws: Workspace) -> None:
    config = ws.root / "tx.toml"
    text = config.read_text(encoding="utf-8").replace('human_langs = ["ar"]', "human_langs = []")
    config.write_text(text + '\n[engines]\nar = "none"\n', encoding="utf-8")
    workspace = load(ws.root)
    code, out = tx(workspace, "translate", SLUG)
    assert code == 0 and "[human]" in out and "[apertium:eng-spa]" in out
    assert {item.target for item in workfiles.load(ws.work_file(SLUG, "ar")).segments} == {""}
    code, out = tx(workspace, "engines")
    assert 'en -> ar: people (no engine) (engine "none" in tx.toml)' in out
