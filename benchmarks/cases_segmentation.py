"""Case 8: sentence segmentation, before (main's splitter before issue 12, kept in
``peers/legacy_segments.py``) and after (``translate.source.segmentation``).

- speed: one process per contender splits every input of ``tests/cases/segments/`` (eight
  languages and more) ``ROUNDS`` times; reported as sentences per second, start-up included,
  and the in-process rate without start-up;
- accuracy: the share of those golden cases each splitter gets exactly right, per language,
  and of an English suite of the Golden Rules' classes (``golden_rules_en.txt``);
- ``tx status`` on a generated workspace of 1,000 articles (in the eight languages, made from
  the golden inputs, each with a work file), run with each splitter in turn. The target: the
  new splitter keeps ``tx status`` within 1.2 times the old one's time.

Run one contender by hand with ``python -m benchmarks.cases_segmentation split new|old`` or
``... status new|old`` (from a workspace). Everything read is inside the repository.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.harness import Command, Comparison, alternate, median, pair_ratio

PYTHON = sys.executable
REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases" / "segments"
ROUNDS = 40
ARTICLES = 1000
PARAGRAPHS = 12
# An English suite of the classes of the Golden Rules of sentence segmentation (Pragmatic
# Segmenter, pySBD), written for news copy: scored, not required (its head says why).
GOLDEN_RULES = REPO / "benchmarks" / "golden_rules_en.txt"
TARGETS = {"en": "es"}  # the edition each article gets a work file for (default "en")

Splitter = Callable[[str, str], list[str]]


def golden_cases(paths: list[Path] | None = None) -> list[tuple[str, str, list[str]]]:
    """(lang, text, expected sentences) of every case in tests/cases/segments/<lang>.txt, or
    in ``paths`` (files of the same format, the language after the last "_" of the name)."""
    cases: list[tuple[str, str, list[str]]] = []
    for path in paths or sorted(CASES.glob("*.txt")):
        lang = path.stem.rsplit("_", 1)[-1]
        for chunk in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            lines = [line for line in chunk.splitlines() if line and not line.startswith("#")]
            if lines:
                cases.append((lang, lines[0], [line[2:] for line in lines[1:]]))
    return cases


def splitter(which: str) -> Splitter:
    """The new splitter ("new") or main's before issue 12 ("old")."""
    if which == "old":
        from benchmarks.peers.legacy_segments import split_sentences as old

        return old
    from translate.source.segments import split_sentences as new

    return new


