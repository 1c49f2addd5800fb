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
from translate.models import State, is_machine, origin_kind
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
    hours: float | None  # from the machine draft to the approval (``hours_between``)

    @property
    def band(self) -> str:
        """The confidence band the draft's score fell in (the fixed bands)."""
        return band_of(self.score)


@dataclass(frozen=True)
class Unreadable:
    """A work file the report could not read, and why."""

    path: str
    reason: str


class Read(NamedTuple):
    """The reviewed machine sentences of one work file and the digest of the bytes read;
    when an encoder is given, the records come encoded instead (``evidence_cache``: fewer
    bytes to send between processes than the records themselves) and ``records`` is empty."""

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
    for path in paths:
        try:
            kept = drafts.read(path)
        except TxError as error:
            found.append(Unreadable(str(path), _reason(error, path)))
            continue
        records = reviewed_segments(kept)
        if encode is None:
            found.append(Read(records, kept.digest))
        else:
            found.append(Read([], kept.digest, encode(records)))
    return found


_HUMAN = frozenset(state for state in State if state.is_human)


def reviewed_segments(kept: drafts.Drafts) -> list[Reviewed]:
    """The reviewed machine sentences of one work file."""
    engines: dict[str, str | None] = {}  # per origin: its engine, None when no engine's
    found = []
    for item in kept.segments:
        origin = item.draft_origin
        engine = engines.get(origin, "")
        if engine == "":
            engine = engines[origin] = origin_kind(origin) if is_machine(origin) else None
        if engine is None or item.state not in _HUMAN:
            continue
        drafted, approved, flags = (
            kept.drafted.get(item.id, ""),
            item.changed_date,
            item.draft_flags,
        )
        found.append(
            Reviewed(
                kept.slug,
                kept.target_lang,
                engine,
                origin,
                len(item.source.split()),
                *compare(item.draft_target, item.target),
                tuple(dict.fromkeys(flags)) if len(flags) > 1 else flags,
                item.draft_score,
                item.changed_by,
                drafted,
                approved,
                hours_between(drafted, approved),
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
def hours_between(drafted: str, approved: str) -> float | None:
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


def _reason(error: TxError, path: Path) -> str:
    """Why ``path`` was not read, without its name again when the error is about it."""
    if error.path is None or error.path != path:
        return str(error)
    where = f"line {error.line}: " if error.line is not None else ""
    return where + error.message + (f" ({error.hint})" if error.hint else "")
