"""Inline Markdown of a segment as XLIFF inline codes, and back.

A segment's text keeps the writer's inline Markdown: ``*emphasis*`` and ``_emphasis_``,
``**strong**`` and ``__strong__``, ``[text](url)`` and ```code```. CAT tools must not let a
translator damage that markup, so the XLIFF writers turn each construct into an inline code:
a paired code around its text (emphasis, strong, the link text) or a standalone code (inline
code, whose content is not translated). ``split_codes`` cuts a segment into text and codes;
joining every piece's Markdown gives the segment back exactly, so an unchanged target comes
back byte for byte. Delimiters that do not pair up stay literal text, as a Markdown reader
would show them.

Codes are numbered 1, 2, ... in the order they start in the source; a code of the target
takes the number of the source code that stands for the same Markdown (``align``), and one
the source does not have (a link the target points elsewhere) is numbered t1, t2, ... On
import the codes of a target are looked up by number in the codes of the work file's own
source and translation (never in data the file carries), so a file cannot smuggle Markdown of
its own in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum


class CodeKind(StrEnum):
    """What an inline code stands for."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    LINK = "link"
    CODE = "code"


@dataclass(frozen=True)
class Code:
    """One inline code: its number, kind and the Markdown it stands for.

    ``start`` is the Markdown before the enclosed text (``*``, ``[``) or the whole construct
    of a standalone code; ``end`` the Markdown after it (``*``, ``](url)``), empty for a
    standalone code.
    """

    id: str
    kind: CodeKind
    start: str
    end: str = ""

    @property
    def paired(self) -> bool:
        """Whether the code encloses text (emphasis, strong, link) rather than standing alone."""
        return self.kind is not CodeKind.CODE


@dataclass(frozen=True)
class Open:
    """The start of a paired code."""

    code: Code


@dataclass(frozen=True)
class Close:
    """The end of a paired code."""

    code: Code


@dataclass(frozen=True)
class Standalone:
    """A standalone code (inline code)."""

    code: Code


Piece = str | Open | Close | Standalone

# Emphasis delimiters deeper than this stay literal: matching looks at most this far down.
MAX_NESTING = 16

