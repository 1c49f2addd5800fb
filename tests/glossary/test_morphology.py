"""Word forms (translate.glossary.morphology): pymorphy3 for uk and ru, simplemma for de."""

from __future__ import annotations

import pytest

from translate.glossary.morphology import cases_of, inflect_phrase, same_word


@pytest.mark.parametrize(
    ("one", "other", "lang", "same"),
    [
        ("Китаю", "Китай", "uk", True),
        ("Білого", "Білий", "uk", True),
        ("Пекином", "Пекин", "ru", True),
        ("Китая", "Кита", "ru", False),
        ("Weißen", "Weiße", "de", True),
        ("Hauses", "Haus", "de", True),
        ("im", "das", "de", True),
        ("der", "die", "de", True),
        ("Justizgerichtshofs", "Justizgerichtshof", "de", True),  # unknown: by stem
        ("Peking", "Beijing", "de", False),
        ("del", "el", "es", True),
        ("du", "le", "fr", True),
        ("casa", "cosa", "es", False),
    ],
)
def test_same_word(one: str, other: str, lang: str, same: bool) -> None:
    assert same_word(one, other, lang) is same


@pytest.mark.parametrize(
    ("phrase", "lang", "case", "expected"),
    [
        ("Китай (КПК)", "uk", "gent", "Китаю (КПК)"),
        ("Китай (КПК)", "uk", "loct", "Китаї (КПК)"),
        ("Білий дім", "uk", "gent", "Білого дому"),
        ("Білий дім", "uk", "accs", "Білий дім"),
        ("Білий дім", "uk", "loct", "Білому домі"),
        ("Володимир Зеленський", "uk", "gent", "Володимира Зеленського"),
        ("Голос Америки", "uk", "ablt", "Голосом Америки"),
        ("Белый дом", "ru", "ablt", "Белым домом"),
        ("Международный суд ООН", "ru", "gent", "Международного суда ООН"),
        ("Москва", "ru", "accs", "Москву"),
        ("Дональд Трамп", "ru", "datv", "Дональду Трампу"),
        ("Белый дом", "ru", "nomn", "Белый дом"),
        ("White House", "ru", "gent", "White House"),
        ("Weiße Haus", "de", "gent", "Weiße Haus"),  # German is declined by inflection.fit
    ],
)
def test_inflect_phrase(phrase: str, lang: str, case: str, expected: str) -> None:
    assert inflect_phrase(phrase, lang, case) == expected


def test_cases_of_a_form() -> None:
    assert ("gent", "sing") in cases_of("Китаю", "uk")
    assert cases_of("Китаю", "de") == []


def test_a_missing_dictionary_is_a_language_error() -> None:
    from translate.errors import LanguageError
    from translate.glossary.morphology import analyzer

    with pytest.raises(LanguageError, match="pymorphy3-dicts-be"):
        analyzer("be")
