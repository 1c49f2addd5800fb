"""Case 9: fuzzy matches for a 200-sentence article against a 100,000-segment memory.

The memory is made of sentences recombined from the repository's own test texts, with names
and figures mixed in as in news copy (seeded: every run measures the same data). Half of the
article's sentences are memory sentences with one word changed (they must find their match),
half are new. One process reads the memory (JSON lines, as memory.load hands units over),
gets the fuzzy index and looks up the best two matches of every sentence; the target is
under 2 s and 200 MB on a 2-core machine.

Two ways are measured: "saved index", what every run but the first after a change does
(tx keeps a large memory's index in translations/.cache, translate.memory.index_cache), and
"index built", the first run (built in the process, then saved).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from benchmarks.harness import REPO, Command, Comparison, alternate

UNITS = 100_000
ARTICLE = 200
TEXTS = (REPO / "tests" / "data" / "wire-story.txt", REPO / "tests" / "data" / "training.txt")

LOOKUP = """
import json, sys
from pathlib import Path
from translate.memory.fuzzy import FuzzyIndex
from translate.memory.store import MemoryUnit
from translate.models import State
with open(sys.argv[1], encoding="utf-8") as handle:
    units = [MemoryUnit(s, t, State.REVIEWED, "reviewer") for s, t in map(json.loads, handle)]
saved = Path(sys.argv[3])
index = None
if saved.is_file():
    with saved.open("rb") as handle:
        index = FuzzyIndex.from_file(units, handle)
if index is None:
    index = FuzzyIndex(units)
    saved.write_bytes(index.to_bytes())
with open(sys.argv[2], encoding="utf-8") as handle:
    article = json.load(handle)
found = sum(1 for sentence in article if index.best(sentence, threshold=75))
print(found)
"""


def _sentences(rng: random.Random, count: int) -> list[str]:
    """Sentences of 8 to 30 words: seven in ten from the test texts, three in ten names and
    figures (a newsroom's memory is full of them: tens of thousands of distinct words)."""
    words = []
    for path in TEXTS:
        words += re.findall(r"[^\s]+", path.read_text(encoding="utf-8"))
    syllables = ["ka", "lo", "mi", "ren", "tov", "ash", "el", "no", "vi", "da", "sur", "ik"]
    names = [
        "".join(rng.choices(syllables, k=rng.randint(2, 4))).title() for _ in range(20_000)
    ] + [str(n) for n in range(20_000)]
    return [
        " ".join(
            rng.choice(words) if rng.random() < 0.7 else rng.choice(names)
            for _ in range(rng.randint(8, 30))
        )
        for _ in range(count)
    ]


def memory_cases(work: Path, runs: int, warmup: int) -> list[Comparison]:
    """Case 9: one process getting the index (saved, then built) and matching a
    200-sentence article."""
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2026)
    sources = _sentences(rng, UNITS)
    units = work / "memory.jsonl"
    with units.open("w", encoding="utf-8") as handle:
        for source in sources:
            handle.write(json.dumps([source, source.upper()], ensure_ascii=False) + "\n")
    article = []
    for n in range(ARTICLE):
        if n % 2:
            article.extend(_sentences(rng, 1))
        else:
            words = rng.choice(sources).split()
            words[rng.randrange(len(words))] = "changed"
            article.append(" ".join(words))
    article_file = work / "article.json"
    article_file.write_text(json.dumps(article), encoding="utf-8")
    saved = work / "index.npz"
    comparisons = []

    def save_index() -> None:
        if not saved.is_file():
            from translate.memory.fuzzy import FuzzyIndex
            from translate.memory.store import MemoryUnit
            from translate.models import State

            memory = [MemoryUnit(s, s.upper(), State.REVIEWED, "reviewer") for s in sources]
            saved.write_bytes(FuzzyIndex(memory).to_bytes())

    for way, prepare in (
        ("saved index", save_index),
        ("index built", lambda: saved.unlink(missing_ok=True)),
    ):
        command = Command(
            f"fuzzy lookup, {ARTICLE} sentences x {UNITS:,} units, {way}",
            ((sys.executable, "-c", LOOKUP, str(units), str(article_file), str(saved)),),
            cwd=REPO,
            prepare=prepare,
        )
        samples = alternate([command], runs, warmup)[0]
        comparison = Comparison(
            f"9 fuzzy matches, {ARTICLE}-sentence article vs {UNITS:,}-segment memory, {way}",
            command,
            None,
            a_samples=samples,
            note="target: under 2 s and 200 MB",
        )
        best = min(samples, key=lambda s: s.seconds)
        comparison.extra["seconds"] = comparison.a_median
        comparison.extra["best_seconds"] = best.seconds
        comparison.extra["max_rss_mb"] = max(s.max_rss_kb for s in samples) / 1024
        comparisons.append(comparison)
    return comparisons
