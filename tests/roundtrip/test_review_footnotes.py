"""Footnote references in review documents: a sentence ending in ``[^1]`` shows a superscript
mark the reviewer cannot edit (a locked content control), and imports like any other sentence:
untouched, edited in a Word-like editor, and re-saved by LibreOffice; the mark comes back as
``[^1]`` and the edition publishes with its note."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support.cli import translated_workspace, tx
from support.libreoffice import needs_soffice, resave
from support.reviewer import Reviewer
from support.word_xml import edit_body, fragment, segment_row, w

from translate.models import Flag, State
from translate.roundtrip.review.markup import canonical, markdown_of
from translate.roundtrip.review.wordtext import Piece
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import Workspace, workfiles

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]

SLUG = "grid-storage"
ARTICLE = """---
title: Batteries take over the evening peak
author: Energy desk
date: 2026-12-01
---

Home batteries cost half what they did five years ago. Battery storage on the national grid
has grown over the past decade.[^1]

The operator will publish new figures in the spring.

[^1]: Annual report of the grid operator, published in November.
"""
NOTED = "Battery storage on the national grid has grown over the past decade.[^1]"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return translated_workspace(tmp_path / "ws", SLUG, ARTICLE)


def _noted(ws: Workspace) -> Any:
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    return next(item for item in translation.segments if item.segment.source == NOTED)


def _export(ws: Workspace) -> Path:
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es")
    assert code == 0, out
    return ws.review_file(SLUG, "es")


def _import(ws: Workspace, document: Path) -> str:
    code, out = tx(ws, "review", "import", str(document))
    assert code == 0, out
    assert out.split("\n")[1].endswith("skipped 0"), out
    return out


def _marks(document: Path, segment_id: str) -> list[tuple[str, str, str, str]]:
    """(tag, lock, superscript text, cell) of each content control in the segment's row."""
    found = []
    with zipfile.ZipFile(document) as package:
        root = fragment(package.read("word/document.xml").decode().split("?>", 1)[1])[0]
    cells = segment_row(root, segment_id).findall(w("tc"))
    for column, cell in enumerate(cells):
        for control in cell.iter(w("sdt")):
            props = control.find(w("sdtPr"))
            tag, lock = ("" if e is None else e.get(w("val")) for e in _props(props))
            content = control.find(w("sdtContent"))
            runs = [r for r in content.iter(w("r")) if r.find(w("t")) is not None]
            aligned = {r.find(f"{w('rPr')}/{w('vertAlign')}").get(w("val")) for r in runs}
            assert aligned == {"superscript"}
            text = "".join("".join(r.itertext()) for r in runs)
            found.append((tag, lock, text, ("id", "source", "target")[column]))
    return found


def _props(props: Any) -> tuple[Any, Any]:
    return props.find(w("tag")), props.find(w("lock"))


def _approve_all(document: Path) -> Reviewer:
    """A reviewer types "final" in every status cell."""
    reviewer = Reviewer(document)
    for row in reviewer.table.rows[1:]:
        reviewer.retype(row.cells[0].text.split("\n")[0], "final", column=3)
    reviewer.save()
    return reviewer


def _edit_before_mark(document: Path, segment_id: str, text: str) -> None:
    """In a Word-like editor, the reviewer rewrites the words before the mark (the run
    holding them gets the new text; the mark's content control is left where it is)."""

    def edit(root: Any) -> None:
        paragraph = segment_row(root, segment_id).findall(w("tc"))[2].find(w("p"))
        first = paragraph.find(w("r"))
        first.find(w("t")).text = text

    edit_body(document, edit)


def test_the_mark_is_a_locked_superscript_and_an_untouched_document_imports(
    ws: Workspace,
) -> None:
    item = _noted(ws)
    assert item.target.endswith(".[^1]")
    document = _export(ws)
    with zipfile.ZipFile(document) as package:
        assert "[^1]" not in package.read("word/document.xml").decode()
    assert _marks(document, item.id) == [
        ("tx-footnote:1", "contentLocked", "1", "source"),
        ("tx-footnote:1", "contentLocked", "1", "target"),
    ]
    before = ws.work_file(SLUG, "es").read_bytes()
    out = _import(ws, document)
    assert "nothing changed" in out
    assert ws.work_file(SLUG, "es").read_bytes() == before


def test_an_edit_in_a_word_like_editor_keeps_the_reference(ws: Workspace) -> None:
    item = _noted(ws)
    document = _export(ws)
    edited = "El almacenamiento en baterías de la red se ha triplicado en la última década."
    _edit_before_mark(document, item.id, edited)
    _approve_all(document)
    out = _import(ws, document)
    assert "changed 1, approved 5," in out, out
    after = _noted(ws)
    assert (after.target, after.state, after.origin) == (
        f"{edited}[^1]",
        State.FINAL,
        "reviewer",
    )
    assert not after.flags


