"""The plain-text road of inline parsing (no markdown-it) gives exactly what markdown-it
gives, on generated strings of every character that matters to it: markup, line breaks, NUL
and other whitespace."""

from __future__ import annotations

import itertools
import random

import pytest

from translate.source import inline
from translate.source.inline import Span

PIECES = [
    *"ab [](^)1\\`*_<>&~!#\n\r\t\x00 :/.",
    *["http://x.y", "<http://a.b>", "&amp;", "&#65;", "[^1]", "[a](b)", "\u00a0", "\u2028"],
    *["\x0b", "\x0c", "  ", "\ufffe", "www.x.com", "&copy", "(c)", "--", '"', "'", "...", "  \n"],
]


def _markdown_it(text: str) -> tuple[Span, ...]:
    """``parse_inline`` without its plain-text road: markdown-it's tokens, merged."""
    from translate.source.markdown import inline_tokens

    tokens = inline_tokens(text)
    assert tokens is not None
    spans = [span for span in inline._spans(tokens) if span.text]
    merged: list[Span] = []
    for _, group in itertools.groupby(spans, key=inline._style):
        same = list(group)
        if same[0].note is not None:
            merged.extend(same)
        else:
            merged.append(inline.replace(same[0], text="".join(span.text for span in same)))
    return tuple(merged)


@pytest.mark.parametrize(
    "text", ["a\nb", "line one\r\nline two", "nul\x00here", "[People News]\nMore", "end\n"]
)
def test_line_breaks_and_nul_are_rewritten_as_markdown_it_does(text: str) -> None:
    assert inline.parse_inline(text) == _markdown_it(text)
    assert not inline.is_plain(text)


def test_plain_text_road_agrees_with_markdown_it_on_generated_strings() -> None:
    chooser = random.Random(20261208)
    tried = 0
    for _ in range(30000):
        text = "".join(chooser.choice(PIECES) for _ in range(chooser.randint(0, 8)))
        if inline.is_plain(text):
            tried += 1
            assert inline.parse_inline(text) == _markdown_it(text), repr(text)
    assert tried > 1000
