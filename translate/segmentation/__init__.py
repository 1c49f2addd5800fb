"""Sentence segmentation: where the sentences of one block of text end, in every source
language tx accepts.

Rule-based and offline. ``rules`` holds per-language abbreviations and sentence openers,
``spans`` the spans never cut (links, URLs, e-mail addresses, inline code, omissions) and
``splitter`` the decisions. Linear in the length of the input, whatever it holds.
"""

from __future__ import annotations

from translate.segmentation.splitter import split_sentences

__all__ = ["split_sentences"]
