"""Sentences filled without the engine: kept from the work file (re-checked unless sealed),
exact matches from translation memory, and repaired previous versions or fuzzy matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from translate import memory
from translate.models import (
    ORIGIN_FUZZY,
    ORIGIN_HUMAN,
    ORIGIN_MEMORY,
    ORIGIN_REVIEWER,
    Flag,
    Glossary,
    MemoryMatch,
    Segment,
    State,
    TermMatch,
    TranslatedSegment,
    external_memory_suffix,
    origin_kind,
)
from translate.translation.jobs import Job
from translate.workspace import Workspace

if TYPE_CHECKING:
    from translate.memory.fuzzy import FuzzyIndex

# Flags that checks do not produce: set by a person or by an engine event, kept until review.
STICKY_FLAGS = {"needs-work", "placeholder"}


class Fuzzy:
    """Fuzzy matches for one source and target language: the index is built from the
    run's memory the first time a sentence has no exact match."""

    def __init__(
        self,
        ws: Workspace,
        tm: memory.Memory,
        glossary: Glossary,
        source: str,
        target: str,
        *,
        save: bool = True,
    ) -> None:
        self.ws, self.tm, self.glossary, self.save = ws, tm, glossary, save
        self.source, self.target = source, target
        self.threshold, self.use = ws.settings.fuzzy_threshold, ws.settings.fuzzy_use
        self._index: FuzzyIndex | None = None

    def matches(self, text: str) -> list[MemoryMatch]:
        """Up to two matches from the threshold up, best first."""
        if self._index is None:
            units = self.tm.units()
            if not units:  # nothing to match: no index to build (nor its code, NumPy, to load)
                return []
            from translate.memory.index_cache import fuzzy_index

            self._index = fuzzy_index(self.ws, units, self.source, self.target, save=self.save)
        found = self._index.best(text, threshold=self.threshold, limit=2)
        return [MemoryMatch(m.score, m.unit.source, m.unit.target, m.unit.origin) for m in found]

    def repaired(self, match: MemoryMatch, text: str) -> str | None:
        """The match's translation fitted to ``text``, when only protected spans differ."""
        from translate.translation.repair import repair

        return repair(match.source, match.target, text, self.glossary, self.target, self.source)

    def previous_version(
        self, gone: Sequence[TranslatedSegment], segment: Segment
    ) -> MemoryMatch | None:
        """The reviewed segment that this new segment replaces: of the reviewed segments
        ``gone`` from the article, the most similar above the threshold, in the same block
        if possible."""
        if not gone:
            return None
        from translate.memory.fuzzy import similarity

        best: tuple[int, bool, TranslatedSegment] | None = None
        for item in gone:
            score = similarity(item.segment.source, segment.source)
            key = (score, item.segment.block == segment.block, item)
            if score >= self.threshold and (best is None or key[:2] > best[:2]):
                best = key
        if best is None:
            return None
        item = best[2]
        return MemoryMatch(best[0], item.segment.source, item.target, item.origin)


def fill_known(
    job: Job,
    tm: memory.Memory,
    glossary: Glossary,
    fuzzy: Fuzzy,
    retranslate: str | None = None,
    human: bool = False,
) -> list[int]:
    """Fill the job's items from its work file and memory (exact, then a repaired previous
    version or fuzzy match); returns the indexes left to translate (with ``retranslate``,
    kept machine sentences too: see ``translate``). For a language people translate
    (``human``), a sentence the work file holds empty and memory cannot fill is kept as it is
    (with the previous version and matches shown beside it)."""
    previous = {item.id: item for item in job.previous.segments} if job.previous else {}
    ids = {segment.id for segment in job.segments}
    gone = [item for key, item in previous.items() if key not in ids and item.state.is_human]
    pending = []
    for index, segment in enumerate(job.segments):
        known = previous.get(segment.id)
        if known is not None and (known.target.strip() or known.state.is_human):
            if job.sealed and known.segment.source == segment.source:
                flags = known.flags  # what checking again would give (see check_seal)
            else:
                flags = _recheck(known, segment, glossary, job.target_lang)
            kept = known.with_changes(segment=segment, flags=flags)
            if not _retranslated(kept, retranslate):
                job.items[index] = kept
                job.result.kept += 1
                continue
        unit = tm.lookup(segment.source)
        if unit is not None:
            flags = check(segment.source, unit.target, glossary, job.target_lang)
            origin = f"{ORIGIN_MEMORY}:{unit.memory}" if unit.memory else ORIGIN_MEMORY
            job.items[index] = TranslatedSegment(
                segment, unit.target, origin, State.TRANSLATED, flags
            )
            job.result.from_memory += 1
            continue
        if _fill_fuzzy(job, index, segment, glossary, fuzzy, gone):
            job.result.from_memory += 1
            continue
        if human and known is not None and known.origin == ORIGIN_HUMAN:
            job.items[index] = known.with_changes(segment=segment, flags=())
            job.result.kept += 1
            continue
        pending.append(index)
        job.result.to_translate.append(segment.id)
    job.result.removed = sum(1 for key in previous if key not in ids)
    return pending


