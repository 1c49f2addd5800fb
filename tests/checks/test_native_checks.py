"""Native editors' sentences (tests/cases/checks/<lang>.tsv): every correct translation
passes the glossary and number checks, and every wrong one gets exactly the flags expected.

Run this file as a script to print the false-flag and missed-error rates per language.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from translate.checks.segment import check_segment
from translate.glossary import find_terms, load_glossary
from translate.models import Glossary

CASES = Path(__file__).resolve().parents[1] / "cases" / "checks"
LANGS = ("uk", "ru", "de", "es", "fr", "zh")
KINDS = frozenset({"glossary", "avoid", "number", "agreement"})


@dataclass(frozen=True)
class Case:
    lang: str
    line: int
    source: str
    target: str
    expected: frozenset[str]
    note: str

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.line}"


def read_cases(lang: str) -> list[Case]:
    cases = []
    text = (CASES / f"{lang}.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        source, target, flags, note = line.split("\t")
        expected = frozenset() if flags == "-" else frozenset(flags.split(","))
        assert expected <= KINDS, f"{lang}.tsv:{number}: unknown flag in {flags}"
        cases.append(Case(lang, number, source, target, expected, note))
    return cases


ALL_CASES = [case for lang in LANGS for case in read_cases(lang)]


def glossary() -> Glossary:
    return load_glossary([CASES / "glossary.csv"], "en")


def flagged(case: Case, terms: Glossary) -> frozenset[str]:
    found = check_segment(
        case.source, case.target, terms, case.lang, find_terms(terms, case.source)
    )
    return frozenset(flag.code for flag in found) & KINDS


@pytest.fixture(scope="module")
def terms() -> Glossary:
    return glossary()


def test_every_language_has_ten_correct_and_wrong_sentences() -> None:
    for lang in LANGS:
        cases = read_cases(lang)
        assert len(cases) >= 10, lang
        assert any(case.expected for case in cases), lang
        assert any(not case.expected for case in cases), lang


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_native_sentence(case: Case, terms: Glossary) -> None:
    assert flagged(case, terms) == case.expected, case.note


def rates(terms: Glossary) -> dict[str, tuple[int, int, int, int]]:
    """Per language: correct sentences, false flags among them, wrong sentences, misses."""
    result = {}
    for lang in LANGS:
        correct = false_flags = wrong = missed = 0
        for case in read_cases(lang):
            found = flagged(case, terms)
            if case.expected:
                wrong += 1
                missed += not case.expected <= found
            else:
                correct += 1
                false_flags += bool(found)
        result[lang] = (correct, false_flags, wrong, missed)
    return result


def main(terms: Glossary) -> None:
    for lang, (correct, false_flags, wrong, missed) in rates(terms).items():
        sys.stdout.write(
            f"{lang}: false flags {false_flags}/{correct} ({false_flags / correct:.0%}), "
            f"missed errors {missed}/{wrong} ({missed / wrong:.0%})\n"
        )


if __name__ == "__main__":
    main(glossary())
