"""Spans the splitter must not cut inside, and marks it reads rewritten.

``masked(text)`` returns a string of the same length in which Markdown links and images,
inline code, autolinks, URLs, e-mail addresses and editorial omissions ("[...]", "(…)") are
replaced by letters (a footnote reference "[^1]" by closing brackets, which a sentence end may
carry), so that the rules see neither their periods nor their brackets. Positions in the
masked text are positions in the original, which is what the splitter cuts.

Two kinds of marks are rewritten rather than hidden whole:

- a spaced ellipsis (". . .", ". . . .", also right after a word: "complex. . . .") becomes
  spaces and one "…" at its last dot, so that it is read as one ellipsis: inside its sentence
  before a small letter, ending it before a capital, never a sentence of its own.
- sentence marks inside a title in CJK brackets ("《摔跤吧！爸爸》") become letters: a title is
  never cut. In 「」 and 『』, which also quote speech, only the marks followed by more of the
  bracketed text are hidden, and only in brackets holding no full stop (a quoted sentence
  keeps its end: "他喊道：「我们赢了！」人群欢呼。").

Every pattern here runs in linear time: no pattern can start a match at every position of a
long run of the same characters and scan that run again (starts are anchored by look-behind,
repeated parts are possessive or exclude their own opening character).
"""

from __future__ import annotations

import functools
import re

# Letters of scripts written without spaces: a URL or an e-mail address ends before them.
_CJK = (
    "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
# A URL: a scheme and "://", or "www.", up to white space, quotes or CJK letters (a class
# without case, so it is compiled case-sensitive: the same characters, in a third of the time).
_URL = rf"(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*+://|www\.)(?-i:[^\s<>\"“”«»{_CJK}])++"


@functools.cache
def _protected(urls: bool) -> re.Pattern[str]:
    """The spans to hide. Without ``urls`` the URL branch is one that never matches: for a
    text with neither "://" nor "www.", where it could not match anyway, the pattern is the
    same and its costly class of CJK ranges is not compiled."""
    return re.compile(
        r"!?\[[^\[\]\n]*+\]\([^()\s]*+(?:\s+\"[^\"\n]*+\")?\)"  # Markdown link or image
        r"|`[^`\n]++`"  # inline code
        r"|<[a-z][a-z0-9+.-]*+:[^<>\s]++>"  # autolink
        rf"|(?P<url>{_URL if urls else '(?!)'})"
        r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff-]++"
        r"(?:\.[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff-]++)++"  # e-mail address
        r"|[\[(](?:\.\.\.|…)[\])]"  # an omission: "[...]", "(…)"
        r"|(?P<note>\[\^[^\[\]\s]{1,64}+\])",  # a footnote reference, "[^1]"
        re.IGNORECASE,
    )


# What may follow a sentence's mark and still belong to it: closing quotes (in every
# language's style), brackets, the end of Markdown emphasis.
CLOSERS = "\"'”’“‘»«›‹)]}*_」』）】〕"
# What ends a sentence rather than a URL: "see https://example.org/a.html." keeps its period.
_URL_TRAILER = ".,;:!?)]’”'*_"
_SPACED_ELLIPSIS = re.compile(r"(?<!\.)\.(?: \.){2,}+")
# Titles and quotations in CJK brackets, bounded so that a missing closer hides nothing far.
_TITLE = re.compile(r"《[^《》\n]{1,64}+》|〈[^〈〉\n]{1,64}+〉")
_QUOTED = re.compile(r"「[^「」。．\n]{1,64}+」|『[^『』。．\n]{1,64}+』")
_TITLE_MARKS = re.compile(r"[.!?‽…。！？．]++")
_INNER_MARKS = re.compile(r"[.!?‽…！？]++(?=[^.!?‽…！？」』])")


def masked(text: str) -> str:
    """``text`` with protected spans replaced by letters, spaced ellipses rewritten and the
    marks inside CJK titles hidden."""
    if _may_hold_spans(text):
        urls = "://" in text or "www." in text.lower()
        text = _protected(urls).sub(_letters, text)
    if ". ." in text:
        text = _SPACED_ELLIPSIS.sub(lambda m: " " * (len(m.group()) - 1) + "…", text)
    if text.isascii():
        return text
    if "《" in text or "〈" in text:
        text = _TITLE.sub(lambda m: _TITLE_MARKS.sub(_hidden, m.group()), text)
    if "「" in text or "『" in text:
        text = _QUOTED.sub(lambda m: _INNER_MARKS.sub(_hidden, m.group()), text)
    return text


def _hidden(match: re.Match[str]) -> str:
    return "x" * len(match.group())


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
