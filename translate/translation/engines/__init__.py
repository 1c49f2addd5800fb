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
from translate.workspace.engine_options import EngineOptions


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


def _argos(options: EngineOptions) -> Engine:
    if options.cluster.address:
        from translate.translation.engines.cluster import ClusterEngine

        return ClusterEngine(options=options)
    from translate.translation.engines.argos import ArgosEngine

    return ArgosEngine(options=options)


def _apertium(options: EngineOptions) -> Engine:
    from translate.translation.engines.apertium import ApertiumEngine

    return ApertiumEngine()


_FACTORIES: dict[str, Callable[[EngineOptions], Engine]] = {
    "argos": _argos,
    "apertium": _apertium,
}

NAMES = ("auto", *_FACTORIES)


def create(name: str, options: EngineOptions | None = None) -> Engine:
    """A new engine by registry name (``argos`` or ``apertium``) with tx.toml's options."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise EngineError(
            f"unknown engine '{name}'", hint=f"use one of {', '.join(NAMES)}"
        ) from None
    return factory(options or EngineOptions())


def select(name: str, source: str, target: str, options: EngineOptions | None = None) -> Engine:
    """The engine to translate ``source`` to ``target``.

    ``auto`` takes argos when a model package for the pair (direct or through English) is
    installed, else apertium when Debian's pair is installed, else fails saying what can be
    installed for the pair (``catalogue.how_to_get``).
    """
    candidates = list(_FACTORIES) if name == "auto" else [name]
    for candidate in candidates:
        engine = create(candidate, options)
        if engine.supports(source, target):
            return engine
    from translate.translation.engines.catalogue import how_to_get

    which = "no engine can" if name == "auto" else f"engine '{name}' cannot"
    engines = ("argos", "apertium") if name == "auto" else (name,)
    raise EngineError(
        f"{which} translate {source} to {target} on this machine",
        hint=how_to_get(source, target, engines),
    )