def fill_human(jobs: Sequence[Job], pending: Sequence[tuple[Job, int]]) -> None:
    """Leave the sentences no memory filled empty for a person to translate: state initial,
    origin ``human``, with the previous version of a corrected sentence and the fuzzy
    matches beside them, as an engine's sentence would have."""
    for job, index in pending:
        before, suggestions = job.extras.get(index, (None, ()))
        job.items[index] = TranslatedSegment(
            job.segments[index],
            "",
            ORIGIN_HUMAN,
            State.INITIAL,
            previous=before,
            matches=suggestions,
        )
    for job in jobs:
        job.result.engine = ORIGIN_HUMAN
        job.result.to_translate.clear()


def _fill_fuzzy(
    job: Job,
    index: int,
    segment: Segment,
    glossary: Glossary,
    fuzzy: Fuzzy,
    gone: Sequence[TranslatedSegment],
) -> bool:
    """Use a repaired previous version, or a repaired fuzzy match scoring at least
    ``fuzzy_use``; otherwise keep them for the reviewer. Returns whether the segment is done."""
    before = fuzzy.previous_version(gone, segment)
    matches = [
        m
        for m in fuzzy.matches(segment.source)
        if before is None or (m.source, m.target) != (before.source, before.target)
    ]
    candidates = [before] if before is not None else []
    candidates += [m for m in matches[:1] if m.score >= fuzzy.use]
    for match in candidates:
        target = fuzzy.repaired(match, segment.source)
        if target is not None:
            flags = check(segment.source, target, glossary, job.target_lang)
            job.items[index] = TranslatedSegment(
                segment,
                target,
                ORIGIN_FUZZY + external_memory_suffix(match.origin),
                State.TRANSLATED,
                flags,
                float(match.score),
                previous=before,
                matches=tuple(matches),
            )
            return True
    job.extras[index] = (before, tuple(matches))
    return False


def _retranslated(item: TranslatedSegment, retranslate: str | None) -> bool:
    """Whether ``--retranslate`` sends this kept sentence to the engine again: engine output
    only (never reviewed, never from memory or a reviewer), all or the flagged ones."""
    if retranslate is None or item.state.is_human:
        return False
    if origin_kind(item.origin) in (ORIGIN_MEMORY, ORIGIN_REVIEWER):
        return False
    return retranslate == "machine" or bool(item.open_flags)


def _recheck(
    item: TranslatedSegment, segment: Segment, glossary: Glossary, lang: str
) -> tuple[Flag, ...]:
    sticky = tuple(flag for flag in item.flags if flag.code in STICKY_FLAGS)
    return sticky + check(segment.source, item.target, glossary, lang)


def check(
    source: str,
    target: str,
    glossary: Glossary,
    lang: str,
    matches: Sequence[TermMatch] | None = None,
    unknown: Sequence[str] = (),
) -> tuple[Flag, ...]:
    """``checks.check_segment`` (imported on first use); ``unknown``: the words the engine
    did not know."""
    from translate.checks import segment as checks

    return checks.check_segment(source, target, glossary, lang, matches, unknown)
