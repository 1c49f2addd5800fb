"""Structures Word writes around a review document's rows and comments: rows inside a
repeating-section content control, and reply comments (threads named in the comments
extended part), read in Word's own files and after a LibreOffice re-save. The documents are
exported by tx, then edited at the XML level the way Word writes these structures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree
from support.cli import tx
from support.libreoffice import needs_soffice, resave
from support.review_sample import SLUG, SPANISH, TODAY, build_workspace
from support.reviewer import ROW_DELETED, ids
from support.word_xml import NAMESPACES, edit_body, fragment, rewrite_parts, run, set_runs, w

from translate.models import State
from translate.roundtrip.review.document import read_review_document
from translate.roundtrip.review.export import export_review
from translate.workspace import Workspace, workfiles

W14, W15 = NAMESPACES["w14"], NAMESPACES["w15"]
RETYPED = "Unos técnicos revisan un transformador dañado cerca de Járkov el 9 de octubre de 2025."
QUESTION = "¿Mantenemos «técnicos» o volvemos a «ingenieros»?"
ANSWER = "«Ingenieros»: así lo dice el comunicado."


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def _import(ws: Workspace, path: Path) -> str:
    code, out = tx(ws, "review", "import", str(path))
    assert code == 0, out
    return out


def _in_repeating_section(path: Path) -> Path:
    """Wrap the segment rows in a repeating section, one repeating-section item per row, as
    Word does when a template author makes the table's rows repeatable."""

    def edit(root: Any) -> None:
        table = list(root.iter(w("tbl")))[1]
        rows = table.findall(w("tr"))[1:]
        section = fragment(
            '<w:sdt><w:sdtPr><w:alias w:val="Segments"/><w:id w:val="-1520011"/>'
            "<w15:repeatingSection/></w:sdtPr><w:sdtContent/></w:sdt>"
        )[0]
        rows[0].addprevious(section)
        content = section.find(w("sdtContent"))
        for number, row in enumerate(rows):
            item = fragment(
                f'<w:sdt><w:sdtPr><w:id w:val="{7100 + number}"/><w15:repeatingSectionItem/>'
                "</w:sdtPr><w:sdtContent/></w:sdt>"
            )[0]
            content.append(item)
            item.find(w("sdtContent")).append(row)

    return edit_body(path, edit)


def _status(path: Path, segment_id: str, word: str) -> Path:
    def edit(root: Any) -> None:
        for row in root.iter(w("tr")):
            cells = row.findall(w("tc"))
            if cells and "".join(cells[0].itertext()).startswith(segment_id):
                paragraph = cells[3].find(w("p"))
                for old in paragraph.findall(w("r")):
                    paragraph.remove(old)
                paragraph.extend(fragment(run(word)))

    return edit_body(path, edit)


def _repeating_document(ws: Workspace) -> Path:
    s = ids(ws)
    path = _in_repeating_section(export_review(ws, SLUG, "es", today=TODAY))
    set_runs(path, s[1], run(RETYPED))
    return _status(path, s[2], "final")


def _check_repeating_import(ws: Workspace, out: str) -> None:
    s = ids(ws)
    assert ROW_DELETED not in out
    assert "changed 1, approved 1," in out and out.split("\n")[1].endswith("skipped 0"), out
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert (after[1].target, after[1].state, after[1].origin) == (
        RETYPED,
        State.REVIEWED,
        "reviewer",
    )
    assert (after[2].target, after[2].state) == (SPANISH[2][0], State.FINAL)
    assert [item.target for item in after[3:]] == [row[0] for row in SPANISH[3:]]
    assert s == [item.id for item in after]


def test_rows_in_a_repeating_section_are_read_and_applied(ws: Workspace) -> None:
    path = _repeating_document(ws)
    parsed = read_review_document(path)
    assert [row.segment_id for row in parsed.rows] == ids(ws)
    assert [row.number for row in parsed.rows] == list(range(1, 9))
    _check_repeating_import(ws, _import(ws, path))


@needs_soffice
def test_rows_in_a_repeating_section_after_a_libreoffice_resave(
    ws: Workspace, tmp_path: Path
) -> None:
    _check_repeating_import(ws, _import(ws, resave(_repeating_document(ws), tmp_path)))


