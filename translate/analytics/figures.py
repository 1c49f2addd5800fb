"""The post-editing figures: the evidence summed per language and engine, per article, per
check, per confidence band, per week and (asked for) per person."""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from translate.analytics.evidence import Reviewed, Unreadable
from translate.confidence import BANDS, NO_SCORE, band_of

TERM_FLAGS = frozenset({"glossary"})  # a flag that says an approved term was missing or wrong


@dataclass(frozen=True)
class Group:
    """The figures of a group of reviewed sentences (``key`` names the group)."""

    key: tuple[str, ...]
    segments: int
    words: int
    unchanged: int
    char_distance: float
    word_edit_rate: float
    terms_corrected: int
    hours_median: float | None

    @property
    def unchanged_share(self) -> float:
        """The share of sentences the reviewer left as the machine wrote them."""
        return self.unchanged / self.segments if self.segments else 0.0

    @property
    def edit_rate(self) -> float:
        """The share of sentences the reviewer changed."""
        return 1.0 - self.unchanged_share if self.segments else 0.0


@dataclass(frozen=True)
class CheckFigure:
    """How often a check's flag on a machine draft was followed by an edit."""

    code: str
    flagged: int
    edited: int

    @property
    def precision(self) -> float:
        """Edited flagged sentences over flagged sentences: the flag's worth on real reviews."""
        return self.edited / self.flagged if self.flagged else 0.0


@dataclass(frozen=True)
class BandFigure:
    """The edit rate of the sentences whose draft fell in one confidence band."""

    band: str
    segments: int
    edited: int

    @property
    def edit_rate(self) -> float:
        """The share of the band's sentences the reviewers changed."""
        return self.edited / self.segments if self.segments else 0.0


@dataclass(frozen=True)
class Filters:
    """What the report covers: approvals from ``since`` on, one language, one engine."""

    since: dt.date | None = None
    lang: str | None = None
    engine: str | None = None

    def keep(self, item: Reviewed) -> bool:
        """Whether ``item`` is in the report."""
        if self.lang is not None and item.lang != self.lang:
            return False
        if self.engine is not None and item.engine != self.engine:
            return False
        if self.since is not None:
            return bool(item.approved) and item.approved[:10] >= self.since.isoformat()
        return True


@dataclass(frozen=True)
class Report:
    """Every figure of ``tx report``."""

    total: Group
    by_language: tuple[Group, ...]
    by_article: tuple[Group, ...]
    by_week: tuple[Group, ...]
    by_person: tuple[Group, ...]
    checks: tuple[CheckFigure, ...]
    unflagged_edits: int
    bands: tuple[BandFigure, ...]
    unreadable: tuple[Unreadable, ...] = ()


def build(
    items: Iterable[Reviewed],
    filters: Filters | None = None,
    *,
    by_person: bool = False,
    unreadable: Sequence[Unreadable] = (),
) -> Report:
    """The report of the reviewed sentences ``items`` that pass ``filters``; people are
    named only with ``by_person``."""
    wanted = filters or Filters()
    kept = [item for item in items if wanted.keep(item)]
    return Report(
        total=group((), kept),
        by_language=_grouped(kept, lambda i: (i.lang, i.engine)),
        by_article=_grouped(kept, lambda i: (i.slug, i.lang)),
        by_week=_grouped([i for i in kept if i.approved], lambda i: (_week(i.approved), i.lang)),
        by_person=_grouped(kept, lambda i: (i.by or "(unknown)",)) if by_person else (),
        checks=_checks(kept),
        unflagged_edits=sum(1 for item in kept if item.edited and not item.flags),
        bands=_bands(kept),
        unreadable=tuple(unreadable),
    )


_WORDS = attrgetter("words")
_CHAR = attrgetter("char_distance")
_WORD = attrgetter("word_edit_rate")
_HOURS = attrgetter("hours")


def group(key: tuple[str, ...], items: Sequence[Reviewed]) -> Group:
    """The figures of ``items``."""
    hours = [h for h in map(_HOURS, items) if h is not None]
    count = len(items)
    edited = [item for item in items if item.edited]
    return Group(
        key=key,
        segments=count,
        words=sum(map(_WORDS, items)),
        unchanged=count - len(edited),
        char_distance=sum(map(_CHAR, items)) / count if count else 0.0,
        word_edit_rate=sum(map(_WORD, items)) / count if count else 0.0,
        terms_corrected=sum(1 for item in edited if not TERM_FLAGS.isdisjoint(item.flags)),
        hours_median=statistics.median(hours) if hours else None,
    )


def _grouped(
    items: Sequence[Reviewed], key: Callable[[Reviewed], tuple[str, ...]]
) -> tuple[Group, ...]:
    groups: dict[tuple[str, ...], list[Reviewed]] = {}
    for item in items:
        found = groups.get(name := key(item))
        if found is None:
            groups[name] = [item]
        else:
            found.append(item)
    return tuple(group(k, groups[k]) for k in sorted(groups))


def _checks(items: Sequence[Reviewed]) -> tuple[CheckFigure, ...]:
    flagged: dict[str, list[Reviewed]] = {}
    for item in items:
        for code in item.flags:
            flagged.setdefault(code, []).append(item)
    return tuple(
        CheckFigure(code, len(found), sum(1 for i in found if i.edited))
        for code, found in sorted(flagged.items())
    )


def _bands(items: Sequence[Reviewed]) -> tuple[BandFigure, ...]:
    counts: dict[str, list[int]] = {}
    for item in items:
        count = counts.setdefault(band_of(item.score), [0, 0])
        count[0] += 1
        count[1] += item.edited
    return tuple(BandFigure(band, *counts[band]) for band in (*BANDS, NO_SCORE) if band in counts)


@functools.lru_cache(maxsize=4096)  # approvals fall on few distinct dates
def _week(date: str) -> str:
    """The ISO week of an ISO date (``2026-W49``)."""
    try:
        year, week, _ = dt.date.fromisoformat(date[:10]).isocalendar()
    except ValueError:
        return "(unknown)"
    return f"{year}-W{week:02d}"
