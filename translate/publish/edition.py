"""Editions: a source article rebuilt in a target language from its translation.

``edition()`` turns an ``Article`` and its ``Translation`` (a work file) into the localized
``Article`` that exporters render: the same blocks in the same order with each block's
translated sentences joined, the translated title, and the summary and image caption taken from
their translated blocks. ``draft_sentences()`` keeps what a proofreader needs per sentence (its
review state and open flags) so a ``--draft`` export can mark what nobody has confirmed yet.

A sentence of the article that the work file lacks (the article changed since it was
translated) keeps its source text and is reported as ``initial`` with a ``missing`` flag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from translate.models import (
    UNTRANSLATED,
    Article,
    Block,
    BlockKind,
    Flag,
    Segment,
    State,
    Translation,
)
from translate.source.segments import join_sentences, segment_article
from translate.workspace import Settings

# Front-matter fields an edition keeps as they are: names, dates and credits are not translated.
KEPT_META = ("date", "author", "image", "image_credit", "source", "credit")

MISSING = Flag("missing", "sentence not in the work file; run tx translate")


@dataclass(frozen=True)
class DraftSentence:
    """One sentence of an edition with its review state and open flags."""

    text: str
    state: State
    flags: tuple[Flag, ...] = ()

    @property
    def confirmed(self) -> bool:
        """Whether a person reviewed the sentence and no flag is open on it."""
        return self.state.is_human and not self.flags


@dataclass(frozen=True)
class Site:
    """What the site calls itself (tx.toml's ``site_name``, ``site_description`` and
    ``publisher``) and where it lives (``base_url``): shown on every page, the home page, the
    feeds and each page's structured data."""

    name: str = ""
    description: str = ""
    publisher: str = ""
    url: str = ""

    @classmethod
    def of(cls, settings: Settings) -> Site:
        """The site of a workspace's settings: unnamed, it is called by its address's host;
        its publisher is the site itself unless tx.toml names one."""
        host = urlsplit(settings.base_url).hostname or settings.base_url
        name = settings.site_name or host
        return cls(name, settings.site_description, settings.publisher or name, settings.base_url)


@dataclass(frozen=True)
class Edition:
    """What an exporter renders: a localized article and where its other editions live.

    ``source`` is the original article. ``draft`` holds the sentences of every block with
    their states when the edition is exported as a draft, and is ``None`` for a published
    edition (which carries no review markers). ``alternates`` maps hreflang codes (including
    ``x-default``) to absolute URLs of the article's published HTML editions (the language
    switcher links to them too). ``assets`` maps an image's ``src`` as the article writes it
    to its address relative to the edition's page (the copy in the edition's assets), and
    ``files`` to the copy on disk (for exporters that embed images, such as DOCX).
    ``published`` and ``modified`` are the UTC times (ISO 8601) the edition first went online
    and last changed; ``corrected`` the date (ISO) of its latest correction, when its article's
    sentences changed after it was published (the page then carries a correction notice).
    ``site`` is the site the page belongs to (its name heads the page).
    """

    article: Article
    source: Article
    draft: tuple[tuple[DraftSentence, ...], ...] | None = None
    alternates: Mapping[str, str] = field(default_factory=dict)
    assets: Mapping[str, str] = field(default_factory=dict)
    files: Mapping[str, Path] = field(default_factory=dict)
    published: str = ""
    modified: str = ""
    corrected: str = ""
    site: Site = field(default_factory=Site)

    @property
    def lang(self) -> str:
        """The edition's language."""
        return self.article.lang


def draft_sentences(
    article: Article, translation: Translation, segments: Sequence[Segment] | None = None
) -> tuple[tuple[DraftSentence, ...], ...]:
    """Per block of ``article``, its translated sentences with their states and flags.

    ``segments`` are ``segment_article(article)`` when the caller has them already (one
    article's segments serve all its languages); they are computed when omitted.
    """
    by_id = {item.id: item for item in translation.segments}
    blocks: list[list[DraftSentence]] = [[] for _ in article.blocks]
    for segment in segment_article(article) if segments is None else segments:
        item = by_id.get(segment.id)
        if item is None:
            sentence = DraftSentence(segment.source, State.INITIAL, (MISSING,))
        else:
            sentence = DraftSentence(item.target, item.state, item.open_flags)
        blocks[segment.block].append(sentence)
    return tuple(tuple(sentences) for sentences in blocks)


def edition(
    article: Article, translation: Translation, segments: Sequence[Segment] | None = None
) -> Article:
    """The localized article: ``article`` with the text of ``translation``.

    Blocks keep their kind, level and order; each block's text is its translated sentences
    joined for the target language. The title is the translated title block; ``summary`` and
    ``image_caption`` come from the translated SUMMARY and CAPTION blocks; ``date``,
    ``author``, ``image_credit`` and ``source`` are kept. ``segments`` are the article's
    segments if the caller has them (as for ``draft_sentences``).
    """
    lang = translation.target_lang
    sentences = draft_sentences(article, translation, segments)
    blocks = tuple(
        block
        if block.kind in UNTRANSLATED
        else replace(block, text=join_sentences([s.text for s in sentences[index]], lang))
        for index, block in enumerate(article.blocks)
    )
    meta = {key: article.meta[key] for key in KEPT_META if article.meta.get(key)}
    for kind, key in (
        (BlockKind.SUMMARY, "summary"),
        (BlockKind.CAPTION, "image_caption"),
        (BlockKind.CORRECTION, "correction"),
    ):
        text = _first_text(blocks, kind)
        if text:
            meta[key] = text
    title = _first_text(blocks, BlockKind.TITLE) or article.title
    return Article(
        slug=article.slug,
        lang=lang,
        title=title,
        meta=meta,
        blocks=blocks,
        path=None,
    )


def _first_text(blocks: tuple[Block, ...], kind: BlockKind) -> str:
    return next((block.text for block in blocks if block.kind is kind), "")
