"""What serves which pair on this machine: every installed argos package and apertium
direction (``served``), and the engine each workspace pair would get (``coverage``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate import languages
from translate.errors import EngineError
from translate.translation.engines import argos_packages
from translate.translation.engines.apertium import ApertiumEngine
from translate.translation.engines.argos_packages import PIVOT_LANG, ModelPackage
from translate.translation.engines.catalogue import ISO3, SEE_ENGINES
from translate.translation.engines.registry import select
from translate.workspace.engine_options import EngineOptions
from translate.workspace.settings import Settings


@dataclass(frozen=True)
class Served:
    """One pair an engine translates here: ``how`` is ``direct`` or ``through English``;
    ``models`` the packages or mode used; ``settings`` the decoding (argos) or ``rule-based``."""

    engine: str
    source: str
    target: str
    how: str
    models: str
    settings: str


def served(
    options: EngineOptions | None = None, packages_folder: Path | None = None
) -> list[Served]:
    """Every pair the installed engines serve on this machine, argos first."""
    options = options or EngineOptions()
    rows = _argos_rows(argos_packages.installed(packages_folder), options)
    apertium = ApertiumEngine()
    modes = sorted(apertium.installed_modes())
    warm = _kept_warm() if modes else {}
    for mode in modes:
        parts = mode.split("-")
        if len(parts) != 2:
            continue
        source, target = (_from_apertium(part) for part in parts)
        settings = f"rule-based, kept warm (pid {warm[mode]})" if mode in warm else "rule-based"
        rows.append(Served("apertium", source, target, "direct", mode, settings))
    return rows


def _kept_warm() -> dict[str, int]:
    """The apertium modes whose pipeline a server keeps loaded now (``apertium_client``)."""
    from translate.translation.engines import apertium_client

    return apertium_client.kept_warm()


def stop_kept_warm() -> int:
    """Stop this user's kept-warm apertium pipelines now; how many were running."""
    from translate.translation.engines import apertium_client

    return apertium_client.stop_servers()


def _argos_rows(packages: Sequence[ModelPackage], options: EngineOptions) -> list[Served]:
    rows = []
    direct = {(p.source_tag, p.target_tag) for p in packages}
    newest: dict[tuple[str, str], ModelPackage] = {}
    for package in packages:  # installed() sorts by version: the last is the newest
        newest[(package.source_tag, package.target_tag)] = package
    for (source, target), package in sorted(newest.items()):
        rows.append(
            Served(
                "argos",
                source,
                target,
                "direct",
                f"{package.pair} {package.version} ({package.tokenizer or 'no tokenizer'})",
                options.decoding_for(target).describe(),
            )
        )
    into = [p for p in newest.values() if languages.base(p.target_tag) == PIVOT_LANG]
    out_of = [p for p in newest.values() if languages.base(p.source_tag) == PIVOT_LANG]
    for first in into:
        for second in out_of:
            pair = (first.source_tag, second.target_tag)
            if first.source_tag == second.target_tag or pair in direct:
                continue
            rows.append(
                Served(
                    "argos",
                    *pair,
                    "through English",
                    f"{first.pair} {first.version} + {second.pair} {second.version}",
                    options.decoding_for(second.target_tag).describe(),
                )
            )
    return sorted(rows, key=lambda row: (row.source, row.target))


def _from_apertium(code: str) -> str:
    """A language tag for an apertium mode's code: ``spa`` is ``es``, ``eng_US`` ``en-US``."""
    language, _, variant = code.partition("_")
    iso1 = next((short for short, long in ISO3.items() if long == language), language)
    tag = f"{iso1}-{variant}" if variant else iso1
    return languages.normalized(tag) or tag


@dataclass(frozen=True)
class Coverage:
    """Whether a workspace pair has an engine here: ``model`` (the engine and model that
    would translate it) and ``why`` that one, or ``missing`` (why not and what to install)."""

    source: str
    target: str
    model: str = ""
    missing: str = ""
    why: str = ""


def coverage(
    sources: Sequence[str], targets: Sequence[str], settings: Settings, options: EngineOptions
) -> list[Coverage]:
    """For every source and target language (never a language into itself), the engine
    tx.toml gives it (``[engines]`` or ``engine``: ``auto``, ``argos`` or ``apertium``), the
    model that would translate it and why that one, or what is missing."""
    pinned = dict(settings.engines)
    rows = []
    for source in sources:
        for target in targets:
            if languages.base(source) == languages.base(target):
                continue
            name = settings.engine_for(target)
            if settings.is_human(target):  # human_langs, or engine "none": people translate
                why = "human_langs in tx.toml" if name != "none" else f'engine "{name}" in tx.toml'
                rows.append(Coverage(source, target, model="people (no engine)", why=why))
                continue
            try:
                chosen = select(name, source, target, options)
            except EngineError as error:
                missing = str(error).replace(SEE_ENGINES, "")
                rows.append(Coverage(source, target, missing=missing))
                continue
            if target in pinned or target.split("-")[0] in pinned:
                why = f'pinned in tx.toml ([engines] {target} = "{name}")'
            elif name != "auto":
                why = f'engine = "{name}" in tx.toml'
            elif chosen.name == "argos":
                why = "auto: an Argos model serves it"
            else:
                why = f"auto: no Argos model serves it, {chosen.name} does"
            rows.append(Coverage(source, target, model=chosen.model_id(source, target), why=why))
    return rows
