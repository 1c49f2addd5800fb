"""XLIFF 1.2 and 2.1 files of a work file, for CAT tools (OmegaT, Trados, memoQ, Phrase, Okapi).

One file per article and language. Every segment is a unit whose id is the segment id, with
the segment's block as a group around it, its state, its flags and notes, and its inline
Markdown as inline codes (``translate.formats.xliff_codes``):

- XLIFF 2.1 (core namespace ``urn:oasis:names:tc:xliff:document:2.0``, ``version="2.1"``):
  ``<pc>`` around emphasis, strong and link text, ``<ph>`` for inline code, each pointing to
  its Markdown in ``<originalData>``; ``state`` initial/translated/reviewed/final with a
  ``subState`` saying where a translation came from (``tx:machine``, ``tx:memory``,
  ``tx:reviewer``...); flags and notes as ``<note>`` (flags with ``category="tx-flag"``);
  origin, score and what was exported as metadata module entries (``mda:meta``); the
  glossary terms of the segment as glossary module entries (``gls:glossEntry``).
- XLIFF 1.2: ``<g>`` and ``<x/>`` for the codes, ``state`` (with ``state-qualifier`` for
  machine and memory translations) and ``approved="yes"`` for reviewed and final ones, flags
  and origin as ``<note from="tx">``, what was exported in ``extradata``.

The file records what it was exported from (article, languages, work-file revision, source
digest) so that an import can refuse a file of another article or language, or one made
from a work file that has changed since.

``read_xliff`` reads any XLIFF 1.2 or 2.x file under a size limit, without entities or DTDs,
and reports every construct it does not carry over by kind instead of dropping it silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate import __version__
from translate.errors import TxError
from translate.formats.xliff_codes import (
    Close,
    Code,
    CodeKind,
    Open,
    Piece,
    align,
    codes_of,
    split_codes,
)
from translate.models import (
    ORIGIN_FUZZY,
    ORIGIN_MEMORY,
    State,
    Term,
    TranslatedSegment,
    Translation,
)
from translate.workspace.limits import MIB, parse_xml, read_capped

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"  # the core namespace of 2.0 and 2.1
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VERSIONS = ("1.2", "2.1")
FORMAT = "tx-xliff/1"
MAX_XLIFF_BYTES = 20 * MIB

FIELD_FORMAT = "format"
FIELD_ARTICLE = "article"
FIELD_SOURCE_LANG = "source-language"
FIELD_TARGET_LANG = "target-language"
FIELD_REVISION = "revision"
FIELD_DIGEST = "source-digest"
FIELD_VERSION = "tx-version"
FIELD_MODE = "targets"
MODE_COPY_SOURCE = "source-copy"

TX_CATEGORY = "tx"  # metadata group and note category prefix of what tx writes
FLAG_CATEGORY = "tx-flag"
WAIVER_CATEGORY = "tx-waiver"
_HINT = "give an XLIFF 1.2 or 2.x file that tx exported (tx xliff export)"


class XliffError(TxError):
    """An XLIFF file cannot be written or read."""


# --- what a unit carries ------------------------------------------------------------------


def sub_state(item: TranslatedSegment) -> str:
    """Where a translation came from, as an XLIFF 2.1 ``subState`` (``tx:machine``...)."""
    if item.origin in (ORIGIN_MEMORY, ORIGIN_FUZZY):
        return f"tx:{item.origin}"
    if item.origin in ("reviewer", "translator") or item.origin.startswith("translator"):
        return "tx:" + item.origin.split(" ", 1)[0]
    return "tx:machine"


def exported_mark(source_hash: str, target_hash: str, state: State) -> str:
    """What a unit records of the segment it was exported from."""
    return f"src {source_hash} tgt {target_hash} {state.value}"


def _hashes(item: TranslatedSegment) -> str:
    from translate.roundtrip.review.format import short_hash

    return exported_mark(short_hash(item.segment.source), short_hash(item.target), item.state)


def _identity(translation: Translation, copy_source: bool) -> list[tuple[str, str]]:
    fields = [
        (FIELD_FORMAT, FORMAT),
        (FIELD_ARTICLE, translation.slug),
        (FIELD_SOURCE_LANG, translation.source_lang),
        (FIELD_TARGET_LANG, translation.target_lang),
        (FIELD_REVISION, str(translation.revision)),
        (FIELD_DIGEST, translation.source_digest),
        (FIELD_VERSION, __version__),
    ]
    if copy_source:
        fields.append((FIELD_MODE, MODE_COPY_SOURCE))
    return fields


def _blocks(translation: Translation) -> dict[int, list[TranslatedSegment]]:
    blocks: dict[int, list[TranslatedSegment]] = {}
    for item in translation.segments:
        blocks.setdefault(item.segment.block, []).append(item)
    return blocks


# --- XLIFF 2.1 ----------------------------------------------------------------------------


def write_xliff(
    translation: Translation,
    version: str = "2.1",
    *,
    terms: Mapping[str, tuple[Term, ...]] | None = None,
    copy_source: bool = False,
) -> bytes:
    """The bytes of an XLIFF file of ``translation`` (``version`` 1.2 or 2.1).

    ``terms`` maps segment ids to the glossary terms found in their source (written as XLIFF
    2.1 glossary entries). With ``copy_source`` every segment that is not reviewed or final
    gets its source as target, as OmegaT's own XLIFF filter and other "source=target" tools
    expect (an unchanged copy then means "not translated" on import), and reviewed and final
    ones are marked ``translate="no"`` so that such a tool leaves their translation alone.
    """
    from lxml import etree

    if version not in VERSIONS:
        raise XliffError(
            f"unknown XLIFF version '{version}'", hint=f"use one of {', '.join(VERSIONS)}"
        )
    root = (
        _xliff_2(translation, terms or {}, copy_source)
        if version == "2.1"
        else _xliff_12(translation, copy_source)
    )
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _e(parent: Any, ns: str, name: str, text: str | None = None, **attrs: str) -> Any:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{ns}}}{name}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = text
    return element


def _xliff_2(
    translation: Translation, terms: Mapping[str, tuple[Term, ...]], copy_source: bool
) -> Any:
    from lxml import etree

    from translate.languages import is_rtl

    root = etree.Element(
        f"{{{XLIFF_2}}}xliff",
        {"version": "2.1", "srcLang": translation.source_lang, "trgLang": translation.target_lang},
        nsmap={None: XLIFF_2, "mda": MDA, "gls": GLS},
    )
    file = _e(root, XLIFF_2, "file", id="f1", original=f"articles/{translation.slug}")
    meta = _e(file, MDA, "metadata", id="tx-identity")
    group = _e(meta, MDA, "metaGroup", category="tx-identity")
    for name, value in _identity(translation, copy_source):
        _e(group, MDA, "meta", value, type=name)
    rtl = "rtl" if is_rtl(translation.target_lang) else ""
    source_rtl = "rtl" if is_rtl(translation.source_lang) else ""
    for block, items in _blocks(translation).items():
        holder = _e(file, XLIFF_2, "group", id=f"b{block}")
        for item in items:
            _unit_2(
                holder,
                item,
                terms.get(item.id, ()),
                translation.target_lang,
                copy_source,
                (source_rtl, rtl),
            )
    return root


def _unit_2(
    parent: Any,
    item: TranslatedSegment,
    terms: tuple[Term, ...],
    lang: str,
    copy_source: bool,
    directions: tuple[str, str],
) -> None:
    locked = "no" if copy_source and item.state.is_human else ""
    unit = _e(
        parent,
        XLIFF_2,
        "unit",
        id=item.id,
        translate=locked,
        srcDir=directions[0],
        trgDir=directions[1],
    )
    meta = _e(_e(unit, MDA, "metadata"), MDA, "metaGroup", category=TX_CATEGORY)
    _e(meta, MDA, "meta", item.origin, type="origin")
    if item.score is not None:
        _e(meta, MDA, "meta", f"{item.score:g}", type="score")
    _e(meta, MDA, "meta", _hashes(item), type="exported")
    # a glossary entry needs a translation or a definition besides its term
    entries = [(t, t.target(lang)) for t in terms if t.target(lang) or t.note]
    if entries:
        glossary = _e(unit, GLS, "glossary")
        for term, rendering in entries:
            entry = _e(glossary, GLS, "glossEntry")
            _e(entry, GLS, "term", term.source, source="tx")
            if rendering:
                _e(entry, GLS, "translation", rendering, source="tx")
            if term.note:
                _e(entry, GLS, "definition", term.note, source="tx")
    notes = _unit_notes(item)
    if notes:
        holder = _e(unit, XLIFF_2, "notes")
        for category, priority, text in notes:
            attrs = {"category": category} if category else {}
            if priority:
                attrs["priority"] = priority
                attrs["appliesTo"] = "target"
            _e(holder, XLIFF_2, "note", text, **attrs)
    source_pieces = split_codes(item.segment.source)
    target_pieces = align(source_pieces, split_codes(_target_text(item, copy_source)))
    codes = list((codes_of(source_pieces) | codes_of(target_pieces)).values())
    if codes:
        data = _e(unit, XLIFF_2, "originalData")
        for code in codes:
            _e(data, XLIFF_2, "data", code.start, id=f"d{code.id}s")
            if code.paired:
                _e(data, XLIFF_2, "data", code.end, id=f"d{code.id}e")
    state = _state_2(item, copy_source)
    segment = _e(unit, XLIFF_2, "segment", state=state.value)
    if state is not State.INITIAL:
        segment.set("subState", sub_state(item))
    _inline_2(_e(segment, XLIFF_2, "source"), source_pieces)
    if _target_text(item, copy_source):
        _inline_2(_e(segment, XLIFF_2, "target"), target_pieces)


def _state_2(item: TranslatedSegment, copy_source: bool) -> State:
    if not item.target:
        return State.INITIAL
    if copy_source and not item.state.is_human:
        return State.INITIAL
    return item.state


def _target_text(item: TranslatedSegment, copy_source: bool) -> str:
    if copy_source and not item.state.is_human:
        return item.segment.source
    return item.target


def _unit_notes(item: TranslatedSegment) -> list[tuple[str, str, str]]:
    """(category, priority, text) of the notes of a unit: flags, waivers, people's notes."""
    notes = [(FLAG_CATEGORY, "1", _flag_text(flag.code, flag.message)) for flag in item.open_flags]
    notes += [
        (WAIVER_CATEGORY, "", f"{w.code} waived by {w.by} on {w.date}: {w.reason}")
        for w in item.active_waivers
    ]
    notes += [("", "", note) for note in item.notes]
    return notes


