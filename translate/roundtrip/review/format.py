"""The review document format shared by ``review.export`` and ``review.importer``.

A review document is a DOCX with two tables that carry everything the importer relies on, all
of it text in table cells (LibreOffice and Word keep text, hidden text included, and table
cells when they re-save a file; bookmarks and custom XML do not reliably survive):

- the identity table: a first cell reading ``tx review document``, then rows of field name and
  value (format, article, source and target language, work-file revision, source digest, tx
  version; and, in a partial document, the selection of segments it holds);
- the segment table: a header row starting with ``Segment``, then one row per segment with the
  cells id, source, translation, status and notes. The id cell holds the segment id on its
  first line and ``src XXXXXXXX tgt XXXXXXXX STATE`` (short hashes of the exported source and
  translation, and the exported state) on its second, so the importer can tell a reviewer's
  edit from a change made to the work file since the export, and a status cell left as
  exported ("final") from one where the reviewer typed "final". These two lines are hidden
  text (``w:vanish``, which Word and LibreOffice keep on a re-save, and the importer reads:
  documents of earlier versions show them); the visible lines under them say what the
  segment is in its article (``review.context``), its flags, waivers and confidence.

The document's core properties repeat the identity (subject and keywords) as a fallback.
This module also holds the words a reviewer may type in the status cell and a reader of cell
text that resolves tracked changes as accepted.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from translate.formats.marks import normalise
from translate.languages import base
from translate.models import (
    ORIGIN_FUZZY,
    ORIGIN_MEMORY,
    State,
    TranslatedSegment,
    is_machine,
    origin_kind,
)

FORMAT = "tx-review/1"
IDENTITY_MARK = "tx review document"
SEGMENT_HEADER = "Segment"
TX_AUTHOR = "tx"

FIELD_FORMAT = "Format"
FIELD_ARTICLE = "Article"
FIELD_SOURCE_LANG = "Source language"
FIELD_TARGET_LANG = "Target language"
FIELD_REVISION = "Work-file revision"
FIELD_DIGEST = "Source digest"
FIELD_VERSION = "tx version"
FIELD_SELECTION = "Selection"  # present in a partial document: which segments it holds
REVIEWER_MARK = "Reviewer"  # the first cell of the table where reviewers write their name

HASH_LINE = re.compile(r"^src\s+([0-9a-f]{8})\s+tgt\s+([0-9a-f]{8})(?:\s+([a-z]+))?$")

# Labels written in the status cell at export; typing one of them changes nothing.
LABEL_MACHINE = "machine draft"
LABEL_MEMORY = "from memory"
LABEL_HUMAN = "human translation"  # by a translator or reviewer, not yet confirmed
LABEL_EMPTY = "to translate"  # no translation yet (a language people translate)
LABEL_REVIEWED = "reviewed"
LABEL_FINAL = "final"

# Fill colours of the status cell per label, and of the read-only cells.
STATE_COLOURS = {
    LABEL_EMPTY: "FFF2CC",
    LABEL_MACHINE: "FCE4D6",
    LABEL_MEMORY: "DDEBF7",
    LABEL_HUMAN: "EDE2F6",
    LABEL_REVIEWED: "E2EFDA",
    LABEL_FINAL: "A9D08E",
}
READ_ONLY_FILL = "E7E6E6"
FLAG_MARK = "\u2691"  # a flag: the segment has problems, explained in a comment

APPROVE = "approve"
NEEDS_WORK = "needs-work"

# Words a reviewer may type in the status cell, per base language; English always applies.
_APPROVE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("final", "approved", "approve", "ok", "okay"),
    "es": ("aprobado", "aprobada", "final", "vale"),
    "fr": ("approuvé", "approuvée", "validé", "final"),
    "de": ("freigegeben", "genehmigt", "final"),
    "it": ("approvato", "finale"),
    "pt": ("aprovado", "final"),
    "nl": ("goedgekeurd", "definitief"),
    "ru": ("одобрено", "готово"),
    "uk": ("схвалено", "готово"),
    "zh": ("通过", "定稿"),
    "ja": ("承認",),
    "ar": ("موافق", "نهائي"),
}
_NEEDS_WORK_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("needs work", "revise", "fix"),
    "es": ("revisar", "corregir"),
    "fr": ("à revoir", "à corriger"),
    "de": ("überarbeiten", "korrigieren"),
    "it": ("da rivedere",),
    "pt": ("revisar", "corrigir"),
    "nl": ("herzien",),
    "ru": ("доработать",),
    "uk": ("доопрацювати",),
    "zh": ("修改",),
    "ja": ("要修正",),
    "ar": ("مراجعة",),
}

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute (``w('t')``)."""
    return f"{{{_W}}}{name}"


