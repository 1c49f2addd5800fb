"""Tests of translate.roundtrip.review.importer: a reviewed DOCX applied back to its work file.

``Reviewer`` edits an exported document the way Word does (retyped cells, tracked changes,
comments, status words, deleted, copied and moved rows); the LibreOffice tests reuse it.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from support.review_sample import (
    GLOSSARY,
    SLUG,
    SPANISH,
    TODAY,
    build_workspace,
)
from support.reviewer import ROW_DELETED, Reviewer, check_round_result, ids, review_round

from translate.errors import ReviewError
from translate.models import State
from translate.roundtrip.review.document import read_review_document
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.workspace import Workspace, workfiles


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def test_review_round_trip_applies_each_edit_exactly(ws: Workspace) -> None:
    reviewer = review_round(ws)
    report = import_review(ws, reviewer.path, glossary=GLOSSARY)
    check_round_result(ws, report, reviewer.path.name)
    assert report.warnings == ()
    summary = "\n".join(report.summary())
    assert "changed 3, approved 1, needs work 1, flagged 1, notes added 1, skipped 1" in summary
    assert f"saved {ws.work_file(SLUG, 'es')} (revision 4)" in summary


def test_second_import_of_the_same_file_changes_nothing(ws: Workspace) -> None:
    reviewer = review_round(ws)
    import_review(ws, reviewer.path, glossary=GLOSSARY)
    before = ws.work_file(SLUG, "es").read_bytes()
    again = import_review(ws, reviewer.path, glossary=GLOSSARY)
    assert ws.work_file(SLUG, "es").read_bytes() == before
    assert not again.saved and again.revision == 4
    assert (again.changed, again.approved, again.needs_work, again.noted) == ((), (), (), ())
    assert "nothing changed" in again.summary()[-1]


def test_unedited_document_changes_nothing(ws: Workspace) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    report = import_review(ws, export_review(ws, SLUG, "es", today=TODAY), glossary=GLOSSARY)
    assert ws.work_file(SLUG, "es").read_bytes() == before
    assert not report.saved and report.skipped == ()


def test_a_reviewers_slip_is_flagged_by_the_checks(ws: Workspace) -> None:
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.retype(s[4], SPANISH[4][0].replace("del 21 de octubre", "del 12 de octubre"))
    reviewer.retype(s[6], SPANISH[6][0].replace("China (el PCCh)", "China (el Partido)"))
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert {f.code for f in after.segments[4].flags} == {"number"}
    assert [f.code for f in after.segments[6].flags] == ["glossary"]
    assert after.segments[6].state is State.REVIEWED
    assert [sid for sid, _ in report.flagged] == [s[4], s[6]]


def test_duplicated_rows(ws: Workspace) -> None:
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.retype(s[0], "Kiev rechaza la oferta de Pekín")
    reviewer.duplicate(s[0])  # identical copies: applied once
    reviewer.duplicate(s[1])  # copies that differ: neither applied
    reviewer.retype(s[1], "Texto distinto")
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    name = reviewer.path.name
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (
            s[1],
            f"{name}: rows 3, 4 are copies of this segment with different content; none "
            "applied (keep one row per segment)",
        )
    ]
    assert report.warnings == (
        f"{name}: segment {s[0]}: rows 1, 2 are identical copies; applied once",
    )
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert after.segments[0].target == "Kiev rechaza la oferta de Pekín"
    assert after.segments[1] == workfiles.load(ws.work_file(SLUG, "es")).segments[1]
    assert after.segments[1].target == SPANISH[1][0]


def test_reordered_rows_are_matched_by_id(ws: Workspace) -> None:
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.move_to_end(s[0])
    reviewer.retype(s[0], "Kiev rechaza la oferta de Pekín")
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    assert report.warnings == (
        f"{reviewer.path.name}: rows are not in the exported order (reordered?); matched by "
        "segment id",
    )
    assert report.changed == (s[0],) and report.skipped == ()
    assert workfiles.load(ws.work_file(SLUG, "es")).segments[0].target == (
        "Kiev rechaza la oferta de Pekín"
    )


def test_edited_ids_and_sources_are_skipped_and_reported(ws: Workspace) -> None:
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.row(s[0]).cells[0].paragraphs[1].runs[0].text = "src edited"  # hash line damaged
    reviewer.retype(s[0], "0000aaaa0000", column=0)
    reviewer.retype(s[1], "Mi traducción", column=2)
    id_paragraph = reviewer.row(s[1]).cells[0].paragraphs[0]
    id_paragraph.runs[0].text = "ffffffffffff"  # id edited, hash line kept
    reviewer.retype(s[2], "Kyiv says no.", column=1)  # source edited
    reviewer.retype(s[2], "Kiev dice que no.")
    path = reviewer.save()
    before = workfiles.load(ws.work_file(SLUG, "es"))
    report = import_review(ws, path, glossary=GLOSSARY)
    name = path.name
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (
            "0000aaaa0000",
            f"{name}: row 1: the segment id cell was edited and cannot be read; not applied "
            f"(translation: «{SPANISH[0][0]}»)",
        ),
        (
            "ffffffffffff",
            f"{name}: row 2: no segment with this id in the work file (id edited?); not "
            "applied (translation: «Mi traducción»)",
        ),
        (s[0], f"{name}: {ROW_DELETED}"),
        (s[1], f"{name}: {ROW_DELETED}"),
        (
            s[2],
            f"{name}: row 3: the source text was edited in the document; not applied (only "
            "the Translation, Status and Notes columns may be edited) (translation: «Kiev "
            "dice que no.»)",
        ),
    ]
    assert not report.saved
    assert workfiles.load(ws.work_file(SLUG, "es")) == before


def _refused(ws: Workspace, path: Path, match: str, **expect: object) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    with pytest.raises(ReviewError, match=match) as caught:
        import_review(ws, path, glossary=GLOSSARY, **expect)  # type: ignore[arg-type]
    assert str(path) in str(caught.value)
    assert ws.work_file(SLUG, "es").read_bytes() == before


def test_document_of_another_article_or_language_is_refused(ws: Workspace) -> None:
    path = review_round(ws).path
    _refused(
        ws,
        path,
        f"is the review of article '{SLUG}' in 'es', not of 'other-story' in 'es'",
        slug="other-story",
    )
    _refused(
        ws, path, f"is the review of article '{SLUG}' in 'es', not of '{SLUG}' in 'fr'", lang="fr"
    )
    # a work file that holds another article than its name says
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    workfiles.save(work, replace(translation, slug="other-story"))
    _refused(ws, path, f"this document reviews '{SLUG}' \\(en -> es\\) but .* holds 'other-story'")


def test_renamed_document_imports_by_its_identity(ws: Workspace, tmp_path: Path) -> None:
    path = review_round(ws).path
    renamed = tmp_path / "fr" / "another-article.docx"
    renamed.parent.mkdir()
    shutil.copy(path, renamed)
    report = import_review(ws, renamed, glossary=GLOSSARY)
    assert (report.slug, report.lang) == (SLUG, "es")
    assert report.warnings == (
        f"another-article.docx: the file name differs from the article it reviews ('{SLUG}'); "
        "imported by the document's own identity",
    )
    check_round_result(ws, report, "another-article.docx")


def _retranslate_row_3(ws: Workspace) -> list[str]:
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    retranslated = list(translation.segments)
    retranslated[3] = retranslated[3].with_changes(target="Otra traducción automática.")
    workfiles.save(work, replace(translation, segments=tuple(retranslated), revision=4))
    return [item.id for item in retranslated]


def test_a_conflicting_row_is_reported_and_the_others_imported(ws: Workspace) -> None:
    path = review_round(ws).path
    s = _retranslate_row_3(ws)
    report = import_review(ws, path, glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert after.segments[3].target == "Otra traducción automática."  # left alone
    assert report.changed == (s[0], s[5]) and report.approved == (s[2],)
    assert after.segments[0].state is State.REVIEWED and after.segments[2].state is State.FINAL
    assert [(c.segment_id, c.reason) for c in report.conflicts] == [
        (
            s[3],
            f"{path.name}: row 4: translation edited in the document, but the work file's "
            "translation changed since the export (it now reads «Otra traducción "
            "automática.»); row left alone: redo it on a new export",
        )
    ]
    summary = "\n".join(report.summary())
    assert f"  conflict {s[3]}: {path.name}: row 4: translation edited" in summary
    assert "skipped 1, conflicts 1" in summary and report.saved


def test_all_or_nothing_refuses_a_document_with_a_conflict(ws: Workspace) -> None:
    path = review_round(ws).path
    s = _retranslate_row_3(ws)
    _refused(
        ws,
        path,
        "work file changed since this review was exported; export a new review document "
        rf"\(work file .*{SLUG}.json is at revision 4, the document was exported at revision 3; "
        rf"changed on both sides: {s[3]}: translation edited\)",
        all_or_nothing=True,
    )


def test_work_file_changed_elsewhere_still_imports(ws: Workspace) -> None:
    path = review_round(ws).path
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    changed = list(translation.segments)
    changed[6] = changed[6].with_changes(notes=("Ana: revisado otra vez",))
    workfiles.save(work, replace(translation, segments=tuple(changed), revision=5))
    report = import_review(ws, path, glossary=GLOSSARY)
    after = workfiles.load(work)
    assert after.revision == 6 and report.changed == (changed[0].id, changed[3].id, changed[5].id)
    assert after.segments[6].notes == ("Ana: revisado otra vez",)


def test_source_changed_since_export_imports_the_sentences_still_there(ws: Workspace) -> None:
    path = review_round(ws).path
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    gone = translation.segments[0].id
    kept = tuple(
        replace(item, segment=replace(item.segment, id="new-" + item.id)) if i == 0 else item
        for i, item in enumerate(translation.segments)
    )
    workfiles.save(work, replace(translation, segments=kept, source_digest="0" * 64, revision=4))
    report = import_review(ws, path, glossary=GLOSSARY)
    assert report.changed == (kept[3].id, kept[5].id) and report.approved == (kept[2].id,)
    assert any(
        k.segment_id == gone and "its source sentence changed since the export" in k.reason
        for k in report.skipped
    )
    assert "the source article changed since this review was exported" in report.warnings[-1]


def test_source_changed_since_export_is_refused_all_or_nothing(ws: Workspace) -> None:
    path = review_round(ws).path
    work = ws.work_file(SLUG, "es")
    workfiles.save(work, replace(workfiles.load(work), source_digest="0" * 64, revision=4))
    _refused(
        ws,
        path,
        "work file changed since this review was exported; export a new review",
        all_or_nothing=True,
    )


def test_work_file_older_than_the_document_is_refused(ws: Workspace) -> None:
    path = review_round(ws).path
    work = ws.work_file(SLUG, "es")
    workfiles.save(work, replace(workfiles.load(work), revision=1))
    _refused(ws, path, "exported from revision 3 of .* which is now at the older revision 1")


def test_files_that_are_not_review_documents_are_refused(ws: Workspace, tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("not a zip", encoding="utf-8")
    _refused(ws, text, "not a readable DOCX file")
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Hola")
    document.save(str(plain))
    _refused(ws, plain, "not a tx review document")


def test_identity_falls_back_to_document_properties(ws: Workspace) -> None:
    reviewer = review_round(ws)
    identity = reviewer.document.tables[0]._tbl
    identity.getparent().remove(identity)
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    assert report.warnings == (
        f"{reviewer.path.name}: the identity table is missing; used the document properties",
    )
    check_round_result(ws, report, reviewer.path.name)


def test_unknown_status_words_are_reported_and_notes_cells_kept(ws: Workspace) -> None:
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.retype(s[0], "quizás", column=3)
    reviewer.retype(s[0], "Kiev rechaza la oferta de Pekín")
    reviewer.retype(s[1], "Comprobar el nombre de Volodymyr", column=4)
    reviewer.comment(s[1], "Este comentario está en la fuente", column=1)
    reviewer.document.add_comment(
        reviewer.document.paragraphs[0].runs, text="Buen título", author="Reviewer"
    )
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    name = reviewer.path.name
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (
            s[0],
            f"{name}: row 1: status 'quizás' not understood (use one of: final, approved, "
            "approve, ok, okay, aprobado, aprobada, vale, needs work, revise, fix, revisar, "
            "corregir); status left unchanged",
        )
    ]
    assert report.warnings == (
        f"{name}: a comment outside the segment rows was not imported: Reviewer: Buen título",
    )
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert (after[0].target, after[0].state) == (
        "Kiev rechaza la oferta de Pekín",
        State.REVIEWED,
    )
    assert after[1].notes == (
        "Comprobar el nombre de Volodymyr",
        "Reviewer: Este comentario está en la fuente",
    )


def test_arabic_review_round_trip(ws: Workspace) -> None:
    path = export_review(ws, SLUG, "ar", today=TODAY)
    reviewer = Reviewer(path)
    first = workfiles.load(ws.work_file(SLUG, "ar")).segments[0].id
    reviewer.retype(first, "زيلينسكي يرفض أن تكون بكين ضامنة لأمن أوكرانيا")
    reviewer.retype(first, "موافق", column=3)
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    item = workfiles.load(ws.work_file(SLUG, "ar")).segments[0]
    assert (item.target, item.origin, item.state) == (
        "زيلينسكي يرفض أن تكون بكين ضامنة لأمن أوكرانيا",
        "reviewer",
        State.FINAL,
    )
    assert report.changed == report.approved == (first,)


def test_tracked_changes_are_read_as_accepted(ws: Workspace) -> None:
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.track(s[0], "Kiev rechaza la oferta de ", "Pekín", "Beijing", " para la red")
    paragraph = reviewer.row(s[0]).cells[2].paragraphs[0]
    assert "Beijing" not in paragraph.text  # python-docx drops inserted text
    rows = read_review_document(reviewer.save()).rows
    assert rows[0].target == "Kiev rechaza la oferta de Beijing para la red"
