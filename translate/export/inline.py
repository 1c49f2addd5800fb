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

import itertools
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
    spans = [span for span in _parse(text, Span(""), 0) if span.text]
    for _, group in itertools.groupby(spans, key=_style):
        same = list(group)
        merged.append(replace(same[0], text="".join(span.text for span in same)))
    return tuple(merged)


def _style(span: Span) -> tuple[bool, bool, bool, str | None]:
    return (span.emphasis, span.strong, span.code, span.href)


# Constructs nested deeper than this stay literal text: parsing stays linear in the text (each
# level copies its inner text) and the recursion bounded, whatever the input.
MAX_NESTING = 16
_TICKS = re.compile(r"`+")


class _Scan:
    """What one text's parse learns once and reuses: the matching ``]`` of every ``[`` and
    ``)`` of every ``(`` (one pass each), and where a search for closing emphasis failed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._pairs: dict[str, dict[int, int]] = {}
        self.failed: dict[str, set[int]] = {"*": set(), "_": set()}

    def match(self, opener: str, closer: str, index: int) -> int | None:
        """The position closing the ``opener`` at ``index`` (depth counted), if any."""
        pairs = self._pairs.get(opener)
        if pairs is None:
            pairs = self._pairs[opener] = {}
            stack: list[int] = []
            for position, char in enumerate(self.text):
                if char == opener:
                    stack.append(position)
                elif char == closer and stack:
                    pairs[stack.pop()] = position
        return pairs.get(index)


def _parse(text: str, style: Span, depth: int) -> list[Span]:
    spans: list[Span] = []
    literal: list[str] = []
    index = 0
    scan = _Scan(text)

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
        found = _construct(scan, index, style, depth) if depth < MAX_NESTING else None
        if found is None:
            run = _TICKS.match(text, index) if char == "`" else None
            step = run.end() - index if run else 1  # a run of ticks without its close
            literal.append(text[index : index + step])
            index += step
            continue
        inner, index = found
        flush()
        spans.extend(inner)
    flush()
    return spans


def _construct(scan: _Scan, index: int, style: Span, depth: int) -> tuple[list[Span], int] | None:
    """The spans of a code span, link, strong or emphasis starting at ``index``, and its end."""
    text = scan.text
    char = text[index]
    if char == "`":
        run = _TICKS.match(text, index)
        ticks = run.end() - index if run else 1
        close = text.find("`" * ticks, index + ticks)
        if close > index + ticks:
            code = text[index + ticks : close]
            if code.strip():
                code = code[1:-1] if code.startswith(" ") and code.endswith(" ") else code
            return [replace(style, text=code, code=True)], close + ticks
        return None
    if char == "[":
        return _link(scan, index, style, depth)
    if text.startswith("**", index) or text.startswith("__", index):
        marker = text[index : index + 2]
        close = text.find(marker, index + 2)
        if close > 0 and text[close + 2 : close + 3] == marker[0]:
            close += 1  # "***" closes an emphasis inside, then the strong span
        if close > index + 2 and not text[index + 2].isspace() and not text[close - 1].isspace():
            inner = _parse(text[index + 2 : close], replace(style, strong=True), depth + 1)
            return inner, close + 2
        return None
    if char in "*_":
        if char == "_" and index > 0 and text[index - 1].isalnum():
            return None  # snake_case words are not emphasis
        end = _closing(scan, char, index + 1)
        if end is not None:
            inner = _parse(text[index + 1 : end], replace(style, emphasis=True), depth + 1)
            return inner, end + 1
    return None


def _closing(scan: _Scan, marker: str, start: int) -> int | None:
    """Where a single ``marker`` closing emphasis opened just before ``start`` is.

    A search that fails remembers the places it passed: from there on every later search
    fails the same way, so a text full of unclosed markers is searched once, not once per
    marker.
    """
    text = scan.text
    if start >= len(text) or text[start].isspace():
        return None
    failed = scan.failed[marker]
    passed: list[int] = []
    index = start
    while True:
        if index > start and index in failed:
            break
        passed.append(index)
        close = text.find(marker, index)
        if close < 0:
            break
        doubled = text.startswith(marker * 2, close)
        if doubled and close + 2 < len(text) and text[close + 2] == marker:
            return close + 2 if not text[close + 1].isspace() else None  # "***" ends em last
        if doubled:
            end = text.find(marker * 2, close + 2)
            if end < 0:
                break
            index = end + 2  # skip a nested strong span
            continue
        if close > start and not text[close - 1].isspace():
            after = text[close + 1 : close + 2]
            if marker == "_" and after.isalnum():
                index = close + 1
                continue
            return close
        index = close + 1
    failed.update(index for index in passed if index > start)
    return None


def _link(scan: _Scan, index: int, style: Span, depth: int) -> tuple[list[Span], int] | None:
    text = scan.text
    close = scan.match("[", "]", index)
    if close is None or not text.startswith("(", close + 1):
        return None
    end = scan.match("(", ")", close + 1)
    if end is None:
        return None
    target = text[close + 2 : end].strip()
    if " " in target and target.split(" ", 1)[1].strip()[:1] in "\"'(":
        target = target.split(" ", 1)[0]  # [text](url "title"): the title is dropped
    href = safe_url(target)
    return _parse(text[index + 1 : close], replace(style, href=href), depth + 1), end + 1
