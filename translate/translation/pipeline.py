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

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate import languages, memory
from translate.checks import seal as check_seal
from translate.errors import EngineError, UsageError, WorkFileError
from translate.glossary import load_workspace_glossary
from translate.languages import canonical
from translate.models import Article, Glossary, Segment, TranslatedSegment, origin_kind
from translate.source.articles import read_article
from translate.source.segments import segment_article
from translate.translation.engine_run import BATCH_SIZE, EngineRun, ProgressFn, run_engine
from translate.translation.engines.base import Engine
from translate.translation.engines.registry import NAMES as ENGINE_NAMES
from translate.translation.engines.registry import select
from translate.translation.filling import Fuzzy, fill_human, fill_known
from translate.translation.jobs import Job, LanguageResult
from translate.translation.saving import save_job
from translate.workspace import Workspace, workfiles

EngineChooser = Callable[[str, str], Engine]

RETRANSLATE = (None, "flagged", "machine")
# Articles are sent to the engine in groups of at least this many sentences and saved when
# their group is done: large enough to fill the engine's batches, small enough that an
# interrupted run loses little.
SAVE_EVERY = 512


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
        raise UsageError(f"unknown --retranslate '{retranslate}'", hint="use flagged or machine")
    target_langs = list(dict.fromkeys(canonical(lang) for lang in target_langs))
    sources = [
        _read_source(path, ws.settings.source_lang, ws.settings.raw_html) for path in article_paths
    ]
    options = ws.settings.engine_options
    if device is not None:
        options = replace(options, device=device)
    chooser = choose_engine or (
        lambda src, tgt: select(engine or ws.settings.engine_for(tgt), src, tgt, options)
    )
    pairs: list[_Pair] = []
    results: list[LanguageResult] = []
    human = {lang for lang in target_langs if engine == "none" or ws.settings.is_human(lang)}
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
            ws,
            pair,
            glossaries[pair.source],
            None if pair.target in human else chooser,
            dry_run,
            progress,
            retranslate,
        )
    return results


def _read_source(path: Path, default_lang: str, raw_html: str) -> _Source:
    article = read_article(path, default_lang=default_lang, raw_html=raw_html)
    return _Source(path, article.slug, article.lang, len(segment_article(article)))


def _translate_pair(
    ws: Workspace,
    pair: _Pair,
    glossary: Glossary,
    chooser: EngineChooser | None,
    dry_run: bool,
    progress: ProgressFn | None,
    retranslate: str | None,
) -> list[LanguageResult]:
    """Plan, translate and save one pair's articles group by group (see ``_groups``); with
    no ``chooser`` (a language people translate) the sentences left are saved empty."""
    tm = memory.load(ws, pair.target, source_lang=pair.source)
    fuzzy = Fuzzy(ws, tm, glossary, pair.source, pair.target, save=not dry_run)
    results: list[LanguageResult] = []
    run: EngineRun | None = None
    no_engine = ""
    try:
        key = check_seal.workspace_key(ws, create=not dry_run)
        context = check_seal.context(glossary, pair.target, key)
        human = chooser is None
        for jobs, pending in _groups(ws, pair, tm, glossary, fuzzy, retranslate, context, human):
            if human:
                fill_human(jobs, pending)
                pending = []
            if pending and chooser is not None and run is None and not no_engine:
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
                run_engine(run, jobs, pending, glossary, pair.source, pair.target)
                _note_engine_change(jobs, run.engine.name)
            for job in jobs:
                save_job(ws, job, pair.source)
                job.result.to_translate.clear()  # listed by dry runs only
                results.append(job.result)
    finally:
        if run is not None:
            run.engine.release()
    return results


def _note_engine_change(jobs: list[Job], engine: str) -> None:
    """Say on each result whose work file was machine-translated by other engines until now
    which ones (an Argos model installed under ``engine = "auto"`` moves a language)."""
    for job in jobs:
        if job.previous is None or not job.result.from_engine:
            continue
        before = {
            origin_kind(item.origin)
            for item in job.previous.segments
            if ":" in item.origin and origin_kind(item.origin) in ENGINE_NAMES
        }
        if before and engine not in before:
            job.result.engine_changed = f"{', '.join(sorted(before))} -> {engine}"


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
    fuzzy: Fuzzy,
    retranslate: str | None,
    checks_context: str,
    human: bool = False,
) -> Iterator[tuple[list[Job], list[tuple[Job, int]]]]:
    """The pair's articles planned in groups of whole articles holding at least SAVE_EVERY
    sentences for the engine (the last group may hold fewer): each article is read again,
    its work file read, and what the work file and memory already hold filled in."""
    jobs: list[Job] = []
    pending: list[tuple[Job, int]] = []
    for source in pair.articles:
        article = read_article(
            source.path, default_lang=ws.settings.source_lang, raw_html=ws.settings.raw_html
        )
        job = _prepare(ws, article, segment_article(article), pair.target, checks_context)
        jobs.append(job)
        pending += [(job, i) for i in fill_known(job, tm, glossary, fuzzy, retranslate, human)]
        if len(pending) >= SAVE_EVERY:
            yield jobs, pending
            jobs, pending = [], []
    if jobs:
        yield jobs, pending


def _start_run(engine: Engine, pair: _Pair, progress: ProgressFn | None) -> EngineRun:
    total = sum(source.size for source in pair.articles)
    label = f"{pair.source}->{pair.target} ({engine.model_id(pair.source, pair.target)})"
    return EngineRun(engine, label, total, progress if total > BATCH_SIZE else None)


def _prepare(
    ws: Workspace, article: Article, segments: tuple[Segment, ...], lang: str, checks_context: str
) -> Job:
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
    return Job(
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
