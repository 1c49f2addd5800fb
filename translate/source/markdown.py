"""The Markdown tx reads: CommonMark with GFM tables and strikethrough, and footnotes.

One configuration of markdown-it-py (a CommonMark parser) with mdit-py-plugins' footnotes
serves the article reader (``translate.source.articles``: the blocks of a body) and the inline
rendering of every exporter (``translate.source.inline``: the spans of a block's text), so
segmentation, masking and the exporters see the same document tree. Imported on first use.

The body is parsed in two steps, as markdown-it does it: the block structure of the whole body
(linear), then the inline content of each block on its own (``inline_tokens``). markdown-it's
inline parser slows down faster than linearly on hostile runs of brackets or emphasis marks,
so a block's inline content longer than ``MAX_INLINE_CHARS`` is not parsed: it stays text.
"""

from __future__ import annotations

import functools
from typing import Any

# Longer inline texts (no real paragraph is) are taken as literal text: parsing 8,000
# characters of brackets takes about 0.1 s, 200,000 about 10 s.
MAX_INLINE_CHARS = 8_000


@functools.cache
def block_parser() -> Any:
    """The parser of the block structure of article bodies: raw HTML blocks recognised (to be
    refused or kept apart, never read as text); footnote definitions left in place as
    ``footnote_reference_open`` / ``_close`` tokens; inline content left unparsed."""
    md = _parser()
    md.disable(["inline", "footnote_tail"])
    return md


@functools.cache
def inline_parser() -> Any:
    """The parser of one block's inline text."""
    return _parser()


def inline_tokens(text: str) -> list[Any] | None:
    """markdown-it's inline tokens of ``text``; ``None`` when it is longer than
    ``MAX_INLINE_CHARS`` (the caller takes it as text)."""
    if len(text) > MAX_INLINE_CHARS:
        return None
    tokens = inline_parser().parseInline(text, {})
    return list(tokens[0].children or []) if tokens else []


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # A reference [^label] is one wherever its note is (each block is parsed on its own);
    # inline notes (^[...]) are not read, and the article reader refuses them.
    md.use(footnote_plugin, inline=False, always_match_refs=True)
    return md
