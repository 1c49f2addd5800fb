"""The text of WordprocessingML as Word shows it, with the formatting the review reads back.

``pieces`` walks a paragraph (or any element) and gives ``Piece`` values: text with bold,
italic, strikethrough, code (a monospace font or a code character style) and link target. It reads:

- tracked changes as accepted (inserted and moved-to text kept, deleted and moved-from
  dropped; a formatting change keeps the new formatting), hidden text dropped;
- the characters Word keeps as elements: ``w:noBreakHyphen`` (U+2011), ``w:softHyphen``
  (U+00AD), ``w:sym`` (its Unicode character, ``review.symbols``), tabs and breaks (a space);
  private-use characters in a run set in Symbol or Wingdings (how LibreOffice stores an
  inserted symbol) become their Unicode character too; no-break and narrow no-break spaces
  stay as they are;
- ``mc:AlternateContent`` once: its first ``mc:Choice``, else its ``mc:Fallback`` (Word writes
  a text box twice, as DrawingML and as VML);
- paragraphs nested in text boxes as part of the paragraph holding them, set off by spaces.

Footnote and comment references are not text; ``review.document`` reads them as notes. The
footnote marks tx writes for an article's own references (``review.markup``: a superscript
label in an inline content control tagged ``tx-footnote:LABEL``; LibreOffice keeps the control
but drops its tag) are read as a ``Piece`` with that ``note`` and no text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from translate.roundtrip.review.symbols import font_character, sym_character, symbol_font

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
UNMAPPED = "\ufffd"  # stands for a symbol with no Unicode equivalent

MONOSPACE_FONTS = frozenset(
    {"courier new", "courier", "consolas", "liberation mono", "dejavu sans mono", "menlo",
     "monaco", "lucida console", "source code pro", "noto mono", "cousine"}
)  # fmt: skip
CODE_STYLES = frozenset({"htmlcode", "verbatimchar", "sourcecode", "code", "inlinecode"})
_OFF = ("0", "false", "off")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_SKIPPED = {
    _w(name)
    for name in (
        "del", "moveFrom", "delText", "instrText", "rPr", "pPr", "commentReference",
        "footnoteReference", "endnoteReference", "sdtPr", "sdtEndPr", "tblPr", "trPr", "tcPr",
        "annotationRef", "footnoteRef", "endnoteRef", "separator", "continuationSeparator",
    )
}  # fmt: skip
_SPACES = {_w("tab"), _w("br"), _w("cr"), _w("ptab")}
_ALTERNATE, _CHOICE, _FALLBACK = (
    f"{{{MC}}}{n}" for n in ("AlternateContent", "Choice", "Fallback")
)


@dataclass(frozen=True)
class Piece:
    """A stretch of text and its formatting; ``unmapped`` lists symbols with no Unicode
    equivalent met in it (as ``font U+XXXX``; the text holds U+FFFD for each)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    unmapped: tuple[str, ...] = ()
    strike: bool = False
    note: str | None = None  # an article's footnote reference: the label of its note


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    font: str | None = None  # symbol or wingdings
    strike: bool = False
    hidden: bool = False  # hidden text read too (the review document's row identities)


def pieces(element: Any, links: Mapping[str, str] | None = None) -> list[Piece]:
    """The text pieces of ``element``; ``links`` maps relationship ids to link targets."""
    return list(_walk(element, _Style(), links or {}))


def element_text(element: Any, *, hidden: bool = False) -> str:
    """The text of an element as Word shows it with every tracked change accepted; with
    ``hidden``, its hidden text too."""
    return "".join(piece.text for piece in _walk(element, _Style(hidden=hidden), {}))


def unmapped_symbols(found: list[Piece]) -> tuple[str, ...]:
    """The symbols with no Unicode equivalent among ``found``."""
    return tuple(name for piece in found for name in piece.unmapped)


def _walk(element: Any, style: _Style, links: Mapping[str, str]) -> Iterator[Piece]:
    for child in element.iterchildren():
        yield from _node(child, style, links)


def _node(node: Any, style: _Style, links: Mapping[str, str]) -> Iterator[Piece]:
    tag = node.tag
    if not isinstance(tag, str) or tag in _SKIPPED:
        return
    if tag == _w("r"):
        yield from _run(node, style, links)
    elif tag == _w("hyperlink"):
        target = links.get(node.get(f"{{{R}}}id") or "")
        yield from _walk(node, _Style(href=target) if target else style, links)
    elif tag == _w("sdt") and (note := footnote_mark(node)) is not None:
        yield _note_piece(node, note, style)
    elif tag == _ALTERNATE:
        chosen = node.find(_CHOICE)
        if chosen is None:
            chosen = node.find(_FALLBACK)
        if chosen is not None:
            yield from _walk(chosen, style, links)
    elif tag == _w("p"):  # a paragraph in a text box inside this one
        yield Piece(" ")
        yield from _walk(node, _Style(), links)
        yield Piece(" ")
    else:
        yield from _walk(node, style, links)


