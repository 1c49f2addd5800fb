"""What both importers (review DOCX and XLIFF) do once the rows are applied: the checks run
again on every segment the file touched, then the waivers people wrote in their notes are
recorded, each against the flags the checks found, and the work file is saved as the next
revision if anything changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from translate.checks import waivers
from translate.models import Flag, Glossary, Stamp, TranslatedSegment, Translation
from translate.roundtrip.conflicts import Skipped
from translate.workspace import Workspace, history, workfiles

# (segment id, where it was asked: "file: row 4", code or None, reason)
WaiverRequest = tuple[str, str, str | None, str]


def recheck(
    ws: Workspace,
    translation: Translation,
    segments: dict[str, TranslatedSegment],
    ids: Sequence[str],
    glossary: Glossary | None,
    kept: Callable[[TranslatedSegment], tuple[Flag, ...]] | None = None,
) -> tuple[tuple[str, tuple[Flag, ...]], ...]:
    """Run the checks again on the segments ``ids`` of ``segments`` (updated in place; flags
    ``kept`` returns stay after the checks'); returns the flagged ones. The workspace's
    glossary is loaded when ``glossary`` is None and there is something to check."""
    if not ids:
        return ()
    from translate.checks.segment import check_segment

    if glossary is None:
        from translate.glossary import load_workspace_glossary

        glossary = load_workspace_glossary(ws, translation.source_lang)
    flagged = []
    for segment_id in ids:
        item = segments[segment_id]
        found = check_segment(item.segment.source, item.target, glossary, translation.target_lang)
        flags = (*found, *(kept(item) if kept else ()))
        segments[segment_id] = item.with_changes(flags=flags)
        if flags:
            flagged.append((segment_id, flags))
    return tuple(flagged)


def apply_waivers(
    segments: dict[str, TranslatedSegment],
    requests: Iterable[WaiverRequest],
    by: str,
    skipped: list[Skipped],
    waived: list[str],
) -> None:
    """Record each waiver asked for (after ``recheck``); one that names no open flag is
    reported in ``skipped`` with where it was asked."""
    today = dt.date.today().isoformat()
    for segment_id, place, code, reason in requests:
        try:
            segments[segment_id] = waivers.add(
                segments[segment_id], code, reason, by=by, date=today
            )
        except ValueError as error:
            skipped.append(Skipped(segment_id, f"{place}: {error}"))
            continue
        waived.append(segment_id)


def save_settled(
    work_path: Path,
    translation: Translation,
    segments: dict[str, TranslatedSegment],
    by: Stamp,
) -> tuple[int, bool]:
    """Save ``segments`` (in the work file's order) as the next revision of ``translation``
    when they differ from it, recorded as ``by``'s; returns the revision the work file is at
    and whether it was saved. The caller holds the workspace lock."""
    updated = tuple(segments[item.id] for item in translation.segments)
    if updated == translation.segments:
        return translation.revision, False
    revision = translation.revision + 1
    after = replace(translation, segments=updated, revision=revision)
    workfiles.save(work_path, history.record(translation, after, by))
    return revision, True