def test_a_moved_mark_comes_back_where_the_reviewer_put_it(ws: Workspace) -> None:
    item = _noted(ws)
    document = _export(ws)

    def move(root: Any) -> None:  # cut the mark and paste it after the first word
        paragraph = segment_row(root, item.id).findall(w("tc"))[2].find(w("p"))
        control = paragraph.find(w("sdt"))
        first = paragraph.find(w("r"))
        text = first.find(w("t")).text
        word, rest = text.split(" ", 1)
        first.find(w("t")).text = word
        tail = fragment(f'<w:r><w:t xml:space="preserve"> {rest}</w:t></w:r>')[0]
        first.addnext(control)
        control.addnext(tail)

    edit_body(document, move)
    _import(ws, document)
    word, rest = item.target.removesuffix("[^1]").split(" ", 1)
    assert _noted(ws).target == f"{word}[^1] {rest}"


def test_a_deleted_mark_is_flagged(ws: Workspace) -> None:
    item = _noted(ws)
    document = _export(ws)

    def delete(root: Any) -> None:
        paragraph = segment_row(root, item.id).findall(w("tc"))[2].find(w("p"))
        paragraph.remove(paragraph.find(w("sdt")))

    edit_body(document, delete)
    out = _import(ws, document)
    assert "inline formatting lost: 1 footnote reference" in out
    assert _noted(ws).target == item.target.removesuffix("[^1]")


def test_a_document_of_an_earlier_version_with_the_reference_as_text_imports(
    ws: Workspace,
) -> None:
    """Documents written before the mark existed show ``[^1]`` as text in both cells."""
    item = _noted(ws)
    document = _export(ws)

    def as_text(root: Any) -> None:
        for control in list(segment_row(root, item.id).iter(w("sdt"))):
            control.addprevious(fragment("<w:r><w:t>[^1]</w:t></w:r>")[0])
            control.getparent().remove(control)

    edit_body(document, as_text)
    _approve_all(document)
    _import(ws, document)
    after = _noted(ws)
    assert (after.target, after.state) == (item.target, State.FINAL)


def test_markdown_of_a_mark_inside_bold_text() -> None:
    text = "Dijo **que sí[^n2]** ayer."
    found = [
        Piece("Dijo "),
        Piece("que sí", bold=True),
        Piece("", bold=True, note="n2"),
        Piece(" ayer."),
    ]
    assert markdown_of(found) == canonical(text) == text
    twice = [Piece("a"), Piece("", note="1"), Piece("", note="1")]
    assert markdown_of(twice) == "a[^1][^1]"


@needs_soffice
def test_approved_after_a_libreoffice_round_trip_and_published(
    ws: Workspace, tmp_path: Path
) -> None:
    """The issue's case: the footnote sentence approved by typing "final" in its status cell
    after a LibreOffice round trip, imported, and the edition published."""
    item = _noted(ws)
    resaved = resave(_export(ws), tmp_path)
    assert _marks(resaved, item.id) == [("", "", "1", "source"), ("", "", "1", "target")]
    _approve_all(resaved)
    out = _import(ws, resaved)
    assert "changed 0, approved 5," in out, out
    after = _noted(ws)
    assert (after.target, after.state) == (item.target, State.FINAL)
    code, out = tx(ws, "export", "--lang", "es")
    assert code == 0, out
    page = ws.edition_file(SLUG, "es", "html").read_text(encoding="utf-8")
    assert '<sup class="tx-note-ref"><a href="#tx-note-1">1</a></sup>' in page
    assert "[^1]" not in page


@needs_soffice
def test_an_edit_survives_a_libreoffice_resave(ws: Workspace, tmp_path: Path) -> None:
    item = _noted(ws)
    document = _export(ws)
    edited = "La red nacional almacena hoy el triple de energía que hace diez años."
    _edit_before_mark(document, item.id, edited)
    resaved = resave(document, tmp_path)
    _import(ws, resaved)
    after = _noted(ws)
    assert (after.target, after.state, after.flags) == (f"{edited}[^1]", State.REVIEWED, ())


def test_a_flag_comment_is_anchored_outside_the_mark(ws: Workspace) -> None:
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    flagged = tuple(
        item.with_changes(flags=(Flag("numbers", "number 3 missing"),))
        if item.segment.source == NOTED
        else item
        for item in translation.segments
    )
    workfiles.save(work, replace(translation, segments=flagged))
    document = _export(ws)
    with zipfile.ZipFile(document) as package:
        root = fragment(package.read("word/document.xml").decode().split("?>", 1)[1])[0]
    target = segment_row(root, _noted(ws).id).findall(w("tc"))[2]
    control = target.find(f"{w('p')}/{w('sdt')}")
    assert [el.tag for el in control.iter(w("commentRangeEnd"), w("commentReference"))] == []
    assert target.find(f"{w('p')}/{w('commentRangeEnd')}") is not None
    before = work.read_bytes()
    _import(ws, document)
    assert work.read_bytes() == before
