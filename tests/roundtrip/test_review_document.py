"""Tests of translate.roundtrip.review.document: reading a review DOCX back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from support.review_sample import (
    SLUG,
    TODAY,
    build_workspace,
)

from translate.errors import ReviewError
from translate.formats.marks import short_hash
from translate.roundtrip.review.document import read_review_document
from translate.roundtrip.review.export import export_review
from translate.workspace import Workspace, workfiles


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def test_reads_identity_and_rows_as_exported(ws: Workspace) -> None:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    parsed = read_review_document(export_review(ws, SLUG, "es", today=TODAY))
    ident = parsed.identity
    assert (ident.slug, ident.source_lang, ident.target_lang) == (SLUG, "en", "es")
    assert (ident.revision, ident.source_digest) == (3, translation.source_digest)
    assert parsed.warnings == ()
    assert [row.number for row in parsed.rows] == list(range(1, 9))
    for row, item in zip(parsed.rows, translation.segments, strict=True):
        assert (row.segment_id, row.source, row.target) == (
            item.id,
            item.segment.source,
            item.target,
        )
        assert (row.source_hash, row.target_hash) == (
            short_hash(item.segment.source),
            short_hash(item.target),
        )
        assert row.exported_state == item.state.value
        assert row.notes == item.notes
        assert row.comments == ()  # tx's own flag comment is not a reviewer comment


def test_damaged_identity_table_is_refused(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    document = docx.Document(str(path))
    document.tables[0].rows[5].cells[1].paragraphs[0].runs[0].text = "three"
    document.save(str(path))
    with pytest.raises(ReviewError, match=r"the identity table is damaged .*export a new review"):
        read_review_document(path)


def test_missing_segment_table_is_refused(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    document = docx.Document(str(path))
    table = document.tables[1]._tbl
    table.getparent().remove(table)
    document.save(str(path))
    with pytest.raises(ReviewError, match=f"segment table .* is missing .*review export {SLUG}"):
        read_review_document(path)


def test_rows_with_missing_cells_are_reported(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "es", today=TODAY)
    document = docx.Document(str(path))
    tr = document.tables[1].rows[2]._tr
    for tc in tr.findall(qn("w:tc"))[3:]:
        tr.remove(tc)
    document.save(str(path))
    parsed = read_review_document(path)
    assert len(parsed.rows) == 7
    assert parsed.warnings[0].startswith(f"{path.name}: row 2 has 3 cells instead of 5")
