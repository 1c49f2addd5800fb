"""Review documents re-saved by a real LibreOffice Writer import exactly like the originals.

Each test edits an exported document like a reviewer, re-saves it with
``soffice --headless --convert-to docx`` (its own user profile, so runs can go in parallel)
and imports the result. Skipped only when soffice is not installed.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from support.libreoffice import SOFFICE, resave
from support.review_sample import (
    GLOSSARY,
    SLUG,
    TODAY,
    W,
    build_workspace,
)
from support.reviewer import Reviewer, check_round_result, ids, review_round

from translate.errors import ReviewError
from translate.roundtrip.review.document import read_review_document
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.workspace import Workspace, workfiles

pytestmark = SOFFICE


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def test_round_trip_after_a_libreoffice_resave(ws: Workspace, tmp_path: Path) -> None:
    resaved = resave(review_round(ws).path, tmp_path)
    report = import_review(ws, resaved, glossary=GLOSSARY)
    check_round_result(ws, report, resaved.name)
    assert report.warnings == ()
    before = ws.work_file(SLUG, "es").read_bytes()
    assert not import_review(ws, resaved, glossary=GLOSSARY).saved
    assert ws.work_file(SLUG, "es").read_bytes() == before


def test_unedited_resave_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    resaved = resave(export_review(ws, SLUG, "es", today=TODAY), tmp_path)
    report = import_review(ws, resaved, glossary=GLOSSARY)
    assert not report.saved and report.skipped == () and report.warnings == ()
    assert ws.work_file(SLUG, "es").read_bytes() == before


def test_what_survives_a_resave(ws: Workspace, tmp_path: Path) -> None:
    original = export_review(ws, SLUG, "es", today=TODAY)
    resaved = resave(original, tmp_path)
    first, second = read_review_document(original), read_review_document(resaved)
    assert second.identity == first.identity
    assert second.rows == first.rows
    # the identity is also kept in the core properties (the fallback)
    with zipfile.ZipFile(resaved) as package:
        core = package.read("docProps/core.xml").decode()
    assert f"<dc:subject>tx-review/1 {SLUG} en es</dc:subject>" in core
    document = docx.Document(str(resaved))
    assert [(c.author, c.text) for c in document.comments] == [
        ("tx", "glossary: 'China (the CCP)' must be 'China (el PCCh)'")
    ]
    target = document.tables[1].rows[1].cells[2]._tc
    assert "es-ES" in {el.get(f"{W}val") for el in target.iter(f"{W}lang")}


def test_arabic_stays_right_to_left(ws: Workspace, tmp_path: Path) -> None:
    resaved = resave(export_review(ws, SLUG, "ar", today=TODAY), tmp_path)
    target = docx.Document(str(resaved)).tables[1].rows[1].cells[2]._tc
    assert list(target.iter(f"{W}bidi"))
    assert "ar-EG" in {el.get(f"{W}bidi") for el in target.iter(f"{W}lang")}


def test_mismatch_after_resave_is_still_detected(ws: Workspace, tmp_path: Path) -> None:
    resaved = resave(review_round(ws).path, tmp_path)
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    segments = list(translation.segments)
    segments[0] = segments[0].with_changes(target="Otra traducción")
    workfiles.save(work, replace(translation, segments=tuple(segments), revision=4))
    before = work.read_bytes()
    with pytest.raises(
        ReviewError, match=f"changed on both sides: {ids(ws)[0]}: translation edited"
    ):
        import_review(ws, resaved, glossary=GLOSSARY, all_or_nothing=True)
    assert work.read_bytes() == before
    report = import_review(ws, resaved, glossary=GLOSSARY)
    assert [c.segment_id for c in report.conflicts] == [ids(ws)[0]]
    assert workfiles.load(work).segments[0].target == "Otra traducción"


def test_identity_fallback_after_resave(ws: Workspace, tmp_path: Path) -> None:
    reviewer = Reviewer(review_round(ws).path)
    identity = reviewer.document.tables[0]._tbl
    identity.getparent().remove(identity)
    resaved = resave(reviewer.save(), tmp_path)
    report = import_review(ws, resaved, glossary=GLOSSARY)
    assert report.warnings == (
        f"{resaved.name}: the identity table is missing; used the document properties",
    )
    check_round_result(ws, report, resaved.name)


def test_formatting_survives_a_resave_and_reads_back_unchanged(
    ws: Workspace, tmp_path: Path
) -> None:
    marked = "La UE aprobó **43 mil millones**, dijo *Bruegel* ([informe](https://bruegel.org/r))."
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    segments = list(translation.segments)
    segments[2] = segments[2].with_changes(target=marked)
    workfiles.save(work, replace(translation, segments=tuple(segments)))
    before = work.read_bytes()
    resaved = resave(export_review(ws, SLUG, "es", today=TODAY), tmp_path)
    report = import_review(ws, resaved, glossary=GLOSSARY)
    assert not report.saved and report.changed == ()
    assert work.read_bytes() == before
