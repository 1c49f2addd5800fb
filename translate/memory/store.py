"""The memory of a workspace: sentences people have reviewed, reused by exact match.

The memory of a workspace is every reviewed or final segment of its work files, plus the units
kept in ``translations/memory.tmx`` (TMX 1.4): reviewed translations of sentences that have
since left their article, so that nothing a reviewer wrote is lost when an article is edited.
A sentence that left because its article now holds a corrected version of it ("Daniel Okafor"
corrected to "Daniel Okoro") is kept as superseded (a ``x-superseded`` property naming the
corrected sentence): shown by ``tx memory search``, never used for a match, exported only
when asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate import __version__, languages
from translate.errors import WorkFileError, WorkspaceError
from translate.formats.memory_states import memory_state
from translate.models import ORIGIN_MEMORY, State, TranslatedSegment
from translate.workspace import Workspace, is_slug, write_bytes

MEMORY_FILE = "memory.tmx"
MEMORIES_DIR = "memories"  # imported memories, kept as they came: memories/NAME.tmx
INDEX_DIR, INDEX_NAME = ".cache", "memory.sqlite"  # the indexed store: translations/.cache/
# memory.tmx holds reviewed sentences that exist nowhere else: never "delete it".
OWN_MEMORY_HINT = "restore it from git; it holds reviewed sentences that left their articles"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def normalize(text: str) -> str:
    """The form under which sentences are compared: whitespace collapsed."""
    return " ".join(text.split())


@dataclass(frozen=True)
class MemoryUnit:
    """A reviewed sentence pair and where it came from."""

    source: str
    target: str
    state: State
    origin: str
    memory: str = ""  # the external memory (translations/memories/NAME.tmx) it came from
    superseded: str = ""  # the corrected sentence that replaced this one in its article
    lang: str = ""  # the target language of a unit read from a TMX file


class Memory:
    """Exact-match lookup of reviewed translations for one target language."""

    def __init__(self, target_lang: str, units: Iterable[MemoryUnit] = ()) -> None:
        self.target_lang = target_lang
        self._units: dict[str, MemoryUnit] = {}
        self._others: list[MemoryUnit] = []
        self._seen: set[tuple[str, str]] = set()
        for unit in units:
            self.add(unit)

    def add(self, unit: MemoryUnit) -> None:
        """Remember a unit: the first for a sentence is the one used, except that a final
        translation wins over a reviewed one, and the workspace's own over an external
        memory's. Every other unit stays known as an alternative for fuzzy matching. A
        superseded unit is never used, not even as an alternative."""
        if unit.superseded:
            return
        key = normalize(unit.source)
        pair = (key, normalize(unit.target))
        known = self._units.get(key)
        if known is None:
            self._units[key] = unit
        elif _better(unit, known):
            if normalize(known.target) != pair[1]:
                self._others.append(known)
            self._units[key] = unit
        elif pair not in self._seen:
            self._others.append(unit)
        self._seen.add(pair)

    def lookup(self, source: str) -> MemoryUnit | None:
        """The reviewed translation of exactly this sentence, if any."""
        return self._units.get(normalize(source))

    def units(self) -> list[MemoryUnit]:
        """Every unit used for exact matches, in the order the sentences were first added,
        then the alternatives (further translations of the same sentences)."""
        return [*self._units.values(), *self._others]

    def __len__(self) -> int:
        return len(self._units)


def _better(unit: MemoryUnit, known: MemoryUnit) -> bool:
    if unit.memory and not known.memory:
        return False
    if known.memory and not unit.memory:
        return True
    return unit.state is State.FINAL and known.state is not State.FINAL


def external_memories(ws: Workspace) -> list[tuple[str, Path]]:
    """(name, path) of every memory imported with ``tx memory import``, sorted by name."""
    folder = ws.translations_dir / MEMORIES_DIR
    if not folder.is_dir():
        return []
    return sorted(
        (path.stem, path) for path in folder.glob("*.tmx") if path.is_file() and is_slug(path.stem)
    )


def index_place(ws: Workspace) -> Path:
    """Where the memory's indexed store (``translate.memory.database``) lives, once checked:
    ``WorkspaceError`` when it links out of the workspace or a folder stands in its place."""
    path = ws.inside(ws.translations_dir / INDEX_DIR / INDEX_NAME)
    ws.contained(path, "the memory's index")
    if path.is_dir() and not path.is_symlink():
        raise WorkspaceError(
            "a folder stands where the memory's index belongs",
            path=path,
            hint="move the folder away; tx builds the index again",
        )
    return path


def is_empty(ws: Workspace, target_lang: str) -> bool:
    """Whether the memory into ``target_lang`` is empty with nothing to index: no work file
    of the language, no memory.tmx, no imported memory, and no index yet (the checks of
    ``index_place`` made). Such a memory needs neither the index nor SQLite."""
    index = index_place(ws)
    if index.exists() or index.is_symlink():
        return False
    folder = ws.translations_dir / target_lang
    if folder.is_dir() and any(folder.glob("*.json")):
        return False
    return not (ws.translations_dir / MEMORY_FILE).exists() and not external_memories(ws)


def unit_of(item: TranslatedSegment) -> MemoryUnit:
    """The memory unit of a reviewed segment."""
    return MemoryUnit(item.segment.source, item.target, item.state, item.origin)


def read_tmx(
    path: Path, target_lang: str | None = None, *, source_lang: str | None = None, memory: str = ""
) -> list[MemoryUnit]:
    """The units of a TMX file (for one target language, or all); none if it does not exist.

    The file is parsed by lxml without entities or network, after a size check (see
    ``translate.formats.tmx``). The source of a pair is the variant in ``source_lang`` when it
    is given, else in the unit's own source language; every variant that serves
    ``target_lang`` (RFC 4647 lookup: ``es-ES`` serves ``es``) makes a unit. ``memory`` names
    the external memory the file is (empty for the workspace's own memory.tmx).
    """
    if not path.exists():
        return []
    from translate.formats import tmx

    hint = OWN_MEMORY_HINT if not memory else "import the memory again"
    found = tmx.read(path, WorkFileError, hint)
    units = []
    for tu in found.units:
        state = unit_state(tu, path, memory)
        if state is None:
            continue
        origin = unit_origin(tu, memory)
        superseded = tu.prop("x-superseded") or ""
        for source, lang, target in tu.pairs(source_lang):
            if target_lang is None or _serves(lang, target_lang):
                units.append(MemoryUnit(source, target, state, origin, memory, superseded, lang))
    return units


def unit_state(tu: Any, path: Path, memory: str) -> State | None:
    """The state of TMX unit ``tu`` of ``path`` (its ``x-state``); ``None`` for a unit of an
    imported memory (``memory``) whose state tx cannot place, which is left out, never a
    failure. In the workspace's own memory.tmx an unknown state is an error."""
    value = tu.prop("x-state") or ""
    state = memory_state(value)
    if state is None and not memory:
        raise WorkFileError(
            f"unit {tu.number} has an unknown state '{value[:40]}'",
            path=path,
            line=tu.line,
            hint=f"use one of {', '.join(s.value for s in State)} ({OWN_MEMORY_HINT})",
        )
    return state


def unit_origin(tu: Any, memory: str) -> str:
    """Where TMX unit ``tu`` came from: the imported memory ``memory``, else its ``x-origin``."""
    return f"{ORIGIN_MEMORY}:{memory}" if memory else tu.prop("x-origin") or ORIGIN_MEMORY


def _serves(lang: str, target_lang: str) -> bool:
    return languages.normalized(lang) is not None and languages.serves(lang, target_lang)


def keep_retired(
    ws: Workspace,
    source_lang: str,
    target_lang: str,
    retired: Iterable[TranslatedSegment],
    replaced: Mapping[str, str] | None = None,
) -> int:
    """Add reviewed segments that left their article to memory.tmx; returns how many.

    ``replaced`` maps the id of a retired segment to the corrected sentence that took its
    place in the article: its pair is kept as superseded (and a pair memory.tmx already
    holds is marked so)."""
    replaced = replaced or {}
    items = [item for item in retired if item.state.is_human]
    if not items:
        return 0
    import xml.etree.ElementTree as ET

    path = ws.translations_dir / MEMORY_FILE
    if path.is_file():
        root = ET.parse(path).getroot()
        body = root.find("body")
        if body is None:
            body = ET.SubElement(root, "body")
    else:
        root = ET.Element("tmx", version="1.4")
        header = {
            "creationtool": "tx",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "tx",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
        }
        ET.SubElement(root, "header", header)
        body = ET.SubElement(root, "body")
    known = {(normalize(u.source), u.target) for u in read_tmx(path, target_lang)}
    added = 0
    for item in items:
        superseded = replaced.get(item.id, "")
        if (normalize(item.segment.source), item.target) in known:
            if superseded:
                _mark_superseded(body, item, target_lang, superseded)
            continue
        tu = ET.SubElement(body, "tu")
        ET.SubElement(tu, "prop", type="x-state").text = item.state.value
        ET.SubElement(tu, "prop", type="x-origin").text = item.origin
        if superseded:
            ET.SubElement(tu, "prop", type="x-superseded").text = superseded
        for lang, text in ((source_lang, item.segment.source), (target_lang, item.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
        added += 1
    ET.indent(root)
    write_bytes(path, ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return added


def _mark_superseded(body: Any, item: TranslatedSegment, target_lang: str, by: str) -> None:
    """Mark the units of memory.tmx holding ``item``'s pair as superseded by ``by``."""
    for tu in body.iter("tu"):
        texts = {
            (tuv.get(_XML_LANG) or "", normalize(tuv.findtext("seg") or ""))
            for tuv in tu.iter("tuv")
        }
        wanted = normalize(item.segment.source), normalize(item.target)
        if wanted[0] not in {t for _, t in texts} or not any(
            text == wanted[1] and _serves(lang, target_lang) for lang, text in texts
        ):
            continue
        if not any(prop.get("type") == "x-superseded" for prop in tu.iter("prop")):
            mark = tu.makeelement("prop", {"type": "x-superseded"})
            mark.text = by
            props = [child for child in tu if child.tag == "prop"]
            tu.insert(len(props), mark)
