"""The two ways Argos packages cut text into model tokens, and back.

- SentencePiece packages (``sentencepiece.model``): the model's pieces both ways.
- BPE packages (``bpe.model``): Moses punctuation normalisation and tokenisation (sacremoses,
  in the source language), then byte-pair merges from the package's codes file; the model's
  output is joined at ``@@`` and Moses-detokenised in the target language. This is what
  argostranslate's ``BPETokenizer`` does, with the same sacremoses defaults (tokens escaped on
  the way in, unescaped on the way out), so a BPE package gives the same tokens here as there.

The codes file is subword-nmt's format: an optional ``#version: 0.2`` line, then one merge a
line, two symbols separated by a space, most frequent first. A word is split into characters
with an end-of-word mark (``</w>``: a symbol of its own in version 0.1, joined to the last
character in 0.2); the adjacent pair with the earliest merge is joined everywhere in the word,
again and again until no adjacent pair has a merge; the end-of-word mark is dropped and every
unit but the last gets the ``@@`` continuation mark.

sentencepiece and sacremoses are imported when a package is loaded, never at start-up.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from translate.errors import ModelPackageError

SEPARATOR = "@@"
END_OF_WORD = "</w>"
_WORD_CACHE_LIMIT = 100_000
_VERSION = re.compile(r"#version:\s*(\d+(?:\.\d+)*)\s*")


class Tokenizer(Protocol):
    """Text to the model's tokens and back."""

    def encode(self, text: str) -> list[str]:
        """The tokens of one sentence."""
        ...

    def decode(self, tokens: Sequence[str]) -> str:
        """The text of the model's output tokens (target prefix already removed)."""
        ...


class SentencePieceTokenizer:
    """A package's ``sentencepiece.model``."""

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self.processor: Any = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str) -> list[str]:
        """The SentencePiece pieces of ``text``."""
        pieces: list[str] = self.processor.encode(text, out_type=str)
        return pieces

    def decode(self, tokens: Sequence[str]) -> str:
        """The text of ``tokens``, without the leading space of the first piece."""
        text: str = self.processor.decode_pieces(list(tokens))
        return text.strip()


@dataclass
class BPECodes:
    """Byte-pair merges read from a subword-nmt codes file (a package's ``bpe.model``).

    ``ranks`` maps a pair of symbols to its merge's position (earlier merges first; a pair
    listed twice keeps its first position); ``joined_end`` is True for version 0.2 codes,
    where the end-of-word mark is part of the word's last symbol.
    """

    ranks: dict[tuple[str, str], int]
    joined_end: bool = True
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, path: Path) -> BPECodes:
        """Read the codes file at ``path``; a malformed line raises ``ModelPackageError``."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ModelPackageError(
                f"cannot read the BPE codes: {error}",
                path=path,
                hint="reinstall the package with `tx models install`",
            ) from None
        return cls.parse(text, path)

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> BPECodes:
        """The codes in ``text`` (the contents of ``path``, named in errors)."""
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        joined_end = False
        first = 1
        header = _VERSION.fullmatch(lines[0].rstrip("\r")) if lines else None
        if header is not None:
            version = tuple(int(part) for part in header.group(1).split("."))
            while len(version) > 2 and version[-1] == 0:
                version = version[:-1]
            if version not in ((0, 1), (0, 2)):
                raise ModelPackageError(
                    f"BPE codes version {header.group(1)} is not supported (0.1 and 0.2 are)",
                    path=path,
                    line=1,
                    hint="use a .argosmodel file from the Argos package index, unchanged",
                )
            joined_end = version == (0, 2)
            lines, first = lines[1:], 2
        ranks: dict[tuple[str, str], int] = {}
        for number, line in enumerate(lines):
            parts = line.strip("\r\n ").split(" ")
            if len(parts) != 2 or not all(parts):
                raise ModelPackageError(
                    "a BPE merge must be two symbols separated by one space",
                    path=path,
                    line=number + first,
                    hint="use a .argosmodel file from the Argos package index, unchanged",
                )
            ranks.setdefault((parts[0], parts[1]), number)
        return cls(ranks, joined_end)

    def segment(self, tokens: Sequence[str]) -> list[str]:
        """The subword units of whitespace-free ``tokens``, ``@@`` marking continuations."""
        units: list[str] = []
        for token in tokens:
            if not token:
                continue
            parts = self.split_word(token)
            units.extend(part + SEPARATOR for part in parts[:-1])
            units.append(parts[-1])
        return units

    def split_word(self, word: str) -> tuple[str, ...]:
        """The units of one word after every applicable merge (cached per word)."""
        known = self._cache.get(word)
        if known is not None:
            return known
        # Version 0.2 joins the end-of-word mark to the last character; 0.1 keeps it apart.
        last = [word[-1] + END_OF_WORD] if self.joined_end else [word[-1], END_OF_WORD]
        symbols = [*word[:-1], *last]
        ranks = self.ranks
        while len(symbols) > 1:
            best: tuple[str, str] | None = None
            best_rank = len(ranks)
            for pair in itertools.pairwise(symbols):
                rank = ranks.get(pair)
                if rank is not None and rank < best_rank:
                    best, best_rank = pair, rank
            if best is None:
                break
            symbols = _merge(symbols, best)
        if symbols[-1] == END_OF_WORD:
            symbols.pop()
        elif symbols[-1].endswith(END_OF_WORD):
            symbols[-1] = symbols[-1][: -len(END_OF_WORD)]
        units = tuple(symbols)
        if len(self._cache) >= _WORD_CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = units
        return units


def _merge(symbols: list[str], pair: tuple[str, str]) -> list[str]:
    """``symbols`` with every non-overlapping occurrence of ``pair`` joined, left to right."""
    first, second = pair
    merged: list[str] = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == first and symbols[i + 1] == second:
            merged.append(first + second)
            i += 2
        else:
            merged.append(symbols[i])
            i += 1
    return merged


class BPETokenizer:
    """Moses tokenisation plus BPE codes (a package's ``bpe.model``), as argostranslate does.

    ``source`` and ``target`` are the package's language codes, given to sacremoses as they
    are (its non-breaking prefixes and detokenisation rules are per language).
    """

    def __init__(self, codes_file: Path, source: str, target: str) -> None:
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer

        self.codes = BPECodes.read(codes_file)
        self.normalizer: Any = MosesPunctNormalizer(lang=source)
        self.tokenizer: Any = MosesTokenizer(lang=source)
        self.detokenizer: Any = MosesDetokenizer(lang=target)

    def encode(self, text: str) -> list[str]:
        """Normalise punctuation, Moses-tokenise (escaping ``&<>|[]'"``), apply the merges."""
        normalized = self.normalizer.normalize(text)
        words: list[str] = self.tokenizer.tokenize(normalized)
        return self.codes.segment(" ".join(words).strip("\r\n ").split(" "))

    def decode(self, tokens: Sequence[str]) -> str:
        """Join units at ``@@``, then Moses-detokenise (unescaping) in the target language."""
        joined = " ".join(tokens).replace(SEPARATOR + " ", "")
        text: str = self.detokenizer.detokenize(joined.split(" "))
        return text.strip()
