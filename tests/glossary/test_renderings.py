"""Finding renderings in translations (translate.glossary.renderings)."""

from __future__ import annotations

from translate.glossary.renderings import count, find


def test_unspaced_scripts_match_inside_running_text() -> None:
    assert count("（首发于人民报）", "人民报", "zh") == 1
    assert count("该报道首发于人民日报。", "人民日报", "zh") == 1
    assert count("该报道首发于人民日报。", "人民报", "zh") == 0
    assert count("会见了唐纳德・特朗普", "唐纳德·特朗普", "zh") == 1  # any middle dot


def test_longest_first_and_no_overlaps() -> None:
    found = find("中国（中共）和中共", ["中共", "中国（中共）"], "zh")
    assert [(f.rendering, f.text) for f in found] == [
        ("中国（中共）", "中国（中共）"),
        ("中共", "中共"),
    ]


def test_declined_forms_match_by_lemma() -> None:
    assert count("з Китаю (КПК)", "Китай (КПК)", "uk") == 1
    assert count("Речник Білого дому", "Білий дім", "uk") == 1
    assert count("в Белом доме и у Белого дома", "Белый дом", "ru") == 2
    assert count("im Weißen Haus", "das Weiße Haus", "de") == 1
    assert count("des Internationalen Gerichtshofs", "Internationale Gerichtshof", "de") == 1
    assert count("Die KPCh-Führung", "KPCh", "de") == 1
    assert count("з Китаю (ККП)", "Китай (КПК)", "uk") == 0  # punctuation and letters exact
    assert count("Київ", "Китай", "uk") == 0


def test_spanish_and_french_contractions() -> None:
    assert count("El líder del PCCh", "el PCCh", "es") == 1
    assert count("au PCC", "le PCC", "fr") == 1
    assert count("El PCCh", "el PCCh", "es") == 1
    assert count("Casablanca", "Casa Blanca", "es") == 0


def test_other_languages_match_as_written() -> None:
    assert count("Er sagte: China (el PCCh).", "China (el PCCh)", "pt") == 1
    assert count("Zelenskis", "Zelenski", "pt") == 1  # an ending may follow
    assert count("PCCh", "PCC", "pt") == 1
