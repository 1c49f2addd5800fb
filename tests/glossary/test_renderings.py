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


def test_italian_and_portuguese_contractions() -> None:
    assert count("della Casa Bianca", "la Casa Bianca", "it") == 1
    assert count("alla Casa Bianca", "la Casa Bianca", "it") == 1
    assert count("nell'Unione", "l'Unione", "it") == 1
    assert count("na Casa Branca", "a Casa Branca", "pt-BR") == 1
    assert count("da Casa Branca", "a Casa Branca", "pt-BR") == 1
    assert count("enviado à Corte", "a Corte", "pt-BR") == 1
    assert count("do Kremlin", "o Kremlin", "pt") == 1


def test_a_term_is_a_whole_form_never_the_start_of_a_longer_word() -> None:
    assert count("Rzecznik Kremla", "Kreml", "pl") == 1
    assert count("Rzecznik Kremlina", "Kreml", "pl") == 0
    assert count("PCCh", "PCC", "pt") == 0
    assert count("PCCh", "PCC", "nl") == 0
    assert count("Casablanca", "Casa", "it") == 0


def test_polish_and_slavic_forms() -> None:
    assert count("w Białym Domu", "Biały Dom", "pl") == 1
    assert count("do Moskwy", "Moskwa", "pl") == 1
    assert count("z Emmanuelem Macronem", "Emmanuel Macron", "pl") == 1
    assert count("od Komisji Europejskiej", "Komisja Europejska", "pl") == 1
    assert count("z Kijowa", "Kijów", "pl") == 1  # ó becomes o
    assert count("v Bílém domě", "Bílý dům", "cs") == 0  # a stem that changes: not guessed


def test_german_compounds() -> None:
    assert count("Der Kremlsprecher schwieg.", "der Kreml", "de") == 1
    assert count("Die Bundestagsabgeordneten stimmten ab.", "Bundestag", "de") == 1
    assert count("am Strafgerichtshofs", "Gerichtshof", "de") == 1
    assert count("Der Kremlinsprecher", "Kremlin", "de") == 1
    found = find("Der Kremlinsprecher", ["Kreml", "Kremlin"], "de")
    assert [item.rendering for item in found] == ["Kremlin"]  # the longer word first


def test_arabic_proclitics() -> None:
    assert count("تبادلت واشنطن والكرملين السجناء", "الكرملين", "ar") == 1
    assert count("اتصل بالبيت الأبيض", "البيت الأبيض", "ar") == 1
    assert count("أحيلت القضية للمحكمة", "المحكمة", "ar") == 1
    assert count("وزيلينسكي", "زيلينسكي", "ar") == 1
    assert count("الكرملينية", "الكرملين", "ar") == 0


def test_other_languages_match_as_written() -> None:
    assert count("Er sagte: China (el PCCh).", "China (el PCCh)", "pt") == 1
    assert count("Zelenskis", "Zelenski", "nl") == 1  # a plural or possessive s may follow
    assert count("Zelenskiego", "Zelenski", "nl") == 0
