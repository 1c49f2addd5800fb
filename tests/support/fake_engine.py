"""A deterministic fake engine for unit tests of masking and pipeline logic only.

It "translates" English to a pseudo-Spanish by a small word list, leaving other words as they
are, and can misbehave on purpose with placeholders: drop, duplicate or mangle them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.translation.engines.base import EngineOutput

WORDS = {
    "the": "el",
    "said": "dijo",
    "helped": "ayudó",
    "russia": "Rusia",
    "trump": "Triunfo",
    "white": "blanca",
    "house": "casa",
    "is": "es",
    "and": "y",
    "met": "se reunió con",
    "in": "en",
    "on": "en",
    "of": "de",
    "president": "presidente",
    "people": "gente",
    "news": "noticias",
}


class FakeEngine:
    """Word-list translator; ``mode`` is normal, drop, duplicate or mangle."""

    name = "fake"

    def __init__(self, mode: str = "normal") -> None:
        self.mode = mode
        self.calls: list[list[str]] = []
        self.released = False

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return f"fake:{source}-{target}"

    def placeholder(self, index: int) -> str:
        return f"TXP{index}X"

    def release(self) -> None:
        self.released = True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        self.calls.append(list(texts))
        return [EngineOutput(self._one(text), -0.5) for text in texts]

    def _one(self, text: str) -> str:
        def word(found: re.Match[str]) -> str:
            value = found.group()
            if re.fullmatch(r"TXP\d+X", value):
                return value
            out = WORDS.get(value.lower(), value)
            return out[:1].upper() + out[1:] if value[:1].isupper() else out

        result = re.sub(r"\w+", word, text)
        if self.mode == "drop":
            result = re.sub(r"TXP0X", "", result)
        elif self.mode == "duplicate":
            result = re.sub(r"(TXP0X)", r"\1 \1", result)
        elif self.mode == "mangle":
            result = result.replace("TXP0X", "TXP 0X")
        return result
