"""The evidence of post-editing: every machine sentence a person reviewed, with its machine
draft, its final text, how far apart they are, the flags and confidence the draft had, who
approved it and when. Read from the work files, which keep the draft after review
(``translate.workspace.history``)."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from translate.confidence import band_of
from translate.errors import TxError
from translate.models import is_machine, origin_kind
from translate.workspace import Workspace, drafts


class Reviewed(NamedTuple):
    """One machine sentence a person reviewed or approved.

    ``edited``: the reviewer changed the machine's words (not only spaces);
    ``char_distance`` is the Levenshtein distance between draft and final text over the
    longer of the two (0 unchanged, 1 all new); ``word_edit_rate`` is the word-level edit
    distance over the draft's words (TER without block shifts). ``drafted`` and ``approved``
    are ISO 8601 dates ("" when the work file does not know). A tuple, so that thousands
    travel between processes cheaply."""

    slug: str
    lang: str
    engine: str
    model: str
    words: int
    edited: bool
    char_distance: float
    word_edit_rate: float
    flags: tuple[str, ...]
    score: float | None
    by: str
    drafted: str
    approved: str

    @property
    def band(self) -> str:
        """The confidence band the draft's score fell in (the fixed bands)."""
        return band_of(self.score)

    @property
    def hours(self) -> float | None:
        """Hours from the machine draft to the approval, when both dates are known."""
        return _hours(self.drafted, self.approved)


@dataclass(frozen=True)
class Unreadable:
    """A work file the report could not read, and why."""

    path: str
    reason: str


class Read(NamedTuple):
    """The reviewed machine sentences of one work file, the digest of the bytes read and,
    when asked for, the records encoded to be kept (``evidence_cache``)."""

    records: list[Reviewed]
    digest: str
    encoded: bytes = b""


Encoder = Callable[[Sequence[Reviewed]], bytes]


# Work files per task when two processes share the reading (json.loads of a newsroom's
# thousands of work files is most of the report's time); fewer are read by one.
CHUNK = 250


def collect(ws: Workspace) -> tuple[list[Reviewed], list[Unreadable]]:
    """Every reviewed machine sentence of every work file, and the files that failed (read
    now; ``evidence_cache.collect`` keeps them between runs)."""
    return read_files([path for _, path in ws.work_files()])


def read_files(paths: Sequence[Path]) -> tuple[list[Reviewed], list[Unreadable]]:
    """The reviewed machine sentences of the work files ``paths``, and those that failed."""
    found: list[Reviewed] = []
    failed: list[Unreadable] = []
    for result in read_many(paths):
        if isinstance(result, Unreadable):
            failed.append(result)
        else:
            found += result.records
    return found, failed


def read_many(paths: Sequence[Path], encode: Encoder | None = None) -> list[Read | Unreadable]:
    """What each of the work files ``paths`` gives, in their order, the records encoded by
    ``encode`` when given; many are read by two processes."""
    workers = min(os.cpu_count() or 1, 2, len(paths) // CHUNK)
    if workers < 2:
        return read_each(paths, encode)
    import multiprocessing  # only for a large workspace
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(paths) // (2 * workers))  # two tasks a worker, so neither waits long
    chunks = [paths[start : start + size] for start in range(0, len(paths), size)]
    found: list[Read | Unreadable] = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for results in pool.map(functools.partial(read_each, encode=encode), chunks):
            found += results
    return found


def read_each(paths: Sequence[Path], encode: Encoder | None = None) -> list[Read | Unreadable]:
    """What each of the work files ``paths`` gives, read by this process."""
    found: list[Read | Unreadable] = []
    same: dict[str, str] = {}
    for path in paths:
        try:
            kept = drafts.read(path)
        except TxError as error:
            found.append(Unreadable(str(path), str(error)))
            continue
        records = reviewed_segments(kept, same)
        found.append(Read(records, kept.digest, encode(records) if encode else b""))
    return found


def reviewed_segments(kept: drafts.Drafts, same: dict[str, str] | None = None) -> list[Reviewed]:
    """The reviewed machine sentences of one work file; ``same`` keeps one copy of each
    engine, person and date met (fewer objects to hold and to send between processes)."""
    one = ({} if same is None else same).setdefault
    found = []
    for item in kept.segments:
        origin = item.draft_origin
        if not item.state.is_human or not is_machine(origin):
            continue
        drafted = kept.drafted.get(item.id, "")
        found.append(
            Reviewed(
                kept.slug,
                kept.target_lang,
                origin_kind(origin),
                one(origin, origin),
                len(item.source.split()),
                *compare(item.draft_target, item.target),
                tuple(dict.fromkeys(item.draft_flags)),
                item.draft_score,
                one(item.changed_by, item.changed_by),
                one(drafted, drafted),
                one(item.changed_date, item.changed_date),
            )
        )
    return found


def compare(draft: str, final: str) -> tuple[bool, float, float]:
    """Whether ``final`` changed the words of ``draft`` (spaces aside), the character
    distance between them over the longer, and the word edit distance over the draft's
    words (see ``Reviewed``)."""
    if draft == final:
        return False, 0.0, 0.0
    words, changed = draft.split(), final.split()
    if words == changed:
        return False, 0.0, 0.0
    a, b = " ".join(words), " ".join(changed)
    rate = Levenshtein.distance(words, changed) / len(words) if words else 1.0
    return True, float(Levenshtein.normalized_distance(a, b)), rate


def _moment(date: str) -> dt.datetime | None:
    """The time of an ISO 8601 date, or None."""
    try:
        return dt.datetime.fromisoformat(date)
    except ValueError:
        return None


@functools.lru_cache(maxsize=1 << 16)  # work files hold few distinct pairs of dates
def _hours(drafted: str, approved: str) -> float | None:
    """Hours from the machine draft to the approval, when both dates are known."""
    if not drafted or not approved:
        return None
    start, end = _moment(drafted), _moment(approved)
    if start is None or end is None:
        return None
    try:
        elapsed = (end - start).total_seconds()
    except TypeError:  # one date with its offset, the other without: not comparable
        return None
    return max(elapsed / 3600, 0.0)
