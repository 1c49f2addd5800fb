"""Terms that tx inserts take the form their sentence needs (translate.glossary.inflection), through
the whole pipeline with a test engine that writes Ukrainian."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from translate import workspace
from translate.glossary import load_glossary
from translate.glossary.inflection import fit, replace_avoided, slavic_case
from translate.models import Glossary
from translate.translation.engines.base import EngineOutput
from translate.translation.pipeline import translate
from translate.workspace import workfiles

CASES = Path(__file__).resolve().parents[1] / "cases" / "checks" / "glossary.csv"

# What the test engine answers, masked (a placeholder it copies) or not (it renders the term
# itself, in the case the sentence needs, with the abbreviation the glossary lists as wrong).
UKRAINIAN = {
    "A spokesman for TXP0X said no.": "Речник TXP0X сказав ні.",
    "The envoy flew to TXP0X.": "Посланець полетів до TXP0X.",
    "Pressure from China (the CCP) is growing.": "Тиск з боку Китаю (ККП) зростає.",
    "TXP0X said no.": "TXP0X сказав ні.",
}
ARTICLE = """---
title: A spokesman for the White House said no.
---

The envoy flew to the White House. Pressure from China (the CCP) is growing.

The White House said no.
"""


class UkrainianEngine:
    """Answers from ``UKRAINIAN``; mangles the placeholder of the sentence about pressure, so
    that tx translates it again unprotected and the engine renders the term itself."""

    name = "test-uk"

    def supports(self, source: str, target: str) -> bool:
        return (source, target) == ("en", "uk")

    def model_id(self, source: str, target: str) -> str:
        return "test-uk:1"

    def placeholder(self, index: int) -> str:
        return f"TXP{index}X"

    def release(self) -> None:
        pass

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        return [EngineOutput(UKRAINIAN.get(text, "TXP 0X зростає.")) for text in texts]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([CASES], "en")


def test_engine_rendering_in_the_genitive_gets_the_approved_term_in_the_genitive(
    tmp_path: Path,
) -> None:
    workspace.init(tmp_path)
    (tmp_path / "glossaries" / "house.csv").write_bytes(CASES.read_bytes())
    (tmp_path / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    ws = workspace.load(tmp_path)
    engine = UkrainianEngine()
    translate(ws, [ws.articles_dir / "story.md"], ["uk"], choose_engine=lambda s, t: engine)
    segments = workfiles.load(ws.work_file("story", "uk")).segments
    assert [item.target for item in segments] == [
        "Речник Білого дому сказав ні.",  # a noun before it: genitive
        "Посланець полетів до Білого дому.",  # до governs the genitive
        "Тиск з боку Китаю (КПК) зростає.",  # the engine's genitive, with the approved term
        "Білий дім сказав ні.",  # the subject stays in the nominative
    ]
    glossary_flags = [f for item in segments for f in item.flags if f.code in ("glossary", "avoid")]
    assert glossary_flags == []


@pytest.mark.parametrize(
    ("before", "lead", "case"),
    [
        ("з", "from", "gent"),
        ("з", "with", "ablt"),
        ("з", "", None),  # from or with: not known
        ("до", "to", "gent"),
        ("у", "in", "loct"),
        ("про", "about", "accs"),
        ("сказав", "", None),  # a verb: the engine's business
    ],
)
def test_slavic_case_from_prepositions(before: str, lead: str, case: str | None) -> None:
    assert slavic_case(before, "uk", lead) == case


def test_fit_declines_and_contracts() -> None:
    assert fit("Білий дім", "у", "uk", "at") == ("у", "Білому домі")
    assert fit("Белый дом", "в", "ru", "in") == ("в", "Белом доме")
    assert fit("Китай (КПК)", "з", "uk", "with") == ("з", "Китаєм (КПК)")
    assert fit("Дональд Трамп", "с", "ru", "with") == ("с", "Дональдом Трампом")
    assert fit("das Weiße Haus", "in", "de", "in") == ("im", "Weißen Haus")
    assert fit("das Weiße Haus", "von", "de", "from") == ("vom", "Weißen Haus")
    assert fit("der Internationale Gerichtshof", "wegen", "de", "over") == (
        "wegen",
        "des Internationalen Gerichtshofs",
    )
    assert fit("die KPCh", "mit", "de", "with") == ("mit", "der KPCh")
    assert fit("das Weiße Haus", "Sprecher", "de", "for") == ("Sprecher", "des Weißen Hauses")
    assert fit("die KPCh", "Führung", "de", "of") == ("Führung", "der KPCh")
    assert fit("das Weiße Haus", "und", "de", "and") == ("und", "das Weiße Haus")
    assert fit("el PCCh", "de", "es", "of") == ("del", "PCCh")
    assert fit("el PCCh", "A", "es", "to") == ("Al", "PCCh")
    assert fit("le PCC", "de", "fr", "of") == ("du", "PCC")
    assert fit("la Casa Blanca", "de", "es", "of") == ("de", "la Casa Blanca")


def test_avoided_renderings_are_replaced_in_the_engines_form(glossary: Glossary) -> None:
    assert (
        replace_avoided("Санкції проти Китаю (ККП) продовжено.", glossary, "uk")
        == "Санкції проти Китаю (КПК) продовжено."
    )
    assert replace_avoided("Бэйцзин молчит. С Бэйцзином спорят.", glossary, "ru") == (
        "Пекин молчит. С Пекином спорят."
    )
    assert replace_avoided("Die Führung der CCP schwieg.", glossary, "de") == (
        "Die Führung der KPCh schwieg."
    )
    assert replace_avoided("（首发于人民日报）", glossary, "zh") == "（首发于人民报）"
    assert replace_avoided("Nada cambia.", glossary, "es") == "Nada cambia."
