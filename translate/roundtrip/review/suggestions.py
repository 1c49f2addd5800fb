"""What a review document shows under a segment's source: how the source changed since a
reviewer approved it (words struck and inserted, as Word formatting) with the translation
approved then, and up to two fuzzy matches from memory with their score, the differences of
their source marked, and their translation.

These lines start with ``INFO_MARK`` and are read-only: the importer ignores them when it
reads the source cell. A reviewer takes a match by typing its number in the Status column.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from translate.models import TranslatedSegment

INFO_MARK = "\u25b9"  # ▹ starts every line tx adds under a source
_PIECES = re.compile(r"\S+|\s+")
_DELETED, _INSERTED = "C00000", "1F4E79"  # dark red struck, dark blue underlined


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, text) pieces turning ``old`` into ``new`` word by word: ``same``, ``deleted``,
    ``inserted``."""
    before, after = _PIECES.findall(old), _PIECES.findall(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("deleted", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(("inserted", "".join(after[b1:b2])))
    return pieces


def add_suggestions(cell: Any, item: TranslatedSegment) -> None:
    """Add the previous version and the fuzzy matches of ``item`` under its source."""
    if item.previous is not None:
        paragraph = _line(cell, f"{INFO_MARK} Source changed ({item.previous.score}%): ")
        _diff_runs(paragraph, item.previous.source, item.segment.source)
        _target_run(_line(cell, f"{INFO_MARK} Approved before: "), item.previous.target)
    for number, match in enumerate(item.matches, 1):
        paragraph = _line(cell, f"{INFO_MARK} Match {number} ({match.score}%): ")
        _diff_runs(paragraph, match.source, item.segment.source)
        _small(paragraph.add_run(" \u2192 "))
        _target_run(paragraph, match.target)


def _line(cell: Any, label: str) -> Any:
    paragraph = cell.add_paragraph()
    run = _small(paragraph.add_run(label))
    run.bold = True
    return paragraph


def _small(run: Any) -> Any:
    from docx.shared import Pt

    run.font.size = Pt(8)
    return run


def _target_run(paragraph: Any, text: str) -> None:
    _small(paragraph.add_run(text)).italic = True


def _diff_runs(paragraph: Any, old: str, new: str) -> None:
    from docx.shared import RGBColor

    for kind, text in word_diff(old, new):
        run = _small(paragraph.add_run(text))
        if kind == "deleted":
            run.font.strike = True
            run.font.color.rgb = RGBColor.from_string(_DELETED)
        elif kind == "inserted":
            run.font.underline = True
            run.font.color.rgb = RGBColor.from_string(_INSERTED)


def chosen_match(status: str) -> int | None:
    """The match a reviewer took by typing its number ("1", "2", "#2", "match 1") in the
    Status column, else ``None``."""
    found = re.fullmatch(r"\s*(?:match\s*|#)?([12])\s*\.?\s*", status, re.IGNORECASE)
    return int(found.group(1)) if found else None
