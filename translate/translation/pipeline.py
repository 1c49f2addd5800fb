"""The one place where tx's stages are composed into ``tx translate``.

    read article -> split into segments -> for each target language and segment:
      kept from the work file (unchanged source), or from translation memory (reviewed
      elsewhere), or masked -> engine (all segments of the run in batches) -> unmasked
    -> checks attach flags -> work file written atomically, article by article

A reviewed or final translation is never replaced by machine output. The engine runs outside
the workspace lock; each work file is written under it, after checking that nobody rewrote
the file since it was read (a reviewer's import during the run is merged, never lost).
Articles are saved as soon as their sentences are translated, so an interrupted run keeps
what it finished. A segment whose
placeholders the engine dropped, duplicated or mangled is translated again without masking,
known wrong renderings are replaced by the approved term, and the segment is flagged.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from translate import languages, memory
from translate.checks import seal as check_seal
from translate.errors import EngineError, WorkFileError
from translate.glossary import find_terms, load_workspace_glossary
from translate.languages import canonical
from translate.models import (
    ORIGIN_FUZZY,
    ORIGIN_MEMORY,
    ORIGIN_REVIEWER,
    Article,
    Flag,
    Glossary,
    MemoryMatch,
    Segment,
    State,
    TermMatch,
    TranslatedSegment,
    Translation,
    external_memory_suffix,
    origin_kind,
)
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.translation.engines import Engine, EngineOutput, select
from translate.workspace import Workspace, locking, workfiles

if TYPE_CHECKING:
    from translate.memory.fuzzy import FuzzyIndex

# The checks, masking and fuzzy matching are imported where first used: a run that only keeps
# sentences (an unchanged article whose flags are sealed, see check_seal) loads none of them.

# progress(label, done, total): called after each engine batch of a run of several batches.
ProgressFn = Callable[[str, int, int], None]
EngineChooser = Callable[[str, str], Engine]

# Flags that checks do not produce: set by a person or by an engine event, kept until review.
_STICKY_FLAGS = {"needs-work", "placeholder"}
BATCH_SIZE = 128
# Engine outputs kept for sentences repeated across a run's groups (credit lines, quotes).
OUTPUT_CACHE = 4096
RETRANSLATE = (None, "flagged", "machine")
# Articles are sent to the engine in groups of at least this many sentences and saved when
# their group is done: large enough to fill the engine's batches, small enough that an
# interrupted run loses little.
SAVE_EVERY = 512


@dataclass
class LanguageResult:
    """What ``translate`` did (or, in a dry run, would do) for one article and language."""

    slug: str
    target_lang: str
    path: Path
    total: int = 0
    kept: int = 0
    from_memory: int = 0
    from_engine: int = 0
    flagged: int = 0
    removed: int = 0
    retired: int = 0
    engine: str = ""
    written: bool = False
    conflict: str = ""
    refused: str = ""
    no_engine: str = ""
    to_translate: list[str] = field(default_factory=list)


@dataclass
class _Job:
    article: Article
    segments: tuple[Segment, ...]
    target_lang: str
    previous: Translation | None
    fingerprint: str | None
    result: LanguageResult
    items: list[TranslatedSegment | None] = field(default_factory=list)
    # what the reviewer is shown beside an engine translation: previous version, matches
    extras: dict[int, tuple[MemoryMatch | None, tuple[MemoryMatch, ...]]] = field(
        default_factory=dict
    )
    # What the checks depend on (check_seal.context), and whether the work file's flags were
    # sealed in that context, so kept sentences need no checking again.
    checks_context: str = ""
    sealed: bool = False


@dataclass
class _EngineRun:
    """One language pair's engine across the groups of a run: outputs already known (a
    sentence repeated in the run goes to the engine once; the most recent OUTPUT_CACHE
    are kept) and progress over all the pair's sentences."""

    engine: Engine
    label: str
    total: int
    progress: ProgressFn | None
    settled: int = 0
    outputs: OrderedDict[str, EngineOutput] = field(default_factory=OrderedDict)
    warmed: bool = False


