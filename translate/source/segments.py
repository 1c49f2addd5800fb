"""Splitting articles into sentence segments, and joining translated sentences back.

Splitting is offline and rule-based (``translate.source.segmentation``): a boundary is a
sentence-final mark (``.``, ``!``, ``?``, an ellipsis, ``؟``, ``।``), with any closing quotes
and brackets after it, followed by white space and the start of a new sentence; Chinese and
Japanese sentences end after ``。！？`` with no space needed. Abbreviations ("Dr.", "No. 103",
"U.S. President", "z. B.", "пгт."), initials ("J. R. R. Tolkien"), German ordinals ("vom
12. Juni"), decimal numbers and list markers do not end sentences, nor does a clock time
opening its sentence ("At 5 a.m. Mr. Smith went"); Markdown links, URLs, e-mail addresses,
inline code and titles in CJK brackets ("《摔跤吧！爸爸》") are never split; a spaced ellipsis
(". . .") is one ellipsis, never a sentence of its own; bulleted items run into one paragraph
("• 9. ... • 10. ...") are one sentence each. A segment's id is derived from its normalised
text only, so text whose split does not change keeps its ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from translate.languages import base
from translate.models import UNTRANSLATED, Article, Segment, text_hash
from translate.source.segmentation import split_sentences as _split

# Languages written without spaces between sentences.
NO_SPACE_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` (one block) into sentences, by the rules of the source language ``lang``.

    White space inside each sentence is normalised to single spaces; for space-separated
    languages ``" ".join(split_sentences(text, lang))`` equals ``" ".join(text.split())``.
    The rules are in ``translate.source.segmentation``.
    """
    return _split(text, base(lang))


def join_sentences(sentences: Sequence[str], lang: str) -> str:
    """Join sentences of one block: with spaces, or without for Chinese, Japanese and Thai."""
    separator = "" if base(lang) in NO_SPACE_LANGS else " "
    return separator.join(sentence.strip() for sentence in sentences if sentence.strip())


def segment_id(sentence: str, occurrence: int = 1) -> str:
    """The stable id of a sentence: 12 hex digits of the SHA-256 of its normalised text.

    The second and later occurrences of the same sentence in an article get "-2", "-3"...
    """
    digest = text_hash(sentence)
    return digest if occurrence == 1 else f"{digest}-{occurrence}"


def segment_article(article: Article) -> tuple[Segment, ...]:
    """Every block's sentences in order; ``Segment.block`` indexes ``article.blocks``."""
    seen: dict[str, int] = {}
    segments: list[Segment] = []
    for index, block in enumerate(article.blocks):
        if block.kind in UNTRANSLATED:
            continue
        for sentence in split_sentences(block.text, article.lang):
            base = segment_id(sentence)
            seen[base] = seen.get(base, 0) + 1
            segments.append(Segment(segment_id(sentence, seen[base]), index, sentence))
    return tuple(segments)


def article_digest(segments: Sequence[Segment]) -> str:
    """SHA-256 (hex) of the segments' ids, block indexes and texts in order.

    It identifies the version of the source article a translation was made from.
    """
    digest = hashlib.sha256()
    for segment in segments:
        digest.update(f"{segment.id}\t{segment.block}\t{segment.source}\n".encode())
    return digest.hexdigest()
