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
    CORRECTION = "correction"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list item"
    CAPTION = "caption"
    CREDIT = "credit"
    IMAGE = "image"
    TABLE_CELL = "table cell"
    FOOTNOTE = "footnote"
    HTML = "html"
    CODE = "code"


# Blocks kept exactly as written: never segmented, never translated.
UNTRANSLATED = frozenset({BlockKind.HTML, BlockKind.CODE})


@dataclass(frozen=True)
class Cell:
    """Where a table cell sits: table number (from 1), row and column (from 0), whether it is
    a header cell, and its alignment (``left``, ``center``, ``right`` or empty)."""

    table: int
    row: int
    column: int
    header: bool = False
    align: str = ""


@dataclass(frozen=True)
class Block:
    """One block of an article.

    ``text`` holds inline Markdown (``*emphasis*``, ``[text](url)``) as written; the masking
    stage keeps URLs and markup away from engines. ``level`` is the heading level (1-6) for
    headings, 0 otherwise. ``ordered`` tells numbered list items from bulleted ones. An
    ``IMAGE`` block's text is its alt text and ``src`` the image file as the article names it;
    a ``FOOTNOTE`` block's ``label`` is the label its references use; a ``TABLE_CELL`` has its
    ``cell``; ``HTML`` and ``CODE`` blocks are passed through untranslated.
    """

    kind: BlockKind
    text: str
    level: int = 0
    ordered: bool = False
    src: str = ""
    label: str = ""
    cell: Cell | None = None


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
ORIGIN_FUZZY = "memory-fuzzy"
ORIGIN_REVIEWER = "reviewer"
ORIGIN_TRANSLATOR = "translator"
ORIGIN_HUMAN = "human"  # a sentence a person is to translate (a human language): no draft
_NOT_MACHINE = frozenset(
    {ORIGIN_MEMORY, ORIGIN_FUZZY, ORIGIN_REVIEWER, ORIGIN_TRANSLATOR, ORIGIN_HUMAN, ""}
)


def origin_kind(origin: str) -> str:
    """What made a translation, without the detail: ``memory:agency`` (a unit of the
    imported memory ``agency``) is ``memory``, ``argos:en-es-1.9`` is ``argos``."""
    return origin.partition(":")[0]


def is_machine(origin: str) -> bool:
    """Whether an engine made a translation of this origin (``argos:...``, ``apertium:...``),
    not memory or a person."""
    return origin_kind(origin) not in _NOT_MACHINE


def external_memory_suffix(origin: str) -> str:
    """``:NAME`` when ``origin`` is a unit of the imported memory NAME, else ''."""
    kind, sep, name = origin.partition(":")
    return f"{sep}{name}" if kind == ORIGIN_MEMORY and name else ""


@dataclass(frozen=True)
class MemoryMatch:
    """A reviewed sentence pair shown beside a segment: a fuzzy match from memory, or the
    segment's own previous version (its source before an edit and the approved translation)."""

    score: int
    source: str
    target: str
    origin: str


def text_hash(text: str) -> str:
    """12 hex digits of the SHA-256 of a text with its whitespace collapsed: a segment's id,
    and the translation a waiver was given for."""
    import hashlib

    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Waiver:
    """A reviewer's decision that a flag is a false alarm for one segment's translation.

    It holds for the translation it was given for (``target`` is its ``text_hash``) and is
    lifted when that text changes.
    """

    code: str
    reason: str
    date: str
    by: str
    target: str


@dataclass(frozen=True)
class Stamp:
    """Who changed a work file, when (ISO 8601, UTC, to the second) and with which command
    (``translate``, ``review import``, ``xliff import``, ``review waive``)."""

    by: str
    date: str
    command: str


@dataclass(frozen=True)
class Draft:
    """The machine translation a segment had when the engine made it, kept after people
    changed it: the target, the engine and model (``origin``), its score and the flags the
    checks gave it."""

    target: str
    origin: str
    score: float | None = None
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class TranslatedSegment:
    """A segment with its translation into one language and what is known about it.

    ``origin`` is ``memory``, ``reviewer`` or the engine and model (``argos:en-es-1.9``,
    ``apertium:eng-spa``). ``score`` is the engine's own score where it gives one.
    ``changed`` says who last changed its translation or state, and when; ``draft`` is the
    machine translation it had (kept after review).
    """

    segment: Segment
    target: str
    origin: str
    state: State
    flags: tuple[Flag, ...] = ()
    score: float | None = None
    notes: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    previous: MemoryMatch | None = None
    matches: tuple[MemoryMatch, ...] = ()
    changed: Stamp | None = None
    draft: Draft | None = None

    @property
    def id(self) -> str:
        """The segment id."""
        return self.segment.id

    @property
    def active_waivers(self) -> tuple[Waiver, ...]:
        """The waivers given for the current translation (others were lifted by an edit)."""
        current = text_hash(self.target)
        return tuple(waiver for waiver in self.waivers if waiver.target == current)

    @property
    def open_flags(self) -> tuple[Flag, ...]:
        """The flags no reviewer has waived for the current translation: what blocks it."""
        waived = {waiver.code for waiver in self.active_waivers}
        return tuple(flag for flag in self.flags if flag.code not in waived)

    def with_changes(self, **changes: object) -> TranslatedSegment:
        """A copy with the given fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SegmentVersion:
    """A segment as one revision of its work file left it."""

    id: str
    source: str
    target: str
    state: State
    origin: str


@dataclass(frozen=True)
class Revision:
    """One save of a work file: its number, who made it, when and with which command
    (``stamp``; None for the state a work file was in when tx began to keep its history),
    what changed by kind (``counts``), the segments it added or changed and the ids of those
    it removed."""

    number: int
    stamp: Stamp | None
    counts: tuple[tuple[str, int], ...]
    segments: tuple[SegmentVersion, ...]
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Translation:
    """An article's translation into one language: the content of one work file.

    ``source_digest`` identifies the source article text the segments were made from;
    ``revision`` counts saves so a review document can tell whether the work file changed
    since it was exported; ``checked`` seals flags that ``tx translate`` computed itself
    (``translate.checks.seal``; empty when not sealed); ``history`` lists the revisions.
    """

    slug: str
    source_lang: str
    target_lang: str
    source_digest: str
    segments: tuple[TranslatedSegment, ...]
    revision: int = 0
    checked: str = ""
    history: tuple[Revision, ...] = ()

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
        from translate.languages import lookup

        key = lookup(lang, (code for code, text in self.targets.items() if text))
        if key is not None:
            return self.targets[key]
        if self.type is TermType.KEEP:
            return self.source
        return None

    def avoided(self, lang: str) -> tuple[str, ...]:
        """The renderings known to be wrong in ``lang`` (from the best matching column)."""
        from translate.languages import lookup

        key = lookup(lang, (code for code, items in self.avoid.items() if items))
        return tuple(self.avoid[key]) if key is not None else ()

    def accepted(self, lang: str) -> tuple[str, ...]:
        """The approved rendering in ``lang`` and the variants accepted besides it."""
        from translate.languages import lookup

        approved = self.target(lang)
        if approved is None:
            return ()
        key = lookup(lang, (code for code, items in self.variants.items() if items))
        extra = self.variants[key] if key is not None else ()
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
