"""Who changed a work file, when, and what: the revisions a work file keeps (``tx log``,
``tx diff``), each segment's last change and its machine draft.

Every command that saves a work file calls ``record`` with what it read, what it will write
and a ``Stamp`` (the person, the time, the command). ``record`` then

- stamps each segment whose translation, state or origin changed (``changed``: who, when,
  which command): an approval carries the name of the person who gave it;
- keeps the machine draft of each segment an engine translated (``draft``: target, engine
  and model, score, flags), and carries it over when a person changes the translation;
- appends a ``Revision`` to the history: its number, stamp, counts by kind and the segments
  it added or changed (id, source, target, state, origin) and removed.

A work file written before tx kept a history gets, at its first recorded save, a revision
without a stamp holding the segments as they were, so ``tx diff`` can compare from there.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate.errors import HistoryError
from translate.models import (
    Draft,
    Revision,
    SegmentVersion,
    Stamp,
    State,
    TranslatedSegment,
    Translation,
    is_machine,
)
from translate.workspace.paths import Workspace

# The kinds a revision counts, in the order ``tx log`` prints them.
COUNT_KINDS = (
    "added",
    "removed",
    "translated",
    "edited",
    "approved",
    "reviewed",
    "reopened",
    "notes",
    "waived",
)


def os_user() -> str:
    """The name of the person running tx, as the system knows it."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container)
        return os.environ.get("USER") or f"uid {os.getuid()}"


def stamp(command: str, by: str | None = None, when: dt.datetime | None = None) -> Stamp:
    """A stamp for a change made by ``by`` (default: the system's user) with ``command``, at
    ``when`` (default: now; never later than now)."""
    now = dt.datetime.now(dt.UTC)
    if when is None or when.tzinfo is None or when > now:
        when = now
    date = when.astimezone(dt.UTC).replace(microsecond=0).isoformat()
    return Stamp(by=(by or "").strip() or os_user(), date=date, command=command)


def file_time(path: Path) -> dt.datetime | None:
    """When a file was last saved (its modification time), None when it cannot be read."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return None


def version(item: TranslatedSegment) -> SegmentVersion:
    """What a revision keeps of a segment."""
    return SegmentVersion(item.id, item.segment.source, item.target, item.state, item.origin)


def _kinds(before: TranslatedSegment | None, after: TranslatedSegment) -> list[str]:
    """What happened to one segment, by kind (see COUNT_KINDS)."""
    if before is None:
        return ["added"]
    kinds = []
    if after.target != before.target:
        kinds.append("translated" if is_machine(after.origin) else "edited")
    if after.state is not before.state:
        if after.state is State.FINAL:
            kinds.append("approved")
        elif after.state is State.REVIEWED:
            kinds.append("reviewed")
        elif before.state.is_human:
            kinds.append("reopened")
    if after.notes != before.notes:
        kinds.append("notes")
    if after.waivers != before.waivers:
        kinds.append("waived")
    return kinds


def _draft(before: TranslatedSegment | None, after: TranslatedSegment) -> Draft | None:
    """The segment's machine draft after this change."""
    made = before is None or (after.target, after.origin) != (before.target, before.origin)
    if made and is_machine(after.origin):
        return Draft(after.target, after.origin, after.score, after.flags)
    if after.draft is None and before is not None:
        return before.draft
    return after.draft


def record(before: Translation | None, after: Translation, by: Stamp) -> Translation:
    """``after`` with its changed segments stamped, their drafts kept, and a revision
    (numbered ``after.revision``) appended to the history ``before`` had."""
    old = {item.id: item for item in before.segments} if before is not None else {}
    counts: Counter[str] = Counter()
    versions = []
    segments = []
    for item in after.segments:
        prior = old.get(item.id)
        kinds = _kinds(prior, item)
        counts.update(kinds)
        moved = prior is None or version(prior) != version(item)
        item = item.with_changes(draft=_draft(prior, item))
        if moved:
            versions.append(version(item))
            if prior is None or (item.target, item.state, item.origin) != (
                prior.target,
                prior.state,
                prior.origin,
            ):
                item = item.with_changes(changed=by)
        segments.append(item)
    ids = {item.id for item in after.segments}
    removed = tuple(key for key in old if key not in ids)
    counts["removed"] = len(removed)
    history = before.history if before is not None else ()
    if before is not None and not history:  # the state tx found before it kept a history
        base = tuple(version(item) for item in before.segments)
        history = (Revision(before.revision, None, (), base),)
    revision = Revision(
        after.revision,
        by,
        tuple((kind, counts[kind]) for kind in COUNT_KINDS if counts[kind]),
        tuple(versions),
        removed,
    )
    return replace(after, segments=tuple(segments), history=(*history, revision))


