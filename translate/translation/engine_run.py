"""The engine's part of a run: a group's pending sentences masked, translated in batches
(a sentence repeated in the run goes to the engine once), unmasked, checked."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from translate.errors import EngineError
from translate.glossary import find_terms
from translate.models import Flag, Glossary, State, TranslatedSegment
from translate.source.inline import is_plain
from translate.translation.engines.base import Engine, EngineOutput
from translate.translation.filling import check
from translate.translation.jobs import Job

# progress(label, done, total): called after each engine batch of a run of several batches.
ProgressFn = Callable[[str, int, int], None]

BATCH_SIZE = 128
# Engine outputs kept for sentences repeated across a run's groups (credit lines, quotes).
OUTPUT_CACHE = 4096


@dataclass
class EngineRun:
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


def run_engine(
    run: EngineRun,
    jobs: list[Job],
    pending: list[tuple[Job, int]],
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
        text_only = all(is_plain(m.original) for m in masked)
        warming = _warm_checks(WARM_UP if text_only else WARM_UP_MARKUP, glossary, lang)
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
        flags = tuple(extra) + check(segment.source, target, glossary, lang, matches, unknown)
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


# Numbers, a date, a time and quotes: what the checks parse. Markup and a link as well when a
# pending sentence holds inline Markdown: plain text never needs the Markdown parser, whose
# loading would be work wasted.
WARM_UP = '"c" 1,234.5 and 12% on 9 October 2025 at 3 p.m.'
WARM_UP_MARKUP = "[*A*](https://example.org) `b` " + WARM_UP


def _warm_checks(sample: str, glossary: Glossary, lang: str) -> threading.Thread:
    """Check a sample sentence against itself in a thread while the engine translates (which
    releases the GIL), so that what the checks load on first use (the Markdown parser, the
    locale's number and date patterns, compiled expressions) is ready when the translations
    arrive, instead of adding a sixth of a second after a one-article run. The result is
    dropped; an error will come again, and be reported, from the real check."""

    def warm() -> None:
        try:
            check(sample, sample, glossary, lang)
        except Exception:  # the real check reports it
            return

    thread = threading.Thread(target=warm, name="tx-warm-checks", daemon=True)
    thread.start()
    return thread


def _translate_unique(
    texts: list[str], run: EngineRun, source_lang: str, lang: str, known: int
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
