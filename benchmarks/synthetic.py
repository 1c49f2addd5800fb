"""Synthetic memories and articles at a newsroom's real size, made by the benchmark itself.

Sentences are recombined from the repository's own test texts, with names and figures mixed
in as in news copy (a newsroom's memory is full of them: tens of thousands of distinct
words), seeded so that every run measures the same data. Nothing large is committed: a
memory of a million units (about 190 MB of TMX) is written when a benchmark needs it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
TEXTS = (REPO / "tests" / "data" / "wire-story.txt", REPO / "tests" / "data" / "training.txt")


# Number words, which tx's checks compare with the translation's figures.
_NUMBERS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "dozen",
        "dozens",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "half",
        "twice",
        "once",
        "double",
        "triple",
    ]
)


class SentenceMaker:
    """Sentences of ``shortest`` to ``longest`` words: seven in ten words from the test
    texts, three in ten names and figures. Words are drawn in bulk (NumPy), so a million
    sentences take seconds."""

    def __init__(
        self, seed: int = 2026, shortest: int = 8, longest: int = 30, *, plain: bool = False
    ) -> None:
        import numpy as np

        self.rng = np.random.default_rng(seed)
        words: list[str] = []
        for path in TEXTS:
            words += re.findall(r"[^\s]+", path.read_text(encoding="utf-8"))
        syllables = ["ka", "lo", "mi", "ren", "tov", "ash", "el", "no", "vi", "da", "sur", "ik"]
        picker = random.Random(seed)
        names = [
            "".join(picker.choices(syllables, k=picker.randint(2, 4))).title()
            for _ in range(20_000)
        ] + [str(n) for n in range(20_000)]
        if plain:  # letters only, no number words: sentences every check takes as they are
            words = [w.lower() for w in words if w.isalpha() and w.lower() not in _NUMBERS]
            names = [n for n in names if n.isalpha()]
        self.words, self.names = words, names
        self.plain = plain
        self.shortest, self.longest = shortest, longest
        self._batch: list[str] = []

    def _fill(self, count: int = 10_000) -> None:
        rng = self.rng
        lengths = rng.integers(self.shortest, self.longest + 1, size=count)
        total = int(lengths.sum())
        from_text = rng.random(total) < 0.7
        text_picks = rng.integers(0, len(self.words), size=total).tolist()
        name_picks = rng.integers(0, len(self.names), size=total).tolist()
        words, names = self.words, self.names
        chosen = [
            words[t] if keep else names[n]
            for keep, t, n in zip(from_text.tolist(), text_picks, name_picks, strict=True)
        ]
        at = 0
        batch = []
        for length in lengths.tolist():
            words = chosen[at : at + length]
            at += length
            if self.plain:  # no word or pair of words twice, a capital, a full stop
                words = _once(words)
                words[0] = words[0].capitalize()
                words[-1] += "."
            batch.append(" ".join(words))
        batch.reverse()
        self._batch = batch

    def sentence(self) -> str:
        """One new sentence."""
        if not self._batch:
            self._fill()
        return self._batch.pop()

    def sentences(self, count: int) -> list[str]:
        """``count`` new sentences."""
        return [self.sentence() for _ in range(count)]


def _once(words: list[str]) -> list[str]:
    """``words`` without a word that repeats the one before it or a pair already written."""
    kept: list[str] = []
    pairs: set[tuple[str, str]] = set()
    for word in words:
        if kept and (word.lower() == kept[-1].lower() or (kept[-1].lower(), word.lower()) in pairs):
            continue
        if kept:
            pairs.add((kept[-1].lower(), word.lower()))
        kept.append(word)
    return kept


def target_of(sentence: str) -> str:
    """A stand-in translation that tx's checks and publishing gate take for one: the words in
    reverse order, each word's letters reversed (no word of the source language is left),
    figures and the closing punctuation as they were."""
    body = sentence.rstrip(".!?")
    words = []
    for word in reversed(body.split()):
        if word.isalpha():
            turned = word[::-1].lower()
            word = turned.capitalize() if word[0].isupper() else turned
        words.append(word)
    return " ".join(words) + sentence[len(body) :]


def write_tmx(path: Path, units: int, *, seed: int = 2026, keep: int = 0) -> list[str]:
    """Write a TMX 1.4 memory of ``units`` English-Spanish units to ``path`` (streamed, never
    held whole); returns the sources of the first ``keep`` units (to make an article from).
    Sentences are of 4 to 14 words, so that a million units (about 190 MB) stay inside tx's
    200 MB limit for one memory file, as a real memory of that size does."""
    maker = SentenceMaker(seed, shortest=4, longest=14)
    kept: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n'
        )
        for number in range(units):
            source = maker.sentence() + "."
            if number < keep:
                kept.append(source)
            out.write(
                f'<tu><tuv xml:lang="en"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="es"><seg>{escape(target_of(source))}</seg></tuv></tu>\n'
            )
        out.write("</body>\n</tmx>\n")
    return kept


def article_text(sentences: Iterator[str] | list[str], title: str, per_paragraph: int = 5) -> str:
    """A Markdown article of ``sentences``, ``per_paragraph`` to a paragraph."""
    body = list(sentences)
    paragraphs = [
        " ".join(s.rstrip(".") + "." for s in body[at : at + per_paragraph])
        for at in range(0, len(body), per_paragraph)
    ]
    return f"---\ntitle: {title}\ndate: 2025-08-22\n---\n\n" + "\n\n".join(paragraphs) + "\n"