def _flag_text(code: str, message: str) -> str:
    return message if message.startswith(f"{code}:") else f"{code}: {message}"


_PC_TYPES = {
    CodeKind.EMPHASIS: ("fmt", "xlf:i"),
    CodeKind.STRONG: ("fmt", "xlf:b"),
    CodeKind.LINK: ("link", ""),
}


def _inline(
    element: Any,
    pieces: tuple[Piece, ...],
    paired: Callable[[Any, Code], Any],
    standalone: Callable[[Any, Code], None],
) -> None:
    """Fill a ``source`` or ``target`` with text and the codes of ``pieces``: ``paired``
    makes the element of a code that encloses text (which then goes inside it), and
    ``standalone`` the element of one that stands alone; each version has its own."""
    stack = [element]
    for piece in pieces:
        current = stack[-1]
        if isinstance(piece, str):
            _append_text(current, piece)
        elif isinstance(piece, Open):
            stack.append(paired(current, piece.code))
        elif isinstance(piece, Close):
            stack.pop()
        else:
            standalone(current, piece.code)
    _keep_as_written(element)


def _inline_2(element: Any, pieces: tuple[Piece, ...]) -> None:
    """Fill a 2.x ``source`` or ``target`` with text, ``<pc>`` and ``<ph>``."""
    _inline(element, pieces, _pc_2, _ph_2)


