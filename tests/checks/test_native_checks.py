"""Native editors' sentences: every correct translation passes, and every wrong one gets
exactly the flags expected.

Two suites share the format and the glossary (``tests/cases/checks/glossary.csv``):

- ``tests/cases/checks/<lang>.tsv``: the glossary and number checks in six languages (only
  the ``glossary``, ``avoid``, ``number`` and ``agreement`` flags are compared);
- ``tests/cases/checks/newsroom/<lang>.tsv``: news copy in eleven languages for times, numbers
  in every script and scale, inflection, names in every script, repetition, untranslated text
  and agreement. Here every flag counts: a correct pair must get none at all (any flag is a
  false alarm) and a wrong one exactly the codes listed (one flag per error).

Run this file as a script to print the false alarms and missed errors per language.
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
NEWSROOM = CASES / "newsroom"
LANGS = ("uk", "ru", "de", "es", "fr", "zh")
NEWSROOM_LANGS = ("es", "fr", "de", "uk", "ru", "zh", "ar", "ja", "pt-BR", "it", "pl")
KINDS = frozenset({"glossary", "avoid", "number", "agreement"})
NEWSROOM_KINDS = KINDS | {"repetition", "repeated-word", "untranslated"}


@dataclass(frozen=True)
class Case:
    lang: str
    line: int
    source: str
    target: str
    expected: frozenset[str]
    note: str
    every_flag: bool = False  # the newsroom suite: every flag counts, not only KINDS

    @property
    def id(self) -> str:
        return f"{'newsroom/' if self.every_flag else ''}{self.lang}:{self.line}"


def read_cases(lang: str, folder: Path = CASES) -> list[Case]:
    newsroom = folder == NEWSROOM
    kinds = NEWSROOM_KINDS if newsroom else KINDS
    cases = []
    text = (folder / f"{lang}.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        source, target, flags, note = line.split("\t")
        expected = frozenset() if flags == "-" else frozenset(flags.split(","))
        assert expected <= kinds, f"{lang}.tsv:{number}: unknown flag in {flags}"
        cases.append(Case(lang, number, source, target, expected, note, newsroom))
    return cases


ALL_CASES = [case for lang in LANGS for case in read_cases(lang)]
NEWSROOM_CASES = [case for lang in NEWSROOM_LANGS for case in read_cases(lang, NEWSROOM)]


def glossary() -> Glossary:
    return load_glossary([CASES / "glossary.csv"], "en")


def flagged(case: Case, terms: Glossary) -> frozenset[str]:
    found = check_segment(
        case.source, case.target, terms, case.lang, find_terms(terms, case.source)
    )
    codes = frozenset(flag.code for flag in found)
    return codes if case.every_flag else codes & KINDS


@pytest.fixture(scope="module")
def terms() -> Glossary:
    return glossary()


def test_every_language_has_ten_correct_and_wrong_sentences() -> None:
    for lang in LANGS:
        cases = read_cases(lang)
        assert len(cases) >= 10, lang
        assert any(case.expected for case in cases), lang
        assert any(not case.expected for case in cases), lang


def test_newsroom_suite_has_25_correct_and_25_wrong_pairs_per_language() -> None:
    for lang in NEWSROOM_LANGS:
        cases = read_cases(lang, NEWSROOM)
        assert sum(1 for case in cases if not case.expected) >= 25, lang
        assert sum(1 for case in cases if case.expected) >= 25, lang


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_native_sentence(case: Case, terms: Glossary) -> None:
    assert flagged(case, terms) == case.expected, case.note


@pytest.mark.parametrize("case", NEWSROOM_CASES, ids=lambda case: case.id)
def test_newsroom_sentence(case: Case, terms: Glossary) -> None:
    assert flagged(case, terms) == case.expected, case.note


def rates(
    terms: Glossary, langs: tuple[str, ...] = LANGS, folder: Path = CASES
) -> dict[str, tuple[int, int, int, int]]:
    """Per language: correct sentences, false alarms among them, wrong sentences, misses (a
    wrong sentence lacking an expected flag)."""
    result = {}
    for lang in langs:
        correct = false_flags = wrong = missed = 0
        for case in read_cases(lang, folder):
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
    for name, langs, folder in (("six", LANGS, CASES), ("newsroom", NEWSROOM_LANGS, NEWSROOM)):
        sys.stdout.write(f"{name} suite\n")
        for lang, (correct, false_flags, wrong, missed) in rates(terms, langs, folder).items():
            sys.stdout.write(
                f"{lang}: false alarms {false_flags}/{correct}, missed errors {missed}/{wrong}\n"
            )


if __name__ == "__main__":
    main(glossary())
