"""Tests of translate.roundtrip.review.export: the review DOCX a reviewer receives.

The workspace comes from ``support.review_sample``.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from lxml import etree
from support.review_sample import (
    ARABIC,
    SLUG,
    TODAY,
    W,
    build_workspace,
)
from support.reviewer import cell_text

from translate.errors import WorkFileError
from translate.formats.marks import short_hash
from translate.models import State
from translate.roundtrip.review.export import (
    export_open_reviews,
    export_review,
    flag_reasons,
    language_name,
    word_lang_tag,
)
from translate.workspace import Workspace, workfiles


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def _rows(path: Path) -> list[list[str]]:
    table = docx.Document(str(path)).tables[1]
    return [[cell_text(cell) for cell in row.cells] for row in table.rows]


def test_export_writes_the_review_file_with_heading_and_legend(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    assert path == ws.root / "exports" / "review" / "es" / f"{SLUG}.docx"
    text = [p.text for p in docx.Document(str(path)).paragraphs]
    assert text[0] == "Review: Kyiv Turns Down Beijing Offer to Rebuild Ukraine’s Power Grid"
    assert text[1] == "English \u2192 Spanish (español). Exported 2025-10-22."
    # not confirmed by a person (6) plus none flagged among the confirmed ones
    assert text[2].startswith("6 of 8 segments need review")
    legend = " ".join(text)
    for word in ("machine draft", "from memory", "reviewed", "final", "\u2691"):
        assert word in legend
    for word in ("“final”", "“approved”", "“ok”", "“aprobado”", "“needs work”", "“revisar”"):
        assert word in legend


def test_export_has_one_row_per_segment_with_status_and_notes(ws: Workspace) -> None:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    rows = _rows(export_review(ws, SLUG, "es", today=TODAY))
    assert rows[0][:2] == ["Segment", "Source (English), read-only"]
    assert rows[0][2:] == ["Translation (Spanish (español))", "Status", "Notes"]
    assert len(rows) == 1 + len(translation.segments)
    for row, item in zip(rows[1:], translation.segments, strict=True):
        id_lines = row[0].split("\n")
        assert id_lines[0] == item.id
        hashes = f"src {short_hash(item.segment.source)} tgt {short_hash(item.target)}"
        assert id_lines[1] == f"{hashes} {item.state.value}"
        assert row[1] == item.segment.source
        assert row[2] == item.target
        reasons = [f"\u2691 {line}" for line in flag_reasons(item)]
        assert row[4] == "\n".join([*item.notes, *reasons])
    statuses = [row[3] for row in rows[1:]]
    assert statuses == [
        "machine draft",
        "from memory",
        "machine draft",
        "machine draft",
        "reviewed",
        "machine draft",
        "final",
        "machine draft",
    ]
    assert rows[6][0].split("\n")[2] == "\u2691 1"


def test_export_shades_read_only_cells_and_colours_states(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    table = docx.Document(str(path)).tables[1]
    fills = [
        [row.cells[i]._tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill") for i in (0, 1, 3)]
        for row in table.rows[1:]
    ]
    assert all(row[0] == row[1] == "E7E6E6" for row in fills)
    assert [row[2] for row in fills][:2] == ["FCE4D6", "DDEBF7"]
    assert fills[4][2] == "E2EFDA" and fills[6][2] == "A9D08E"
    assert all(row.cells[2]._tc.find(f"{W}tcPr/{W}shd") is None for row in table.rows[1:])


def test_export_comments_on_flagged_translations(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    document = docx.Document(str(path))
    comments = list(document.comments)
    assert [(c.author, c.text) for c in comments] == [
        ("tx", "glossary: 'China (the CCP)' must be 'China (el PCCh)'")
    ]
    flagged_cell = document.tables[1].rows[6].cells[2]._tc
    assert flagged_cell.find(f".//{W}commentRangeStart") is not None
    assert flagged_cell.find(f".//{W}commentReference") is not None


def test_export_sets_the_translation_language(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    row = docx.Document(str(path)).tables[1].rows[1]
    target = row.cells[2]._tc
    langs = [el.get(f"{W}val") for el in target.iter(f"{W}lang")]
    assert langs == ["es-ES", "es-ES"]  # the paragraph mark and the run
    assert not list(target.iter(f"{W}bidi")) and not list(target.iter(f"{W}rtl"))
    assert [el.get(f"{W}val") for el in row.cells[1]._tc.iter(f"{W}lang")] == ["en-US"] * 2


def test_export_lays_out_arabic_right_to_left(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "ar", today=TODAY)
    document = docx.Document(str(path))
    assert document.paragraphs[1].text.startswith("English \u2192 Arabic (العربية).")
    target = document.tables[1].rows[1].cells[2]._tc
    assert len(list(target.iter(f"{W}bidi"))) == 1
    assert len(list(target.iter(f"{W}rtl"))) == 2
    langs = [(el.get(f"{W}val"), el.get(f"{W}bidi")) for el in target.iter(f"{W}lang")]
    assert langs == [("ar-EG", "ar-EG")] * 2
    assert document.tables[1].rows[1].cells[2].text == ARABIC[0]
    # the document stays valid XML that python-docx and zip readers accept
    with zipfile.ZipFile(path) as archive:
        etree.fromstring(archive.read("word/document.xml"))


def test_export_embeds_the_identity(ws: Workspace) -> None:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    document = docx.Document(str(export_review(ws, SLUG, "es", today=TODAY)))
    identity = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert identity["Format"] == "tx-review/1"
    assert identity["Article"] == SLUG
    assert (identity["Source language"], identity["Target language"]) == ("en", "es")
    assert identity["Work-file revision"] == "3"
    assert identity["Source digest"] == translation.source_digest
    assert identity["tx version"]
    props = document.core_properties
    assert props.subject == f"tx-review/1 {SLUG} en es"
    assert props.keywords == f"tx-review/1; revision 3; {translation.source_digest}"


def test_export_open_reviews_skips_finished_work(ws: Workspace) -> None:
    path = ws.work_file(SLUG, "ar")
    done = workfiles.load(path)
    finished = tuple(item.with_changes(state=State.FINAL) for item in done.segments)
    workfiles.save(path, replace(done, segments=finished))
    assert export_open_reviews(ws, today=TODAY).written == [ws.review_file(SLUG, "es")]
    assert not ws.review_file(SLUG, "ar").exists()


def test_export_of_a_missing_work_file_names_it(ws: Workspace) -> None:
    with pytest.raises(WorkFileError, match=r"translations/fr/.*\.json: work file not found"):
        export_review(ws, SLUG, "fr")


def test_language_names_and_word_tags() -> None:
    assert language_name("de") == "German (Deutsch)"
    assert language_name("en") == "English"
    assert language_name("xx-nonsense") == "xx-nonsense"
    assert word_lang_tag("fr") == ("fr-FR", False)
    assert word_lang_tag("pt-BR") == ("pt-BR", False)
    assert word_lang_tag("he") == ("he-IL", True)
