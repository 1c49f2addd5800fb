"""Quantities as languages write them (translate.checks.quantities)."""

from __future__ import annotations

import pytest

from translate.checks.quantities import quantities, unmatched


def readings(text: str, lang: str) -> list[set[str]]:
    return [set(q.readings) for q in quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("$43 billion", "en", "43000000000"),
        ("43.000 millones", "es", "43000000000"),
        ("43 mil millones", "es", "43000000000"),
        ("2 billones", "es", "2000000000000"),  # the Spanish billion is a million millions
        ("43 milliards", "fr", "43000000000"),
        ("43 Milliarden", "de", "43000000000"),
        ("43 Mrd. Euro", "de", "43000000000"),
        ("43 млрд", "uk", "43000000000"),
        ("1,8 мільярда", "uk", "1800000000"),
        ("1,8 млрд", "ru", "1800000000"),
        ("430亿", "zh", "43000000000"),
        ("18亿", "zh", "1800000000"),
        ("3万", "zh", "30000"),
        ("1 200 soldats", "fr", "1200"),
        ("1.200 soldados", "es", "1200"),
        ("1,200 soldiers", "en", "1200"),
        ("1.234,5", "de", "1234.5"),
        ("712.40", "en", "712.4"),
        ("712,40 €", "fr", "712.4"),
        ("43,5 %", "uk", "43.5"),
    ],
)
def test_values_with_scale_words_and_separators(text: str, lang: str, value: str) -> None:
    assert {"n:" + value} <= readings(text, lang)[0]


def test_times_of_day() -> None:
    assert readings("at 7.30", "en") == [{"n:7.3", "t:7:30", "t:19:30"}]  # either half
    assert readings("a las 7:30", "es") == [{"t:7:30"}]
    assert readings("à 7 h 30", "fr") == [{"t:7:30"}]
    assert readings("会议于7点30分开始", "zh") == [{"t:7:30"}]
    assert readings("um 7.30 Uhr", "de") == [{"t:7:30"}]
    assert readings("rose 7.75%", "en") == [{"n:7.75"}]  # not a time


def test_dates_in_figures_and_in_words() -> None:
    assert readings("on 5/2/2026", "en") == [{"d:5-2"}, {"n:2026"}]  # month first
    assert readings("le 5/2/2026", "fr") == [{"d:2-5"}, {"n:2026"}]  # day first
    assert readings("on April 2", "en") == [{"d:4-2"}]
    assert readings("el 2 de mayo de 2026", "es") == [{"d:5-2"}, {"n:2026"}]
    assert readings("am 2. Mai", "de") == [{"d:5-2"}]
    assert readings("2 травня 2026 року", "uk") == [{"d:5-2"}, {"n:2026"}]
    assert readings("10 марта", "ru") == [{"d:3-10"}]
    assert readings("4月2日", "zh") == [{"d:4-2"}]
    [march] = quantities("in March", "en")  # a month without a day: matched if need be
    assert march.readings == {"m:3"} and march.optional


def test_unmatched_pairs_each_quantity_once() -> None:
    source = quantities("7.30 and 7.3 and 2024", "en")
    missing, extra = unmatched(source, quantities("7:30 y 7,3 y 2025", "es"))
    assert [q.text for q in missing] == ["2024"]
    assert [q.text for q in extra] == ["2025"]
    missing, extra = unmatched(source, quantities("7,3 y 7,3 y 2024", "es"))
    assert missing == [] and extra == []  # 7.30 may be the number 7.3


def test_urls_are_not_quantities() -> None:
    assert readings("see https://example.org/2024/5 now", "en") == []


def test_a_month_without_a_day_matches_but_is_never_missing() -> None:
    def flags(source: str, target: str, lang: str) -> tuple[list[str], list[str]]:
        missing, extra = unmatched(quantities(source, "en"), quantities(target, lang))
        return [q.text for q in missing], [q.text for q in extra]

    assert flags("in May 2026", "2026年5月", "zh") == ([], [])
    assert flags("in May 2026", "2026年6月", "zh") == ([], ["6月"])
    assert flags("in May 2026", "en mayo de 2026", "es") == ([], [])
    assert flags("it may rain 2 days", "puede llover 2 días", "es") == ([], [])


