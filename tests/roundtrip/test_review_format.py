"""Tests of translate.roundtrip.review.format: status words, hashes and reading cell text."""

from __future__ import annotations

import pytest
from docx.oxml.parser import parse_xml

from translate.formats.marks import short_hash
from translate.models import Segment, State, TranslatedSegment
from translate.roundtrip.review.format import (
    APPROVE,
    NEEDS_WORK,
    approve_words,
    cell_lines,
    element_text,
    needs_work_words,
    state_label,
    status_instruction,
)

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(body: str) -> object:
    return parse_xml(f"<w:p {NS}>{body}</w:p>")


def test_tracked_insertions_and_moves_to_are_kept_deletions_dropped() -> None:
    p = paragraph(
        '<w:r><w:t xml:space="preserve">Zelensky </w:t></w:r>'
        '<w:del w:id="1" w:author="R"><w:r><w:delText>rechaza</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="R"><w:r><w:t>rechazó</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="R"><w:r><w:t> hoy</w:t></w:r></w:moveFrom>'
        '<w:r><w:t xml:space="preserve"> a Pekín</w:t></w:r>'
        '<w:moveTo w:id="4" w:author="R"><w:r><w:t> hoy</w:t></w:r></w:moveTo>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>"
        "<w:r><w:tab/><w:t>.</w:t></w:r>"
    )
    assert element_text(p) == "Zelensky rechazó a Pekín hoy ."


def test_cell_lines_skip_empty_paragraphs_and_normalise_spaces() -> None:
    cell = parse_xml(
        f"<w:tc {NS}><w:p><w:r><w:t>  uno   dos </w:t></w:r></w:p><w:p/>"
        "<w:p><w:hyperlink><w:r><w:t>tres</w:t></w:r></w:hyperlink></w:p></w:tc>"
    )
    assert cell_lines(cell) == ["uno dos", "tres"]


def test_short_hash_ignores_whitespace_differences() -> None:
    assert short_hash("Hola  mundo ") == short_hash("Hola mundo")
    assert short_hash("Hola mundo") != short_hash("Hola mundo.")
    assert len(short_hash("x")) == 8


def test_state_labels() -> None:
    segment = Segment("abc", 0, "Hello")
    item = TranslatedSegment(segment, "Hola", "apertium:eng-spa", State.TRANSLATED)
    assert state_label(item) == "machine draft"
    assert state_label(item.with_changes(origin="memory")) == "from memory"
    assert state_label(item.with_changes(state=State.REVIEWED)) == "reviewed"
    assert state_label(item.with_changes(state=State.FINAL, origin="memory")) == "final"


def test_words_per_language() -> None:
    assert approve_words("es") == (
        "final",
        "approved",
        "approve",
        "ok",
        "okay",
        "aprobado",
        "aprobada",
        "vale",
    )
    assert "approuvé" in approve_words("fr-CA")
    assert needs_work_words("de")[-2:] == ("überarbeiten", "korrigieren")
    assert approve_words("xx") == approve_words("en")


@pytest.mark.parametrize(
    ("text", "lang", "exported", "expected"),
    [
        ("FINAL", "es", "", APPROVE),
        ("final", "es", "final", None),
        (" Aprobado. ", "es", "", APPROVE),
        ("approuve", "fr", "", APPROVE),
        ("machine draft ok", "de", "", APPROVE),
        ("Needs Work", "fr", "", NEEDS_WORK),
        ("à revoir", "fr", "", NEEDS_WORK),
        ("Revisar", "es", "", NEEDS_WORK),
        ("from memory", "es", "", None),
        ("", "es", "", None),
    ],
)
def test_status_words(text: str, lang: str, exported: str, expected: str | None) -> None:
    assert status_instruction(text, lang, exported) == expected


def test_status_word_of_another_language_is_not_understood() -> None:
    with pytest.raises(ValueError):
        status_instruction("aprobado", "fr")
