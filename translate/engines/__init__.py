"""Translation engines behind one small protocol, and the registry that picks one.

An engine translates a batch of already-masked texts from one language to another. Glossary
terms, names, numbers and URLs have been replaced by placeholders (``Engine.placeholder``) that
the engine is expected to copy through unchanged; the pipeline checks that it did.

Adding an engine is one module with a class satisfying ``Engine`` plus one entry in
``_FACTORIES``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from translate.errors import EngineError


@dataclass(frozen=True)
class EngineOutput:
    """One translated text and the engine's score for it (``None`` if it gives none)."""

    text: str
    score: float | None = None


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


def _argos() -> Engine:
    from translate.engines.argos import ArgosEngine

    return ArgosEngine()


def _apertium() -> Engine:
    from translate.engines.apertium import ApertiumEngine

    return ApertiumEngine()


_FACTORIES: dict[str, Callable[[], Engine]] = {"argos": _argos, "apertium": _apertium}

NAMES = ("auto", *_FACTORIES)


def create(name: str) -> Engine:
    """A new engine by registry name (``argos`` or ``apertium``)."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise EngineError(
            f"unknown engine '{name}'", hint=f"use one of {', '.join(NAMES)}"
        ) from None
    return factory()


def select(name: str, source: str, target: str) -> Engine:
    """The engine to translate ``source`` to ``target``.

    ``auto`` takes argos when a model package for the pair (direct or through English) is
    installed, else apertium when Debian's pair is installed, else fails saying how to install
    either.
    """
    candidates = list(_FACTORIES) if name == "auto" else [name]
    for candidate in candidates:
        engine = create(candidate)
        if engine.supports(source, target):
            return engine
    how = (
        f"install an Argos model with `tx models install {source} {target}` (or "
        f"`tx models install FILE.argosmodel` offline), or Debian's apertium pair "
        f"(`apt-get install apertium-{_iso3(source)}-{_iso3(target)}`)"
    )
    which = "no engine can" if name == "auto" else f"engine '{name}' cannot"
    raise EngineError(f"{which} translate {source} to {target} on this machine", hint=how)


_ISO3 = {"en": "eng", "es": "spa", "fr": "fra", "de": "deu", "ca": "cat", "pt": "por", "it": "ita"}


def _iso3(lang: str) -> str:
    return _ISO3.get(lang, lang)
