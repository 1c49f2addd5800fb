"""Case 13: ``tx check`` lines per second on a 5,000-line delivery per language.

Run with the other cases by ``python -m benchmarks --only checks`` (set ``TX_BENCH_BEFORE`` to
another checkout to time it too, in turn, with the target that tx check takes at most 1.25
times its time: at most 20% fewer lines per second), or alone as below.

Each language's file is the newsroom suite (``tests/cases/checks/newsroom/<lang>.tsv``:
correct and wrong news sentences, every class the checks know) repeated to 5,000 lines, checked
in a workspace whose glossary is the suite's (``tests/cases/checks/glossary.csv``). The rate is
5,000 divided by the wall time of the whole ``tx check`` process, start-up included, best of
``runs``. The target: no language more than 20% slower than before issue 26.

    python -m benchmarks.cases_checks [--runs 3] [--repo PATH] [--before PATH] [--langs de,uk]

``--repo`` times another checkout's ``translate`` package on the same files; ``--before``
times this checkout and another (the code before a change, from ``git worktree add``) run by
run in turn, so that a busy machine slows both alike, and prints both rates and their ratio.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Command, Comparison, alternate

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases" / "checks"
LANGS = ("es", "fr", "de", "uk", "ru", "zh", "ar", "ja", "pt-BR", "it", "pl")
LINES = 5000
_TX = "import sys; from translate.cli import main; sys.argv[0] = 'tx'; main()"


def workspace(root: Path, langs: tuple[str, ...] = LANGS) -> Path:
    """A workspace with the suite's glossary and a ``<lang>.tsv`` of LINES pairs each."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "tx.toml").write_text(
        'source_lang = "en"\ntarget_langs = ["es"]\nglossaries = ["glossaries/*.csv"]\n',
        encoding="utf-8",
    )
    (root / "glossaries").mkdir(exist_ok=True)
    glossary = (CASES / "glossary.csv").read_text(encoding="utf-8")
    (root / "glossaries" / "house.csv").write_text(glossary, encoding="utf-8")
    for lang in langs:
        pairs = []
        for line in (CASES / "newsroom" / f"{lang}.tsv").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                source, target = line.split("\t")[:2]
                pairs.append(f"{source}\t{target}\n")
        lines = (pairs * (LINES // len(pairs) + 1))[:LINES]
        (root / f"{lang}.tsv").write_text("".join(lines), encoding="utf-8")
    return root


def rate(root: Path, lang: str, repo: Path = REPO, runs: int = 3) -> float:
    """``tx check`` lines per second on ``<lang>.tsv`` (best of ``runs``, start-up included)."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    argv = [sys.executable, "-c", _TX, "check", f"{lang}.tsv", "--lang", lang, "--from", "en"]
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1) or "error" in done.stderr:
            raise RuntimeError(f"tx check --lang {lang} failed: {done.stderr.strip()[-400:]}")
        best = min(best, elapsed)
    return LINES / best


def check_rates(
    repo: Path = REPO, runs: int = 3, langs: tuple[str, ...] = LANGS
) -> dict[str, float]:
    """Lines per second per language."""
    with tempfile.TemporaryDirectory(prefix="tx-bench-checks-") as tmp:
        root = workspace(Path(tmp), langs)
        return {lang: rate(root, lang, repo, runs) for lang in langs}


def check_cases(work: Path, runs: int, warmup: int = 1) -> list[Comparison]:
    """One comparison per language: ``tx check`` on its 5,000 lines, and the same command on
    the checkout ``TX_BENCH_BEFORE`` names, if any."""
    root = workspace(work)
    before = os.environ.get("TX_BENCH_BEFORE")
    comparisons = []
    for lang in LANGS:
        argv = (sys.executable, "-c", _TX, "check", f"{lang}.tsv", "--lang", lang, "--from", "en")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        after = Command(f"tx check {lang}.tsv ({LINES} lines)", (argv,), env=env, cwd=root)
        peer = None
        if before:
            old_env = {**os.environ, "PYTHONPATH": str(Path(before).resolve())}
            peer = Command(f"tx check before ({before})", (argv,), env=old_env, cwd=root)
        samples = alternate([after, *([peer] if peer else [])], runs, warmup)
        comparison = Comparison(
            f"13 tx check {lang}, {LINES} lines",
            after,
            peer,
            target_time=1.25 if peer else None,
            a_samples=samples[0],
            b_samples=samples[1] if peer else [],
        )
        comparison.extra["lines_per_second"] = LINES / comparison.a_median
        if peer and comparison.b_median:
            comparison.extra["lines_per_second_before"] = LINES / comparison.b_median
        comparisons.append(comparison)
    return comparisons


def check_lines(comparisons: list[Comparison]) -> list[str]:
    """``tx check`` lines per second per language (and before, when measured)."""
    lines = []
    for c in comparisons:
        if "lines_per_second" in c.extra:
            before = c.extra.get("lines_per_second_before")
            was = f" (before: {before:,.0f} lines/s)" if before else ""
            lines.append(f"{c.case}: {c.extra['lines_per_second']:,.0f} lines/s{was}")
    return lines


def compare(before: Path, runs: int = 3, langs: tuple[str, ...] = LANGS) -> None:
    """Print the rates of ``before`` and of this checkout, measured in turn, per language."""
    with tempfile.TemporaryDirectory(prefix="tx-bench-checks-") as tmp:
        root = workspace(Path(tmp), langs)
        print(f"{'lang':6} {'before':>8} {'after':>8}  after/before (lines/s, best of {runs})")
        for lang in langs:
            old = new = 0.0
            for _ in range(runs):
                old = max(old, rate(root, lang, before, 1))
                new = max(new, rate(root, lang, REPO, 1))
            print(f"{lang:6} {old:8,.0f} {new:8,.0f}  {new / old:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--langs", default=",".join(LANGS))
    args = parser.parse_args()
    langs = tuple(lang for lang in args.langs.split(",") if lang)
    if args.before is not None:
        compare(args.before.resolve(), args.runs, langs)
        return
    for lang, lines in check_rates(args.repo.resolve(), args.runs, langs).items():
        print(f"{lang:6} {lines:8,.0f} lines/s")


if __name__ == "__main__":
    main()
