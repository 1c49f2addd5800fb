"""Fuzzy matches: scores agree with hand-computed word edit distances, and the index finds
exactly what comparing with every unit would find."""

from __future__ import annotations

import random

import pytest

from translate.memory.fuzzy import FuzzyIndex, similarity, tokens
from translate.memory.store import MemoryUnit
from translate.models import State


def unit(source: str, target: str = "t") -> MemoryUnit:
    return MemoryUnit(source, target, State.REVIEWED, "reviewer")


def test_words_and_marks_are_the_units_of_comparison() -> None:
    assert tokens("The vote was 412-3, on Monday.") == [
        "The", "vote", "was", "412", "-", "3", ",", "on", "Monday", ".",
    ]  # fmt: skip
    assert tokens("港口周一重新开放。") == list("港口周一重新开放。")
    assert tokens("Kyiv 港口 opened") == ["Kyiv", "港", "口", "opened"]


@pytest.mark.parametrize(
    ("one", "other", "score"),
    [
        # 9 words, one replaced: 1 - 1/9 = 0.889
        ("The vote was 412 to 3 on Monday.", "The vote was 414 to 3 on Monday.", 88),
        # 5 words, one replaced: 0.8
        ("Ports reopened on Monday.", "Ports reopened on Tuesday.", 80),
        # 4 and 5 words, one inserted: 1 - 1/5
        ("The ports reopened.", "The ports reopened today.", 80),
        # 20 words, one replaced: 0.95
        (
            "The committee said on Monday that the new port would open in May after two "
            "years of work on it.",
            "The committee said on Monday that the new port would open in June after two "
            "years of work on it.",
            95,
        ),
        # 9 characters, one replaced
        ("港口周一重新开放。", "港口周二重新开放。", 88),
        ("Same words here.", "Same words here.", 100),
        # 3 words against 4 with nothing in common: 4 edits of 4
        ("Ports reopened.", "Storm hits coast!", 0),
    ],
)
def test_scores_agree_with_hand_computed_examples(one: str, other: str, score: int) -> None:
    assert similarity(one, other) == score
    assert similarity(other, one) == score


def test_best_matches_come_best_first_above_the_threshold() -> None:
    index = FuzzyIndex(
        [
            unit("Ports reopened on Monday after the storm.", "uno"),
            unit("Ports reopened on Tuesday after the storm.", "dos"),
            unit("Airports closed on Monday after the storm.", "tres"),
            unit("Nothing to do with it at all, really.", "cuatro"),
        ]
    )
    found = index.best("Ports reopened on Monday after the storm.", threshold=75)
    assert [(m.score, m.unit.target) for m in found] == [(100, "uno"), (87, "dos")]
    found = index.best("Ports reopened on Sunday after the storm.", threshold=75, limit=5)
    assert [(m.score, m.unit.target) for m in found] == [(87, "uno"), (87, "dos")]  # "tres": 62
    assert index.best("Completely unrelated words.", threshold=75) == []


def test_the_index_finds_what_comparing_with_every_unit_finds() -> None:
    rng = random.Random(11)
    words = [f"w{n}" for n in range(40)] + ["the", "of", ",", "."]
    units = [unit(" ".join(rng.choices(words, k=rng.randint(3, 14)))) for _ in range(600)]
    index = FuzzyIndex(units)
    for _ in range(80):
        base = rng.choice(units).source.split()
        for _ in range(rng.randint(0, 3)):
            base[rng.randrange(len(base))] = rng.choice(words)
        query = " ".join(base)
        for threshold in (60, 75, 90):
            expected = sorted(
                (similarity(query, u.source), -n)
                for n, u in enumerate(units)
                if similarity(query, u.source) >= threshold
            )
            found = index.best(query, threshold=threshold, limit=len(units))
            assert sorted((m.score, -units.index(m.unit)) for m in found) == expected
