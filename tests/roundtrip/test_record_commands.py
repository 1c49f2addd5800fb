"""Who changed a translation and when: ``tx log`` and ``tx diff`` after imports by named
reviewers, through the real CLI on a workspace translated by apertium (Debian's engine)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from support.cli import tx
from support.newsroom import NEEDS_APERTIUM, newsroom, sign
from support.reviewer import Reviewer

from translate.models import State
from translate.workspace import Workspace, history, workfiles

pytestmark = NEEDS_APERTIUM

SLUG = "ferry-strike"
ARTICLE = """---
title: Ferry crews end their strike
date: 2026-12-07
author: Ines Haugen
---

The ferry crews returned to work on Tuesday morning.

The union said the new contract raises wages by four percent. Passengers waited for hours.
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = newsroom(tmp_path / "newsroom", ["es"])
    (workspace.root / "articles" / f"{SLUG}.md").write_text(ARTICLE, encoding="utf-8")
    code, out = tx(workspace, "translate", SLUG, "--to", "es")
    assert code == 0, out
    return workspace


def _segments(ws: Workspace) -> list[str]:
    return [item.id for item in workfiles.load(ws.work_file(SLUG, "es")).segments]


def test_log_and_diff_show_an_import_by_a_named_reviewer(ws: Workspace) -> None:
    s = _segments(ws)
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es")
    assert code == 0, out
    reviewer = Reviewer(ws.review_file(SLUG, "es"))
    sign(reviewer, "Marta Gil")
    reviewer.retype(s[1], "Las tripulaciones de los ferris volvieron al trabajo el martes.")
    reviewer.retype(s[1], "final", column=3)
    reviewer.retype(s[2], "final", column=3)
    code, out = tx(ws, "review", "import", str(reviewer.save()))
    assert code == 0, out

    code, out = tx(ws, "log", SLUG, "--lang", "es")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("revision 2")
    assert "Marta Gil  review import: edited 1, approved 2" in lines[1]
    assert "translate: added 4" in lines[2]
    assert lines[1].startswith("  r2 ") and lines[2].startswith("  r1 ")

    code, out = tx(ws, "diff", SLUG, "--lang", "es")
    assert code == 0
    assert "revision 1 -> 2, 2 segment(s) changed" in out
    assert (
        f"~ {s[1]} translated -> final, apertium:eng-spa -> reviewer (r2, Marta Gil, review import)"
    ) in out
    assert "  source: The ferry crews returned to work on Tuesday morning." in out
    assert "  + Las tripulaciones de los ferris volvieron al trabajo el martes." in out
    assert f"~ {s[2]} translated -> final (r2, Marta Gil, review import)" in out

    item = workfiles.load(ws.work_file(SLUG, "es")).segments[1]
    assert item.changed is not None and item.changed.by == "Marta Gil"
    assert item.changed.command == "review import"
    # the engine's draft is kept after the review: target, engine and model, flags
    assert item.draft is not None and item.draft.origin == "apertium:eng-spa"
    assert item.draft.target != item.target and item.draft.score is None
    data = json.loads(ws.work_file(SLUG, "es").read_text(encoding="utf-8"))
    assert data["segments"][1]["draft"]["confidence"] == "no score"
    assert [entry["by"] for entry in data["history"]] == [history.os_user(), "Marta Gil"]


def test_the_name_comes_from_the_document_else_from_by(ws: Workspace) -> None:
    s = _segments(ws)
    tx(ws, "review", "export", SLUG, "--lang", "es")
    reviewer = Reviewer(ws.review_file(SLUG, "es"))
    reviewer.retype(s[3], "final", column=3)
    reviewer.document.core_properties.last_modified_by = "Lucía Prieto"  # as Word saves it
    code, out = tx(ws, "review", "import", str(reviewer.save()), "--by", "Omar Haddad")
    assert code == 0, out
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[3]
    assert item.state is State.FINAL and item.changed is not None
    assert item.changed.by == "Lucía Prieto"

    code, _ = tx(ws, "review", "export", SLUG, "--lang", "es", "--force")
    reviewer = Reviewer(ws.review_file(SLUG, "es"))
    reviewer.retype(s[2], "final", column=3)
    code, out = tx(ws, "review", "import", str(reviewer.save()), "--by", "Omar Haddad")
    assert code == 0, out
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[2]
    assert item.changed is not None and item.changed.by == "Omar Haddad"
    code, out = tx(ws, "log", SLUG)
    assert "Omar Haddad  review import: approved 1" in out
    assert "Lucía Prieto  review import: approved 1" in out


def test_an_xliff_file_names_its_translator(ws: Workspace) -> None:
    s = _segments(ws)
    code, out = tx(ws, "xliff", "export", SLUG, "--lang", "es", "--version", "1.2")
    assert code == 0, out
    path = ws.root / "exports" / "review" / "es" / f"{SLUG}.xlf"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "</header>",
        '<phase-group><phase phase-name="rev1" process-name="review" '
        'contact-name="Jonas Berg"/></phase-group></header>',
    )
    target = workfiles.load(ws.work_file(SLUG, "es")).segments[2].target
    text = text.replace(f">{target}</target>", ">Los pasajeros esperaron horas.</target>")
    path.write_text(text, encoding="utf-8")
    code, out = tx(ws, "xliff", "import", str(path))
    assert code == 0, out
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[2]
    assert item.target == "Los pasajeros esperaron horas." and item.id == s[2]
    assert item.changed is not None and item.changed.by == "Jonas Berg"
    code, out = tx(ws, "log", SLUG, "--lang", "es")
    assert "Jonas Berg  xliff import: edited 1" in out


def test_an_older_work_file_reads_and_begins_its_history(ws: Workspace) -> None:
    path = ws.work_file(SLUG, "es")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["history"]
    for segment in data["segments"]:
        segment.pop("changed", None)
        segment.pop("draft", None)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    code, out = tx(ws, "log", SLUG, "--lang", "es")
    assert code == 0 and "no history recorded yet" in out
    code, out = tx(ws, "diff", SLUG, "--lang", "es")
    assert code == 1 and "no history recorded in this work file yet" in out
    s = _segments(ws)
    tx(ws, "review", "export", SLUG, "--lang", "es")
    reviewer = Reviewer(ws.review_file(SLUG, "es"))
    sign(reviewer, "Marta Gil")
    reviewer.retype(s[0], "final", column=3)
    code, out = tx(ws, "review", "import", str(reviewer.save()))
    assert code == 0, out
    code, out = tx(ws, "log", SLUG, "--lang", "es")
    assert "r1    (as the work file was when its history began)" in out
    assert "Marta Gil  review import: approved 1" in out
    code, out = tx(ws, "diff", SLUG, "--lang", "es", "1", "2")
    assert code == 0 and f"~ {s[0]} translated -> final (r2, Marta Gil" in out
    code, out = tx(ws, "diff", SLUG, "--lang", "es", "0")
    assert code == 1 and "revision 0 is not recorded (recorded: 1-2)" in out


def test_the_review_document_asks_for_the_reviewers_name(ws: Workspace) -> None:
    tx(ws, "review", "export", SLUG, "--lang", "es")
    document = docx.Document(str(ws.review_file(SLUG, "es")))
    texts = [p.text for p in document.paragraphs]
    assert texts[-1] == "Reviewer: "
    assert any("Write your name on the Reviewer line at the end" in text for text in texts)
