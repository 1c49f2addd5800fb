"""Inline Markdown of block text, parsed into styled spans that every exporter renders.

Block text keeps the writer's inline Markdown: ``*emphasis*`` (or ``_emphasis_``),
``**strong**``, ``[text](url)`` and ```code```; a backslash escapes the next character.
``parse_inline`` turns it into a flat tuple of ``Span`` values (text plus styles), so the HTML
exporter can escape the text and the DOCX exporter can make runs. Anything that is not
well-formed Markdown stays as literal text.

Link targets are checked by ``safe_url``: only http, https and mailto URLs and relative
addresses survive; ``javascript:`` and other schemes lose their link and keep their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_ESCAPABLE = "\\`*_[]()#+-.!>"
# The only characters that can start an escape or a construct; text between them is literal.
_MARKUP = re.compile(r"[\\`*_\[]")


@dataclass(frozen=True)
class Span:
    """A run of text with one set of styles; ``href`` is a safe link target or ``None``."""

    text: str
    emphasis: bool = False
    strong: bool = False
    code: bool = False
    href: str | None = None


def safe_url(url: str) -> str | None:
    """``url`` if it is safe to link to (http, https, mailto or relative), else ``None``."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    probe = _INVISIBLE.sub("", url).lower()
    if not probe:
        return None
    scheme = _SCHEME.match(probe)
    if scheme:
        return url if scheme.group(1) in SAFE_SCHEMES else None
    if ":" in probe.split("/", 1)[0] or "&" in probe.split("/", 1)[0]:
        return None  # looks like an obfuscated scheme ("java&#115;cript:", "x y:")
    return url


def plain_text(text: str) -> str:
    """The text of inline Markdown without its markup."""
    return "".join(span.text for span in parse_inline(text))


def parse_inline(text: str) -> tuple[Span, ...]:
    """The spans of inline Markdown ``text``, adjacent spans of equal style merged."""
    if _MARKUP.search(text) is None:
        return (Span(text),) if text else ()
    merged: list[Span] = []
    for span in _parse(text, Span("")):
        if not span.text:
            continue
        if merged and _style(merged[-1]) == _style(span):
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


def _style(span: Span) -> tuple[bool, bool, bool, str | None]:
    return (span.emphasis, span.strong, span.code, span.href)


def _parse(text: str, style: Span) -> list[Span]:
    spans: list[Span] = []
    literal: list[str] = []
    index = 0

    def flush() -> None:
        if literal:
            spans.append(replace(style, text="".join(literal)))
            literal.clear()

    while index < len(text):
        found_markup = _MARKUP.search(text, index)
        if found_markup is None:
            literal.append(text[index:])
            break
        if found_markup.start() > index:
            literal.append(text[index : found_markup.start()])
            index = found_markup.start()
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            literal.append(text[index + 1])
            index += 2
            continue
        found = _construct(text, index, style)
        if found is None:
            literal.append(char)
            index += 1
            continue
        inner, index = found
        flush()
        spans.extend(inner)
    flush()
    return spans


def _construct(text: str, index: int, style: Span) -> tuple[list[Span], int] | None:
    """The spans of a code span, link, strong or emphasis starting at ``index``, and its end."""
    char = text[index]
    if char == "`":
        ticks = len(text[index:]) - len(text[index:].lstrip("`"))
        close = text.find("`" * ticks, index + ticks)
        if close > index + ticks:
            code = text[index + ticks : close]
            if code.strip():
                code = code[1:-1] if code.startswith(" ") and code.endswith(" ") else code
            return [replace(style, text=code, code=True)], close + ticks
        return None
    if char == "[":
        return _link(text, index, style)
    if text.startswith("**", index) or text.startswith("__", index):
        marker = text[index : index + 2]
        close = text.find(marker, index + 2)
        if close > 0 and text[close + 2 : close + 3] == marker[0]:
            close += 1  # "***" closes an emphasis inside, then the strong span
        if close > index + 2 and not text[index + 2].isspace() and not text[close - 1].isspace():
            inner = _parse(text[index + 2 : close], replace(style, strong=True))
            return inner, close + 2
        return None
    if char in "*_":
        if char == "_" and index > 0 and text[index - 1].isalnum():
            return None  # snake_case words are not emphasis
        end = _closing(text, char, index + 1)
        if end is not None:
            inner = _parse(text[index + 1 : end], replace(style, emphasis=True))
            return inner, end + 1
    return None


def _closing(text: str, marker: str, start: int) -> int | None:
    """Where a single ``marker`` closing emphasis opened just before ``start`` is."""
    if start >= len(text) or text[start].isspace():
        return None
    index = start
    while True:
        close = text.find(marker, index)
        if close < 0:
            return None
        doubled = text.startswith(marker * 2, close)
        if doubled and close + 2 < len(text) and text[close + 2] == marker:
            return close + 2 if not text[close + 1].isspace() else None  # "***" ends em last
        if doubled:
            end = text.find(marker * 2, close + 2)
            if end < 0:
                return None
            index = end + 2  # skip a nested strong span
            continue
        if close > start and not text[close - 1].isspace():
            after = text[close + 1 : close + 2]
            if marker == "_" and after.isalnum():
                index = close + 1
                continue
            return close
        index = close + 1


def _link(text: str, index: int, style: Span) -> tuple[list[Span], int] | None:
    depth = 0
    for close in range(index, len(text)):
        if text[close] == "\\":
            continue
        if text[close] == "[":
            depth += 1
        elif text[close] == "]":
            depth -= 1
            if depth == 0:
                break
    else:
        return None
    if not text.startswith("(", close + 1):
        return None
    depth = 0
    for end in range(close + 1, len(text)):
        if text[end] == "(":
            depth += 1
        elif text[end] == ")":
            depth -= 1
            if depth == 0:
                break
    else:
        return None
    target = text[close + 2 : end].strip()
    if " " in target and target.split(" ", 1)[1].strip()[:1] in "\"'(":
        target = target.split(" ", 1)[0]  # [text](url "title"): the title is dropped
    href = safe_url(target)
    return _parse(text[index + 1 : close], replace(style, href=href)), end + 1
