"""A guard: tests and benchmarks read only files inside the repository (DESIGN.md, rule 9).

A bare ``git clone`` has nothing beside it, so no test, test helper or benchmark may name the
seed folder that sat beside the original checkout (``.ci/run`` proves the whole suite in such
a clone). The pattern is built from parts so that this file does not match itself.
"""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
# the folder's path as text or as a Path expression (quotes and spaces around the slash)
OUTSIDE = re.compile("shared" + r"""["']?\s*[/\\]\s*["']?""" + "seeds")
SKIPPED = {"__pycache__", ".cache", "results"}


def _files() -> list[Path]:
    roots = [REPOSITORY / "tests", REPOSITORY / "benchmarks", REPOSITORY / ".ci"]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*")
        if path.is_file() and not SKIPPED & set(path.relative_to(REPOSITORY).parts)
    )


def test_no_test_or_benchmark_reads_the_seed_folder_beside_the_repository() -> None:
    files = _files()
    assert REPOSITORY / "tests" / "data" / "wire-story.txt" in files
    offenders = [
        f"{path.relative_to(REPOSITORY)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1
        )
        if OUTSIDE.search(line)
    ]
    assert offenders == [], "use tests/data instead of files beside the repository"


def test_the_guard_sees_both_spellings() -> None:
    assert OUTSIDE.search("../" + "shared" + "/" + "seeds/x.txt")
    assert OUTSIDE.search('parents[2] / "' + "shared" + '" / "' + "seeds" + '"')
    assert not OUTSIDE.search("shared_vocabulary.json and seeds of random generators")
