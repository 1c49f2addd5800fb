"""TMX (Translation Memory eXchange, 1.1 to 1.4b) read whole and written as TMX 1.4.

Reading keeps every word of a segment. Inline codes that stand for formatting tx writes in
Markdown become that Markdown (``<bpt>&lt;b&gt;</bpt>`` ... ``<ept>`` is ``**``, italics
``*``, code spans a backtick, links ``[text](url)``; tx's own export carries the Markdown
itself as the codes' content), but only a ``bpt`` whose ``ept`` is in the same segment: any
other code (``ut``, an unknown pair, a ``bpt`` without its ``ept``, and every isolated
``it``, whose partner is outside the segment) is left out and counted, never the text after
it, so a segment never gets half of a Markdown pair. A
unit's source language is its own ``srclang``, else the header's; variants are tagged with
TMX 1.4's ``xml:lang`` or TMX 1.1's ``lang``, and every variant is kept (a unit may hold
several of one language). The file may be UTF-8 or UTF-16, with or without a byte order
mark. Units with no text at all are skipped and counted, and so is everything else that has
no place in tx (notes, properties, ``ude`` maps, subflows inside codes): ``TmxFile.dropped``.
"""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from translate import languages
from translate.errors import TxError
from translate.formats.tmx_codes import Codes

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALL_LANGUAGES = "*all*"  # TMX's srclang for memories whose units can go in any direction
TX_PROPS = ("x-state", "x-origin", "x-article", "x-segment", "x-superseded")


# What an opening code stands for, by tag name (HTML-like codes) or TMX ``type``.
@dataclass(frozen=True)
class TmxUnit:
    """One ``tu``: its source language, its (language, text) variants and tx's properties."""

    number: int
    line: int | None
    srclang: str
    variants: tuple[tuple[str, str], ...]
    props: tuple[tuple[str, str], ...] = ()
    tuid: str = ""

    def prop(self, name: str) -> str | None:
        """The value of the first property of this type, if any."""
        return next((value for key, value in self.props if key == name), None)

    def unpaired(self, source_lang: str | None = None) -> str:
        """Why this unit gives no sentence pair from ``source_lang`` (default: its own source
        language), named by its real cause: its variants' languages, or an empty variant."""
        wanted = source_lang or self.srclang
        if not wanted or wanted.lower() == ALL_LANGUAGES:
            wanted = self.variants[0][0] if self.variants else ""
        langs = ", ".join(sorted({lang or "no language" for lang, _ in self.variants}))
        own = [(lang, t) for lang, t in self.variants if languages.same_language(lang, wanted)]
        others = [(lang, t) for lang, t in self.variants if (lang, t) not in own]
        if not own:
            return f"without a variant in the source language ({wanted}): only {langs}"
        if not any(text.strip() for _, text in own):
            return f"its source variant ({wanted}) is empty"
        if not others:
            return f"only variants in the source language ({wanted}: {langs}), no translation"
        return f"its translations ({', '.join(sorted({lang for lang, _ in others}))}) are empty"

    def pairs(self, source_lang: str | None = None) -> Iterator[tuple[str, str, str]]:
        """(source, target language, target) for every source and other-language variant.

        The source is the variant in ``source_lang`` when given, else in the unit's own
        source language (the first variant when that is ``*all*``).
        """
        wanted = source_lang or self.srclang
        if not wanted or wanted.lower() == ALL_LANGUAGES:
            wanted = self.variants[0][0] if self.variants else ""
        sources = [t for lang, t in self.variants if languages.same_language(lang, wanted)]
        for source in (s for s in sources if s.strip()):
            for lang, text in self.variants:
                if text.strip() and not languages.same_language(lang, wanted):
                    yield source, lang, text


@dataclass(frozen=True)
class TmxFile:
    """What a TMX file holds for tx, and counts (by kind) of what it holds that tx cannot use.

    ``read`` counts the ``tu`` elements; ``skipped`` the units left out (no text at all, no
    variant in the source language); ``dropped`` the pieces of units and header that tx does
    not carry over (inline codes left out, notes, properties, ``ude`` maps, subflows, the
    units' and variants' metadata attributes such as ``creationdate`` or ``usagecount``).
    """

    path: Path
    srclang: str
    units: tuple[TmxUnit, ...]
    read: int
    skipped: tuple[tuple[str, int], ...] = ()
    dropped: tuple[tuple[str, int], ...] = ()
    mapped: int = 0  # inline codes turned into tx's Markdown


