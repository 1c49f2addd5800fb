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

The reader is ``translate.formats.xliff.read``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from translate import __version__
from translate.errors import XliffError
from translate.formats.xliff.codes import (
    Close,
    Code,
    CodeKind,
    Open,
    Piece,
    align,
    codes_of,
    split_codes,
)
from translate.formats.xliff.common import (
    FIELD_ARTICLE,
    FIELD_DIGEST,
    FIELD_FORMAT,
    FIELD_MODE,
    FIELD_REVISION,
    FIELD_SOURCE_LANG,
    FIELD_TARGET_LANG,
    FIELD_VERSION,
    FLAG_CATEGORY,
    FORMAT,
    GLS,
    MDA,
    MODE_COPY_SOURCE,
    TX_CATEGORY,
    VERSIONS,
    WAIVER_CATEGORY,
    XLIFF_2,
    XLIFF_12,
    hashes,
    sub_state,
)
from translate.models import (
    ORIGIN_FUZZY,
    ORIGIN_MEMORY,
    State,
    Term,
    TranslatedSegment,
    Translation,
)


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
    warning: str = "",
) -> bytes:
    """The bytes of an XLIFF file of ``translation`` (``version`` 1.2 or 2.1).

    ``terms`` maps segment ids to the glossary terms found in their source (written as XLIFF
    2.1 glossary entries). With ``copy_source`` every segment that is not reviewed or final
    gets its source as target, as OmegaT's own XLIFF filter and other "source=target" tools
    expect (an unchanged copy then means "not translated" on import), and reviewed and final
    ones are marked ``translate="no"`` so that such a tool leaves their translation alone.
    A ``warning`` (a stale work file) is written at the top, as a comment before the root
    element, and in the tx identity.
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
    if warning:
        root.addprevious(etree.Comment(f" {warning.replace('--', '-')} "))
    data: bytes = etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
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
    _e(meta, MDA, "meta", hashes(item), type="exported")
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
    attrs = {"id": item.id, "extradata": "tx " + hashes(item)}
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
