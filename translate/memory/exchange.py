"""Memories in and out of a workspace: ``tx memory import`` and ``tx memory export``.

An imported memory (a TMX file from a CAT tool, an agency, another newsroom) is kept as it
came in ``translations/memories/NAME.tmx``, beside the workspace's own memory.tmx, and is never
rewritten by tx; ``tx translate`` uses its units for exact and fuzzy matches and marks the
sentences it takes from it with ``memory:NAME`` (``memory-fuzzy:NAME``). The export writes
every reviewed and final sentence of the workspace as TMX 1.4.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from translate import __version__, languages
from translate.errors import MemoryFileError
from translate.formats import tmx, tmx_write
from translate.formats.memory_states import memory_state
from translate.memory.store import MEMORIES_DIR, MEMORY_FILE, OWN_MEMORY_HINT
from translate.workspace import SLUG_HINT, Workspace, is_slug, workfiles, write_bytes

_HINT = "export the memory again from the tool that made it"


@dataclass(frozen=True)
class MemoryImport:
    """What ``import_memory`` did and found, with counts (by kind) of what it left out."""

    name: str
    path: Path
    read: int  # tu elements in the file
    units: int  # units with a source text and at least one translation
    pairs: tuple[tuple[str, int], ...]  # (target language, sentence pairs) usable
    skipped: tuple[tuple[str, int], ...]
    dropped: tuple[tuple[str, int], ...]
    mapped: int  # inline codes turned into Markdown
    unchanged: bool = False  # the same file was already imported under this name


@dataclass(frozen=True)
class MemoryExport:
    """What ``export_memory`` wrote: sentence pairs by target language."""

    path: Path
    pairs: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        """Every sentence pair written."""
        return sum(count for _, count in self.pairs)


def memory_name(path: Path, name: str | None = None) -> str:
    """The name an imported memory is kept under: ``name``, else the file's stem made safe."""
    if name is not None:
        if not is_slug(name):
            raise MemoryFileError(f"'{name}' is not a safe memory name", hint=SLUG_HINT)
        return name
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-._")[:100]
    if not is_slug(stem):
        raise MemoryFileError(
            "cannot make a memory name from the file name", path=path, hint="pass --name NAME"
        )
    return stem


def import_memory(
    ws: Workspace, source: Path, *, name: str | None = None, replace: bool = False
) -> MemoryImport:
    """Check the TMX file ``source`` and keep it, byte for byte, as an external memory of
    the workspace (``translations/memories/NAME.tmx``, written atomically under the lock).

    Refused with ``MemoryFileError`` (nothing written): a file that is not TMX, one with no
    usable unit, or a name already taken by another file unless ``replace``.
    """
    from translate.memory.database import Store

    kept_as = memory_name(source, name)
    dest = ws.translations_dir / MEMORIES_DIR / f"{kept_as}.tmx"
    ws.inside(dest)
    intake = _Intake(ws, source, dest, kept_as, replace)
    store = Store.open(ws)
    if store is None:  # no store can be kept here: the memory is only checked and kept
        for _ in intake.checked():
            pass
        intake.keep()
    else:
        with store:
            store.add_memory(dest, kept_as, intake.checked(), intake.keep)
    found = intake.stream.summary()
    skipped = intake.skipped + Counter(dict(found.skipped))
    return MemoryImport(
        name=kept_as,
        path=dest,
        read=found.read,
        units=intake.usable,
        pairs=tuple(sorted(intake.pairs.items())),
        skipped=tuple(sorted(skipped.items())),
        dropped=found.dropped,
        mapped=found.mapped,
        unchanged=not intake.changed,
    )


