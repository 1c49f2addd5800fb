"""The registry of engines: ``create`` one by name, or ``select`` the one that serves a pair.

Adding an engine is one module with a class satisfying ``translate.translation.engines.base.
Engine`` plus one entry in ``_FACTORIES``. Engine modules are imported by their factory, when
that engine is asked for: their libraries (CTranslate2, Ray) stay unloaded otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from translate.errors import EngineError
from translate.translation.engines.base import Engine
from translate.workspace.engine_options import EngineOptions


def _argos(options: EngineOptions) -> Engine:
    if options.cluster.address:
        from translate.translation.engines.cluster import ClusterEngine

        return ClusterEngine(options=options)
    from translate.translation.engines.argos import ArgosEngine

    return ArgosEngine(options=options)


def _apertium(options: EngineOptions) -> Engine:
    from translate.translation.engines.apertium import ApertiumEngine

    return ApertiumEngine(keep_alive=options.apertium_keep_alive)


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
    from translate.translation.engines.catalogue import how_to_get  # for the failure alone

    which = "no engine can" if name == "auto" else f"engine '{name}' cannot"
    engines = ("argos", "apertium") if name == "auto" else (name,)
    raise EngineError(
        f"{which} translate {source} to {target} on this machine",
        hint=how_to_get(source, target, engines),
    )