def state_label(item: TranslatedSegment) -> str:
    """The status-cell label of a segment, by its state and then its origin: final,
    reviewed, to translate (empty), from memory, human translation (a translator's or a
    reviewer's, not yet confirmed) or machine draft."""
    if item.state is State.FINAL:
        return LABEL_FINAL
    if item.state is State.REVIEWED:
        return LABEL_REVIEWED
    if not item.target.strip():
        return LABEL_EMPTY
    if origin_kind(item.origin) in (ORIGIN_MEMORY, ORIGIN_FUZZY):
        return LABEL_MEMORY
    if is_machine(item.origin):
        return LABEL_MACHINE
    return LABEL_HUMAN


def approve_words(lang: str) -> tuple[str, ...]:
    """Status words that approve a segment as final, English first, without duplicates."""
    return _unique(_APPROVE_WORDS["en"] + _APPROVE_WORDS.get(base(lang), ()))


def needs_work_words(lang: str) -> tuple[str, ...]:
    """Status words that mark a segment as needing more work."""
    return _unique(_NEEDS_WORK_WORDS["en"] + _NEEDS_WORK_WORDS.get(base(lang), ()))


def _unique(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(words))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return normalise(bare.strip(" .!;:,-\u2013\u2014\"'\u201c\u201d"))


def status_instruction(text: str, lang: str, exported_label: str = "") -> str | None:
    """What a status cell asks: ``APPROVE``, ``NEEDS_WORK`` or ``None`` (empty, the label the
    cell was exported with, or one of the labels tx writes). Case, accents and surrounding
    punctuation do not matter; a label left beside the word is ignored. Raises ``ValueError``
    for any other text."""
    folded = _fold(text)
    if exported_label and folded == _fold(exported_label):
        return None
    labels = [
        _fold(label)
        for label in (LABEL_MACHINE, LABEL_MEMORY, LABEL_REVIEWED, LABEL_HUMAN, LABEL_EMPTY)
    ]
    for label in labels:
        if folded.startswith(label + " "):
            folded = folded[len(label) + 1 :]
        elif folded.endswith(" " + label):
            folded = folded[: -len(label) - 1]
    if folded in {_fold(word) for word in approve_words(lang)}:
        return APPROVE
    if folded in {_fold(word) for word in needs_work_words(lang)}:
        return NEEDS_WORK
    if folded in ("", *labels):
        return None
    raise ValueError(text)


def element_text(element: Any, *, hidden: bool = False) -> str:
    """The text of an element as it reads with every tracked change accepted (see
    ``review.wordtext``: deleted and moved-from text dropped, no-break hyphens and symbols
    kept as their characters, alternate content read once, tabs and breaks as spaces); with
    ``hidden``, hidden text too."""
    from translate.roundtrip.review.wordtext import element_text as text_of

    return text_of(element, hidden=hidden)


def cell_paragraphs(cell: Any) -> list[Any]:
    """The paragraphs of a table cell (``w:tc``) that hold its text: not those nested in a
    text box (read with the paragraph holding them) nor those of an alternate content's
    fallback (read once, from its choice)."""
    found = []
    for paragraph in cell.iter(w("p")):
        parent = paragraph.getparent()
        while parent is not None and parent is not cell and parent.tag not in _NESTING:
            parent = parent.getparent()
        if parent is cell:
            found.append(paragraph)
    return found


_NESTING = {w("p"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def cell_lines(cell: Any, *, hidden: bool = False) -> list[str]:
    """The non-empty paragraphs of a table cell (``w:tc``), tracked changes accepted, runs of
    whitespace made one space; with ``hidden``, hidden text read too."""
    lines = [normalise(element_text(p, hidden=hidden)) for p in cell_paragraphs(cell)]
    return [line for line in lines if line]


def table_rows(table: Any) -> list[Any]:
    """The ``w:tr`` rows of a table (``w:tbl``) in document order, including those Word keeps
    inside content controls (a repeating section and its items wrap rows in ``w:sdt``) or
    custom XML, but not the rows of tables nested in its cells."""
    return [row for row in table.iter(w("tr")) if _owning(row, w("tbl")) is table]


def row_cells(row: Any) -> list[Any]:
    """The ``w:tc`` cells of a table row, including those inside content controls."""
    return [cell for cell in row.iter(w("tc")) if _owning_row(cell) is row]


def _owning_row(cell: Any) -> Any:
    return _owning(cell, w("tr"))


def _owning(element: Any, tag: str) -> Any:
    """The nearest ancestor of ``element`` with ``tag``."""
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent
