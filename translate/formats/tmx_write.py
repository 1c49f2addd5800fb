"""Writing TMX 1.4: each reviewed sentence pair a unit, its inline Markdown as paired
``bpt``/``ept`` codes (emphasis, strong, links) and ``ph`` (code spans) holding the Markdown,
no DOCTYPE (the file validates against the TMX 1.4 DTD without naming it)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from translate import languages
from translate.formats.tmx import TX_PROPS, XML_LANG
from translate.formats.xliff.codes import Close, CodeKind, Open, align, split_codes


@dataclass(frozen=True)
class ExportUnit:
    """A sentence pair to write: languages, texts and tx's properties."""

    source_lang: str
    source: str
    target_lang: str
    target: str
    state: str
    origin: str
    article: str = ""
    segment: str = ""
    superseded: str = ""  # the corrected sentence that replaced this one in its article


def tmx_bytes(units: Iterable[ExportUnit], srclang: str, tool_version: str) -> bytes:
    """A TMX 1.4 document (valid against the TMX 1.4 DTD, which it does not declare: a
    ``DOCTYPE`` naming a file beside it would not resolve) holding ``units``, one ``tu`` per
    sentence pair, inline Markdown as codes (``write_seg``). A unit whose source language
    differs from ``srclang`` says so itself."""
    from lxml import etree

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="tx",
        creationtoolversion=tool_version,
        segtype="sentence",
        adminlang="en",
        srclang=srclang,
        datatype="plaintext",
        **{"o-tmf": "tx"},
    )
    body = etree.SubElement(root, "body")
    segs: list[tuple[Any, str, str | None]] = []
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if not languages.same_language(unit.source_lang, srclang):
            tu.set("srclang", unit.source_lang)
        for name, value in zip(
            TX_PROPS,
            (unit.state, unit.origin, unit.article, unit.segment, unit.superseded),
            strict=True,
        ):
            if value:
                etree.SubElement(tu, "prop", type=name).text = _xml_text(value)
        for lang, text, source in (
            (unit.source_lang, unit.source, None),
            (unit.target_lang, unit.target, unit.source),
        ):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            segs.append((etree.SubElement(tuv, "seg"), text, source))
    etree.indent(root)  # before the segs are filled: their whitespace is the sentence's
    for seg, text, source in segs:
        write_seg(seg, text, source)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return bytes(data) + b"\n"


_TYPES = {CodeKind.EMPHASIS: "italic", CodeKind.STRONG: "bold", CodeKind.LINK: "link"}


def write_seg(seg: Any, text: str, source: str | None = None) -> None:
    """Fill ``seg`` with the text of a sentence and its inline Markdown as TMX codes: a
    paired ``bpt``/``ept`` around emphasis, strong and link text (type italic, bold, link),
    a ``ph`` (type x-code) for an inline code span, each code holding its Markdown. In the
    translation of ``source``, ``x`` names the source's code that stands for the same
    Markdown (codes only the translation has carry none)."""
    from lxml import etree

    pieces = split_codes(text)
    if source is not None:
        pieces = align(split_codes(source), pieces)
    last: Any = None
    number = 0
    opened: dict[str, str] = {}

    def add(value: str) -> None:
        value = _xml_text(value)
        if last is None:
            seg.text = (seg.text or "") + value
        else:
            last.tail = (last.tail or "") + value

    for piece in pieces:
        if isinstance(piece, str):
            add(piece)
            continue
        code = piece.code
        shared = {"x": code.id} if code.id.isdigit() else {}
        if isinstance(piece, Close):
            last = etree.SubElement(seg, "ept", i=opened[code.id])
            last.text = _xml_text(code.end)
            continue
        number += 1
        if isinstance(piece, Open):
            opened[code.id] = str(number)
            last = etree.SubElement(seg, "bpt", i=str(number), **shared, type=_TYPES[code.kind])
        else:
            last = etree.SubElement(seg, "ph", **shared, type="x-code")
        last.text = _xml_text(code.start)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