@dataclass(frozen=True)
class _Source:
    """An article of the run, as much of it as planning needs: the text is read again when
    its group comes, so a run's memory does not grow with the number of articles."""

    path: Path
    slug: str
    lang: str
    size: int


@dataclass
class _Pair:
    """The articles of one source language going into one target language."""

    source: str
    target: str
    articles: list[_Source]


def translate(
    ws: Workspace,
    article_paths: Sequence[Path],
    target_langs: Sequence[str],
    *,
    engine: str | None = None,
    dry_run: bool = False,
    progress: ProgressFn | None = None,
    choose_engine: EngineChooser | None = None,
    device: str | None = None,
    retranslate: str | None = None,
) -> list[LanguageResult]:
    """Translate articles into languages, writing one work file per article and language.

    ``engine`` and ``device`` override the workspace settings; ``choose_engine`` (source,
    target) -> Engine replaces the registry (tests pass a fake engine). Every article is read
    (and checked) before anything is written. Each language pair is then planned, translated
    and saved group by group of articles, so memory stays flat however long the backlog. An
    engine is created for a pair only when a sentence needs it, so a run with nothing new
    loads no model. A pair no engine can serve is left out: its results carry ``no_engine``
    (the reason and what to install) and nothing that needed the engine is written, while
    every other pair is translated. ``retranslate`` sends kept machine sentences to the
    engine again (after a glossary change): ``flagged`` those with open flags, ``machine``
    all of them; reviewed ones and ones from memory or a reviewer never.
    """
    if retranslate not in RETRANSLATE:
        raise ValueError(f"retranslate must be one of {RETRANSLATE}, not {retranslate!r}")
    target_langs = list(dict.fromkeys(canonical(lang) for lang in target_langs))
    sources = [
        _read_source(path, ws.settings.source_lang, ws.settings.raw_html) for path in article_paths
    ]
    name = engine or ws.settings.engine
    options = ws.settings.engine_options
    if device is not None:
        options = replace(options, device=device)
    chooser = choose_engine or (lambda src, tgt: select(name, src, tgt, options))
    pairs: list[_Pair] = []
    results: list[LanguageResult] = []
    for lang in target_langs:
        by_source: dict[str, list[_Source]] = {}
        for source in sources:
            if languages.base(source.lang) == languages.base(lang):
                results.append(_own_language(ws, source, lang))
            else:
                by_source.setdefault(source.lang, []).append(source)
        pairs += [_Pair(src, lang, group) for src, group in by_source.items()]
    glossaries: dict[str, Glossary] = {}
    for pair in pairs:
        if pair.source not in glossaries:
            glossaries[pair.source] = load_workspace_glossary(ws, pair.source)
        results += _translate_pair(
            ws, pair, glossaries[pair.source], chooser, dry_run, progress, retranslate
        )
    return results


def _read_source(path: Path, default_lang: str, raw_html: str) -> _Source:
    article = read_article(path, default_lang=default_lang, raw_html=raw_html)
    return _Source(path, article.slug, article.lang, len(segment_article(article)))


def _translate_pair(
    ws: Workspace,
    pair: _Pair,
    glossary: Glossary,
    chooser: EngineChooser,
    dry_run: bool,
    progress: ProgressFn | None,
    retranslate: str | None,
) -> list[LanguageResult]:
    """Plan, translate and save one pair's articles group by group (see ``_groups``)."""
    tm = memory.load(ws, pair.target, source_lang=pair.source)
    fuzzy = _Fuzzy(ws, tm, glossary, pair.source, pair.target, save=not dry_run)
    results: list[LanguageResult] = []
    run: _EngineRun | None = None
    no_engine = ""
    try:
        context = check_seal.context(glossary, pair.target)
        for jobs, pending in _groups(ws, pair, tm, glossary, fuzzy, retranslate, context):
            if pending and run is None and not no_engine:
                try:
                    run = _start_run(chooser(pair.source, pair.target), pair, progress)
                except EngineError as error:
                    no_engine = str(error)
            if pending and no_engine:
                for job in jobs:
                    job.result.no_engine = no_engine
            if dry_run or (pending and no_engine):
                results += [job.result for job in jobs]
                continue
            if pending and run is not None:
                _run_engine(run, jobs, pending, glossary, pair.source, pair.target)
            for job in jobs:
                _finish(ws, job, pair.source)
                job.result.to_translate.clear()  # listed by dry runs only
                results.append(job.result)
    finally:
        if run is not None:
            run.engine.release()
    return results