def parse(data: bytes, path: Path, error: type[TxError], hint: str) -> TmxFile:
    """The units of TMX ``data`` (already read under a size cap); ``error`` on a file that
    is not TMX. UTF-8 and UTF-16 (byte order mark or encoding declaration) are both read."""
    from translate.workspace.limits import parse_xml

    root: Any = parse_xml(_as_xml(data), path, error, "translation memory", hint)
    if root.tag != "tmx":
        raise error(f"not a TMX file (root element <{root.tag}>)", path=path, hint=hint)
    reader = _Units(path)
    header = root.find("header")
    if header is not None:
        reader.header(header)
    units = [unit for tu in root.iter("tu") if (unit := reader.unit(tu)) is not None]
    return reader.summary(tuple(units))


class TmxStream:
    """A TMX file read unit by unit (lxml's iterparse), in memory bounded by the largest
    unit, not the file: what ``parse`` gives, without holding the file or its tree.

    Iterate ``units()`` once; ``summary()`` then tells what ``parse`` would have (with no
    units). The file is read under the memory size limit and parsed without entities or
    network access; ``error`` is raised on a file that is not TMX or not well-formed XML.
    """

    def __init__(self, path: Path, error: type[TxError], hint: str) -> None:
        self.path, self.error, self.hint = path, error, hint
        self._reader = _Units(path)

    def units(self) -> Iterator[TmxUnit]:
        """Every usable unit, in the file's order."""
        from lxml import etree

        from translate.workspace.limits import MAX_MEMORY_BYTES

        error, path, hint = self.error, self.path, self.hint
        with _capped_open(path, MAX_MEMORY_BYTES, error, hint) as source:
            events = etree.iterparse(
                source, events=("end",), tag=("header", "tu"), resolve_entities=False,
                no_network=True, huge_tree=False, load_dtd=False,
            )  # fmt: skip
            checked = False
            try:
                for _, element in events:
                    if not checked:
                        root = element.getroottree().getroot()
                        if root.tag != "tmx":
                            raise error(
                                f"not a TMX file (root element <{root.tag}>)", path=path, hint=hint
                            )
                        checked = True
                    if element.tag == "header":
                        self._reader.header(element)
                    else:
                        unit = self._reader.unit(element)
                        if unit is not None:
                            yield unit
                    element.clear(keep_tail=True)
                    parent = element.getparent()
                    if parent is not None:
                        while element.getprevious() is not None:
                            del parent[0]
                root = events.root
            except etree.XMLSyntaxError as exc:
                message = " ".join(str(exc.msg).split())
                raise error(
                    f"not well-formed XML: {message}", path=path, line=exc.lineno, hint=hint
                ) from None
        if root is None or root.tag != "tmx":
            tag = "none" if root is None else root.tag
            raise error(f"not a TMX file (root element <{tag}>)", path=path, hint=hint)

    def summary(self) -> TmxFile:
        """What the file held (its units left out), once ``units()`` has been read through."""
        return self._reader.summary(())


class _Capped(io.RawIOBase):
    """A file read through, refused with ``error`` once more than ``limit`` bytes came."""

    def __init__(self, handle: BinaryIO, limit: int, fail: Callable[[], Exception]) -> None:
        self.handle, self.left, self.fail = handle, limit, fail

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size if size is not None and size >= 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            raise self.fail()
        return data


@contextlib.contextmanager
def _capped_open(path: Path, limit: int, error: type[TxError], hint: str) -> Iterator[Any]:
    """The file at ``path`` to stream from: read in chunks and refused past ``limit`` bytes;
    UTF-16 without a byte order mark (which libxml2 cannot detect) is read whole and
    recoded, as ``parse`` does."""
    from translate.workspace.limits import read_capped

    what = "translation memory"

    def too_large() -> Exception:
        return error(f"{what} is larger than {limit // (1 << 20)} MB", path=path, hint=hint)

    try:
        if path.stat().st_size > limit:
            raise too_large()
        handle = path.open("rb")
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        read_capped(path, limit, error, what, hint=hint)  # raises the usual message
        raise
    with handle:
        head = handle.read(4)
        handle.seek(0)
        if _as_xml(head) is not head:  # UTF-16 without a mark: recoded whole
            yield io.BytesIO(_as_xml(read_capped(path, limit, error, what, hint=hint)))
        else:
            yield _Capped(handle, limit, too_large)


