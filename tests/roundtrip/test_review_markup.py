"""Inline Markdown as Word formatting in review documents (translate.roundtrip.review.markup): the
reviewer sees bold, italic, monospace and links, never Markdown; their formatting comes back
as the same markup, a link's address survives an edit of its text, and an untouched document
changes nothing."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.cli import tx
from support.review_sample import GLOSSARY, SLUG, TODAY, build_workspace
from support.reviewer import ids
from support.word_xml import edit_body, fragment, run, set_runs, translation_paragraph, w

from translate import workspace
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.roundtrip.review.markup import canonical, markdown_of
from translate.roundtrip.review.wordtext import Piece
from translate.source.inline import parse_inline
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import Workspace, workfiles

MARKED = (
    "La UE aprobó **43 mil millones** para Ucrania, según _Bruegel_ "
    "([informe](https://www.bruegel.org/report)), con el código `UA-43`."
)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = build_workspace(tmp_path / "ws")
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    segments = list(translation.segments)
    segments[2] = segments[2].with_changes(target=MARKED)
    workfiles.save(work, replace(translation, segments=tuple(segments)))
    return ws


def _runs(path: Path, segment_id: str) -> list[tuple[str, bool, bool, str | None, str | None]]:
    document = docx.Document(str(path))
    for row in document.tables[1].rows[1:]:
        if row.cells[0].text.startswith(segment_id):
            found = []
            for item in row.cells[2].paragraphs[0].iter_inner_content():
                runs = item.runs if hasattr(item, "runs") else [item]
                url = item.url if hasattr(item, "url") else None
                for r in runs:
                    found.append((r.text, bool(r.bold), bool(r.italic), r.font.name, url))
            return found
    raise KeyError(segment_id)


def test_markdown_becomes_word_formatting(ws: Workspace) -> None:
    s = ids(ws)
    path = export_review(ws, SLUG, "es", today=TODAY)
    assert _runs(path, s[2]) == [
        ("La UE aprobó ", False, False, None, None),
        ("43 mil millones", True, False, None, None),
        (" para Ucrania, según ", False, False, None, None),
        ("Bruegel", False, True, None, None),
        (" (", False, False, None, None),
        ("informe", False, False, None, "https://www.bruegel.org/report"),
        ("), con el código ", False, False, None, None),
        ("UA-43", False, False, "Courier New", None),
        (".", False, False, None, None),
    ]
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode()
    assert "**" not in body and "](" not in body and "`" not in body
    assert re.search(r"ZX\d+Q", body) is None  # no placeholder for names or numbers


def test_importing_the_untouched_document_changes_nothing(ws: Workspace) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    report = import_review(ws, export_review(ws, SLUG, "es", today=TODAY), glossary=GLOSSARY)
    assert not report.saved and report.changed == () and report.skipped == ()
    assert ws.work_file(SLUG, "es").read_bytes() == before


def test_bold_added_with_ctrl_b_comes_back_as_strong(ws: Workspace) -> None:
    s = ids(ws)
    path = export_review(ws, SLUG, "es", today=TODAY)
    before, after = "Kiev rechaza la oferta de ", " para reconstruir la red eléctrica de Ucrania"
    bold = run("Pekín", "<w:b/><w:bCs/>")
    path = set_runs(path, s[0], run(before) + bold + run(after))
    report = import_review(ws, path, glossary=GLOSSARY)
    target = workfiles.load(ws.work_file(SLUG, "es")).segments[0].target
    assert target == f"{before}**Pekín**{after}"
    assert report.changed == (s[0],)


def test_a_links_address_survives_an_edit_of_its_text(ws: Workspace) -> None:
    s = ids(ws)
    path = export_review(ws, SLUG, "es", today=TODAY)

    def retype_link(root: object) -> None:
        link = translation_paragraph(root, s[2]).find(w("hyperlink"))
        for r in link.findall(w("r")):
            link.remove(r)
        link.extend(fragment(run("el informe de octubre")))

    report = import_review(ws, edit_body(path, retype_link), glossary=GLOSSARY)
    target = workfiles.load(ws.work_file(SLUG, "es")).segments[2].target
    assert "[el informe de octubre](https://www.bruegel.org/report)" in target
    assert "**43 mil millones**" in target and "*Bruegel*" in target and "`UA-43`" in target
    assert report.changed == (s[2],)


def test_bold_removed_is_a_change(ws: Workspace) -> None:
    s = ids(ws)
    path = export_review(ws, SLUG, "es", today=TODAY)

    def unbold(root: object) -> None:
        for props in translation_paragraph(root, s[2]).iter(w("rPr")):
            for bold in props.findall(w("b")):
                props.remove(bold)

    import_review(ws, edit_body(path, unbold), glossary=GLOSSARY)
    target = workfiles.load(ws.work_file(SLUG, "es")).segments[2].target
    assert target.startswith("La UE aprobó 43 mil millones para Ucrania")


CANONICAL = [
    ("plain text", "plain text"),
    ("[People News] Ucrania", "[People News] Ucrania"),
    ("_énfasis_ y __fuerte__", "*énfasis* y **fuerte**"),
    ("***las dos***", "***las dos***"),
    ("**`código` fuerte**", "**`código` fuerte**"),
    ("5 * 3 = 15", "5 * 3 = 15"),
    (r"un \*asterisco\* literal", r"un \*asterisco\* literal"),
    ("snake_case_name", "snake_case_name"),
    ("~~tachado~~ y no", "~~tachado~~ y no"),
    ("una nota[^1] aquí", "una nota[^1] aquí"),
    ("[texto *con* estilo](https://example.org)", "[texto *con* estilo](https://example.org)"),
]


@pytest.mark.parametrize("text, expected", CANONICAL, ids=[t for t, _ in CANONICAL])
def test_canonical_markdown_reads_back_as_the_same_spans(text: str, expected: str) -> None:
    assert canonical(text) == expected
    assert parse_inline(canonical(text)) == parse_inline(text)


def test_white_space_at_the_edges_of_a_styled_stretch_moves_outside_its_markers() -> None:
    found = [Piece("Dijo "), Piece("que sí ", bold=True), Piece("ayer.")]
    assert markdown_of(found) == "Dijo **que sí** ayer."


_PIECES = st.lists(
    st.builds(
        Piece,
        # stretches of different styles meet at a space (Ctrl+B on a word or words), or at
        # the end of a word; styles that touch inside punctuation (":**:**_:_") are beyond
        # what the published editions' Markdown parser can tell apart
        text=st.from_regex(r"[ab ,.;¿(]{0,6}[ab] ", fullmatch=True),
        bold=st.booleans(),
        italic=st.booleans(),
        code=st.booleans(),
        strike=st.booleans(),
        href=st.sampled_from([None, None, "https://example.org/a", "mailto:a@example.org"]),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(_PIECES)
def test_any_formatting_in_word_comes_back_as_the_same_runs(found: list[Piece]) -> None:
    expected = [
        (c, *((False,) * 4 if c.isspace() else (p.italic, p.bold, p.code, p.strike)), p.href)
        for p in found
        for c in p.text
    ]
    assert _visible(markdown_of(found)) == expected


def _visible(text: str) -> list[tuple[object, ...]]:
    """The characters of ``text`` with their styles as a reader sees them: white space has no
    visible style."""
    return [
        (c, *((False,) * 4 if c.isspace() else (s.emphasis, s.strong, s.code, s.strike)), s.href)
        for s in parse_inline(text)
        for c in s.text
    ]


def test_bold_in_right_to_left_text_is_bold_for_word_too(ws: Workspace) -> None:
    work = ws.work_file(SLUG, "ar")
    translation = workfiles.load(work)
    first = translation.segments[0].with_changes(target="**كييف** ترفض عرض *بكين*")
    workfiles.save(work, replace(translation, segments=(first, *translation.segments[1:])))
    path = export_review(ws, SLUG, "ar", today=TODAY)
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml")
    assert b"<w:b/><w:bCs/>" in body and b"<w:i/><w:iCs/>" in body
    report = import_review(ws, path, glossary=GLOSSARY)
    assert not report.saved and report.changed == ()


@pytest.mark.apertium
@pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)
def test_a_translated_article_shows_formatting_and_no_placeholder(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "aid.md").write_text(
        "---\ntitle: Aid for Kyiv\n---\n\n"
        "Donald Trump said the EU approved **€43 billion** for *Ukraine* on 5 May, "
        "according to [Bruegel](https://www.bruegel.org/report).\n",
        "utf-8",
    )
    ws = workspace.load(tmp_path)
    code, out = tx(ws, "translate", "aid", "--to", "es", "--engine", "apertium")
    assert code == 0, out
    path = export_review(ws, "aid", "es", today=TODAY)
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode()
    assert re.search(r"ZX\d+Q", body, re.IGNORECASE) is None
    assert "**" not in body and "](" not in body
    document = docx.Document(str(path))
    runs = [
        r for p in document.tables[1].rows[2].cells[2].paragraphs for r in p.iter_inner_content()
    ]
    assert any(getattr(r, "url", None) == "https://www.bruegel.org/report" for r in runs)
    assert any(getattr(r, "bold", False) for r in runs)
    before = ws.work_file("aid", "es").read_bytes()
    assert not import_review(ws, path).saved
    assert ws.work_file("aid", "es").read_bytes() == before


def test_strikethrough_added_in_word_comes_back_as_markup(ws: Workspace) -> None:
    s = ids(ws)
    path = export_review(ws, SLUG, "es", today=TODAY)
    path = set_runs(path, s[0], run("Kiev rechaza ") + run("la oferta", "<w:strike/>"))
    import_review(ws, path, glossary=GLOSSARY)
    target = workfiles.load(ws.work_file(SLUG, "es")).segments[0].target
    assert target == "Kiev rechaza ~~la oferta~~"
