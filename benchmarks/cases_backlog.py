"""Case 10: a backlog translated in one ``tx translate`` call into es, fr and de.

A newsroom that adopts tx starts with a backlog. This case writes ``count`` articles (eight of
the paragraphs of tests/data/wire-story.txt each, about 16 sentences) and runs ``tx translate
--to es,fr,de --engine argos`` once over all of them, at 100 and at 1,000 articles: throughput
in sentences per second and peak memory. tx translates the whole backlog in one call (models
loaded once per language, batches full) and saves article by article; the target is memory flat
in the number of articles (the 1,000-article run within 1.25 times the 100-article one).

Every sentence of every article is made unique (an invented lowercase word per article before
each full stop), so the engine translates all of them: tx sends a sentence repeated within a
run to the engine once, and a backlog of copies would measure that instead.

The packages are the test suite's builds, ``tiny`` by default (2+2 layers, d_model 64: the case
then measures tx's own work per sentence, masking, checks, work files, rather than the model);
``TX_BENCH_BACKLOG_MODEL=realistic`` uses the 6+6-layer model (hours on 2 cores at 1,000).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from benchmarks import packages, workspaces
from benchmarks.harness import Command, Comparison, run_once

TX = str(Path(sys.executable).with_name("tx"))
COUNTS = (100, 1000)
PARAGRAPHS = 8
LANGS = "es,fr,de"
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
_FULL_STOP = re.compile(r"\.(?=\s|$)")


def code_word(number: int) -> str:
    """An invented lowercase word for ``number`` (``ba``, ``be``, ... ``baba``...)."""
    syllables = []
    number += len(_SYLLABLES)  # at least two syllables
    while number:
        number, rest = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[rest])
    return "".join(reversed(syllables))


def backlog_workspace(root: Path, count: int) -> int:
    """A workspace with ``count`` unique articles and the house glossary; returns the number
    of sentences (segments) they hold."""
    from translate import workspace
    from translate.source.articles import read_article
    from translate.source.segments import segment_article

    workspace.init(root)
    if workspaces.HOUSE_GLOSSARY.is_file():
        shutil.copyfile(workspaces.HOUSE_GLOSSARY, root / "glossaries" / "house.csv")
    paragraphs = workspaces.story_paragraphs()
    body = paragraphs[1:]
    sentences = 0
    for number in range(count):
        word = code_word(number)
        chosen = [body[(number + step * 3) % len(body)] for step in range(PARAGRAPHS)]
        unique = [_FULL_STOP.sub(f" {word}.", paragraph) for paragraph in chosen]
        text = (
            f"---\ntitle: {paragraphs[0]} {word}\ndate: 2025-08-22\n---\n\n"
            + "\n\n".join(unique)
            + "\n"
        )
        path = root / "articles" / f"backlog-{number:04d}.md"
        path.write_text(text, encoding="utf-8")
        sentences += len(segment_article(read_article(path, default_lang="en")))
    return sentences


def backlog_cases(work: Path) -> list[Comparison]:
    """Case 10: one run each at 100 and 1,000 articles (a run at 1,000 takes minutes)."""
    size = os.environ.get("TX_BENCH_BACKLOG_MODEL", "tiny")
    pk = work / "packages"
    packages.install(pk, [("en", "es"), ("en", "fr"), ("en", "de")], size=size)
    env = {"ARGOS_PACKAGES_DIR": str(pk)}
    commands, totals = [], []
    for count in COUNTS:
        ws = work / f"backlog-{count}"
        sentences = backlog_workspace(ws, count)
        totals.append(sentences)

        def reset(ws: Path = ws) -> None:
            shutil.rmtree(ws / "translations", ignore_errors=True)
            (ws / "translations").mkdir()

        commands.append(
            Command(
                f"tx translate ({count} articles, {sentences} sentences) --to {LANGS}",
                ((TX, "translate", "--to", LANGS, "--engine", "argos"),),
                env=env,
                cwd=ws,
                prepare=reset,
            )
        )
    small, large = (run_once(command) for command in commands)
    comparison = Comparison(
        f"10 backlog {COUNTS[1]} vs {COUNTS[0]} articles x 3 langs",
        commands[1],
        commands[0],
        target_memory=1.25,
        a_samples=[large],
        b_samples=[small],
        note=f"{size} models; memory target: flat in the number of articles",
    )
    languages = len(LANGS.split(","))
    for key, sample, sentences in (("large", large, totals[1]), ("small", small, totals[0])):
        comparison.extra[f"{key}_sentences_per_second"] = sentences * languages / sample.seconds
        comparison.extra[f"{key}_peak_mb"] = sample.max_rss_kb / 1024
        comparison.extra[f"{key}_translations"] = sentences * languages
    return [comparison]
