"""The review document says what each segment is in its article (a title, a table cell under
its column's header, an image's alt text, a footnote ...) in the reviewer's language, and keeps
the row identities (segment id, hashes, exported state) out of sight as hidden text that the
import still reads: untouched, edited, and re-saved by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from support.cli import translated_workspace, tx
from support.libreoffice import needs_soffice, resave
from support.reviewer import Reviewer

from translate.models import State
from translate.roundtrip.review.context import label
from translate.roundtrip.review.format import cell_lines
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import Workspace, workfiles

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]

SLUG = "ferry-vote"
ARTICLE = """---
title: Islanders vote on the new ferry timetable
summary: Two thirds of the island's voters took part.
author: Coast desk
date: 2026-11-30
image: harbour.jpg
image_alt: Passengers queue on the pier
image_caption: The morning ferry leaves the harbour.
---

The council counted the ballots on Sunday evening.[^1]

## The count

| Option | Share |
| --- | --- |
| Early ferry | 58 |
| Late ferry | 42 |

![A ferry leaving the harbour at dawn](ferry.jpg)

(Reporting by the coast desk.)

[^1]: Figures from the island council.
"""

# source sentence -> the Spanish label its row shows
EXPECTED = {
    "Islanders vote on the new ferry timetable": "Título",
    "Two thirds of the island's voters took part.": "Resumen",
    "The council counted the ballots on Sunday evening.[^1]": "Párrafo",
    "The count": "Encabezado",
    "Share": "Encabezado de tabla",
    "Early ferry": "Celda de tabla, columna: Option",
    "58": "Celda de tabla, columna: Share",
    "A ferry leaving the harbour at dawn": "Texto alternativo de imagen",
    "Passengers queue on the pier": "Texto alternativo de imagen",
    "The morning ferry leaves the harbour.": "Pie de foto",
    "(Reporting by the coast desk.)": "Crédito",
    "Figures from the island council.": "Nota al pie 1",
}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return translated_workspace(tmp_path / "ws", SLUG, ARTICLE)


def _export(ws: Workspace) -> Path:
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es")
    assert code == 0, out
    return ws.review_file(SLUG, "es")


def _rows(document: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Source text -> (hidden and visible lines, visible lines) of the row's first cell."""
    table = docx.Document(str(document)).tables[1]
    found = {}
    for row in table.rows[1:]:
        first = row.cells[0]._tc
        source = " ".join(cell_lines(row.cells[1]._tc))
        found[source] = (cell_lines(first, hidden=True), cell_lines(first))
    return found


def _import(ws: Workspace, document: Path) -> str:
    code, out = tx(ws, "review", "import", str(document))
    assert code == 0, out
    assert out.split("\n")[1].endswith("skipped 0"), out
    return out


def test_each_row_names_its_kind_in_the_reviewers_language(ws: Workspace) -> None:
    rows = _rows(_export(ws))
    shown = {source: visible for source, (_, visible) in rows.items()}
    for source, kind in EXPECTED.items():
        key = source.replace("[^1]", "")
        assert key in shown, sorted(shown)
        assert shown[key][0] == kind, (source, shown[key])


def test_ids_and_hashes_are_hidden_but_kept(ws: Workspace) -> None:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    document = _export(ws)
    rows = list(_rows(document).values())
    assert len(rows) == len(translation.segments)
    for (everything, visible), item in zip(rows, translation.segments, strict=True):
        assert everything[0] == item.id
        assert everything[1].startswith("src ") and everything[1].endswith(item.state.value)
        assert item.id not in " ".join(visible)
        assert not any(line.startswith("src ") for line in visible)
        assert not any("no score" in line for line in visible)


def test_an_untouched_document_imports_unchanged(ws: Workspace) -> None:
    document = _export(ws)
    before = ws.work_file(SLUG, "es").read_bytes()
    assert "nothing changed" in _import(ws, document)
    assert ws.work_file(SLUG, "es").read_bytes() == before


def test_an_edited_table_cell_imports_into_its_segment(ws: Workspace) -> None:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    cell = next(item for item in translation.segments if item.segment.source == "Early ferry")
    reviewer = Reviewer(_export(ws))
    reviewer.retype(cell.id, "Ferri de la mañana")
    reviewer.save()
    _import(ws, reviewer.path)
    after = workfiles.load(ws.work_file(SLUG, "es"))
    changed = next(item for item in after.segments if item.id == cell.id)
    assert changed.target == "Ferri de la mañana"
    assert changed.state is State.REVIEWED


@needs_soffice
def test_a_libreoffice_resave_keeps_the_hidden_identities(ws: Workspace, tmp_path: Path) -> None:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    note = next(item for item in translation.segments if item.segment.source.startswith("Figures"))
    reviewer = Reviewer(_export(ws))
    reviewer.retype(note.id, "Cifras del consejo insular.")
    reviewer.save()
    resaved = resave(reviewer.path, tmp_path)
    for everything, visible in _rows(resaved).values():
        assert len(everything) > len(visible)
        assert everything[1].startswith("src ")
    _import(ws, resaved)
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert next(i for i in after.segments if i.id == note.id).target == (
        "Cifras del consejo insular."
    )


def test_labels_fall_back_to_english() -> None:
    assert label("image", "pt-BR") == "Image alt text"
    assert label("footnote", "de-AT") == "Fußnote"
