"""What the pipeline needs of a translation engine: the ``Engine`` protocol and its output.

An engine translates a batch of already-masked texts from one language to another. Glossary
terms, names, numbers and URLs have been replaced by placeholders (``Engine.placeholder``) that
the engine is expected to copy through unchanged; the pipeline checks that it did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class EngineOutput:
    """One translated text, the engine's score for it (``None`` if it gives none) and the
    words it did not know and left as written (apertium marks them)."""

    text: str
    score: float | None = None
    unknown: tuple[str, ...] = ()


class Engine(Protocol):
    """What the pipeline needs of a translation engine."""

    name: str

    def supports(self, source: str, target: str) -> bool:
        """Whether this engine can translate from ``source`` to ``target`` here, offline."""
        ...

    def model_id(self, source: str, target: str) -> str:
        """Engine and model as recorded in a segment's origin, e.g. ``apertium:eng-spa``."""
        ...

    def placeholder(self, index: int) -> str:
        """The ``index``-th placeholder token, in a form this engine copies through unchanged."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        """Translate every text of the batch; the result has one output per input, in order."""
        ...

    def release(self) -> None:
        """Free what the engine loaded (models); called when a language's work is done."""
        ...
