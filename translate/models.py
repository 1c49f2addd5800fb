"""The domain types that flow through tx's pipeline.

All are frozen dataclasses with tuples for collections and no I/O. Reading and writing them is
the business of ``articles``, ``glossary``, ``workfiles`` and ``export``.

    Article --split--> Segment* --translate--> TranslatedSegment* (a Translation)
    Translation --edition()--> localized Article --exporter--> HTML / DOCX
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    """What a block of an article is; exporters choose a style from it."""

    TITLE = "title"
    SUMMARY = "summary"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list item"
    CAPTION = "caption"
    CREDIT = "credit"


@dataclass(frozen=True)
class Block:
    """One block of an article.

    ``text`` holds inline Markdown (``*emphasis*``, ``[text](url)``) as written; the masking
    stage keeps URLs and markup away from engines. ``level`` is the heading level (1-6) for
    headings, 0 otherwise. ``ordered`` tells numbered list items from bulleted ones.
    """

    kind: BlockKind
    text: str
    level: int = 0
    ordered: bool = False


@dataclass(frozen=True)
class Article:
    """A source article or a localized edition of one.

    ``meta`` carries front-matter fields other than the title as strings: ``date`` (ISO
    8601), ``author``, ``source``, ``summary``, ``image_caption``, ``credit`` and anything else
    the writer added. ``blocks`` starts with the title block.
    """

    slug: str
    lang: str
    title: str
    meta: Mapping[str, str]
    blocks: tuple[Block, ...]
    path: Path | None = None


@dataclass(frozen=True)
class Segment:
    """One sentence of a block: the unit of translation, memory and review.

    ``id`` is derived from the sentence text (and its occurrence number when the same sentence
    occurs more than once), so editing one paragraph leaves other segments' ids unchanged.
    """

    id: str
    block: int
    source: str


class State(StrEnum):
    """Review state of a translated segment, as in XLIFF 2.1."""

    INITIAL = "initial"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    FINAL = "final"

    @property
    def is_human(self) -> bool:
        """Whether a person has confirmed this translation (it is never machine-replaced)."""
        return self in (State.REVIEWED, State.FINAL)


@dataclass(frozen=True)
class Flag:
    """A problem found in a translation, with a message a reviewer can act on.

    ``code`` is a short stable name (``glossary``, ``avoid``, ``number``, ``url``, ``empty``,
    ``untranslated``, ``repetition``, ``placeholder``, ``needs-work``) for filtering and counts.
    """

    code: str
    message: str


ORIGIN_MEMORY = "memory"
ORIGIN_REVIEWER = "reviewer"


@dataclass(frozen=True)
class TranslatedSegment:
    """A segment with its translation into one language and what is known about it.

    ``origin`` is ``memory``, ``reviewer`` or the engine and model (``argos:en-es-1.9``,
    ``apertium:eng-spa``). ``score`` is the engine's own score where it gives one.
    """

    segment: Segment
    target: str
    origin: str
    state: State
    flags: tuple[Flag, ...] = ()
    score: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The segment id."""
        return self.segment.id

    def with_changes(self, **changes: object) -> TranslatedSegment:
        """A copy with the given fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Translation:
    """An article's translation into one language: the content of one work file.

    ``source_digest`` identifies the source article text the segments were made from;
    ``revision`` counts saves so a review document can tell whether the work file changed
    since it was exported.
    """

    slug: str
    source_lang: str
    target_lang: str
    source_digest: str
    segments: tuple[TranslatedSegment, ...]
    revision: int = 0

    def segment(self, segment_id: str) -> TranslatedSegment | None:
        """The translated segment with this id, if any."""
        for item in self.segments:
            if item.id == segment_id:
                return item
        return None


class TermType(StrEnum):
    """``term`` is translated with its approved rendering; ``keep`` stays as written."""

    TERM = "term"
    KEEP = "keep"


@dataclass(frozen=True)
class Term:
    """One glossary concept: a source term and its approved rendering per language.

    ``targets`` maps language codes to approved renderings; for a ``keep`` term a language
    without an entry keeps the source text. ``avoid`` maps language codes to renderings known
    to be wrong, ``variants`` to further accepted forms (a short form, a form the checks'
    morphology does not know). ``file`` and ``line`` say where the row was read, for messages.
    """

    source: str
    targets: Mapping[str, str]
    type: TermType = TermType.TERM
    case_sensitive: bool = False
    note: str = ""
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    file: Path | None = None
    line: int | None = None
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def target(self, lang: str) -> str | None:
        """The approved rendering in ``lang``, or ``None`` when the glossary has none."""
        if self.targets.get(lang):
            return self.targets[lang]
        base = lang.split("-")[0].split("_")[0]
        if self.targets.get(base):
            return self.targets[base]
        if self.type is TermType.KEEP:
            return self.source
        return None

    def accepted(self, lang: str) -> tuple[str, ...]:
        """The approved rendering in ``lang`` and the variants accepted besides it."""
        approved = self.target(lang)
        if approved is None:
            return ()
        base = lang.split("-")[0]
        extra = self.variants.get(lang) or self.variants.get(base) or ()
        return (approved, *(v for v in extra if v != approved))


@dataclass(frozen=True)
class Glossary:
    """The terms of all glossary files of a workspace, for one source language."""

    source_lang: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary term in a text: ``text[start:end]`` is the matched span
    (without a possessive ending such as "'s", which stays outside the span)."""

    term: Term
    start: int
    end: int
    text: str