class _Units:
    """Units made from ``tu`` elements, and counts of what was skipped or dropped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.srclang = ""
        self.dropped: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.codes = Codes()
        self.read = 0

    def header(self, header: Any) -> None:
        self.srclang = header.get("srclang", "")
        for child in header:
            if child.tag in ("note", "prop", "ude"):
                self.dropped[f"header <{child.tag}>"] += 1

    def unit(self, tu: Any) -> TmxUnit | None:
        """The unit of a ``tu`` element, or None when it is skipped (and counted)."""
        self.read += 1
        dropped, counts = self.dropped, self.codes
        variants = []
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            attrib = tuv.attrib
            lang = attrib.get(XML_LANG) or attrib.get("lang") or ""
            variants.append((lang.strip(), " ".join(counts.text(seg).split())))
            for child in tuv:
                if child.tag in ("note", "prop"):
                    dropped[f"<{child.tag}> of a variant"] += 1
            if len(attrib) > 1 or (attrib and XML_LANG not in attrib and "lang" not in attrib):
                for name in attrib:
                    if name not in (XML_LANG, "lang"):
                        dropped[f"variant attribute {_local(name)}"] += 1
        for name in tu.attrib:
            if name not in ("srclang", "tuid"):
                dropped[f"unit attribute {name}"] += 1
        props = tuple((p.get("type", ""), (p.text or "").strip()) for p in tu.findall("prop"))
        for key, _ in props:
            if key not in TX_PROPS:
                dropped["<prop> of a unit"] += 1
        for _ in tu.findall("note"):
            dropped["<note> of a unit"] += 1
        unit = TmxUnit(
            self.read, tu.sourceline, tu.get("srclang") or self.srclang, tuple(variants), props,
            tu.get("tuid") or "",
        )  # fmt: skip
        if not any(text for _, text in variants):
            self.skipped["empty (no text in any variant)"] += 1
        elif not any(unit.pairs()):
            self.skipped[unit.unpaired()] += 1
        else:
            return unit
        return None

    def summary(self, units: tuple[TmxUnit, ...]) -> TmxFile:
        dropped = self.dropped + self.codes.dropped
        return TmxFile(
            self.path, self.srclang, units, self.read, tuple(sorted(self.skipped.items())),
            tuple(sorted(dropped.items())), self.codes.mapped,
        )  # fmt: skip


def read(path: Path, error: type[TxError], hint: str) -> TmxFile:
    """``parse`` of the file at ``path``, read under the memory size limit."""
    from translate.workspace.limits import MAX_MEMORY_BYTES, read_capped

    data = read_capped(path, MAX_MEMORY_BYTES, error, "translation memory", hint=hint)
    return parse(data, path, error, hint)


def _as_xml(data: bytes) -> bytes:
    """``data`` as libxml2 reads it best: UTF-16 without a declaration of its own is recoded
    to UTF-8 (libxml2 finds UTF-16 by its byte order mark, but some tools write none)."""
    head = data[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"<\x00?\x00", b"\x00<\x00?"):
        return data  # a byte order mark or a declaration libxml2 recognises
    if len(data) >= 2 and head[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
        return data.decode(codec, "replace").encode("utf-8")
    return data


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def variants(tu: Any, default_source: str) -> tuple[str, list[tuple[str, str]]]:
    """A TMX unit's source language (its own ``srclang`` or the default) and its
    (language, text) variants: ``xml:lang`` or TMX 1.1's ``lang``, the text of each with
    inline codes made Markdown or left out."""
    codes = Codes()
    texts = [
        (tuv.get(XML_LANG) or tuv.get("lang") or "", codes.text(tuv.find("seg")))
        for tuv in tu.iter("tuv")
    ]
    return tu.get("srclang") or default_source, texts


# Elements holding text inside an XML segment (XLIFF); the others hold the original format's
# codes.
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
