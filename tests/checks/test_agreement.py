"""Spanish and French article agreement with inserted terms (translate.checks.agreement)."""

from __future__ import annotations

from translate.checks.agreement import flags, gender
from translate.glossary.renderings import find
from translate.models import Glossary, Term

GLOSSARY = Glossary(
    "en",
    (
        Term("White House", {"es": "Casa Blanca", "fr": "Maison-Blanche"}),
        Term("the White House", {"es": "la Casa Blanca", "fr": "la Maison-Blanche"}),
        Term("Kremlin", {"es": "Kremlin", "fr": "Kremlin"}),
    ),
)


def agreement(text: str, rendering: str, lang: str) -> list[str]:
    return [f.message for f in flags(text, find(text, [rendering], lang), GLOSSARY, lang)]


def test_gender_from_the_glossary_or_not_at_all() -> None:
    assert gender("la Casa Blanca", GLOSSARY, "es") == "feminine"
    assert gender("Casa Blanca", GLOSSARY, "es") == "feminine"  # from "the White House"
    assert gender("Maison-Blanche", GLOSSARY, "fr") == "feminine"
    assert gender("Kremlin", GLOSSARY, "es") is None  # never guessed


def test_disagreeing_articles_are_flagged() -> None:
    [message] = agreement("Un Casa Blanca oficial dijo que no.", "Casa Blanca", "es")
    assert message.startswith("agreement: 'Un Casa Blanca': 'Casa Blanca' is feminine")
    assert agreement("Un Maison-Blanche officiel a dit non.", "Maison-Blanche", "fr")
    assert agreement("El la Casa Blanca dijo que no.", "la Casa Blanca", "es")


def test_agreeing_or_unknown_articles_pass() -> None:
    assert agreement("Un funcionario de la Casa Blanca dijo que no.", "Casa Blanca", "es") == []
    assert agreement("Esta Casa Blanca no cede.", "Casa Blanca", "es") == []
    assert agreement("El Kremlin calla.", "Kremlin", "es") == []
    assert agreement("Un Casa Blanca oficial.", "Casa Blanca", "de") == []
