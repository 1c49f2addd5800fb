"""A segment's inline Markdown as Word formatting in the review document, and back.

At export the Markdown of a source or translation (``*emphasis*``, ``**strong**``,
``~~strikethrough~~``, ``[text](url)``, ```code```) is parsed by
``export.inline.parse_inline`` (markdown-it, the parser the published editions use) and
written as real Word runs: italic, bold, struck, monospace, hyperlinks whose address lives in
the document's relationships, so a reviewer never sees Markdown and cannot break an address by
editing a link's text. A footnote reference ``[^label]`` becomes its label in superscript
inside an inline content control that Word will not let a reviewer edit (tagged
``tx-footnote:label``, so it reads back as ``[^label]`` wherever the reviewer moves it, and
read back too after LibreOffice, which keeps the control but not its tag). At import ``markdown_of``
turns the runs the reviewer left (``review.wordtext.Piece``) into Markdown again: bold added
with Ctrl+B becomes ``**strong**``.

``canonical`` is the Markdown tx writes back for a text; the review document's translation
hash is taken over it, so an untouched cell reads back as unchanged even where the writer
used other markers (``_emphasis_``) than tx writes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from translate.roundtrip.review.wordtext import NOTE_TAG, Piece, W
from translate.source.inline import Span, parse_inline

CODE_FONT = "Courier New"
LINK_COLOUR = "0563C1"
_ESCAPE = re.compile(r"([\\`*_\[\]])")


def canonical(text: str) -> str:
    """The Markdown ``markdown_of`` gives for the runs ``text`` is exported as."""
    return _serialise(list(parse_inline(text)))


def markdown_of(found: Sequence[Piece]) -> str:
    """Inline Markdown for the text pieces read from a cell (adjacent pieces of one style
    merged; white space at the edges of a styled stretch moved outside its markers)."""
    spans = [
        Span(p.note or p.text, p.italic, p.bold, p.code, p.href, strike=p.strike, note=p.note)
        for p in found
        if p.text or p.note
    ]
    return _serialise(spans)


def _serialise(spans: list[Span]) -> str:
    """The first writing of ``spans`` that reads back as them: plain, with ``_`` for
    emphasis (where ``*`` next to ``**`` is ambiguous), emphasis outside strong, then with
    markup characters escaped."""
    merged = _merge(spans)
    tries = itertools.product((False, True), ("*", "_"), _ORDERS)
    first = ""
    for escape, emphasis, levels in tries:
        written = "".join(_markup(merged, escape=escape, emphasis=emphasis, levels=levels))
        if _visible(list(parse_inline(written))) == _visible(merged):
            return written
        first = first or written
    return first  # styles that touch with no space between (a*b***c**): as close as it gets


def _merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans of one style made one."""
    merged: list[Span] = []
    for _, group in itertools.groupby(spans, key=_style):
        same = list(group)
        if same[0].note is not None:  # two references to one note stay two
            merged.extend(same)
            continue
        text = "".join(span.text for span in same)
        if text:
            merged.append(replace(same[0], text=text))
    return merged


def _visible(spans: list[Span]) -> list[Span]:
    """The spans as a reader sees them: white space shows no style but a link's, so it has
    none (``**a** **b**`` reads as ``**a b**``)."""
    parts = [
        Span(piece, href=span.href) if piece.isspace() else replace(span, text=piece)
        for span in map(_note_as_text, spans)
        for piece in _SPACE_SPLIT.split(span.text)
        if piece
    ]
    return _merge(parts)


_SPACE_SPLIT = re.compile(r"(\s+)")


def _note_as_text(span: Span) -> Span:
    """A footnote reference as the review document shows it: ``[^label]`` in plain text."""
    return Span(f"[^{span.note}]", href=span.href) if span.note is not None else span


def _style(span: Span) -> tuple[bool, bool, bool, str | None, bool, str | None]:
    return (span.emphasis, span.strong, span.code, span.href, span.strike, span.note)


def _markup(
    spans: list[Span], *, escape: bool, emphasis: str, levels: tuple[str, ...]
) -> list[str]:
    out: list[str] = []
    for href, group in itertools.groupby(spans, key=lambda span: span.href):
        inner = _nested(list(group), escape, levels, emphasis)
        out.append(f"[{inner}]({href})" if href else inner)
    return out


_LEVELS = ("strong", "emphasis", "strike")
_ORDERS = (_LEVELS, ("emphasis", "strong", "strike"), ("strike", "strong", "emphasis"))
_MARKERS = {"strong": "**", "strike": "~~"}


def _nested(spans: list[Span], escape: bool, levels: tuple[str, ...], emphasis: str) -> str:
    """Markdown of spans, stretches of ``levels[0]`` outermost, code spans innermost."""
    if not levels:
        return "".join(_leaf(span, escape) for span in spans)
    name = levels[0]
    marker = _MARKERS.get(name, emphasis)
    out = []
    for styled, group in itertools.groupby(spans, key=lambda span: bool(getattr(span, name))):
        inner = _nested(list(group), escape, levels[1:], emphasis)
        out.append(_wrap(inner, marker) if styled else inner)
    return "".join(out)


def _wrap(text: str, marker: str) -> str:
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{marker}{core}{marker}{trail}"


def _leaf(span: Span, escape: bool) -> str:
    if span.note is not None:
        return f"[^{span.note}]"
    if not span.code:
        return _ESCAPE.sub(r"\\\1", span.text) if escape else span.text
    core = span.text.strip()
    if not core:
        return span.text
    lead = span.text[: len(span.text) - len(span.text.lstrip())]
    trail = span.text[len(span.text.rstrip()) :]
    ticks = "``" if "`" in core else "`"
    pad = " " if ticks == "``" else ""
    return f"{lead}{ticks}{pad}{core}{pad}{ticks}{trail}"


def add_runs(paragraph: Any, text: str) -> list[Any]:
    """Write the inline Markdown ``text`` into ``paragraph`` as formatted runs; returns them."""
    runs = []
    for span in parse_inline(text):
        run = paragraph.add_run(span.text)
        if span.note is not None:
            _footnote_mark(run, span.note)
        if span.strike:
            run.font.strike = True
        if span.strong:
            run.bold = True
        if span.emphasis:
            run.italic = True
        if span.code:
            run.font.name = CODE_FONT
        if span.href is not None:
            _hyperlink(paragraph, run, span.href)
        runs.append(run)
    return runs


def _hyperlink(paragraph: Any, run: Any, url: str) -> None:
    """Put ``run`` inside a ``w:hyperlink`` to ``url``, coloured and underlined as links are."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.shared import RGBColor

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rel_id)
    run._r.addprevious(link)
    link.append(run._r)
    run.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
    run.font.underline = True


def _footnote_mark(run: Any, label: str) -> None:
    """Make ``run`` a footnote mark: superscript, inside an inline content control whose
    content Word keeps from being edited (it can still be moved or deleted whole)."""
    from docx.oxml import OxmlElement

    run.font.superscript = True
    control = OxmlElement("w:sdt")
    props = OxmlElement("w:sdtPr")
    for name, value in (("alias", f"Footnote {label}"), ("tag", f"{NOTE_TAG}{label}")):
        props.append(OxmlElement(f"w:{name}", attrs={f"{{{W}}}val": value}))
    props.append(OxmlElement("w:lock", attrs={f"{{{W}}}val": "contentLocked"}))
    content = OxmlElement("w:sdtContent")
    run._r.addprevious(control)
    control.append(props)
    control.append(content)
    content.append(run._r)
