"""Segmentation stays linear on hostile input: 200,000-character texts of every shape that
makes a backtracking pattern or a rescanning loop quadratic are split within seconds."""

from __future__ import annotations

import time

import pytest

from translate.source.segments import split_sentences

SIZE = 200_000
# A quadratic splitter needs minutes on any of these; a linear one well under a second.
BOUND_SECONDS = 10.0

HOSTILE = {
    "one long word": "a" * SIZE,
    "all dots": "." * SIZE,
    "dots then a letter": "." * SIZE + "a",
    "spaced dots": ". " * (SIZE // 2),
    "all digits": "1" * SIZE,
    "digits and dots": "1." * (SIZE // 2),
    "a long URL": "https://example.org/" + "a." * (SIZE // 2),
    "a URL ending in dots": "see http://x.org/" + "." * SIZE,
    "repeated abbreviations": "Dr. " * (SIZE // 4),
    "abbreviations without spaces": "Dr." * (SIZE // 3),
    "repeated initials": "A. " * (SIZE // 3),
    "an e-mail address without domain": "a." * (SIZE // 2) + "@",
    "a long e-mail local part": "a" * SIZE + "@x",
    "open brackets": "[" * SIZE,
    "unfinished links": "[a](" * (SIZE // 4),
    "backticks": "`a" * (SIZE // 2),
    "angle brackets": "<a" * (SIZE // 2),
    "list markers": " ".join(f"{i % 99 + 1}.)" for i in range(SIZE // 5)),
    "spaces after a period": "a." + " " * SIZE + "B",
    "full-width periods": "。" * SIZE,
    "quoted Chinese sentences": "“我。”" * (SIZE // 5),
    "dialogue dashes": "a. " + "– " * (SIZE // 2),
    "closing guillemets": "a." + " »" * (SIZE // 2),
    "www": "www." * (SIZE // 4),
    "URL schemes": "a+" * (SIZE // 2) + "://",
    "short sentences": "It rained. " * (SIZE // 11),
    "bullets": "• " * (SIZE // 2),
    "bulleted labels": "• 9. " * (SIZE // 5),
    "bullets of every kind": "•◦‣⁃▪●■►▸ a. " * (SIZE // 13),
    "open guillemets and dashes": "«Да. – " * (SIZE // 7),
    "dialogue in guillemets": "«Да? – спросила мама. – Нет." * (SIZE // 28),
    "title brackets": "《a！" * (SIZE // 3),
    "unclosed title brackets": "《" * SIZE,
    "corner brackets": "「a！b" * (SIZE // 4),
    "spaced ellipses after words": "a. . . " * (SIZE // 7),
    "times opening sentences": "At 5 a.m. " * (SIZE // 10),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de", "zh"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_split_in_linear_time(name: str, lang: str) -> None:
    text = HOSTILE[name]
    started = time.perf_counter()
    sentences = split_sentences(text, lang)
    elapsed = time.perf_counter() - started
    assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.1f} s"
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())


@pytest.mark.slow
def test_time_grows_linearly() -> None:
    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            split_sentences(text, "en")
            best = min(best, time.perf_counter() - started)
        return best

    unit = "A. Dr. x.y 1.2 [a]( `b www. It rained. "
    small, large = seconds(unit * 2_000), seconds(unit * 16_000)
    assert large < 8 * small * 3  # 8 times the text: generous room for a busy machine
