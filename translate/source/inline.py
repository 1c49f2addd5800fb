"""Inline Markdown of block text, parsed into styled spans that every exporter renders.

Block text keeps the writer's inline Markdown: ``*emphasis*`` (or ``_emphasis_``),
``**strong**``, ``~~strikethrough~~``, ``[text](url)``, ```code``` and footnote references
``[^1]``; a backslash escapes the next character. ``parse_inline`` reads it with markdown-it
(the parser the article reader uses, ``translate.source.markdown``) into a flat tuple of ``Span``
values (text plus styles), so the HTML exporter can escape the text and the DOCX exporter can
make runs. Anything that is not well-formed Markdown stays as literal text, raw HTML included.

Link targets are checked by ``safe_url``: only http, https and mailto URLs and relative
addresses survive; ``javascript:`` and other schemes lose their link and keep their text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import Any

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
# The only characters that can start an escape, an entity or a construct, or that the parser
# rewrites (a line break becomes a space, NUL U+FFFD): a text without any is one plain span.
_MARKUP = re.compile(r"[\\`*_\[~&<\n\r\x00]")
# Brackets alone make a construct only as a link ("[text](url)") or a footnote reference
# ("[^1]"): a block is parsed on its own, with no reference definitions, so "[People News]"
# or "[a][b]" stay literal text. Line breaks and NUL are rewritten by the parser.
_MARKUP_BUT_BRACKETS = re.compile(r"[\\`*_~&<\n\r\x00]|\]\(|\[\^")


@dataclass(frozen=True)
class Span:
    """A run of text with one set of styles; ``href`` is a safe link target or ``None``; a
    footnote reference has its ``note`` label and its text is the label too."""

    text: str
    emphasis: bool = False
    strong: bool = False
    code: bool = False
    href: str | None = None
    strike: bool = False
    note: str | None = None  # a footnote reference: the label of its note


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
    """The text of inline Markdown without its markup (footnote references left out)."""
    return "".join(span.text for span in parse_inline(text) if span.note is None)


def is_plain(text: str) -> bool:
    """Whether ``text`` is plain text to the inline parser: one span, found without it."""
    return _MARKUP.search(text) is None or _MARKUP_BUT_BRACKETS.search(text) is None


def parse_inline(text: str) -> tuple[Span, ...]:
    """The spans of inline Markdown ``text``, adjacent spans of equal style merged."""
    if is_plain(text):  # no markup, or brackets alone (see _MARKUP_BUT_BRACKETS)
        return (Span(text),) if text else ()
    from translate.source.markdown import inline_tokens

    tokens = inline_tokens(text)
    if tokens is None:
        return (Span(text),)  # too long to parse (see translate.source.markdown): literal text
    spans = [span for span in _spans(tokens) if span.text]
    merged: list[Span] = []
    for _, group in itertools.groupby(spans, key=_style):
        same = list(group)
        if same[0].note is not None:
            merged.extend(same)
            continue
        merged.append(replace(same[0], text="".join(span.text for span in same)))
    return tuple(merged)


def _style(span: Span) -> tuple[bool, bool, bool, str | None, bool, str | None]:
    return (span.emphasis, span.strong, span.code, span.href, span.strike, span.note)


def _spans(children: list[Any]) -> list[Span]:
    """Spans from markdown-it's inline tokens."""
    spans: list[Span] = []
    depth = {"em": 0, "strong": 0, "s": 0}
    links: list[str | None] = []

    def style(**extra: Any) -> Span:
        return Span(
            "",
            emphasis=depth["em"] > 0,
            strong=depth["strong"] > 0,
            strike=depth["s"] > 0,
            href=links[-1] if links else None,
            **extra,
        )

    for token in children:
        kind = token.type
        if kind in ("text", "html_inline"):
            spans.append(replace(style(), text=token.content))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(replace(style(), text=" "))
        elif kind == "code_inline":
            spans.append(replace(style(code=True), text=token.content))
        elif kind == "image":
            spans.append(replace(style(), text=token.content))
        elif kind.endswith("_open") and kind[:-5] in depth:
            depth[kind[:-5]] += 1
        elif kind.endswith("_close") and kind[:-6] in depth:
            depth[kind[:-6]] = max(0, depth[kind[:-6]] - 1)
        elif kind == "link_open":
            links.append(safe_url(str(token.attrs.get("href", ""))))
        elif kind == "link_close":
            if links:
                links.pop()
        elif kind == "footnote_ref":
            label = str(token.meta.get("label", ""))
            spans.append(replace(style(), text=label, note=label, href=None))
    return spans
