"""Reading any XLIFF 1.2 or 2.x file under a size limit, without entities or DTDs, as units
with their source, target, state, notes and codes; every construct tx does not carry over is
counted by kind instead of dropped silently."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.errors import XliffError
from translate.formats.xliff.common import (
    GLS,
    HINT,
    MAX_XLIFF_BYTES,
    MDA,
    TX_CATEGORY,
    XLIFF_2,
    XLIFF_12,
)
from translate.workspace.limits import parse_xml, read_capped


@dataclass(frozen=True)
class Event:
    """One piece of inline content read from a file: text, or a code's start, end or
    standalone occurrence by its id (``kind`` is ``text``, ``open``, ``close`` or ``ph``)."""

    kind: str
    value: str


@dataclass(frozen=True)
class Unit:
    """A translation unit as read: its id, source and target content and what the file says
    about it."""

    id: str
    source: tuple[Event, ...]
    target: tuple[Event, ...] | None
    state: str  # the file's state value (2.x state, or 1.2 target state)
    approved: bool  # 1.2 approved="yes"
    notes: tuple[tuple[str, str], ...]  # (category or from, text)
    exported: str  # the tx mark written at export, "" when absent
    translate: bool = True


@dataclass
class XliffFile:
    """An XLIFF file as read: its version, tx's identity fields, units, the tool that wrote
    it last where the file says, and the count of what was not carried over, by kind."""

    path: Path
    data: bytes
    version: str
    identity: dict[str, str]
    units: list[Unit] = field(default_factory=list)
    lost: Counter[str] = field(default_factory=Counter)
    tool: str = ""
    person: str = ""  # who did the work, where the file says (1.2: a phase's contact-name)


def read_xliff(path: Path) -> XliffFile:
    """Read an XLIFF 1.2 or 2.x file (at most 20 MB, no DTD or entities)."""
    data = read_capped(path, MAX_XLIFF_BYTES, XliffError, "XLIFF file")
    root: Any = parse_xml(data, path, XliffError, "XLIFF file", HINT)
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise XliffError(
            "the file declares a DTD (entities are not accepted in XLIFF files)",
            path=path,
            hint="remove the <!DOCTYPE> declaration",
        )
    if not isinstance(root.tag, str) or _local(root.tag) != "xliff":
        raise XliffError(
            f"not an XLIFF file (root element <{_local(str(root.tag))}>)", path=path, hint=HINT
        )
    namespace = _ns(root.tag)
    version = root.get("version", "")
    if namespace == XLIFF_2 and version.startswith("2."):
        return _read_2(path, data, root, version)
    if namespace in (XLIFF_12, "") and version in ("1.2", "1.1", "1.0"):
        return _read_12(path, data, root, version, namespace)
    raise XliffError(
        f"unsupported XLIFF version '{version}' in namespace '{namespace}'",
        path=path,
        hint=HINT,
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _read_2(path: Path, data: bytes, root: Any, version: str) -> XliffFile:
    result = XliffFile(path, data, version, {})
    files = [child for child in root if child.tag == f"{{{XLIFF_2}}}file"]
    if len(files) != 1:
        result.lost["files other than the first"] += max(0, len(files) - 1)
    for file in files[:1]:
        for meta in file.iter(f"{{{MDA}}}metaGroup"):
            if meta.get("category") == "tx-identity":
                for item in meta.iter(f"{{{MDA}}}meta"):
                    result.identity[item.get("type", "")] = (item.text or "").strip()
        for unit, translate in _walk_2(file, result.lost):
            result.units.append(_unit_of_2(unit, translate, result.lost))
    return result


def _walk_2(element: Any, lost: Counter[str], translate: bool = True) -> Iterator[Any]:
    """The units under ``element`` with whether they are to be translated (``translate`` is
    inherited from the file and groups around them)."""
    translate = element.get("translate", "yes" if translate else "no") != "no"
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name, ns = _local(child.tag), _ns(child.tag)
        if ns == MDA:
            if child.get("id") != "tx-identity":
                lost["metadata (mda) added to files or groups"] += 1
        elif ns != XLIFF_2:
            lost[f"<{name}> elements of other namespaces"] += 1
        elif name == "group":
            yield from _walk_2(child, lost, translate)
        elif name == "unit":
            yield child, translate
        elif name == "notes":
            lost["notes on files or groups"] += len(child)
        else:
            lost[f"<{name}> elements"] += 1


def _unit_of_2(unit: Any, translate: bool, lost: Counter[str]) -> Unit:
    source: list[Event] = []
    target: list[Event] = []
    has_target = False
    states: list[str] = []
    exported = ""
    notes: list[tuple[str, str]] = []
    for child in unit:
        if not isinstance(child.tag, str):
            continue
        name, ns = _local(child.tag), _ns(child.tag)
        if ns == MDA:
            for group in child.iter(f"{{{MDA}}}metaGroup"):
                if group.get("category") != TX_CATEGORY:
                    lost["metadata (mda) added to units"] += 1
                    continue
                for meta in group.iter(f"{{{MDA}}}meta"):
                    if meta.get("type") == "exported":
                        exported = (meta.text or "").strip()
        elif ns == GLS:  # tx's own entries come from the glossary: others are the file's
            added = [e for e in child if _term_source(e) != "tx"]
            if added:
                lost["glossary entries added in the file (use tx glossary add)"] += len(added)
        elif ns != XLIFF_2:
            lost[f"<{name}> elements of other namespaces"] += 1
        elif name == "notes":
            for note in child:
                if isinstance(note.tag, str) and _local(note.tag) == "note":
                    notes.append((note.get("category", ""), _plain_text(note)))
        elif name == "originalData":
            continue  # codes are resolved from the work file's own source
        elif name in ("segment", "ignorable"):
            part_source = _child(child, "source", XLIFF_2)
            part_target = _child(child, "target", XLIFF_2)
            if part_source is not None:
                source.extend(_events_2(part_source, lost))
            if part_target is not None:
                target.extend(_events_2(part_target, lost))
                has_target = has_target or name == "segment"
            elif name == "ignorable" and part_source is not None:
                target.extend(_events_2(part_source, Counter()))  # its target is its source
            if name == "segment":
                states.append(child.get("state", "initial"))
        else:
            lost[f"<{name}> elements"] += 1
    if len(states) > 1:
        lost["units split into several segments (joined)"] += 1
    state = min(states, key=lambda s: _STATE_ORDER.get(s, 0)) if states else "initial"
    return Unit(
        id=unit.get("id", ""),
        source=tuple(source),
        target=tuple(target) if has_target else None,
        state=state,
        approved=False,
        notes=tuple(notes),
        exported=exported,
        translate=unit.get("translate", "yes" if translate else "no") != "no",
    )


def _term_source(entry: Any) -> str:
    term = entry.find(f"{{{GLS}}}term")
    return term.get("source", "") if term is not None else ""


_STATE_ORDER = {"initial": 0, "translated": 1, "reviewed": 2, "final": 3}


def _child(element: Any, name: str, ns: str) -> Any:
    return element.find(f"{{{ns}}}{name}")


def _events_2(element: Any, lost: Counter[str]) -> list[Event]:
    events: list[Event] = []
    if element.text:
        events.append(Event("text", element.text))
    for child in element:
        if isinstance(child.tag, str):
            name = _local(child.tag) if _ns(child.tag) == XLIFF_2 else ""
            ident = child.get("id", "")
            if name == "pc":
                events.append(Event("open", ident))
                events.extend(_events_2(child, lost))
                events.append(Event("close", ident))
            elif name == "ph":
                events.append(Event("ph", ident))
            elif name == "sc":
                events.append(Event("open", ident))
            elif name == "ec":
                events.append(Event("close", child.get("startRef", ident)))
            elif name == "cp":
                lost["<cp> characters XML cannot hold"] += 1
            elif name == "mrk":
                lost["<mrk> annotations (text kept)"] += 1
                events.extend(_events_2(child, lost))
            elif name in ("sm", "em"):
                lost[f"<{name}> annotation markers"] += 1
            else:
                lost[f"inline <{_local(child.tag)}> not recognised (text kept)"] += 1
                events.extend(_events_2(child, lost))
        if child.tail:
            events.append(Event("text", child.tail))
    return events


def _plain_text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _read_12(path: Path, data: bytes, root: Any, version: str, namespace: str) -> XliffFile:
    result = XliffFile(path, data, version, {})

    def q(name: str) -> str:
        return f"{{{namespace}}}{name}" if namespace else name

    files = root.findall(q("file"))
    if len(files) > 1:
        result.lost["files other than the first"] += len(files) - 1
    for file in files[:1]:
        header = file.find(q("header"))
        if header is not None:
            tools = []
            for item in header:
                if not isinstance(item.tag, str):
                    continue
                if item.tag == q("note") and item.get("from") == "tx-identity":
                    result.identity.update(_fields(item.text or ""))
                elif item.tag == q("tool"):
                    tools.append(item.get("tool-name") or item.get("tool-id", ""))
                elif item.tag == q("phase-group"):
                    people = [p.get("contact-name", "").strip() for p in item.iter(q("phase"))]
                    result.person = next((p for p in reversed(people) if p), result.person)
                else:
                    result.lost[f"<{_local(item.tag)}> in the file header"] += 1
            result.tool = next((t for t in tools if t and t != "tx"), "")
        body = file.find(q("body"))
        if body is None:
            continue
        for unit, translate in _walk_12(body, q, result.lost):
            result.units.append(_unit_of_12(unit, translate, q, result.lost))
    return result


def _fields(text: str) -> dict[str, str]:
    fields = {}
    for part in text.split(";"):
        name, equals, value = part.partition("=")
        if equals:
            fields[name.strip()] = value.strip()
    return fields


def _walk_12(element: Any, q: Any, lost: Counter[str], translate: bool = True) -> Iterator[Any]:
    translate = element.get("translate", "yes" if translate else "no") != "no"
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == q("group"):
            yield from _walk_12(child, q, lost, translate)
        elif child.tag == q("trans-unit"):
            yield child, translate
        else:
            lost[f"<{_local(child.tag)}> elements"] += 1


def _unit_of_12(unit: Any, translate: bool, q: Any, lost: Counter[str]) -> Unit:
    source = unit.find(q("source"))
    target = unit.find(q("target"))
    if unit.find(q("seg-source")) is not None:
        lost["<seg-source> (the unit's <source> is read)"] += 1
    for child in unit:
        if isinstance(child.tag, str) and child.tag not in (
            q("source"),
            q("target"),
            q("note"),
            q("seg-source"),
        ):
            lost[f"<{_local(child.tag)}> in units"] += 1
    extradata = unit.get("extradata", "")
    notes = tuple((note.get("from", ""), _plain_text(note)) for note in unit.findall(q("note")))
    return Unit(
        id=unit.get("id", ""),
        source=tuple(_events_12(source, q, lost)) if source is not None else (),
        target=tuple(_events_12(target, q, lost)) if target is not None else None,
        state=target.get("state", "") if target is not None else "",
        approved=unit.get("approved") == "yes",
        notes=notes,
        exported=extradata[3:] if extradata.startswith("tx ") else "",
        translate=unit.get("translate", "yes" if translate else "no") != "no",
    )


def _events_12(element: Any, q: Any, lost: Counter[str]) -> list[Event]:
    events: list[Event] = []
    if element.text:
        events.append(Event("text", element.text))
    for child in element:
        if isinstance(child.tag, str):
            name = _local(child.tag)
            ident = child.get("id", "")
            if name == "g":
                events.append(Event("open", ident))
                events.extend(_events_12(child, q, lost))
                events.append(Event("close", ident))
            elif name == "x":
                events.append(Event("ph", ident))
            elif name == "bx":
                events.append(Event("open", child.get("rid", ident)))
            elif name == "ex":
                events.append(Event("close", child.get("rid", ident)))
            elif name == "mrk":
                lost["<mrk> annotations (text kept)"] += 1
                events.extend(_events_12(child, q, lost))
            elif name in ("bpt", "ept", "ph", "it"):
                lost[f"<{name}> native codes not recognised"] += 1
            else:
                lost[f"inline <{name}> not recognised (text kept)"] += 1
                events.extend(_events_12(child, q, lost))
        if child.tail:
            events.append(Event("text", child.tail))
    return events