class _Intake:
    """A memory file being imported: its units checked and counted as they are read (a
    stream: memory bounded by one unit, not by the file), then the file kept or refused."""

    def __init__(
        self, ws: Workspace, source: Path, dest: Path, kept_as: str, replace: bool
    ) -> None:
        self.ws, self.source, self.dest, self.kept_as, self.replace = (
            ws, source, dest, kept_as, replace
        )  # fmt: skip
        self.stream = tmx.TmxStream(source, MemoryFileError, _HINT)
        self.pairs: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.unknown: Counter[str] = Counter()
        self.usable = 0
        self.changed = False

    def checked(self) -> Iterator[tmx.TmxUnit]:
        """The file's units with a state tx knows, counted by language."""
        source_lang = self.ws.settings.source_lang
        for unit in self.stream.units():
            state = unit.prop("x-state") or ""
            if memory_state(state) is None:
                self.unknown[state] += 1
                continue
            tags = [languages.normalized(lang) for _, lang, _ in unit.pairs(source_lang)]
            langs = {tag for tag in tags if tag}
            if not all(tags):
                self.skipped["variant without a valid language tag"] += tags.count(None)
            if langs:
                self.usable += 1
                self.pairs.update(langs)
            else:
                self.skipped[unit.unpaired(source_lang)] += 1
            yield unit

    def keep(self) -> bool:
        """Refuse a memory with unknown states or no usable unit, else keep it (under the
        lock); whether the kept file changed."""
        self._refuse_unusable()
        digest = _file_digest(self.source)
        with self.ws.lock():
            before = _file_digest(self.dest) if self.dest.is_file() else None
            if before == digest:
                return False
            if before is not None and not self.replace:
                raise MemoryFileError(
                    f"a different memory named '{self.kept_as}' is already imported",
                    path=self.dest,
                    hint="pass --replace to replace it, or --name to keep both",
                )
            write_bytes(self.dest, _chunks(self.source))
        self.changed = True
        return True

    def _refuse_unusable(self) -> None:
        if self.unknown:  # refused whole: every later run would have to leave them out
            count = sum(self.unknown.values())
            listed = ", ".join(f"'{n[:40]}' ({c})" for n, c in self.unknown.most_common(3))
            raise MemoryFileError(
                f"{count} of {self.stream.summary().read} unit(s) have a state tx does not "
                f"know: {listed}; nothing was imported",
                path=self.source,
                hint="give them a state tx reads (translated, reviewed, final, or another "
                "tool's approved, confirmed, signed-off), or remove them, and import the file "
                "again",
            )
        if not self.usable:
            source_lang = self.ws.settings.source_lang
            raise MemoryFileError(
                f"no unit has a {source_lang} source text and a translation "
                f"({self.stream.summary().read} unit(s) read)",
                path=self.source,
                hint=f"a memory for this workspace translates from {source_lang}",
            )


def _chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(size):
            yield chunk


def _file_digest(path: Path) -> str:
    """``locking.fingerprint`` of a file, read in chunks."""
    digest = hashlib.sha256()
    for chunk in _chunks(path):
        digest.update(chunk)
    return digest.hexdigest()


def reviewed_units(
    ws: Workspace, lang: str | None = None, *, superseded: bool = False
) -> list[tmx_write.ExportUnit]:
    """Every reviewed and final sentence pair of the workspace (work files, then the
    sentences kept in memory.tmx), for target languages served by ``lang`` when given;
    identical pairs once. The pairs memory.tmx keeps as superseded (sentences corrected in
    their article since) only with ``superseded``."""
    found: dict[tuple[str, str, str, str], tmx_write.ExportUnit] = {}

    def add(unit: tmx_write.ExportUnit) -> None:
        key = (unit.source_lang, unit.source, unit.target_lang, unit.target)
        known = found.get(key)
        if known is None or (unit.state == "final" and known.state != "final"):
            found[key] = unit

    for file_lang, path in ws.work_files():
        if lang is not None and not languages.same_language(file_lang, lang):
            continue
        translation = workfiles.load(path)
        for item in translation.segments:
            if item.state.is_human and item.target.strip():
                add(
                    tmx_write.ExportUnit(
                        translation.source_lang,
                        item.segment.source,
                        translation.target_lang,
                        item.target,
                        item.state.value,
                        item.origin,
                        translation.slug,
                        item.id,
                    )
                )
    own = ws.translations_dir / MEMORY_FILE
    if own.is_file():
        kept = tmx.read(own, MemoryFileError, OWN_MEMORY_HINT)
        for tu in kept.units:
            replaced_by = tu.prop("x-superseded") or ""
            if replaced_by and not superseded:
                continue
            for source, target_lang, target in tu.pairs():
                if lang is None or languages.same_language(target_lang, lang):
                    state = tu.prop("x-state") or "reviewed"
                    add(
                        tmx_write.ExportUnit(
                            tu.srclang, source, target_lang, target, state,
                            tu.prop("x-origin") or "memory", superseded=replaced_by,
                        )
                    )  # fmt: skip
    return list(found.values())


def export_memory(
    ws: Workspace, dest: Path, *, lang: str | None = None, superseded: bool = False
) -> MemoryExport:
    """Write every reviewed and final sentence pair of the workspace (into ``lang`` only,
    when given; superseded pairs only with ``superseded``) to ``dest`` as TMX 1.4,
    atomically."""
    ws.export_target(dest)
    units = reviewed_units(ws, lang, superseded=superseded)
    srclang = ws.settings.source_lang
    write_bytes(dest, tmx_write.tmx_bytes(units, srclang, __version__))
    counts = Counter(unit.target_lang for unit in units)
    return MemoryExport(dest, tuple(sorted(counts.items())))