def snapshot(history: tuple[Revision, ...], number: int) -> dict[str, SegmentVersion]:
    """The segments as revision ``number`` left them (from the revisions up to it)."""
    state: dict[str, SegmentVersion] = {}
    for revision in history:
        if revision.number > number:
            break
        if revision.stamp is None:
            state = {}
        for key in revision.removed:
            state.pop(key, None)
        for item in revision.segments:
            state[item.id] = item
    return state


@dataclass(frozen=True)
class SegmentChange:
    """How one segment differs between two revisions: ``before`` None when it was added,
    ``after`` None when removed; ``by`` is the last revision between them that touched it."""

    id: str
    before: SegmentVersion | None
    after: SegmentVersion | None
    by: Revision | None


@dataclass(frozen=True)
class Comparison:
    """What changed in a work file from revision ``old`` to revision ``new``."""

    path: Path
    old: int
    new: int
    changes: tuple[SegmentChange, ...]


def compare(path: Path, translation: Translation, revisions: Sequence[int]) -> Comparison:
    """Segment by segment, what changed between two recorded revisions of ``translation``
    (read from ``path``): none given, the last revision against the one before it; one, that
    revision against the current one. Raises ``HistoryError`` for a revision not recorded."""
    recorded = [revision.number for revision in translation.history]
    if not recorded:
        raise HistoryError(
            "no history recorded in this work file yet",
            path=path,
            hint="it starts with the next `tx translate` or import that changes the file",
        )
    wanted = list(revisions)
    if not wanted:
        wanted = recorded[-2:] if len(recorded) > 1 else recorded[-1:] * 2
    elif len(wanted) == 1:
        wanted.append(recorded[-1])
    for number in wanted:
        if number not in recorded:
            raise HistoryError(
                f"revision {number} is not recorded (recorded: {_ranges(recorded)})",
                path=path,
                hint="see `tx log` for the revisions",
            )
    old, new = sorted(wanted[:2])
    before = snapshot(translation.history, old)
    after = snapshot(translation.history, new)
    touched: dict[str, Revision] = {}
    for revision in translation.history:
        if old < revision.number <= new:
            for key in (*(v.id for v in revision.segments), *revision.removed):
                touched[key] = revision
    changes = [
        SegmentChange(key, before.get(key), item, touched.get(key))
        for key, item in after.items()
        if before.get(key) != item
    ]
    changes += [
        SegmentChange(key, item, None, touched.get(key))
        for key, item in before.items()
        if key not in after
    ]
    return Comparison(path, old, new, tuple(changes))


def _ranges(numbers: Sequence[int]) -> str:
    """``1-4, 7`` for the numbers 1, 2, 3, 4, 7."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def work_files_of(ws: Workspace, slug: str, lang: str | None) -> list[tuple[str, Path]]:
    """The work files of an article (in ``lang`` only, when given), as (language, path)."""
    if lang is not None:
        path = ws.work_file(slug, lang)
        if not path.is_file():
            raise HistoryError(
                f"no work file for article '{slug}' in '{lang}'",
                path=path,
                hint=f"run `tx translate {slug} --to {lang}` first",
            )
        return [(lang, path)]
    found = [(code, path) for code, path in ws.work_files() if path.stem == slug]
    if not found:
        raise HistoryError(
            f"no work file for article '{slug}' in any language",
            path=ws.translations_dir,
            hint=f"run `tx translate {slug}` first",
        )
    return found
