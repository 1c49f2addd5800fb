"""Engine settings of tx.toml: decoding, device, models folder, the Ray cluster and how long
apertium's pipeline is kept loaded.

Read by the workspace's settings, so they live here with them; the engines take them as given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from translate.errors import WorkspaceError

DEVICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True)
class Decoding:
    """How a neural engine searches for a translation; the defaults are argostranslate's.

    Beam search with ``beam_size`` hypotheses (argostranslate's ``ARGOS_BEAM_SIZE``, 4),
    ``length_penalty`` 0.2 and no ``repetition_penalty`` (1.0), always taking the best
    hypothesis: no sampling.
    """

    beam_size: int = 4
    length_penalty: float = 0.2
    repetition_penalty: float = 1.0

    def describe(self) -> str:
        """``beam 4, length penalty 0.2`` (the repetition penalty when it is not 1)."""
        text = f"beam {self.beam_size}, length penalty {self.length_penalty:g}"
        if self.repetition_penalty != 1.0:
            text += f", repetition penalty {self.repetition_penalty:g}"
        return text


@dataclass(frozen=True)
class ClusterOptions:
    """Where Argos models run when one machine is not enough (tx.toml's ``cluster`` keys).

    ``address`` is ``""`` (this process, no Ray), ``auto`` (the Ray cluster running here),
    ``local`` (a new Ray instance on this machine), or a Ray address (``HOST:PORT`` or
    ``ray://HOST:10001``); ``workers`` is how many model workers to start (0: as many as the
    cluster has room for) and ``worker_cpus`` the CPUs each asks for (0: up to 4, no more
    than the largest machine has).
    """

    address: str = ""
    workers: int = 0
    worker_cpus: int = 0


APERTIUM_KEEP_ALIVE = 300  # seconds a kept-warm apertium pipeline waits for the next run
MAX_KEEP_ALIVE = 86_400


@dataclass(frozen=True)
class EngineOptions:
    """Engine settings from tx.toml: the device neural engines run on and their decoding,
    with overrides per target language (``[decoding.de]`` in tx.toml), the Ray cluster
    Argos models run on, if any, and how long apertium's pipeline is kept loaded after a run
    (``apertium_keep_alive`` seconds; 0 starts apertium for every call)."""

    device: str = "auto"
    decoding: Decoding = field(default_factory=Decoding)
    by_language: tuple[tuple[str, Decoding], ...] = field(default=())
    cluster: ClusterOptions = field(default_factory=ClusterOptions)
    apertium_keep_alive: int = APERTIUM_KEEP_ALIVE

    def decoding_for(self, target: str) -> Decoding:
        """The decoding for ``target``: the override of its own tag, else of a tag that
        serves it without naming another region (``[decoding.es]`` applies to es-MX,
        ``[decoding.zh-Hant]`` to zh-TW, ``[decoding.es-MX]`` not to es), else the
        workspace's."""
        if not self.by_language:
            return self.decoding
        from translate.languages import explicit_region, lookup

        region = explicit_region(target)
        tags = tuple(tag for tag, _ in self.by_language if explicit_region(tag) in ("", region))
        found = lookup(target, tags)
        return dict(self.by_language)[found] if found is not None else self.decoding


def read_options(data: Mapping[str, object], path: Path) -> EngineOptions:
    """The engine settings of a parsed tx.toml (``device``, ``beam_size``, ``length_penalty``,
    ``repetition_penalty``, ``[decoding.<lang>]`` tables and the ``cluster`` keys); raises
    ``WorkspaceError`` naming the key and the allowed values."""
    device = data.get("device", "auto")
    if device not in DEVICES:
        raise WorkspaceError(
            f"'device' must be one of {', '.join(DEVICES)}, not {device!r}",
            path=path,
            hint='"auto" takes a CUDA GPU when CTranslate2 finds one, else the CPU',
        )
    decoding = _read_decoding(data, Decoding(), path, "")
    tables = data.get("decoding", {})
    if not isinstance(tables, Mapping):
        raise WorkspaceError(
            "'decoding' must be a table of languages, e.g. [decoding.de] beam_size = 5",
            path=path,
        )
    from translate.languages import normalized

    by_language = []
    for lang, table in tables.items():
        tag = normalized(str(lang))
        if tag is None or not isinstance(table, Mapping):
            raise WorkspaceError(
                f"'decoding.{lang}' must be a table named by a language tag",
                path=path,
                hint="e.g. [decoding.de] with beam_size = 5",
            )
        by_language.append((tag, _read_decoding(table, decoding, path, f"decoding.{lang}.")))
    cluster = read_cluster(data, path)
    keep_alive = _keep_alive(data, path)
    return EngineOptions(str(device), decoding, tuple(by_language), cluster, keep_alive)


def _keep_alive(data: Mapping[str, object], path: Path) -> int:
    """tx.toml's ``apertium_keep_alive``: whole seconds from 0 to a day."""
    value = data.get("apertium_keep_alive", APERTIUM_KEEP_ALIVE)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_KEEP_ALIVE:
        raise WorkspaceError(
            f"'apertium_keep_alive' must be a whole number of seconds from 0 to "
            f"{MAX_KEEP_ALIVE}, not {value!r}",
            path=path,
            hint=f"{APERTIUM_KEEP_ALIVE} keeps apertium's pipeline loaded five minutes after a "
            "run; 0 starts apertium for every call",
        )
    return value


CLUSTER_HINT = (
    'use "auto" (the Ray cluster started here with `ray start`), "local" (a Ray instance '
    'started for the run), "none", or the head\'s address ("HOST:6379" or "ray://HOST:10001")'
)


def cluster_address(value: str) -> str:
    """The cluster setting in its stored form (``none`` and ``""`` are both ``""``); raises
    ``ValueError`` for text that is no Ray address."""
    text = value.strip()
    if text.lower() in ("", "none", "off"):
        return ""
    if text.lower() in ("auto", "local"):
        return text.lower()
    if len(text) > 300 or not text.isprintable() or any(c.isspace() for c in text):
        raise ValueError(value)
    host = text.removeprefix("ray://")
    name, _, port = host.rpartition(":")
    if not _host(name) or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(value)
    return text


_HOST_NAME = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?")


def _host(name: str) -> bool:
    """Whether ``name`` is a host: a DNS name, an IPv4 address, or an IPv6 one in brackets
    (``[::1]``; ``[::1`` or a bare ``::1`` is not)."""
    if name.startswith("[") or name.endswith("]"):
        import ipaddress  # only for an address in brackets

        try:
            ipaddress.IPv6Address(name[1:-1] if name.endswith("]") else "-")
        except ValueError:
            return False
        return name.startswith("[")
    return len(name) <= 253 and bool(_HOST_NAME.fullmatch(name))


def read_cluster(data: Mapping[str, object], path: Path) -> ClusterOptions:
    """tx.toml's ``cluster``, ``cluster_workers`` and ``cluster_worker_cpus``."""
    address = data.get("cluster", "")
    try:
        if not isinstance(address, str):
            raise ValueError(address)
        address = cluster_address(address)
    except ValueError:
        raise WorkspaceError(
            f"'cluster' must be a Ray address, not {address!r}", path=path, hint=CLUSTER_HINT
        ) from None
    counts = []
    for key, top in (("cluster_workers", 100_000), ("cluster_worker_cpus", 1024)):
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise WorkspaceError(
                f"'{key}' must be a whole number from 0 to {top}, not {value!r}",
                path=path,
                hint="0 lets tx choose from what the cluster has",
            )
        counts.append(value)
    return ClusterOptions(address, counts[0], counts[1])


def _read_decoding(
    data: Mapping[str, object], default: Decoding, path: Path, prefix: str
) -> Decoding:
    values: dict[str, object] = {}
    for item in fields(Decoding):
        if item.name not in data:
            continue
        value = data[item.name]
        if item.name == "beam_size":
            ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 64
            shape = "a whole number from 1 to 64"
        else:
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and (value > 0 if item.name == "repetition_penalty" else value >= 0)
            )
            shape = "a number above 0" if item.name == "repetition_penalty" else "a number >= 0"
        if not ok:
            raise WorkspaceError(
                f"'{prefix}{item.name}' must be {shape}, not {value!r}",
                path=path,
                hint=f"argostranslate's default is {getattr(Decoding(), item.name)}",
            )
        values[item.name] = float(value) if item.name != "beam_size" else value  # type: ignore[arg-type]
    return replace(default, **values)  # type: ignore[arg-type]