def accuracy(split: Splitter, paths: list[Path] | None = None) -> dict[str, tuple[int, int]]:
    """(right, total) per language on the golden cases (or on the cases in ``paths``)."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for lang, text, expected in golden_cases(paths):
        total[lang] += 1
        right[lang] += split(text, lang) == expected
    return {lang: (right[lang], total[lang]) for lang in sorted(total)}


def in_process_rate(split: Splitter, rounds: int = ROUNDS) -> float:
    """Sentences per second over ``rounds`` passes of the golden inputs, in this process."""
    inputs = [(lang, text) for lang, text, _ in golden_cases()]
    best = float("inf")
    count = 0
    for _ in range(3):
        started = time.perf_counter()
        count = sum(len(split(text, lang)) for _ in range(rounds) for lang, text in inputs)
        best = min(best, time.perf_counter() - started)
    return count / best


def corpus_sentences(which: str, rounds: int = ROUNDS) -> int:
    """How many sentences one ``split`` process produces (the same for both contenders
    within a few cases: counted per contender)."""
    split = splitter(which)
    inputs = [(lang, text) for lang, text, _ in golden_cases()]
    return sum(len(split(text, lang)) for _ in range(rounds) for lang, text in inputs)


def generated_workspace(root: Path, count: int = ARTICLES) -> Path:
    """``count`` articles in the eight languages of the golden cases (each a selection of
    their inputs as paragraphs), each with a reviewed work file for one edition."""
    from translate import workspace
    from translate.models import State, TranslatedSegment, Translation
    from translate.source.articles import read_article
    from translate.source.segments import article_digest, segment_article
    from translate.workspace import workfiles

    workspace.init(root)
    by_lang: dict[str, list[str]] = {}
    for lang, text, _ in golden_cases():
        by_lang.setdefault(lang, []).append(text)
    langs = sorted(lang for lang, texts in by_lang.items() if len(texts) >= 40)
    for number in range(count):
        lang = langs[number % len(langs)]
        texts = by_lang[lang]
        paragraphs = [
            " ".join(texts[(number * 7 + step * 3 + k) % len(texts)] for k in range(3))
            for step in range(PARAGRAPHS)
        ]
        slug = f"article-{number:04d}"
        path = root / "articles" / f"{slug}.md"
        body = "\n\n".join(paragraphs)
        title = json.dumps(texts[number % len(texts)][:60], ensure_ascii=False)  # YAML too
        path.write_text(f"---\ntitle: {title}\nlang: {lang}\n---\n\n{body}\n", encoding="utf-8")
        article = read_article(path, default_lang="en")
        segments = segment_article(article)
        target = TARGETS.get(lang, "en")
        items = tuple(TranslatedSegment(s, s.source, "reviewer", State.REVIEWED) for s in segments)
        translation = Translation(slug, lang, target, article_digest(segments), items, 1)
        workfiles.save(root / "translations" / target / f"{slug}.json", translation)
    return root


def segmentation_cases(work: Path, runs: int, warmup: int) -> list[Comparison]:
    """Case 8: speed and accuracy of the splitters, and ``tx status`` at 1,000 articles."""
    me = "benchmarks.cases_segmentation"
    new = Command(f"new splitter, golden inputs x {ROUNDS}", ((PYTHON, "-m", me, "split", "new"),))
    old = Command(f"old splitter, golden inputs x {ROUNDS}", ((PYTHON, "-m", me, "split", "old"),))
    samples = alternate([new, old], runs, warmup)
    speed = Comparison(
        "8 segmentation speed, new vs old splitter",
        new,
        old,
        target_time=1.2,
        a_samples=samples[0],
        b_samples=samples[1],
    )
    rates = {which: in_process_rate(splitter(which)) for which in ("new", "old")}
    scores = {which: accuracy(splitter(which)) for which in ("new", "old")}
    rules = {which: accuracy(splitter(which), [GOLDEN_RULES]) for which in ("new", "old")}
    sentences = corpus_sentences("new")
    wall = speed.a_median
    cpu = median([s.cpu_seconds for s in speed.a_samples])
    speed.extra.update(
        {
            "sentences": sentences,
            "sentences_per_second_wall": sentences / wall,
            "sentences_per_cpu_second": sentences / cpu,
            "in_process_sentences_per_second_new": rates["new"],
            "in_process_sentences_per_second_old": rates["old"],
            "accuracy_new": scores["new"],
            "accuracy_old": scores["old"],
            "golden_rules_en_new": rules["new"],
            "golden_rules_en_old": rules["old"],
        }
    )
    speed.note = (
        f"in process: new {rates['new']:,.0f} sentences/s, old {rates['old']:,.0f}; "
        f"golden cases right: new {_score(scores['new'])}, old {_score(scores['old'])}; "
        f"golden-rule-style suite: new {_score(rules['new'])}, old {_score(rules['old'])}"
    )
    ws = generated_workspace(work / "ws-segmentation")
    status_new = Command(
        f"tx status, new splitter ({ARTICLES} articles)",
        ((PYTHON, "-m", me, "status", "new"),),
        cwd=ws,
    )
    status_old = Command(
        f"tx status, old splitter ({ARTICLES} articles)",
        ((PYTHON, "-m", me, "status", "old"),),
        cwd=ws,
    )
    samples = alternate([status_new, status_old], runs, warmup)
    status = Comparison(
        f"8 tx status, {ARTICLES} articles, new vs old splitter",
        status_new,
        status_old,
        target_time=1.2,
        a_samples=samples[0],
        b_samples=samples[1],
        note="same workspace and command; only the sentence splitter differs",
    )
    for comparison in (speed, status):
        cpu_ratio = pair_ratio(comparison.a_samples, comparison.b_samples, "cpu_seconds")
        comparison.extra["cpu_ratio"] = cpu_ratio
        comparison.note += (
            f"{'; ' if comparison.note else ''}CPU seconds (median): new "
            f"{median([s.cpu_seconds for s in comparison.a_samples]):.2f}, old "
            f"{median([s.cpu_seconds for s in comparison.b_samples]):.2f}, "
            f"pairwise ratio {cpu_ratio:.3f} (steadier than wall time on a loaded machine)"
        )
    return [speed, status]


def _score(scores: dict[str, tuple[int, int]]) -> str:
    right = sum(r for r, _ in scores.values())
    total = sum(t for _, t in scores.values())
    by_lang = " ".join(f"{lang} {r}/{t}" for lang, (r, t) in scores.items())
    return f"{right}/{total} ({by_lang})"


def main(argv: list[str]) -> None:
    """``split new|old``: split the golden inputs ROUNDS times; ``status new|old``: run
    ``tx status`` in the current workspace with that splitter."""
    action, which = argv
    if action == "split":
        corpus_sentences(which)
        return
    import translate.source.segments

    translate.source.segments.split_sentences = splitter(which)  # segment_article looks it up here
    from translate.cli import main as tx

    sys.argv = ["tx", "status"]
    tx()


if __name__ == "__main__":
    main(sys.argv[1:])