_TOKEN = re.compile(
    r"(?P<escape>\\.)"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?P<link_end>\]\(\s*[^()\s]{1,2048}(?:\s+\"[^\"\n]{0,300}\")?\s*\))"
    r"|(?P<link_start>\[)"
    r"|(?P<emphasis>\*\*|__|\*|_)",
    re.S,
)


@dataclass
class _Pending:
    index: int  # where the delimiter stands in the pieces
    delimiter: str


def split_codes(text: str) -> tuple[Piece, ...]:
    """The text and inline codes of a segment's Markdown, in order (linear in the text)."""
    pieces: list[Piece] = []
    stack: list[_Pending] = []
    done = 0
    pairs: dict[int, tuple[int, CodeKind, str, str]] = {}  # opener index -> closer, kind...
    for found in _TOKEN.finditer(text):
        start, end = found.span()
        if start > done:
            pieces.append(text[done:start])
        done = end
        value = found.group()
        kind = found.lastgroup
        if kind == "code":
            pieces.append(Standalone(Code("", CodeKind.CODE, value)))
        elif kind == "link_start":
            if re.match(r"[^\[\]\n]*\]\(", text[end : end + 4096]):
                stack.append(_Pending(len(pieces), "["))
            pieces.append(value)
        elif kind == "link_end":
            opener = _find(stack, "[", barrier=None)
            if opener is None:
                pieces.append(value)
            else:
                index = stack[opener].index
                del stack[opener:]
                pairs[index] = (len(pieces), CodeKind.LINK, "[", value)
                pieces.append(value)
        elif kind == "emphasis":
            _emphasis(text, start, end, value, pieces, stack, pairs)
        else:
            pieces.append(value)
    if done < len(text):
        pieces.append(text[done:])
    return _resolve(pieces, pairs)


def _find(stack: list[_Pending], delimiter: str, barrier: str | None) -> int | None:
    """Position in ``stack`` of the nearest pending ``delimiter`` (not past ``barrier``)."""
    for position in range(len(stack) - 1, max(-1, len(stack) - 1 - MAX_NESTING), -1):
        if stack[position].delimiter == delimiter:
            return position
        if barrier is not None and stack[position].delimiter == barrier:
            return None
    return None


def _emphasis(
    text: str,
    start: int,
    end: int,
    value: str,
    pieces: list[Piece],
    stack: list[_Pending],
    pairs: dict[int, tuple[int, CodeKind, str, str]],
) -> None:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    underscore = value[0] == "_"
    can_open = not after.isspace() and not (underscore and before.isalnum())
    can_close = not before.isspace() and not (underscore and after.isalnum())
    if can_close:
        position = _find(stack, value, barrier="[")
        if position is not None:
            opener = stack[position]
            del stack[position:]
            kind = CodeKind.STRONG if len(value) == 2 else CodeKind.EMPHASIS
            if opener.index == len(pieces) - 1:  # nothing enclosed: leave it literal
                pieces.append(value)
                return
            pairs[opener.index] = (len(pieces), kind, value, value)
            pieces.append(value)
            return
    if can_open:
        stack.append(_Pending(len(pieces), value))
    pieces.append(value)


def _resolve(
    pieces: list[Piece], pairs: dict[int, tuple[int, CodeKind, str, str]]
) -> tuple[Piece, ...]:
    """Number the codes in order of their start and merge adjacent literal text."""
    closers: dict[int, Code] = {}
    out: list[Piece] = []
    number = 0
    for index, piece in enumerate(pieces):
        if index in pairs:
            number += 1
            closer, kind, start, end = pairs[index]
            code = Code(str(number), kind, start, end)
            closers[closer] = code
            out.append(Open(code))
        elif index in closers:
            out.append(Close(closers.pop(index)))
        elif isinstance(piece, Standalone):
            number += 1
            out.append(Standalone(Code(str(number), CodeKind.CODE, piece.code.start)))
        elif isinstance(piece, str):
            if out and isinstance(out[-1], str):
                out[-1] += piece
            else:
                out.append(piece)
    return tuple(out)


def markdown(pieces: tuple[Piece, ...] | list[Piece]) -> str:
    """The Markdown of pieces: ``markdown(split_codes(text)) == text``."""
    parts: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, Close):
            parts.append(piece.code.end)
        else:
            parts.append(piece.code.start)
    return "".join(parts)


def codes_of(pieces: tuple[Piece, ...]) -> dict[str, Code]:
    """The codes of pieces by their number."""
    return {p.code.id: p.code for p in pieces if isinstance(p, Open | Standalone)}


def plain(pieces: tuple[Piece, ...]) -> str:
    """The text of pieces without codes (what a standalone code means: its content)."""
    parts: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, Standalone):
            parts.append(piece.code.start.strip("`"))
    return "".join(parts)


def align(source: tuple[Piece, ...], target: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """The target's pieces with each code numbered as the source code that stands for the
    same Markdown (the first one not yet taken), and codes only the target has numbered
    ``t1``, ``t2``... in order."""
    free: dict[tuple[CodeKind, str, str], list[str]] = {}
    for code in codes_of(source).values():
        free.setdefault((code.kind, code.start, code.end), []).append(code.id)
    renamed: dict[str, Code] = {}
    extra = 0
    out: list[Piece] = []
    for piece in target:
        if isinstance(piece, str):
            out.append(piece)
            continue
        code = piece.code
        if not isinstance(piece, Close):
            ids = free.get((code.kind, code.start, code.end))
            if ids:
                number = ids.pop(0)
            else:
                extra += 1
                number = f"t{extra}"
            renamed[code.id] = replace(code, id=number)
        out.append(type(piece)(renamed[code.id]))
    return tuple(out)


def known_codes(source: str, target: str) -> dict[str, Code]:
    """The codes an XLIFF file of a segment may use: its source's and its translation's."""
    pieces = split_codes(source)
    return codes_of(pieces) | codes_of(align(pieces, split_codes(target)))
