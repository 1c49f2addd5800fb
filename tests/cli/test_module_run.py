"""``python -m translate.cli ARGS`` is ``tx ARGS``, run by that Python: the same output and exit
status, and the command named ``tx`` in its help and usage lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.newsroom import NEEDS_APERTIUM

from translate import __version__

REPOSITORY = Path(__file__).resolve().parents[2]
MODULE = [sys.executable, "-m", "translate.cli"]
# The installed console script beside this Python (its entry point where there is none).
_INSTALLED = Path(sys.executable).with_name("tx")
SCRIPT = (
    [str(_INSTALLED)]
    if _INSTALLED.is_file()
    else [sys.executable, "-c", "from translate.cli import main; main()"]
)


def _run(command: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    return subprocess.run(
        [*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("args", "code", "usage"),
    [
        (("--help",), 0, "Usage: tx [OPTIONS] COMMAND [ARGS]..."),
        (("translate", "--help"), 0, "Usage: tx translate [OPTIONS] [articles]..."),
        ((), 2, "Usage: tx [OPTIONS] COMMAND [ARGS]..."),  # no command: the help, status 2
        (("no-such-command",), 2, "Usage: tx [OPTIONS] COMMAND [ARGS]..."),
        (("translate", "--no-such-option"), 2, "Usage: tx translate [OPTIONS] [articles]..."),
    ],
)
def test_help_and_usage_name_tx(
    args: tuple[str, ...], code: int, usage: str, tmp_path: Path
) -> None:
    done = _run(MODULE, *args, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert usage in done.stdout + done.stderr
    assert "python -m" not in done.stdout + done.stderr
    if code == 2 and args:
        command = " ".join(("tx", *args[:-1]))
        assert f"Try '{command} --help' for help." in done.stderr
    script = _run(SCRIPT, *args, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        script.returncode,
        script.stdout,
        script.stderr,
    )


def test_version_and_errors_as_tx(tmp_path: Path) -> None:
    done = _run(MODULE, "--version", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, f"tx {__version__}\n")
    missing = _run(MODULE, "--workspace", str(tmp_path / "none"), "status", cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ") and len(missing.stderr.splitlines()) == 1
    assert missing.stdout == "" and "Traceback" not in missing.stderr


@NEEDS_APERTIUM[0]
@NEEDS_APERTIUM[1]
def test_a_workspace_made_and_translated(tmp_path: Path) -> None:
    root = tmp_path / "news"
    assert _run(MODULE, "init", str(root), cwd=tmp_path).returncode == 0
    (root / "articles" / "story.md").write_text(
        "---\ntitle: Talks resume\n---\n\nThe dog is big.\n", encoding="utf-8"
    )
    done = _run(MODULE, "translate", "story", "--to", "es", "--engine", "apertium", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "translations" / "es" / "story.json").is_file()
    status = _run(MODULE, "status", cwd=root)
    assert status.returncode == 0 and "story" in status.stdout