def _own_language(ws: Workspace, source: _Source, lang: str) -> LanguageResult:
    result = LanguageResult(source.slug, lang, ws.work_file(source.slug, lang), source.size)
    result.refused = (
        f"{source.path}: the article is written in '{source.lang}'; it is its own "
        f"'{lang}' edition (set `lang:` in its front matter if that is wrong)"
    )
    return result


def _groups(
    ws: Workspace,
    pair: _Pair,
    tm: memory.Memory,
    glossary: Glossary,
    fuzzy: _Fuzzy,
    retranslate: str | None,
    checks_context: str,
) -> Iterator[tuple[list[_Job], list[tuple[_Job, int]]]]:
    """The pair's articles planned in groups of whole articles holding at least SAVE_EVERY
    sentences for the engine (the last group may hold fewer): each article is read again,
    its work file read, and what the work file and memory already hold filled in."""
    jobs: list[_Job] = []
    pending: list[tuple[_Job, int]] = []
    for source in pair.articles:
        article = read_article(
            source.path, default_lang=ws.settings.source_lang, raw_html=ws.settings.raw_html
        )
        job = _prepare(ws, article, segment_article(article), pair.target, checks_context)
        jobs.append(job)
        pending += [(job, i) for i in _fill_known(job, tm, glossary, fuzzy, retranslate)]
        if len(pending) >= SAVE_EVERY:
            yield jobs, pending
            jobs, pending = [], []
    if jobs:
        yield jobs, pending


def _start_run(engine: Engine, pair: _Pair, progress: ProgressFn | None) -> _EngineRun:
    total = sum(source.size for source in pair.articles)
    label = f"{pair.source}->{pair.target} ({engine.model_id(pair.source, pair.target)})"
    return _EngineRun(engine, label, total, progress if total > BATCH_SIZE else None)


def _prepare(
    ws: Workspace, article: Article, segments: tuple[Segment, ...], lang: str, checks_context: str
) -> _Job:
    path = ws.work_file(article.slug, lang)
    previous, fingerprint = workfiles.read(path) if path.exists() else (None, None)
    if previous is not None and (previous.slug, previous.target_lang) != (article.slug, lang):
        raise WorkFileError(
            f"work file belongs to article '{previous.slug}' in '{previous.target_lang}'",
            path=path,
            hint="move it back where it belongs or delete it",
        )
    result = LanguageResult(slug=article.slug, target_lang=lang, path=path, total=len(segments))
    sealed = previous is not None and check_seal.is_sealed(
        checks_context, previous.checked, previous.segments
    )
    items: list[TranslatedSegment | None] = [None] * len(segments)
    return _Job(
        article,
        segments,
        lang,
        previous,
        fingerprint,
        result,
        items,
        checks_context=checks_context,
        sealed=sealed,
    )


class _Fuzzy:
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
            from translate.memory.index_cache import fuzzy_index

            units = self.tm.units()
            if not units:  # nothing to match: no index to build (nor NumPy to load)
                return []
            self._index = fuzzy_index(self.ws, units, self.source, self.target, save=self.save)
        found = self._index.best(text, threshold=self.threshold, limit=2)
        return [MemoryMatch(m.score, m.unit.source, m.unit.target, m.unit.origin) for m in found]

    def repaired(self, match: MemoryMatch, text: str) -> str | None:
        """The match's translation fitted to ``text``, when only protected spans differ."""
        from translate.memory.repair import repair

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


