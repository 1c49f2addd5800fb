"""Spans the splitter must not cut inside, and list markers it must cut before.

``masked(text)`` returns a string of the same length in which Markdown links and images,
inline code, autolinks, URLs, e-mail addresses and editorial omissions ("[...]", "(…)") are
replaced by letters (a footnote reference "[^1]" by closing brackets, which a sentence end may
carry), and spaced ellipses (". . .") by spaces and one "…", so that the rules
see neither their periods nor their brackets. Positions in the masked text are positions in
the original, which is what the splitter cuts.

Every pattern here runs in linear time: no pattern can start a match at every position of a
long run of the same characters and scan that run again (starts are anchored by look-behind,
repeated parts are possessive or exclude their own opening character).
"""

from __future__ import annotations

import re

# Letters of scripts written without spaces: a URL or an e-mail address ends before them.
_CJK = (
    "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
_PROTECTED = re.compile(
    r"!?\[[^\[\]\n]*+\]\([^()\s]*+(?:\s+\"[^\"\n]*+\")?\)"  # Markdown link or image
    r"|`[^`\n]++`"  # inline code
    r"|<[a-z][a-z0-9+.-]*+:[^<>\s]++>"  # autolink
    rf"|(?P<url>(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*+://|www\.)[^\s<>\"“”«»{_CJK}]++)"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff-]++"
    r"(?:\.[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff-]++)++"  # e-mail address
    r"|[\[(](?:\.\.\.|…)[\])]"  # an omission: "[...]", "(…)"
    r"|(?P<note>\[\^[^\[\]\s]{1,64}+\])",  # a footnote reference, "[^1]"
    re.IGNORECASE,
)
# What ends a sentence rather than a URL: "see https://example.org/a.html." keeps its period.
_URL_TRAILER = ".,;:!?)]’”'*_"
_SPACED_ELLIPSIS = re.compile(r"(?<![.\w])\.(?: \.){2,}+")


def masked(text: str) -> str:
    """``text`` with protected spans replaced by letters and ". . ." by spaces and "…"."""
    if _may_hold_spans(text):
        text = _PROTECTED.sub(_letters, text)
    if ". ." in text:
        text = _SPACED_ELLIPSIS.sub(lambda m: " " * (len(m.group()) - 1) + "…", text)
    return text


def _may_hold_spans(text: str) -> bool:
    """A quick test that rules out most sentences without running the patterns."""
    return (
        "[" in text
        or "`" in text
        or "<" in text
        or "@" in text
        or "://" in text
        or "www." in text.lower()
        or "(" in text
    )


def _letters(match: re.Match[str]) -> str:
    """Letters standing in for a protected span, capitalised as the span's first letter."""
    span = match.group()
    if match.group("note") is not None:
        return "]" * len(span)  # closes like a bracket: "said.[^1] Then" ends a sentence
    trailer = ""
    if match.group("url") is not None:
        core = span.rstrip(_URL_TRAILER)
        if len(core) < len(span) and core.endswith(("(", "[")):  # "(see http://x.org/a_(b))"
            core = span
        trailer = span[len(core) :]
        span = core
    first = next((char for char in span[:64].lstrip("![") if char.isalnum()), "x")
    return ("X" if first.isupper() else "x") * len(span) + trailer
