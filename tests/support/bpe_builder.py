"""Learn subword-nmt style BPE codes for the test packages (``argos_builder``, ``tokenizer="bpe"``).

Older Argos packages tokenise with Moses and a ``bpe.model``: subword-nmt merge codes. This
learns such codes on the builder's corpus: every line is normalised and Moses-tokenised in the
source language (sacremoses, as ``translate.translation.engines.tokenizers.BPETokenizer`` does),
words are
split into characters with the end-of-word mark ``</w>`` joined to the last one (codes version
0.2), and the most frequent adjacent pair is merged, ``merges`` times (ties broken by the pair
itself, so builds are deterministic). Pair counts are updated only for the words a merge
touches.

The model vocabulary is every unit the codes cut the corpus into (``@@`` marking a unit that a
word continues), plus every ASCII letter, digit and punctuation mark in both forms, so no text
and no placeholder (``ZX1Q``) becomes ``<unk>``. ``is_movable`` tells the copying model which
units to permute: whole lowercase words that the corpus never has as the end of a longer word
(so ``Tr@@ ump`` keeps its ``ump`` and names survive).
"""

from __future__ import annotations

import itertools
import string
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

END = "</w>"
SEPARATOR = "@@"
SPECIALS = ("<unk>", "<s>", "</s>")
Word = tuple[str, ...]


@dataclass(frozen=True)
class LearntBPE:
    """Codes file text (``bpe.model``), model vocabulary and the units a copy model moves."""

    codes_text: str
    vocabulary: list[str]
    tails: frozenset[str]

    def is_movable(self, unit: str) -> bool:
        """Whether the copying model's permutation may move ``unit``: a whole lowercase word
        that never ends a longer word in the corpus."""
        return unit.isalpha() and unit.islower() and unit not in self.tails


def learn(lines: Iterable[str], lang: str, *, merges: int, extra: str = "") -> LearntBPE:
    """Learn ``merges`` codes on ``lines`` (Moses-tokenised in ``lang``); ``extra`` is a token
    added to the vocabulary as it is (a target prefix)."""
    from sacremoses import MosesPunctNormalizer, MosesTokenizer

    normalizer, tokenizer = MosesPunctNormalizer(lang=lang), MosesTokenizer(lang=lang)
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(tokenizer.tokenize(normalizer.normalize(line)))
    words: dict[Word, int] = {_symbols(word): n for word, n in counts.items() if word}
    codes = _learn(words, merges)
    from translate.translation.engines.tokenizers import BPECodes

    codes_text = "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in codes)
    bpe = BPECodes.parse(codes_text)
    units: Counter[str] = Counter()
    tails: set[str] = set()
    for word, n in counts.items():
        parts = bpe.split_word(word)
        units.update({part + SEPARATOR: n for part in parts[:-1]})
        units[parts[-1]] += n
        if len(parts) > 1:
            tails.add(parts[-1])
    for char in string.ascii_letters + string.digits + string.punctuation:
        units.setdefault(char, 0)
        units.setdefault(char + SEPARATOR, 0)
    ordered = sorted(units, key=lambda unit: (-units[unit], unit))
    vocabulary = [*SPECIALS, *([extra] if extra else []), *ordered]
    return LearntBPE(codes_text, list(dict.fromkeys(vocabulary)), frozenset(tails))


def _symbols(word: str) -> Word:
    return (*word[:-1], word[-1] + END)


def _learn(words: dict[Word, int], merges: int) -> list[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    where: defaultdict[tuple[str, str], set[Word]] = defaultdict(set)
    for word, n in words.items():
        for pair in itertools.pairwise(word):
            pairs[pair] += n
            where[pair].add(word)
    codes: list[tuple[str, str]] = []
    while len(codes) < merges and pairs:
        top = max(pairs.values())
        if top < 2:
            break
        best = max(pair for pair, n in pairs.items() if n == top)
        codes.append(best)
        for word in list(where.pop(best, ())):
            n = words.pop(word)
            for pair in itertools.pairwise(word):
                pairs[pair] -= n
                where[pair].discard(word)
                if pairs[pair] <= 0:
                    del pairs[pair]
            merged = _merge(word, best)
            words[merged] = words.get(merged, 0) + n
            for pair in itertools.pairwise(merged):
                pairs[pair] += n
                where[pair].add(merged)
        pairs.pop(best, None)
    return codes


def _merge(word: Word, pair: tuple[str, str]) -> Word:
    merged: list[str] = []
    i = 0
    while i < len(word):
        if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
            merged.append(word[i] + word[i + 1])
            i += 2
        else:
            merged.append(word[i])
            i += 1
    return tuple(merged)