def _fill_known(
    job: _Job,
    tm: memory.Memory,
    glossary: Glossary,
    fuzzy: _Fuzzy,
    retranslate: str | None = None,
) -> list[int]:
    """Fill the job's items from its work file and memory (exact, then a repaired previous
    version or fuzzy match); returns the indexes left to translate (with ``retranslate``,
    kept machine sentences too: see ``translate``)."""
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
            flags = _check(segment.source, unit.target, glossary, job.target_lang)
            origin = f"{ORIGIN_MEMORY}:{unit.memory}" if unit.memory else ORIGIN_MEMORY
            job.items[index] = TranslatedSegment(
                segment, unit.target, origin, State.TRANSLATED, flags
            )
            job.result.from_memory += 1
            continue
        if _fill_fuzzy(job, index, segment, glossary, fuzzy, gone):
            job.result.from_memory += 1
            continue
        pending.append(index)
        job.result.to_translate.append(segment.id)
    job.result.removed = sum(1 for key in previous if key not in ids)
    return pending


def _fill_fuzzy(
    job: _Job,
    index: int,
    segment: Segment,
    glossary: Glossary,
    fuzzy: _Fuzzy,
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
            flags = _check(segment.source, target, glossary, job.target_lang)
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
    sticky = tuple(flag for flag in item.flags if flag.code in _STICKY_FLAGS)
    return sticky + _check(segment.source, item.target, glossary, lang)


def _run_engine(
    run: _EngineRun,
    jobs: list[_Job],
    pending: list[tuple[_Job, int]],
    glossary: Glossary,
    source_lang: str,
    lang: str,
) -> None:
    """Translate a group's pending sentences: masked (placeholders for terms, names,
    numbers, links and markup), through the engine, unmasked and checked."""
    from translate.translation.masking import mask, unmask

    engine = run.engine
    model = engine.model_id(source_lang, lang)
    masked = []
    for job, index in pending:
        text = job.segments[index].source
        terms = find_terms(glossary, text)
        masked.append(mask(text, terms, lang, engine.placeholder, source_lang=source_lang))
    known = sum(len(job.segments) for job in jobs) - len(pending)
    warming = None
    if not run.warmed:
        run.warmed = True
        warming = _warm_checks(glossary, lang)
    outputs = _translate_unique([m.text for m in masked], run, source_lang, lang, known)
    if warming is not None:
        warming.join()
    run.settled += known + len(pending)

    restored = [unmask(out.text, m) for out, m in zip(outputs, masked, strict=True)]
    retry = [position for position, item in enumerate(restored) if not item.ok]
    second: dict[int, str] = {}
    if retry:
        plain = [masked[p].original for p in retry]
        retranslated = _checked(engine.translate(plain, source_lang, lang), plain, model)
        second = {p: out.text for p, out in zip(retry, retranslated, strict=True)}
    for position, (job, index) in enumerate(pending):
        segment = job.segments[index]
        matches = find_terms(glossary, segment.source)
        target = _tidy(restored[position].text)
        extra: list[Flag] = []
        if position in second:
            target = _tidy(enforce_terms(second[position], glossary, lang))
            problems = "; ".join(restored[position].problems)
            extra.append(
                Flag(
                    "placeholder",
                    f"the engine mangled protected text ({problems}); translated again "
                    "without protection: check terms, names and numbers",
                )
            )
        unknown = () if position in second else outputs[position].unknown
        flags = tuple(extra) + _check(segment.source, target, glossary, lang, matches, unknown)
        before, suggestions = job.extras.get(index, (None, ()))
        job.items[index] = TranslatedSegment(
            segment,
            target,
            model,
            State.TRANSLATED,
            flags,
            outputs[position].score,
            previous=before,
            matches=suggestions,
        )
        job.result.from_engine += 1
        job.result.engine = model


# Markup, a link, numbers, a date, a time and quotes: what the checks parse.
_WARM_UP = '[*A*](https://example.org) `b` "c" 1,234.5 and 12% on 9 October 2025 at 3 p.m.'


def _check(
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


def _warm_checks(glossary: Glossary, lang: str) -> threading.Thread:
    """Check a sample sentence against itself in a thread while the engine translates (which
    releases the GIL), so that what the checks load on first use (the Markdown parser, the
    locale's number and date patterns, compiled expressions) is ready when the translations
    arrive, instead of adding a sixth of a second after a one-article run. The result is
    dropped; an error will come again, and be reported, from the real check."""

    def warm() -> None:
        try:
            _check(_WARM_UP, _WARM_UP, glossary, lang)
        except Exception:  # the real check reports it
            return

    thread = threading.Thread(target=warm, name="tx-warm-checks", daemon=True)
    thread.start()
    return thread


def _translate_unique(
    texts: list[str], run: _EngineRun, source_lang: str, lang: str, known: int
) -> list[EngineOutput]:
    """The engine's output for every text; a text that occurs more than once in the run (a
    credit line, a repeated quote) goes to the engine once. ``known``: the group's sentences
    that needed no engine, counted as done for the progress bar."""
    found = run.outputs
    outputs: dict[str, EngineOutput] = {}
    for text in texts:
        if text in found:
            found.move_to_end(text)
            outputs[text] = found[text]
    unique = [text for text in dict.fromkeys(texts) if text not in outputs]
    model = run.engine.model_id(source_lang, lang)
    size = getattr(run.engine, "batch_size", BATCH_SIZE)  # a cluster takes more at a time
    for start in range(0, len(unique), size):
        chunk = unique[start : start + size]
        translated = _checked(run.engine.translate(chunk, source_lang, lang), chunk, model)
        outputs.update(zip(chunk, translated, strict=True))
        if run.progress:  # a bar only for runs of several batches
            done = run.settled + known + min(start + len(chunk), len(texts))
            run.progress(run.label, min(done, run.total), run.total)
    for text in unique:
        found[text] = outputs[text]
    while len(found) > OUTPUT_CACHE:
        found.popitem(last=False)
    return [outputs[text] for text in texts]


def _checked(outputs: list[EngineOutput], chunk: list[str], model: str) -> list[EngineOutput]:
    if len(outputs) != len(chunk):
        raise EngineError(f"{model} returned {len(outputs)} translations for {len(chunk)} texts")
    return outputs


def enforce_terms(text: str, glossary: Glossary, lang: str) -> str:
    """Replace renderings the glossary lists as wrong (``avoid:``), in any form, by the
    approved term in the engine's form (``translate.glossary.inflection.replace_avoided``)."""
    from translate.glossary.inflection import replace_avoided

    return replace_avoided(text, glossary, lang)


# Characters XML cannot hold: an engine that emits one would make the work file unreadable.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _tidy(text: str) -> str:
    return " ".join(_CONTROL.sub("", text).split())


def _finish(ws: Workspace, job: _Job, source_lang: str) -> None:
    """Save a job's work file under the workspace lock, merging what another command wrote
    to it since it was read; reviewed segments that left the article go to memory.tmx."""
    items = tuple(item for item in job.items if item is not None)
    job.result.flagged = sum(1 for item in items if item.open_flags)
    ids = {segment.id for segment in job.segments}
    path = job.result.path
    translation = Translation(
        slug=job.article.slug,
        source_lang=source_lang,
        target_lang=job.target_lang,
        source_digest=article_digest(job.segments),
        segments=items,
        revision=(job.previous.revision if job.previous else 0),
        checked=check_seal.seal(job.checks_context, items),
    )
    with ws.lock():
        base = job.previous
        if locking.fingerprint(path) != job.fingerprint:
            theirs = workfiles.load(path) if path.exists() else None
            if theirs is not None:
                known = {translation.source_digest, (base or theirs).source_digest}
                if theirs.source_digest not in known:
                    job.result.conflict = (
                        "another command rewrote this work file from a different version of "
                        "the article while this run translated; nothing was overwritten: run "
                        "`tx translate` again"
                    )
                    return
                translation = workfiles.merge(base, translation, theirs)
            base = theirs
        gone = [item for item in (base.segments if base else ()) if item.id not in ids]
        job.result.retired = memory.keep_retired(ws, source_lang, job.target_lang, gone)
        # A seal alone is no reason to save (nor to count a revision a review document sees).
        if (
            base is not None
            and replace(translation, revision=base.revision, checked=base.checked) == base
        ):
            return
        translation = replace(translation, revision=(base.revision if base else 0) + 1)
        workfiles.save(path, translation)
        job.result.written = True