def _pc_2(parent: Any, code: Code) -> Any:
    kind, sub = _PC_TYPES[code.kind]
    return _e(
        parent,
        XLIFF_2,
        "pc",
        id=code.id,
        dataRefStart=f"d{code.id}s",
        dataRefEnd=f"d{code.id}e",
        type=kind,
        subType=sub,
        dispStart=code.start,
        dispEnd=code.end,
    )


def _ph_2(parent: Any, code: Code) -> None:
    _e(
        parent,
        XLIFF_2,
        "ph",
        id=code.id,
        dataRef=f"d{code.id}s",
        disp=code.start,
        equiv=code.start.strip("`"),
        type="other",
    )


def _keep_as_written(element: Any) -> None:
    """Give every element of inline content a text, so that pretty printing leaves the
    content alone (lxml indents the children of an element without text)."""
    for inner in element.iter():
        if inner.text is None and len(inner):
            inner.text = ""


def _append_text(element: Any, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


# --- XLIFF 1.2 ----------------------------------------------------------------------------

_STATES_12 = {
    State.INITIAL: "needs-translation",
    State.TRANSLATED: "translated",
    State.REVIEWED: "signed-off",
    State.FINAL: "final",
}
_CTYPES_12 = {CodeKind.EMPHASIS: "italic", CodeKind.STRONG: "bold", CodeKind.LINK: "link"}


def _xliff_12(translation: Translation, copy_source: bool) -> Any:
    from lxml import etree

    root = etree.Element(f"{{{XLIFF_12}}}xliff", {"version": "1.2"}, nsmap={None: XLIFF_12})
    file = _e(
        root,
        XLIFF_12,
        "file",
        original=f"articles/{translation.slug}",
        datatype="x-markdown",
        **{"source-language": translation.source_lang},
        **{"target-language": translation.target_lang},
    )
    header = _e(file, XLIFF_12, "header")
    _e(
        header,
        XLIFF_12,
        "tool",
        **{"tool-id": "tx", "tool-name": "tx"},
        **{"tool-version": __version__},
    )
    identity = "; ".join(f"{k}={v}" for k, v in _identity(translation, copy_source))
    _e(header, XLIFF_12, "note", identity, **{"from": "tx-identity"})
    body = _e(file, XLIFF_12, "body")
    for block, items in _blocks(translation).items():
        group = _e(body, XLIFF_12, "group", id=f"b{block}")
        for item in items:
            _unit_12(group, item, copy_source)
    return root


def _unit_12(parent: Any, item: TranslatedSegment, copy_source: bool) -> None:
    text = _target_text(item, copy_source)
    attrs = {"id": item.id, "extradata": "tx " + _hashes(item)}
    if item.state.is_human:
        attrs["approved"] = "yes"
        if copy_source:  # its target is a translation, not a copy to translate
            attrs["translate"] = "no"
    unit = _e(parent, XLIFF_12, "trans-unit", **attrs)
    source_pieces = split_codes(item.segment.source)
    _inline_12(_e(unit, XLIFF_12, "source"), source_pieces)
    if text:
        state = _state_2(item, copy_source)
        target = _e(unit, XLIFF_12, "target", state=_STATES_12[state])
        qualifier = _qualifier_12(item)
        if qualifier and state is State.TRANSLATED:
            target.set("state-qualifier", qualifier)
        _inline_12(target, align(source_pieces, split_codes(text)))
    for category, priority, note in _unit_notes(item):
        attrs = {"from": category} if category else {}
        if priority:
            attrs |= {"priority": priority, "annotates": "target"}
        _e(unit, XLIFF_12, "note", note, **attrs)
    _e(unit, XLIFF_12, "note", f"origin: {item.origin}", **{"from": TX_CATEGORY})


def _qualifier_12(item: TranslatedSegment) -> str:
    if item.origin == ORIGIN_MEMORY:
        return "exact-match"
    if item.origin == ORIGIN_FUZZY:
        return "fuzzy-match"
    if item.origin.split(":", 1)[0] in ("argos", "apertium"):
        return "mt-suggestion"
    return ""


def _inline_12(element: Any, pieces: tuple[Piece, ...]) -> None:
    """Fill a 1.2 ``source`` or ``target`` with text, ``<g>`` and ``<x>``."""
    _inline(element, pieces, _g_12, _x_12)


def _g_12(parent: Any, code: Code) -> Any:
    return _e(parent, XLIFF_12, "g", id=code.id, ctype=_CTYPES_12[code.kind])


def _x_12(parent: Any, code: Code) -> None:
    _e(parent, XLIFF_12, "x", id=code.id, ctype="x-code", **{"equiv-text": code.start})


# --- reading ------------------------------------------------------------------------------


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


def read_xliff(path: Path) -> XliffFile:
    """Read an XLIFF 1.2 or 2.x file (at most 20 MB, no DTD or entities)."""
    data = read_capped(path, MAX_XLIFF_BYTES, XliffError, "XLIFF file")
    root: Any = parse_xml(data, path, XliffError, "XLIFF file", _HINT)
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise XliffError(
            "the file declares a DTD (entities are not accepted in XLIFF files)",
            path=path,
            hint="remove the <!DOCTYPE> declaration",
        )
    if not isinstance(root.tag, str) or _local(root.tag) != "xliff":
        raise XliffError(
            f"not an XLIFF file (root element <{_local(str(root.tag))}>)", path=path, hint=_HINT
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
        hint=_HINT,
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
