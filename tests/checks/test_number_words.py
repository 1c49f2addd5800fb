"""The snapshot of num2words' number words (translate.checks.number_words) is num2words' own."""

from __future__ import annotations

import importlib.metadata

import pytest
from num2words import CONVERTER_CLASSES, num2words

from translate.checks import number_words, quantities


def fresh_entry(code: str) -> str:
    return "|".join(num2words(value, lang=code) for value in number_words.VALUES)


def test_the_snapshot_is_of_the_installed_num2words() -> None:
    assert importlib.metadata.version("num2words") == number_words.VERSION, (
        "num2words changed: write VERSION and these entries into translate/checks/"
        f"number_words.py: { {code: fresh_entry(code) for code in sorted(CONVERTER_CLASSES)} }"
    )
    assert number_words.cardinals("en") is not None  # read from the snapshot


@pytest.mark.parametrize("code", sorted(CONVERTER_CLASSES))
def test_every_language_of_num2words_is_in_the_snapshot_as_it_writes_it(code: str) -> None:
    assert number_words.WORDS[code] == fresh_entry(code)


def test_a_language_num2words_names_otherwise_is_asked_of_num2words() -> None:
    assert number_words.cardinals("es-MX") is None
    table = quantities._word_table("es-MX")[0]
    assert table["dos"] == 2 and table["noventa"] == 90  # num2words reads it as "es"


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "pt", "ru", "uk", "ar", "pl", "zz"])
def test_the_word_tables_are_those_num2words_gives(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_snapshot = quantities._word_table.__wrapped__(lang)
    monkeypatch.setattr(number_words, "cardinals", lambda code: None)
    asked = quantities._word_table.__wrapped__(lang)
    assert from_snapshot[0] == asked[0]
    assert from_snapshot[1].pattern == asked[1].pattern
    assert from_snapshot[2] == asked[2]


def test_another_version_of_num2words_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_words, "VERSION", "0.0.0")
    assert number_words.cardinals("en") is None
