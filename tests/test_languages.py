"""Language facts from CLDR: base language, direction, names, Word's tags."""

from __future__ import annotations

from translate import languages


def test_base_language_of_a_code() -> None:
    assert languages.base("zh-Hans") == "zh"
    assert languages.base("pt_BR") == "pt"
    assert languages.base("ES") == "es"


def test_direction() -> None:
    assert [languages.direction(code) for code in ("ar", "fa", "he", "ur", "es", "zh")] == [
        "rtl",
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
    ]
    assert languages.direction("yi-XX-nonsense") == "rtl"  # unknown to CLDR: the fallback list
    assert languages.is_east_asian("ja") and not languages.is_east_asian("uk")


def test_language_names_in_their_own_language_or_another() -> None:
    assert languages.language_name("es") == "español"
    assert languages.language_name("uk") == "українська"
    assert languages.language_name("de", in_lang="en") == "German"
    assert languages.language_name("xx-nonsense") == "xx-nonsense"


def test_region_tags_for_word() -> None:
    assert languages.region_tag("es") == "es-ES"
    assert languages.region_tag("zh") == "zh-CN"
    assert languages.region_tag("pt_BR") == "pt-BR"
