"""The QA pass (translate.checks.qa) on native sentences (tests/cases/qa/<lang>.tsv): every correct
translation gets no QA flag and every wrong one exactly the flags expected; and the pass runs
with every check of a translation (``checks.check_segment``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.checks import qa
from translate.checks.segment import check_segment
from translate.models import Glossary

CASES = Path(__file__).resolve().parents[1] / "cases" / "qa"
CODES = frozenset({"spacing", "repeated-word", "punctuation", "brackets", "quotes", "markup"})


def _cases() -> list[tuple[str, int, str, str, frozenset[str], str]]:
    found = []
    for path in sorted(CASES.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            source, target, flags, note = line.split("\t")
            expected = frozenset() if flags == "-" else frozenset(flags.split(","))
            assert expected <= CODES, f"{path.name}:{number}: unknown flag {flags}"
            found.append((path.stem, number, source, target, expected, note))
    return found


CASE_LIST = _cases()


@pytest.mark.parametrize(
    "lang, line, source, target, expected, note",
    CASE_LIST,
    ids=[f"{c[0]}:{c[1]}" for c in CASE_LIST],
)
def test_native_case(
    lang: str, line: int, source: str, target: str, expected: frozenset[str], note: str
) -> None:
    flags = qa.check(source, target, "en", lang)
    assert {flag.code for flag in flags} == expected, (note, [f.message for f in flags])


def test_every_language_has_correct_and_incorrect_cases() -> None:
    for lang in {case[0] for case in CASE_LIST}:
        expected = [case[4] for case in CASE_LIST if case[0] == lang]
        assert any(not flags for flags in expected) and any(flags for flags in expected), lang


def test_messages_say_what_is_wrong() -> None:
    [flag] = qa.check("Will the talks resume?", "会谈会恢复吗?", "en", "zh")
    assert flag.message == "the question mark is written '?'; Chinese writes '？'"
    [flag] = qa.check("Never again!", "Nunca más!", "en", "es")
    assert flag.message == "the exclamation mark has no opening '¡' (Spanish opens it)"
    [flag] = qa.check("It rose.", "Subió  mucho.", "en", "es")
    assert flag.message == "double space in the translation: 'Subió  mucho.'"
    [flag] = qa.check("He said: “No.”", "Er sagte: „Nein.", "en", "de")
    assert flag.message.startswith("unbalanced quotation marks: '„' opened 1 time(s) more")
    [flag] = qa.check("The **43 billion** in aid.", "Los 43.000 millones.", "en", "es")
    assert flag.message == "inline formatting lost: 1 bold"


def test_the_qa_pass_runs_with_every_check() -> None:
    flags = check_segment("Will it rain?", "Lloverá  mañana?", Glossary("en", ()), "es", [])
    assert {flag.code for flag in flags} == {"spacing", "punctuation"}


def test_checks_take_time_linear_in_the_text() -> None:
    import time

    text = "a " * 100_000 + "(" * 50_000 + "« " * 20_000
    started = time.perf_counter()
    qa.check(text, text + "  " + text, "en", "fr")
    assert time.perf_counter() - started < 5