def _thread(path: Path, segment_id: str, *, reply_first: bool = False) -> Path:
    """A question on a translation and a reviewer's reply to it, as Word writes a thread:
    two comments over the same words, the reply five minutes later, and the comments
    extended part naming the comment the reply answers. ``reply_first`` writes the reply
    first everywhere (its id, its anchor, its place in comments.xml) and with the question's
    date, so that only the extended part tells which answers which."""
    document = docx.Document(str(path))
    for row in document.tables[1].rows[1:]:
        if row.cells[0].text.startswith(segment_id):
            words = [r for r in row.cells[2].paragraphs[0].runs if r.text]
    first, second = (ANSWER, QUESTION) if reply_first else (QUESTION, ANSWER)
    authors = ("Bruno", "Ana") if reply_first else ("Ana", "Bruno")
    made = [
        str(document.add_comment(words, text=text, author=author, initials=author[0]).comment_id)
        for text, author in zip((first, second), authors, strict=True)
    ]
    document.save(str(path))
    question, answer = (made[1], made[0]) if reply_first else (made[0], made[1])
    dates = {question: "2026-12-07T10:00:00Z", answer: "2026-12-07T10:05:00Z"}
    if reply_first:
        dates[answer] = dates[question]

    def parts(found: dict[str, bytes]) -> None:
        comments = etree.fromstring(found["word/comments.xml"])
        for comment in comments.iter(w("comment")):
            number = comment.get(w("id"))
            if number not in dates:
                continue  # tx's flag comments
            comment.set(w("date"), dates[number])
            comment.find(w("p")).set(f"{{{W14}}}paraId", f"4A00000{number}")
        found["word/comments.xml"] = etree.tostring(comments, xml_declaration=True)
        found["word/commentsExtended.xml"] = (
            f'<w15:commentsEx xmlns:w15="{W15}">'
            f'<w15:commentEx w15:paraId="4A00000{question}" w15:done="0"/>'
            f'<w15:commentEx w15:paraId="4A00000{answer}" w15:paraIdParent="4A00000{question}"'
            ' w15:done="0"/></w15:commentsEx>'
        ).encode()
        found["[Content_Types].xml"] = found["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/word/commentsExtended.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
        )
        found["word/_rels/document.xml.rels"] = found["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdThread" Type="http://schemas.microsoft.com/office/2011/'
            b'relationships/commentsExtended" Target="commentsExtended.xml"/></Relationships>',
        )
        root = etree.fromstring(found["word/document.xml"])
        _word_anchors(root, *made)
        found["word/document.xml"] = etree.tostring(root, xml_declaration=True)

    return rewrite_parts(path, parts)


def _word_anchors(root: Any, first: str, second: str) -> None:
    """Both ranges start before the words; each ends, with its reference mark, after them,
    the first comment's first (python-docx nests the second range inside the first)."""
    ends = {e.get(w("id")): e for e in root.iter(w("commentRangeEnd"))}
    marks = {e.get(w("id")): e.getparent() for e in root.iter(w("commentReference"))}
    paragraph = ends[first].getparent()
    for element in (ends[first], marks[first], ends[second], marks[second]):
        element.getparent().remove(element)
        paragraph.append(element)


def _notes(ws: Workspace, segment: int) -> tuple[str, ...]:
    return workfiles.load(ws.work_file(SLUG, "es")).segments[segment].notes


def test_a_reply_follows_the_comment_it_answers(ws: Workspace) -> None:
    path = _thread(export_review(ws, SLUG, "es", today=TODAY), ids(ws)[1])
    _import(ws, path)
    assert _notes(ws, 1) == (f"Ana: {QUESTION}", f"Bruno: {ANSWER}")


def test_the_comments_extended_part_decides_when_nothing_else_does(ws: Workspace) -> None:
    path = _thread(export_review(ws, SLUG, "es", today=TODAY), ids(ws)[1], reply_first=True)
    with_thread = read_review_document(path).rows[1].comments
    assert with_thread == (f"Ana: {QUESTION}", f"Bruno: {ANSWER}")

    def drop(found: dict[str, bytes]) -> None:
        del found["word/commentsExtended.xml"]
        rels = found["word/_rels/document.xml.rels"]
        found["word/_rels/document.xml.rels"] = rels.replace(
            b'<Relationship Id="rIdThread" Type="http://schemas.microsoft.com/office/2011/'
            b'relationships/commentsExtended" Target="commentsExtended.xml"/>',
            b"",
        )

    without = read_review_document(rewrite_parts(path, drop)).rows[1].comments
    assert without == (f"Bruno: {ANSWER}", f"Ana: {QUESTION}")  # document order


@needs_soffice
def test_a_reply_keeps_its_place_after_a_libreoffice_resave(ws: Workspace, tmp_path: Path) -> None:
    path = _thread(export_review(ws, SLUG, "es", today=TODAY), ids(ws)[1])
    resaved = resave(path, tmp_path)
    _import(ws, resaved)
    assert _notes(ws, 1) == (f"Ana: {QUESTION}", f"Bruno: {ANSWER}")
