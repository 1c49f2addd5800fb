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


KYIV = Term("Kyiv", {"es": "Kiev"}, avoid={"es": ("Kyiv",)})
ZELENSKY = Term("Zelensky", {}, type=TermType.KEEP, variants={"ru": ("Зеленский",)})
YERMAK = Term("Andriy Yermak", {}, type=TermType.KEEP)
NAMES = Glossary("en", (KYIV, ZELENSKY, YERMAK, CCP))


def all_codes(source: str, target: str, lang: str, glossary: Glossary = NAMES) -> list[str]:
    return [flag.code for flag in check_segment(source, target, glossary, lang)]


def test_a_wrong_rendering_on_the_avoid_list_is_one_flag() -> None:
    assert all_codes("Kyiv protested.", "Kyiv protestó.", "es") == ["avoid"]
    assert all_codes("Kyiv protested.", "Kiev protestó.", "es") == []


def test_a_kept_name_in_another_script() -> None:
    # a form the glossary gives (here a variant) is demanded, in any case form
    assert all_codes("Zelensky spoke.", "Зеленский выступил.", "ru") == []
    assert all_codes("They met Zelensky.", "Они встретились с Зеленским.", "ru") == []
    assert all_codes("Zelensky spoke.", "Зеленськiй выступил.", "ru") == ["glossary"]
    # no form for the script: not demanded in Latin letters; in Latin scripts, as written
    assert all_codes("Andriy Yermak spoke.", "Андрей Ермак выступил.", "ru") == []
    assert all_codes("Andriy Yermak spoke.", "Andrij Jermak habló.", "es") == ["glossary"]
    [flag] = check_segment("Andriy Yermak spoke.", "Jermak habló.", NAMES, "es")
    assert flag.message == "glossary: the name 'Andriy Yermak' is kept as written and is missing"


def test_untranslated_sentences_and_words() -> None:
    source = "Kyiv said the negotiations would continue."
    assert all_codes(source, "Kiev said the negotiations would continue.", "es") == ["untranslated"]
    assert all_codes(source, "Kiev dijo que las negociaciones continuarían.", "es") == []
    assert all_codes("Two berths were reserved.", "Se reservaron dos berths.", "es") == [
        "untranslated"
    ]
    assert (
        all_codes("The plan was approved.", "El plan fue aprobado.", "es") == []
    )  # a word of both
    # words the engine marked as unknown, unless the language has them
    source, target = "The rebels shelled Kostyantynivka.", "Los rebeldes shelled Kostyantynivka."
    [flag] = check_segment(source, target, NAMES, "es", unknown=["shelled", "Kostyantynivka"])
    assert flag.message == "words left untranslated: shelled"
    assert all_codes("Two drones fell.", "Cayeron dos drones.", "es") == []
    assert all_codes("Two berths were reserved.", "预留了两个berths。", "zh") == ["untranslated"]


def test_repetition_of_phrases_sentences_and_characters() -> None:
    source = "The summit ended without an agreement."
    assert all_codes(source, "La cumbre terminó sin un acuerdo sin un acuerdo.", "es") == [
        "repetition"
    ]
    twice = "La cumbre terminó sin acuerdo. La cumbre terminó sin acuerdo."
    assert all_codes(source, twice, "es") == ["repetition"]
    assert all_codes("He spoke for 3 hours.", "他讲了3个小时小时小时小时。", "zh") == ["repetition"]
    assert all_codes("He spoke for 3 hours.", "他讲了3个小时。", "zh") == []
    # the numbers of a repeated sentence are not counted twice
    assert all_codes(
        "Prices rose 3%.", "Los precios subieron un 3 %. Los precios subieron un 3 %.", "es"
    ) == ["repetition"]


def test_a_number_error_is_one_flag() -> None:
    [flag] = check_segment("It begins at 7:30 p.m.", "Beginnt um 7.30 Uhr.", NAMES, "de")
    assert flag.code == "number"
    assert (
        flag.message == "number missing in the translation: 7:30 p.m.; not in the source: 7.30 Uhr"
    )
