"""Cases 14 and 15: tx at a newsroom's real size, and how its cost grows.

14 (``memory-scale``): memories of 10,000, 100,000 and 1,000,000 units (a synthetic TMX of
English-Spanish units, ``benchmarks.synthetic``), each imported into a fresh workspace with
``tx memory import`` (time and peak memory), then, against it, a one-article ``tx translate``
with apertium (25 sentences: ten in the memory, ten one word away, five new), ``tx memory
search`` of a phrase, and ``tx count``. Targets at 1,000,000 units: translate under 3 s and
300 MB, search under 0.5 s, import under 500 MB.

15 (``article-scale``): articles of 1,000 to 50,000 sentences, reviewed in Spanish, through
every exporter and importer: the DOCX and HTML editions, the review DOCX export and import,
XLIFF export and import. Target: 50,000 sentences to DOCX in under 60 s.

Each command runs once per size (``runs`` times for the small ones); the cost's growth is
printed as a ratio per tenfold of size: 10 for linear work, 100 for quadratic (of CPU time,
which a busy machine disturbs less than wall time; the table shows both sides' wall time).
"""

from __future__ import annotations

import math
import os
import shutil
import sys
from pathlib import Path

from benchmarks.harness import Command, Comparison, Sample, alternate
from benchmarks.synthetic import SentenceMaker, article_text, target_of, write_tmx

PYTHON = sys.executable
TX = str(Path(sys.executable).with_name("tx"))
MEMORY_SIZES = tuple(
    int(n) for n in os.environ.get("TX_BENCH_MEMORY_SIZES", "10000,100000,1000000").split(",")
)
ARTICLE_SIZES = tuple(
    int(n) for n in os.environ.get("TX_BENCH_ARTICLE_SIZES", "1000,5000,10000,50000").split(",")
)
APERTIUM = ("--engine", "apertium")


def per_tenfold(sizes: list[int], seconds: list[float]) -> float | None:
    """How many times the cost grows when the size grows tenfold, from the smallest and the
    largest size measured (10 for linear work, 100 for quadratic)."""
    if len(sizes) < 2 or seconds[0] <= 0 or sizes[-1] <= sizes[0]:
        return None
    return float((seconds[-1] / seconds[0]) ** (1 / math.log10(sizes[-1] / sizes[0])))


def _one(label: str, argv: tuple[str, ...], cwd: Path, runs: int) -> list[Sample]:
    return alternate([Command(label, (argv,), cwd=cwd)], runs, 0)[0]


def memory_cases(work: Path, runs: int) -> list[Comparison]:
    """Case 14 at every memory size; one Comparison per command and size, growth in extra."""
    work.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[tuple[int, Sample]]] = {}
    comparisons = []
    for size in MEMORY_SIZES:
        ws = work / f"memory-{size}"
        shutil.rmtree(ws, ignore_errors=True)
        _run([TX, "init", str(ws)])
        tmx = work / f"memory-{size}.tmx"
        kept = write_tmx(tmx, size, keep=20)
        maker = SentenceMaker(99, shortest=4, longest=14)
        sentences = kept[:10] + [_changed(s) for s in kept[10:20]] + maker.sentences(5)
        (ws / "articles" / "one.md").write_text(article_text(sentences, "One"), "utf-8")
        steps = [
            ("import", (TX, "memory", "import", str(tmx)), 1),
            ("translate (apertium)", (TX, "translate", "one", "--to", "es", *APERTIUM), 1),
            ("memory search", (TX, "memory", "search", _phrase(kept[0])), runs),
            ("count", (TX, "count", "one", "--to", "es"), runs),
        ]  # fmt: skip
        for name, argv, times in steps:
            if name.startswith("translate"):
                shutil.rmtree(ws / "translations" / "es", ignore_errors=True)
            samples = _one(f"tx {name}, {size:,} units", argv, ws, times)
            found.setdefault(name, []).append((size, min(samples, key=lambda s: s.cpu_seconds)))
            comparisons.append(
                Comparison(
                    f"14 {name}, memory of {size:,} units",
                    Command(" ".join(argv[1:]), (argv,), cwd=ws),
                    None,
                    a_samples=samples,
                )
            )
        tmx.unlink()
    _growth(comparisons, found, "units")
    return comparisons


