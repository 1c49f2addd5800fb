"""Fuzzy matches: the reviewed sentences most like a new one, scored as CAT tools score.

The score is a word-level edit-distance similarity from 0 to 100: the sentences are split
into words and punctuation marks (each CJK character a word of its own), and

    score = floor(100 * (1 - word edits / words of the longer sentence))

so that one word changed in a twenty-word sentence scores 95. The edit distance comes from
rapidfuzz (Levenshtein over lists of words, in C++).

Finding candidates must not compare a sentence with every unit of a large memory. A unit
that scores at least ``t`` shares at least ``k = L - floor(L * (1 - t) / t)`` of the ``L``
words of the query (each edit loses one shared word, and the longer sentence has at most
``L / t`` words), so it contains one of the query's ``L - k + 1`` rarest words: only units
listed under those words (an inverted index) are scored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from translate.memory.store import MemoryUnit

# Scripts written without spaces between words: each character counts as a word.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+|[^\w\s]")


_FIRST = 0x10000  # word ids are characters from here on, past the surrogates


def tokens(text: str) -> list[str]:
    """The words and punctuation marks of a sentence, as fuzzy matching counts them."""
    return _TOKEN.findall(text)


def similarity(one: str, other: str) -> int:
    """The word-level similarity of two sentences, 0 to 100."""
    from rapidfuzz.distance import Levenshtein

    a, b = tokens(one), tokens(other)
    if not a and not b:
        return 100
    distance = Levenshtein.distance(a, b)
    return _score(distance, max(len(a), len(b)))


def _score(distance: int, longest: int) -> int:
    return math.floor(100 * (1 - distance / longest) + 1e-9) if longest else 100


@dataclass(frozen=True)
class FuzzyMatch:
    """A memory unit similar to a sentence, and how similar (0-100)."""

    score: int
    unit: MemoryUnit


class FuzzyIndex:
    """The units of a memory indexed for fuzzy lookup; build once per language and run.

    Each unit's words are kept as a string of one character per word (word ids from
    U+10000 on), which is compact and what rapidfuzz compares fastest.
    """

    def __init__(self, units: Iterable[MemoryUnit]) -> None:
        self._ids: dict[str, int] = {}
        self.units: list[MemoryUnit] = []
        self._encoded: list[str] = []
        self._postings: dict[str, list[int]] = {}
        for unit in units:
            self.add(unit)

    def add(self, unit: MemoryUnit) -> None:
        """Index one more unit."""
        ids = self._ids
        known = ids.setdefault
        encoded = "".join(map(chr, [known(w, len(ids) + _FIRST) for w in tokens(unit.source)]))
        position = len(self.units)
        self.units.append(unit)
        self._encoded.append(encoded)
        postings = self._postings
        for code in set(encoded):
            found = postings.get(code)
            if found is None:
                postings[code] = [position]
            else:
                found.append(position)

    def __len__(self) -> int:
        return len(self.units)

    def _encode(self, words: list[str]) -> str:
        """A query's words as characters; a word no unit has matches nothing."""
        ids, unseen = self._ids, len(self._ids) + _FIRST
        chars = []
        for word in words:
            number = ids.get(word)
            if number is None:
                number, unseen = unseen, unseen + 1
            chars.append(chr(number))
        return "".join(chars)

    def best(self, source: str, *, threshold: int, limit: int = 2) -> list[FuzzyMatch]:
        """Up to ``limit`` units scoring at least ``threshold`` against ``source``, best first
        (ties: the earlier unit). An identical source scores 100."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        query = self._encode(tokens(source))
        length = len(query)
        if not length or not self.units:
            return []
        ratio = max(threshold, 1) / 100
        shared = length - math.floor(length * (1 - ratio) / ratio)
        if shared <= 0:
            return []  # too short to tell: every unit would qualify
        postings = self._postings
        distinct = sorted(set(query), key=lambda code: len(postings.get(code, ())))
        candidates: set[int] = set()
        for code in distinct[: max(1, len(distinct) - shared + 1)]:
            candidates.update(postings.get(code, ()))
        low, high = math.ceil(length * ratio), math.floor(length / ratio)
        encoded = self._encoded
        kept = [p for p in candidates if low <= len(encoded[p]) <= high]
        scored = process.extract(
            query,
            [encoded[p] for p in kept],
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=threshold / 100 - 1e-9,
            limit=None,
        )
        found = []
        for _, similar, at in scored:
            score = math.floor(100 * similar + 1e-9)
            if score >= threshold:
                found.append((score, -kept[at]))
        found.sort(reverse=True)
        return [FuzzyMatch(score, self.units[-position]) for score, position in found[:limit]]