def _run(run: Any, outer: _Style, links: Mapping[str, str]) -> Iterator[Piece]:
    props = run.find(_w("rPr"))
    if props is not None and not outer.hidden and _on(props.find(_w("vanish"))):
        return
    style = _run_style(props, outer)
    for child in run.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _w("t"):
            yield _text(child.text or "", style)
        elif tag in _SPACES:
            yield _piece(" ", style)
        elif tag == _w("noBreakHyphen"):
            yield _piece("\u2011", style)
        elif tag == _w("softHyphen"):
            yield _piece("\u00ad", style)
        elif tag == _w("sym"):
            font, char = child.get(_w("font")), child.get(_w("char"))
            found = sym_character(font, char)
            if found is None:
                yield _piece(UNMAPPED, style, (f"{font or 'a symbol font'} U+{char or '?'}",))
            else:
                yield _piece(found, style)
        else:  # drawings, text boxes, alternate content, fields inside the run
            yield from _node(child, style, links)


NOTE_TAG = "tx-footnote:"  # the tag of the content control holding a footnote mark


def footnote_mark(control: Any) -> str | None:
    """The label of the footnote mark an inline content control (``w:sdt``) holds: the one
    its tag names when tx's tag is there, else (LibreOffice keeps the control but not its tag
    or title) its text when every visible run of it is superscript and the control has no tag."""
    props = control.find(_w("sdtPr"))
    tag = props.find(_w("tag")) if props is not None else None
    value = (tag.get(_w("val")) or "") if tag is not None else ""
    if value.startswith(NOTE_TAG):
        return value[len(NOTE_TAG) :] or None
    content = control.find(_w("sdtContent"))
    if value or content is None:
        return None
    runs = [r for r in content.iter(_w("r")) if "".join(r.itertext()).strip()]
    if not runs or not all(_superscript(r) for r in runs):
        return None
    label = element_text(content).strip()
    return label if label and not any(ch.isspace() for ch in label) else None


def _superscript(run: Any) -> bool:
    align = run.find(f"{_w('rPr')}/{_w('vertAlign')}")
    return align is not None and align.get(_w("val")) == "superscript"


def _note_piece(control: Any, label: str, outer: _Style) -> Piece:
    """A footnote mark as a piece: its label, and the bold, italic or strikethrough of its
    run (so a mark inside bold text reads back inside the bold)."""
    run = next(iter(control.iter(_w("r"))), None)
    props = run.find(_w("rPr")) if run is not None else None
    style = _run_style(props, outer)
    return Piece("", style.bold, style.italic, strike=style.strike, note=label)


def _text(text: str, style: _Style) -> Piece:
    if style.font is None:
        return _piece(text, style)
    chars, unmapped = [], []
    for char in text:
        code = ord(char)
        if 0xF000 <= code <= 0xF0FF or 0x20 < code <= 0xFF:
            found = font_character(style.font, code)
            if found is None:
                unmapped.append(f"{style.font.title()} U+{code:04X}")
                found = UNMAPPED
            chars.append(found)
        else:
            chars.append(char)
    return _piece("".join(chars), style, tuple(unmapped))


def _piece(text: str, style: _Style, unmapped: tuple[str, ...] = ()) -> Piece:
    return Piece(text, style.bold, style.italic, style.code, style.href, unmapped, style.strike)


def _run_style(props: Any, outer: _Style) -> _Style:
    if props is None:
        return _Style(href=outer.href)
    fonts = props.find(_w("rFonts"))
    names = [fonts.get(_w(k)) for k in ("ascii", "hAnsi", "cs")] if fonts is not None else []
    names = [name.strip().casefold() for name in names if name]
    character_style = props.find(_w("rStyle"))
    style_name = (character_style.get(_w("val")) or "") if character_style is not None else ""
    code = any(name in MONOSPACE_FONTS for name in names[:1]) or (
        style_name.casefold() in CODE_STYLES
    )
    bold = _on(props.find(_w("b"))) or style_name.casefold() == "strong"
    italic = _on(props.find(_w("i"))) or style_name.casefold() == "emphasis"
    font = next((symbol_font(name) for name in names if symbol_font(name)), None)
    strike = _on(props.find(_w("strike"))) or _on(props.find(_w("dstrike")))
    return _Style(bold=bold, italic=italic, code=code, href=outer.href, font=font, strike=strike)


def _on(toggle: Any) -> bool:
    if toggle is None:
        return False
    return (toggle.get(_w("val")) or "true").strip().casefold() not in _OFF
