"""The README's first-hour path works as written: its newcomer block (after `make setup`)
runs in bash from a copy of the repository's folder, with the set-up's .venv."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
MARK = "<!-- newcomer-path:"


def newcomer_block() -> str:
    """The shell block that follows the newcomer-path mark in the README."""
    text = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    after = text[text.index(MARK) :]
    found = re.search(r"```sh\n(.*?)```", after, re.S)
    assert found is not None, "the README lost its newcomer block"
    return found.group(1)


def test_the_block_activates_the_venv_first() -> None:
    lines = [line for line in newcomer_block().splitlines() if line.strip()]
    assert lines[0] == ". .venv/bin/activate"
    assert any(line.startswith("tx init ") for line in lines)


@pytest.mark.apertium
@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium-eng-spa")
def test_the_readme_newcomer_path_runs_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "tx"
    folder.mkdir()
    shutil.copytree(REPOSITORY / "articles", folder / "articles")
    # the set-up's .venv: the one running these tests (make setup made it in the clone)
    (folder / ".venv").symlink_to(Path(sys.prefix))
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    script = "set -euo pipefail\n" + newcomer_block()
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    work = folder / "newsroom" / "translations" / "es" / "ukraine-guarantees-talks.json"
    assert work.is_file()
    review = folder / "newsroom" / "exports" / "review" / "es" / "ukraine-guarantees-talks.docx"
    assert review.is_file()
    assert "ukraine-guarantees-talks" in done.stdout
