"""Language facts from CLDR: base language, direction, names, Word's tags."""

from __future__ import annotations

import pytest

from translate import languages
from translate.errors import LanguageError
from translate.models import Term


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


@pytest.mark.parametrize(
    ("code", "tag"),
    [
        ("es", "es"),
        ("ES", "es"),
        ("es_es", "es-ES"),
        ("es-ES", "es-ES"),
        ("ZH-hant", "zh-Hant"),
        ("zh_Hant_TW", "zh-Hant-TW"),
        ("sr-latn", "sr-Latn"),
        ("es-419", "es-419"),
        (" pt-br ", "pt-BR"),
    ],
)
def test_codes_have_one_canonical_tag(code: str, tag: str) -> None:
    assert languages.canonical(code) == tag


@pytest.mark.parametrize(
    "code", ["", "e", "es-", "es/../x", "es-/../../tmp/x", "xx", "qq-ES", "es-ES-", "español"]
)
def test_what_is_not_a_known_language_tag_is_refused(code: str) -> None:
    with pytest.raises(LanguageError):
        languages.canonical(code)


@pytest.mark.parametrize(
    ("available", "wanted", "serves"),
    [
        ("es-ES", "es", True),
        ("es", "es-MX", True),
        ("es-MX", "es-ES", False),
        ("zh-Hant", "zh-TW", True),
        ("zh-Hant", "zh-HK", True),
        ("zh", "zh-TW", False),
        ("zh-Hans", "zh-Hant", False),
        ("pt-BR", "pt-PT", False),
        ("en-US", "en", True),
        ("de", "en", False),
    ],
)
def test_which_tags_serve_an_edition(available: str, wanted: str, serves: bool) -> None:
    assert languages.serves(available, wanted) is serves


def test_lookup_prefers_the_same_tag_then_the_closest() -> None:
    assert languages.lookup("es", ["es-MX", "es-ES"]) == "es-ES"
    assert languages.lookup("es-MX", ["es", "es-ES"]) == "es"
    assert languages.lookup("zh-TW", ["zh", "zh-Hant"]) == "zh-Hant"
    assert languages.lookup("pt-PT", ["pt-BR", "pt-PT"]) == "pt-PT"
    assert languages.lookup("pt-PT", ["pt-BR"]) is None
    assert languages.lookup("EN", ["en-US"]) == "en-US"


def test_glossary_columns_serve_editions_by_lookup() -> None:
    term = Term(
        "People's Daily",
        {"zh-Hant": "人民報", "zh": "人民报", "es-ES": "Diario del Pueblo", "pt-BR": "Diário"},
        avoid={"zh-Hant": ("人民日報",)},
    )
    assert term.target("zh-TW") == "人民報"
    assert term.target("zh-HK") == "人民報"
    assert term.target("zh-CN") == "人民报"
    assert term.target("es") == "Diario del Pueblo"
    assert term.target("pt-PT") is None
    assert term.avoided("zh-TW") == ("人民日報",)
    assert term.avoided("zh") == ()