def test_five_m_is_five_million_or_five_metres() -> None:
    assert readings("$5m", "en") == [{"n:5000000", "n:5"}]
    assert readings("5 million", "en") == [{"n:5000000"}]


def test_on_the_hour_and_iso_dates() -> None:
    assert readings("um 21 Uhr", "de") == [{"t:21:00"}]
    assert readings("à 9 h", "fr") == [{"t:9:00"}]
    assert readings("on 2025-12-25", "en") == [{"d:12-25"}, {"n:2025"}]
    assert readings("am 25.12.2025", "de") == [{"d:12-25"}, {"n:2025"}]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("٣٥٬٠٠٠ شخص", "ar", "35000"),
        ("١٢٫٥٪", "ar", "12.5"),
        ("۱۲٫۵", "fa", "12.5"),
        ("2.5 مليار دولار", "ar", "2500000000"),
        ("35 tys. osób", "pl", "35000"),
        ("2,5 mld dolarów", "pl", "2500000000"),
        ("2,5 miliardi", "it", "2500000000"),
        ("35 mila persone", "it", "35000"),
        ("US$ 2,5 bilhões", "pt-BR", "2500000000"),
        ("1,8 bilião", "pt-PT", "1800000000000"),
        ("35 mil pessoas", "pt-BR", "35000"),
        ("2,5 Mrd. Dollar", "de", "2500000000"),
        ("2,5 мільярда", "uk", "2500000000"),
        ("3万5000人", "ja", "35000"),
        ("1亿2000万", "zh", "120000000"),
        ("３万人", "ja", "30000"),
        ("20世纪90年代", "zh", "1990"),
        ("the 1990s", "en", "1990"),
        ("Ten ministers", "en", "10"),
        ("zehn Minister", "de", "10"),
        ("десяти министров", "ru", "10"),
        ("dziesięciu ministrów", "pl", "10"),
        ("XV века", "ru", "15"),
        ("十名部长", "zh", "10"),
    ],
)
def test_every_script_scale_and_word(text: str, lang: str, value: str) -> None:
    assert any("n:" + value in found for found in readings(text, lang))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("19:30", "es"),
        ("um 19.30 Uhr", "de"),
        ("à 19 h 30", "fr"),
        ("às 19h30", "pt-BR"),
        ("alle 19.30", "it"),
        ("午後7時半", "ja"),
        ("晚上7点半", "zh"),
        ("o godz. 19.30", "pl"),
        ("a las 7:30 de la tarde", "es"),
        ("7:30 مساءً", "ar"),
        ("о 7:30 вечора", "uk"),
        ("в 19.30", "ru"),
        ("7:30 p.m.", "en"),
    ],
)
def test_half_past_seven_in_the_evening(text: str, lang: str) -> None:
    assert any("t:19:30" in found for found in readings(text, lang)), readings(text, lang)


def test_a_time_without_its_half_of_the_day() -> None:
    assert unmatched(quantities("at 10 a.m.", "en"), quantities("alle 10", "it")) == ([], [])
    missing, extra = unmatched(quantities("at 7:30 p.m.", "en"), quantities("um 7.30 Uhr", "de"))
    assert [q.text for q in missing] == ["7:30 p.m."]
    assert [q.text for q in extra] == ["7.30 Uhr"]


def test_number_words_of_the_translation_are_never_demanded() -> None:
    assert unmatched([], quantities("un acuerdo entre dos", "es")) == (
        [],
        [],
    )
    missing, _ = unmatched(quantities("Ten ministers", "en"), quantities("Nueve", "es"))
    assert [q.text for q in missing] == ["Ten"]
