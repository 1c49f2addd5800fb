"""The memory of a workspace: sentences people have reviewed, reused by exact match.

The memory of a workspace is every reviewed or final segment of its work files, plus the units
kept in ``translations/memory.tmx`` (TMX 1.4): reviewed translations of sentences that have
since left their article, so that nothing a reviewer wrote is lost when an article is edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate import __version__, languages, workfiles
from translate.errors import WorkFileError
from translate.models import State, TranslatedSegment
from translate.workspace import Workspace, write_bytes

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MEMORY_FILE = "memory.tmx"
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


class Memory:
    """Exact-match lookup of reviewed translations for one target language."""

    def __init__(self, target_lang: str, units: Iterable[MemoryUnit] = ()) -> None:
        self.target_lang = target_lang
        self._units: dict[str, MemoryUnit] = {}
        for unit in units:
            self.add(unit)

    def add(self, unit: MemoryUnit) -> None:
        """Remember a unit; a final translation wins over a reviewed one."""
        key = normalize(unit.source)
        known = self._units.get(key)
        if known is None or (unit.state is State.FINAL and known.state is not State.FINAL):
            self._units[key] = unit

    def lookup(self, source: str) -> MemoryUnit | None:
        """The reviewed translation of exactly this sentence, if any."""
        return self._units.get(normalize(source))

    def units(self) -> list[MemoryUnit]:
        """Every unit, in the order the sentences were first added."""
        return list(self._units.values())

    def __len__(self) -> int:
        return len(self._units)


def load(
    ws: Workspace,
    target_lang: str,
    *,
    skip_slugs: Iterable[str] = (),
    source_lang: str | None = None,
) -> Memory:
    """The memory for ``target_lang``: reviewed segments of every work file, then memory.tmx.

    Work files of ``skip_slugs`` are left out (the caller already has them in hand), and so
    are those translated from another language than ``source_lang`` when it is given.
    """
    skipped = set(skip_slugs)
    memory = Memory(target_lang)
    lang_dir = ws.translations_dir / target_lang
    if lang_dir.is_dir():
        for path in sorted(lang_dir.glob("*.json")):
            if path.stem in skipped:
                continue
            translation = workfiles.load(path)
            if source_lang and languages.base(translation.source_lang) != languages.base(
                source_lang
            ):
                continue
            for item in translation.segments:
                if item.state.is_human:
                    memory.add(unit_of(item))
    for unit in read_tmx(ws.translations_dir / MEMORY_FILE, target_lang):
        memory.add(unit)
    return memory


def unit_of(item: TranslatedSegment) -> MemoryUnit:
    """The memory unit of a reviewed segment."""
    return MemoryUnit(item.segment.source, item.target, item.state, item.origin)


def read_tmx(path: Path, target_lang: str | None = None) -> list[MemoryUnit]:
    """The units of a TMX file (for one target language, or all); none if it does not exist.

    The file is parsed by lxml without entities or network, after a size check.
    """
    if not path.exists():
        return []
    from translate.limits import MAX_MEMORY_BYTES, parse_xml, read_capped

    hint = "restore it from git or delete it"
    data = read_capped(path, MAX_MEMORY_BYTES, WorkFileError, "translation memory", hint=hint)
    root: Any = parse_xml(data, path, WorkFileError, "translation memory", hint)
    if root.tag != "tmx":
        raise WorkFileError(f"not a TMX file (root element <{root.tag}>)", path=path, hint=hint)
    header = root.find("header")
    header_source = header.get("srclang", "") if header is not None else ""
    units = []
    for number, tu in enumerate(root.iter("tu"), 1):
        unit_source, texts = tmx_variants(tu, header_source)
        source = next(
            (text for lang, text in texts if languages.same_language(lang, unit_source)), None
        )
        value = _prop(tu, "x-state")
        try:
            state = State(value)
        except ValueError:
            raise WorkFileError(
                f"unit {number} has an unknown state '{value}'",
                path=path,
                line=tu.sourceline,
                hint=f"use one of {', '.join(s.value for s in State)}",
            ) from None
        origin = _prop(tu, "x-origin") or "memory"
        if source is None or not source.strip():
            continue
        for lang, target in texts:
            if languages.same_language(lang, unit_source) or not target.strip():
                continue
            if target_lang is None or _serves(lang, target_lang):
                units.append(MemoryUnit(source, target, state, origin))
    return units


def tmx_variants(tu: Any, default_source: str) -> tuple[str, list[tuple[str, str]]]:
    """A TMX unit's source language (its own ``srclang`` or the default) and its
    (language, text) variants: ``xml:lang`` or TMX 1.1's ``lang``, text without inline codes."""
    texts = [
        (tuv.get(_XML_LANG) or tuv.get("lang") or "", inline_text(tuv.find("seg")))
        for tuv in tu.iter("tuv")
    ]
    return tu.get("srclang") or default_source, texts


# Elements holding text inside a TMX ``seg``; the others (``bpt``, ``ept``, ``ph``, ``it``)
# hold the original format's codes.
TMX_TEXT = frozenset({"hi", "sub"})


def inline_text(element: Any, keep: frozenset[str] = TMX_TEXT) -> str:
    """The text of an XML element without its inline codes: only the children named in
    ``keep`` (local names, any namespace) contribute their text."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if str(child.tag).rsplit("}", 1)[-1] in keep:
            parts.append(inline_text(child, keep))
        parts.append(child.tail or "")
    return "".join(parts)


def _serves(lang: str, target_lang: str) -> bool:
    return languages.normalized(lang) is not None and languages.serves(lang, target_lang)


def _prop(tu: Element, name: str) -> str:
    for prop in tu.iter("prop"):
        if prop.get("type") == name:
            return prop.text or ""
    return "reviewed" if name == "x-state" else ""


def keep_retired(
    ws: Workspace, source_lang: str, target_lang: str, retired: Iterable[TranslatedSegment]
) -> int:
    """Add reviewed segments that left their article to memory.tmx; returns how many."""
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
        if (normalize(item.segment.source), item.target) in known:
            continue
        tu = ET.SubElement(body, "tu")
        ET.SubElement(tu, "prop", type="x-state").text = item.state.value
        ET.SubElement(tu, "prop", type="x-origin").text = item.origin
        for lang, text in ((source_lang, item.segment.source), (target_lang, item.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
        added += 1
    ET.indent(root)
    write_bytes(path, ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return added
