"""Checks flag what a reviewer must look at, with messages that say what is wrong."""

from __future__ import annotations

from translate.checks.segment import check_segment
from translate.models import Glossary, Term, TermMatch, TermType

CCP = Term("China (the CCP)", {"es": "China (el PCCh)"}, avoid={"es": ("Partido Comunista Chino",)})
TRUMP = Term("Donald Trump", {}, type=TermType.KEEP, avoid={"es": ("Donald Triunfo",)})
GLOSSARY = Glossary("en", (CCP, TRUMP))


# The QA pass (tests/test_qa.py) is left out: these tests feed deliberately rough targets.
QA = {"spacing", "repeated-word", "punctuation", "brackets", "quotes", "markup"}


def codes(source: str, target: str, matches: list[TermMatch] | None = None) -> list[str]:
    found = check_segment(source, target, GLOSSARY, "es", matches or [])
    return [flag.code for flag in found if flag.code not in QA]


def test_a_good_translation_has_no_flags() -> None:
    source = "China (the CCP) sold 80% of 1,000 drones."
    match = TermMatch(CCP, 0, 15, "China (the CCP)")
    assert codes(source, "China (el PCCh) vendió el 80% de 1.000 drones.", [match]) == []


def test_missing_approved_term_names_the_term() -> None:
    source = "China (the CCP) helped. China (the CCP) sold."
    matches = [TermMatch(CCP, 0, 15, "China (the CCP)"), TermMatch(CCP, 24, 39, "China (the CCP)")]
    [flag] = check_segment(source, "China (el PCCh) ayudó. China vendió.", GLOSSARY, "es", matches)
    assert (
        flag.message == "glossary: 'China (the CCP)' must be 'China (el PCCh)' (1 of 2 occurrences)"
    )


def test_approved_term_matches_at_sentence_start_in_any_case() -> None:
    match = TermMatch(CCP, 0, 15, "China (the CCP)")
    assert codes("China (the CCP) won.", "china  (el PCCh) ganó.", [match]) == []


def test_avoided_rendering_is_flagged() -> None:
    [flag] = check_segment("Donald Trump spoke.", "Donald Triunfo habló.", GLOSSARY, "es", [])
    assert flag.code == "avoid"
    assert "'Donald Triunfo' is a wrong rendering of 'Donald Trump'" in flag.message


def test_numbers_and_urls_must_survive() -> None:
    assert codes("It cost 3.5 million.", "Costó 3,5 millones.") == []
    assert codes("It cost 3.5 million in 2024.", "Costó 3,5 millones.") == ["number"]
    assert codes("See https://a.example/x now.", "Vea ahora.") == ["url"]


def test_empty_untranslated_and_runaway_output() -> None:
    assert codes("The talks failed.", " ") == ["empty"]
    assert codes("The talks failed.", "The talks failed.") == ["untranslated"]
    assert codes("Ukrinform", "Ukrinform") == []  # a lone name is the same in every language
    assert codes("The talks failed.", "las las las las las conversaciones") == ["repetition"]
