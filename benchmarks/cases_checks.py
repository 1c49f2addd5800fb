"""Case 12: ``tx check`` lines per second on a 5,000-line delivery per language.

Each language's file is the newsroom suite (``tests/cases/checks/newsroom/<lang>.tsv``:
correct and wrong news sentences, every class the checks know) repeated to 5,000 lines, checked
in a workspace whose glossary is the suite's (``tests/cases/checks/glossary.csv``). The rate is
5,000 divided by the wall time of the whole ``tx check`` process, start-up included, best of
``runs``. The target: no language more than 20% slower than before issue 26.

    python -m benchmarks.cases_checks [--runs 3] [--repo PATH] [--langs de,uk,zh]

``--repo`` times another checkout's ``translate`` package on the same files (the code before a
change, from ``git worktree add``), so before and after are measured alike.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--langs", default=",".join(LANGS))
    args = parser.parse_args()
    langs = tuple(lang for lang in args.langs.split(",") if lang)
    for lang, lines in check_rates(args.repo.resolve(), args.runs, langs).items():
        print(f"{lang:6} {lines:8,.0f} lines/s")


if __name__ == "__main__":
    main()
