"""What a one-article ``tx translate`` loads (issue 28): the modules of its own path only.

The start-up is guarded by what is imported, not by a time: a plain-text article translated by
apertium into a fresh workspace loads no Markdown parser, no number-word library, no SQLite,
no NumPy, lxml or python-docx, and no other command's code; ``tx --help`` loads every command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import typer.main
from support.newsroom import NEEDS_APERTIUM

import translate.cli
from translate import workspace
from translate.translation.engines import apertium_client

REPOSITORY = Path(__file__).resolve().parents[2]
STORY = REPOSITORY / "tests" / "data" / "wire-story.txt"
# Libraries (and tx's modules) a plain-text article translated by apertium never needs.
NOT_ON_THE_PATH = (
    "markdown_it",
    "mdit_py_plugins",
    "num2words",
    "sqlite3",
    "numpy",
    "lxml",
    "docx",
    "msgpack_numpy",
    "translate.memory.stored",
    "translate.memory.database",
    "translate.cli.review_commands",
    "translate.cli.export_commands",
    "translate.cli.glossary_commands",
    "translate.publish",
    "translate.roundtrip",
)


def _imported(root: Path, *args: str, runtime: Path | None = None) -> set[str]:
    """The modules ``tx ARGS`` imports when run in ``root`` (``sys.modules`` at its exit);
    a kept-warm apertium pipeline's socket goes to ``runtime``."""
    listing = root.parent / f"{root.name}-modules.txt"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write('\\n'.join(sys.modules)))\n"
        f"sys.argv = ['tx', *{args!r}]\n"
        "from translate.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    if runtime is not None:
        env["XDG_RUNTIME_DIR"] = str(runtime)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(listing.read_text(encoding="utf-8").split("\n"))


@NEEDS_APERTIUM[0]
@NEEDS_APERTIUM[1]
@pytest.mark.parametrize("keep_alive", [300, 0])
def test_a_plain_text_article_loads_only_its_path(tmp_path: Path, keep_alive: int) -> None:
    workspace.init(tmp_path)
    config = tmp_path / "tx.toml"
    text = config.read_text(encoding="utf-8")
    warm = text.replace("apertium_keep_alive = 300", f"apertium_keep_alive = {keep_alive}")
    config.write_text(warm, encoding="utf-8")
    shutil.copyfile(STORY, tmp_path / "articles" / "story.txt")
    args = ("translate", "articles/story.txt", "--to", "es", "--engine", "apertium")
    runtime = Path(tempfile.mkdtemp(prefix="tx-t-"))  # short: a socket's path is bounded
    try:
        imported = _imported(tmp_path, *args, runtime=runtime)
        again = _imported(tmp_path, *args, runtime=runtime)  # unchanged: nothing to do
    finally:
        apertium_client.stop_servers(runtime / "tx")
        shutil.rmtree(runtime, ignore_errors=True)
    assert "translate.checks.segment" in imported  # the run did check its sentences
    assert (tmp_path / "translations" / "es" / "story.json").is_file()
    loaded = {name for name in NOT_ON_THE_PATH if name in imported}
    assert not loaded, f"tx translate loaded {sorted(loaded)}"
    assert not {name for name in NOT_ON_THE_PATH if name in again} - {
        "sqlite3",  # the memory now has a work file to index
        "translate.memory.stored",
        "translate.memory.database",
    }
    assert "babel" not in again and "translate.translation.engines.catalogue" not in again


def test_help_loads_every_command(tmp_path: Path) -> None:
    imported = _imported(tmp_path, "--help")
    assert {f"translate.cli.{name}" for name in translate.cli.COMMAND_MODULES} <= imported
    assert "translate.translation.pipeline" not in imported


def test_every_command_is_found_in_the_module_named_for_it() -> None:
    group = typer.main.get_command(translate.cli.app)
    assert set(group.commands) == set(translate.cli.COMMANDS)  # type: ignore[attr-defined]
    found = {}
    for info in translate.cli.app.registered_commands:
        assert info.callback is not None
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        found[name] = info.callback.__module__
    for group_info in translate.cli.app.registered_groups:
        modules = {
            command.callback.__module__
            for command in group_info.typer_instance.registered_commands
            if command.callback is not None
        }
        assert len(modules) == 1, group_info.name
        found[str(group_info.name)] = modules.pop()
    assert found == {
        name: f"translate.cli.{module}" for name, module in translate.cli.COMMANDS.items()
    }
