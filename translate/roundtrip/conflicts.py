"""What an import (review DOCX or XLIFF) left alone, and why: one rule and one report shape.

Both importers apply a returned file row by row (unit by unit). A row that would change a
segment whose translation changed in the work file since the export is a conflict: it is
reported on one line (file, row or unit, segment, why) and left alone, and every other row is
applied; with ``all_or_nothing`` the importer refuses the whole file instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translate.models import Flag, TranslatedSegment

TRANSLATION_EDITED = "translation edited"


@dataclass(frozen=True)
class Skipped:
    """A row or segment the import did not apply, and why."""

    segment_id: str
    reason: str


def conflict_entry(
    place: str, item: TranslatedSegment, what: str, held_in: str
) -> tuple[str, Skipped]:
    """The conflict of a row that does ``what`` to ``item`` (whose translation changed since
    the export): its short kind for an all-or-nothing refusal, and its report entry.

    ``place`` names the file and row (``"review.docx: row 4"``); ``held_in`` is what the row
    is (``"row"``, ``"unit"``).
    """
    changed = "" if what == TRANSLATION_EDITED else " on a changed translation"
    kind = f"{item.id}: {what}{changed}"
    document = "document" if held_in == "row" else "file"
    return kind, Skipped(
        item.id,
        f"{place}: {what} in the {document}, but the work file's translation changed since "
        f"the export (it now reads \u00ab{item.target}\u00bb); {held_in} left alone: redo it "
        "on a new export",
    )


def report_counts(skipped: tuple[Skipped, ...], conflicts: tuple[Skipped, ...]) -> str:
    """The end of a report's count line: ``skipped N[, conflicts N]``."""
    return f"skipped {len(skipped)}" + (f", conflicts {len(conflicts)}" if conflicts else "")


SHOWN = 20  # entries listed one by one; a file of thousands is counted, not printed


def report_lines(skipped: tuple[Skipped, ...], conflicts: tuple[Skipped, ...]) -> list[str]:
    """One report line per conflict, then one per skipped row or segment (at most SHOWN of
    each, then how many more)."""
    lines = []
    for word, more, entries in (
        ("conflict", "conflicts", conflicts),
        ("skipped", "skipped", skipped),
    ):
        lines += [f"  {word} {s.segment_id}: {s.reason}" for s in entries[:SHOWN]]
        if len(entries) > SHOWN:
            lines.append(f"  ... and {len(entries) - SHOWN} more {more}")
    return lines


def report_tail(
    flagged: tuple[tuple[str, tuple[Flag, ...]], ...],
    skipped: tuple[Skipped, ...],
    conflicts: tuple[Skipped, ...],
    warnings: tuple[str, ...],
    work_file: Path,
    revision: int,
    saved: bool,
    extra: Iterable[str] = (),
) -> list[str]:
    """The lines after a report's count line: flagged segments, conflicts and skips,
    ``extra`` lines of the importer's own, warnings, then whether the work file was saved."""
    lines = [f"  flagged {sid}: " + "; ".join(f.message for f in flags) for sid, flags in flagged]
    lines += report_lines(skipped, conflicts)
    lines += extra
    lines += [f"  warning: {text}" for text in warnings]
    if saved:
        lines.append(f"  saved {work_file} (revision {revision})")
    else:
        lines.append(f"  nothing changed; {work_file} left as it was")
    return lines
