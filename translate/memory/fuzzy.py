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

import functools
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from translate.memory.store import MemoryUnit

# Scripts written without spaces between words: each character counts as a word.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


@functools.cache
def _token() -> re.Pattern[str]:
    """The pattern of a word or mark (compiled on first use: its CJK ranges cost some
    milliseconds, which a run with an empty memory does not need)."""
    return re.compile(rf"[{CJK}]|[^\W{CJK}]+|[^\w\s]")


_FIRST = 0x10000  # word ids are characters from here on, past the surrogates
# Between the sources of a bulk tokenising pass: a mark no source holds (work files and XML
# cannot carry NUL), which the pattern reads as a word of its own.
_SEPARATOR = "\x00"
_CHUNK = 4096  # units tokenised per pass: few word strings alive at once


def tokens(text: str) -> list[str]:
    """The words and punctuation marks of a sentence, as fuzzy matching counts them."""
    return _token().findall(text)


def _bulk_tokens(sources: list[str]) -> list[str]:
    """The words of many sentences in one pass, the sentences parted by ``_SEPARATOR``."""
    if any(_SEPARATOR in source for source in sources):
        sources = [source.replace(_SEPARATOR, " ") for source in sources]
    return _token().findall(_SEPARATOR.join(sources))


def units_digest(units: Sequence[MemoryUnit]) -> str:
    """A digest of the units' sources in order: what a saved index was built from."""
    digest = hashlib.sha256(str(len(units)).encode())
    for at in range(0, len(units), _CHUNK):
        digest.update(_SEPARATOR.join(u.source for u in units[at : at + _CHUNK]).encode())
        digest.update(b"\xff")
    return digest.hexdigest()


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
    U+10000 on), which is compact and what rapidfuzz compares fastest. The index is built
    in bulk: one tokenising pass over all sources, word ids by C-level dict and map calls,
    and the postings as one sorted array of (word, unit) keys (numpy), so that building it
    for 100,000 units costs about what reading them does.
    """

    def __init__(self, units: Iterable[MemoryUnit]) -> None:
        import numpy as np

        self.units: list[MemoryUnit] = list(units)
        self._ids: dict[str, str] = {_SEPARATOR: chr(_FIRST)}
        pieces = [
            self._bulk_encode(self.units[at : at + _CHUNK]) for at in range(0, len(self), _CHUNK)
        ]
        encoded = chr(_FIRST).join(pieces)
        del self._ids[_SEPARATOR]
        self._encoded: list[str] = encoded.split(chr(_FIRST)) if self.units else []
        words = np.frombuffer(encoded.encode("utf-32-le"), dtype=np.uint32)
        between = words == _FIRST
        count = self._count = max(len(self), 1)
        # one key per (word, unit) pair, word * count + unit, sorted and unique: the units
        # holding a word are one slice
        keys = words.astype(np.int64)
        keys -= _FIRST
        keys *= count
        keys += np.cumsum(between, dtype=np.int32)
        keys = keys[~between]
        keys.sort()
        first = np.ones(len(keys), dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        self._keys = keys[first]

    def _bulk_encode(self, units: list[MemoryUnit]) -> str:
        """The units' words as one string of word characters, units parted by U+10000."""
        words = _bulk_tokens([unit.source for unit in units])
        ids = self._ids
        for word in dict.fromkeys(words):
            if word not in ids:
                ids[word] = chr(_FIRST + len(ids))
        return "".join(map(ids.__getitem__, words))

    def __len__(self) -> int:
        return len(self.units)

    def to_bytes(self) -> bytes:
        """The index as a NumPy .npz archive (no pickles), for ``from_bytes`` in a later run
        over the same units."""
        import numpy as np

        arrays = {
            "digest": np.frombuffer(units_digest(self.units).encode(), dtype=np.uint8),
            "words": np.frombuffer(_SEPARATOR.join(self._ids).encode(), dtype=np.uint8),
            "encoded": np.frombuffer(
                chr(_FIRST).join(self._encoded).encode("utf-32-le"), dtype=np.uint32
            ),
            "keys": self._keys,
        }
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, units: Sequence[MemoryUnit], data: bytes) -> FuzzyIndex | None:
        """The index saved by ``to_bytes`` for exactly these units (same sources, same
        order), or None when ``data`` is for other units or not an index (it is rebuilt)."""
        return cls.from_file(units, io.BytesIO(data))

    @classmethod
    def from_file(cls, units: Sequence[MemoryUnit], file: BinaryIO) -> FuzzyIndex | None:
        """``from_bytes`` reading an open file: the arrays are read one by one, never the
        whole file at once."""
        import numpy as np

        try:
            with np.load(file, allow_pickle=False) as saved:
                digest, words = saved["digest"], saved["words"]
                encoded, keys = saved["encoded"], saved["keys"]
            if digest.tobytes().decode() != units_digest(units):
                return None
            if keys.dtype != np.int64 or keys.ndim != 1 or encoded.dtype != np.uint32:
                return None
            index = cls.__new__(cls)
            index.units = list(units)
            index._count = max(len(units), 1)
            index._keys = keys
            text = str(encoded.data, "utf-32-le")
            index._encoded = text.split(chr(_FIRST)) if units else []
            vocabulary = words.tobytes().decode().split(_SEPARATOR) if words.size else []
        except (
            OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, zipfile.BadZipFile,
            MemoryError,  # a header that claims more than there is to allocate
        ):  # fmt: skip
            return None
        if len(index._encoded) != len(units):
            return None
        index._ids = {word: chr(_FIRST + 1 + n) for n, word in enumerate(vocabulary)}
        return index

    def _postings(self, code: int) -> Any:
        """The positions of the units holding word ``code`` (a numpy array)."""
        word = code - _FIRST
        low, high = self._keys.searchsorted([word * self._count, (word + 1) * self._count])
        return self._keys[low:high] % self._count

    def _encode(self, words: list[str]) -> str:
        """A query's words as characters; a word no unit has matches nothing."""
        ids, unseen = self._ids, len(self._ids) + _FIRST + 1
        chars = []
        for word in words:
            char = ids.get(word)
            if char is None:
                char, unseen = chr(unseen), unseen + 1
            chars.append(char)
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
        lists = {code: self._postings(ord(code)) for code in set(query)}
        distinct = sorted(lists, key=lambda code: len(lists[code]))
        candidates: set[int] = set()
        for code in distinct[: max(1, len(distinct) - shared + 1)]:
            candidates.update(lists[code].tolist())
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
