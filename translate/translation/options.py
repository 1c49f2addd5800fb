"""The options of a translation run, checked before any work: an unknown engine, device,
``--retranslate`` value or Ray address is one clear error before an article is read."""

from __future__ import annotations

from dataclasses import dataclass, replace

from translate.errors import EngineError, UsageError
from translate.workspace import ENGINES, Workspace
from translate.workspace.engine_options import DEVICES, cluster_address

RETRANSLATE = ("flagged", "machine")


@dataclass(frozen=True)
class RunOptions:
    """What a translator asked for beyond tx.toml (``None``: tx.toml's value)."""

    engine: str | None = None
    device: str | None = None
    retranslate: str | None = None
    cluster: str | None = None


def settle(ws: Workspace, options: RunOptions) -> Workspace:
    """Check ``options`` and return the workspace with them applied (the cluster address);
    raises ``EngineError`` or ``UsageError`` naming the option and the values it takes."""
    if options.engine is not None and options.engine not in ENGINES:
        raise EngineError(
            f"--engine: unknown engine '{options.engine}'", hint=f"use one of {', '.join(ENGINES)}"
        )
    if options.retranslate is not None and options.retranslate not in RETRANSLATE:
        raise UsageError(
            f"unknown --retranslate '{options.retranslate}'", hint="use flagged or machine"
        )
    if options.device is not None and options.device not in DEVICES:
        raise UsageError(
            f"unknown device '{options.device}'", hint=f"use one of {', '.join(DEVICES)}"
        )
    ws = _on_cluster(ws, options.cluster)
    asked = options.device or ws.settings.engine_options.device
    on_cluster = bool(ws.settings.engine_options.cluster.address)
    engine = options.engine or ws.settings.engine
    if asked == "cuda" and engine != "apertium" and not on_cluster:
        from translate.translation.engines.argos import resolve_device  # only for CUDA

        resolve_device("cuda")  # one clear error now, not after the first languages
    return ws


def _on_cluster(ws: Workspace, address: str | None) -> Workspace:
    """The workspace with ``--cluster`` applied; when a cluster is set (by the option or
    tx.toml), Ray must be installed: say how to get it before any work."""
    if address is not None:
        try:
            found = cluster_address(address)
        except ValueError:
            raise UsageError(
                f"--cluster: '{address}' is not a Ray address",
                hint="use auto, local, none, HOST:PORT or ray://HOST:PORT",
            ) from None
        engine_options = ws.settings.engine_options
        engine_options = replace(
            engine_options, cluster=replace(engine_options.cluster, address=found)
        )
        ws = replace(ws, settings=replace(ws.settings, engine_options=engine_options))
    found = ws.settings.engine_options.cluster.address
    if found:
        from translate.translation.engines.cluster import probe, require_ray  # with a cluster

        require_ray()
        if address is not None and found not in ("auto", "local"):
            probe(found)  # asked for on the command line: reachable, even if no pair needs it
    return ws