def article_cases(work: Path, runs: int) -> list[Comparison]:
    """Case 15 at every article size."""
    work.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[tuple[int, Sample]]] = {}
    comparisons = []
    for size in ARTICLE_SIZES:
        ws = work / f"article-{size}"
        shutil.rmtree(ws, ignore_errors=True)
        _run([PYTHON, "-m", "benchmarks.cases_scale", "article", str(ws), str(size)])
        review, xlf = "exports/review/es/long.docx", "exports/review/es/long.xlf"
        steps = [
            ("DOCX edition", (TX, "export", "--lang", "es", "--format", "docx")),
            ("HTML edition", (TX, "export", "--lang", "es", "--format", "html")),
            ("review DOCX export", (TX, "review", "export", "long", "--lang", "es")),
            ("review DOCX import", (TX, "review", "import", review)),
            ("XLIFF export", (TX, "xliff", "export", "long", "--lang", "es")),
            ("XLIFF import", (TX, "xliff", "import", xlf)),
        ]
        for name, argv in steps:
            times = runs if size <= 10_000 else 1
            samples = _one(f"tx {name}, {size:,} sentences", argv, ws, times)
            found.setdefault(name, []).append((size, min(samples, key=lambda s: s.cpu_seconds)))
            comparisons.append(
                Comparison(
                    f"15 {name}, {size:,} sentences",
                    Command(" ".join(argv[1:]), (argv,), cwd=ws),
                    None,
                    a_samples=samples,
                )
            )
        shutil.rmtree(ws, ignore_errors=True)
    _growth(comparisons, found, "sentences")
    return comparisons


def _growth(
    comparisons: list[Comparison], found: dict[str, list[tuple[int, Sample]]], unit: str
) -> None:
    """Note on each command's largest case how its time and memory grew per tenfold."""
    for name, points in found.items():
        sizes = [size for size, _ in points]
        time_growth = per_tenfold(sizes, [s.cpu_seconds for _, s in points])
        memory_growth = per_tenfold(sizes, [float(s.max_rss_kb) for _, s in points])
        mine = [c for c in comparisons if c.case[3:].split(",")[0] == name]
        for comparison in mine:
            comparison.extra["growth_per_tenfold"] = time_growth
            comparison.extra["memory_growth_per_tenfold"] = memory_growth
        if mine and time_growth is not None and memory_growth is not None:
            mine[-1].note = (
                f"growth per tenfold {unit} ({sizes[0]:,} to {sizes[-1]:,}): CPU time "
                f"{time_growth:.1f}x, peak memory {memory_growth:.1f}x"
            )


def growth_lines(comparisons: list[Comparison]) -> list[str]:
    """One line per command of cases 14 and 15: its cost's growth per tenfold."""
    lines = []
    for c in comparisons:
        if c.case[:3] in ("14 ", "15 ") and c.note.startswith("growth"):
            lines.append(f"{c.case.split(',')[0][3:]}: {c.note}")
    return lines


def _phrase(sentence: str) -> str:
    """Two words from the middle of a memory sentence: a phrase the search finds."""
    words = sentence.rstrip(".").split()
    return " ".join(words[len(words) // 2 - 1 : len(words) // 2 + 1])


def _changed(sentence: str) -> str:
    words = sentence.split()
    words[len(words) // 2] = "changed"
    return " ".join(words)


def _run(argv: list[str]) -> None:
    import subprocess

    subprocess.run(argv, check=True, capture_output=True)


def _article_workspace(root: Path, sentences: int) -> None:
    """A workspace with an article of ``sentences`` sentences, reviewed in Spanish."""
    from translate import workspace
    from translate.models import State, TranslatedSegment, Translation
    from translate.source.articles import read_article
    from translate.source.segments import article_digest, segment_article
    from translate.workspace import workfiles

    workspace.init(root)
    maker = SentenceMaker(5, shortest=3, longest=7, plain=True)  # 50,000 fit in 2 MB
    path = root / "articles" / "long.md"
    path.write_text(article_text(maker.sentences(sentences), "Long"), "utf-8")
    segments = segment_article(read_article(path, default_lang="en"))
    items = tuple(
        TranslatedSegment(s, target_of(s.source), "reviewer", State.REVIEWED) for s in segments
    )  # a translation of its own: the publishing gate holds back one identical to its source
    translation = Translation("long", "en", "es", article_digest(segments), items, revision=1)
    workfiles.save(root / "translations" / "es" / "long.json", translation)


if __name__ == "__main__":  # python -m benchmarks.cases_scale article ROOT SENTENCES
    _article_workspace(Path(sys.argv[2]), int(sys.argv[3]))
