"""The evidence of post-editing: every machine sentence a person reviewed, with its machine
draft, its final text, how far apart they are, the flags and confidence the draft had, who
approved it and when. Read from the work files, which keep the draft after review
(``translate.workspace.history``)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from translate.confidence import band_of
from translate.errors import TxError
from translate.models import Translation, is_machine, origin_kind
from translate.workspace import Workspace, workfiles


@dataclass(frozen=True)
class Reviewed:
    """One machine sentence a person reviewed or approved.

    ``char_distance`` is the Levenshtein distance between draft and final text over the
    longer of the two (0 unchanged, 1 all new); ``word_edit_rate`` is the word-level edit
    distance over the draft's words (TER without block shifts). ``drafted`` and ``approved``
    are ISO 8601 dates ("" when the work file does not know)."""

    slug: str
    lang: str
    engine: str
    model: str
    words: int
    draft: str
    final: str
    char_distance: float
    word_edit_rate: float
    flags: tuple[str, ...]
    score: float | None
    by: str
    drafted: str
    approved: str
    edited: bool = field(init=False)  # the reviewer changed the machine's text (not only spaces)

    def __post_init__(self) -> None:
        changed = " ".join(self.draft.split()) != " ".join(self.final.split())
        object.__setattr__(self, "edited", changed)

    @property
    def band(self) -> str:
        """The confidence band the draft's score fell in (the fixed bands)."""
        return band_of(self.score)

    @property
    def hours(self) -> float | None:
        """Hours from the machine draft to the approval, when both dates are known."""
        import datetime as dt

        if not self.drafted or not self.approved:
            return None
        try:
            start = dt.datetime.fromisoformat(self.drafted)
            end = dt.datetime.fromisoformat(self.approved)
        except ValueError:
            return None
        return max((end - start).total_seconds() / 3600, 0.0)


@dataclass(frozen=True)
class Unreadable:
    """A work file the report could not read, and why."""

    path: str
    reason: str


# Work files read per task when several processes share the reading (a newsroom's thousands
# of work files: parsing them is most of the report's time).
CHUNK = 100


def collect(ws: Workspace) -> tuple[list[Reviewed], list[Unreadable]]:
    """Every reviewed machine sentence of every work file, and the files that failed; a
    large workspace is read by one process per core."""
    paths = [path for _, path in ws.work_files()]
    workers = min(os.cpu_count() or 1, 4, len(paths) // CHUNK)
    if workers < 2:
        return read_files(paths)
    from concurrent.futures import ProcessPoolExecutor  # only for a large workspace

    chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]
    found: list[Reviewed] = []
    failed: list[Unreadable] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for records, problems in pool.map(read_files, chunks):
            found += records
            failed += problems
    return found, failed


def read_files(paths: Sequence[Path]) -> tuple[list[Reviewed], list[Unreadable]]:
    """The reviewed machine sentences of the work files ``paths``, and those that failed."""
    found: list[Reviewed] = []
    failed: list[Unreadable] = []
    for path in paths:
        try:
            translation = workfiles.load(path)
        except TxError as error:
            failed.append(Unreadable(str(path), str(error)))
            continue
        found.extend(reviewed_segments(translation))
    return found, failed


def reviewed_segments(translation: Translation) -> Iterator[Reviewed]:
    """The reviewed machine sentences of one work file."""
    drafted = _draft_dates(translation)
    for item in translation.segments:
        draft = item.draft
        if draft is None or not item.state.is_human or not is_machine(draft.origin):
            continue
        final = item.target
        yield Reviewed(
            slug=translation.slug,
            lang=translation.target_lang,
            engine=origin_kind(draft.origin),
            model=draft.origin,
            words=len(item.segment.source.split()),
            draft=draft.target,
            final=final,
            char_distance=_char_distance(draft.target, final),
            word_edit_rate=_word_edit_rate(draft.target, final),
            flags=tuple(dict.fromkeys(flag.code for flag in draft.flags)),
            score=draft.score,
            by=item.changed.by if item.changed else "",
            drafted=drafted.get(item.id, ""),
            approved=item.changed.date if item.changed else "",
        )


def _draft_dates(translation: Translation) -> dict[str, str]:
    """When each segment first got a machine translation: the date of the earliest revision
    of the history that holds it with an engine's origin."""
    dates: dict[str, str] = {}
    for revision in translation.history:
        if revision.stamp is None:
            continue
        for version in revision.segments:
            if version.id not in dates and is_machine(version.origin):
                dates[version.id] = revision.stamp.date
    return dates


def _char_distance(draft: str, final: str) -> float:
    a, b = " ".join(draft.split()), " ".join(final.split())
    return float(Levenshtein.normalized_distance(a, b))


def _word_edit_rate(draft: str, final: str) -> float:
    words = draft.split()
    if not words:
        return 0.0 if not final.split() else 1.0
    return Levenshtein.distance(words, final.split()) / len(words)
