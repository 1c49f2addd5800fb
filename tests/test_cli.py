"""The tx command as a whole: version, complete help, one-line errors, the right package."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import translate
from translate.cli import app

runner = CliRunner()
REPOSITORY = Path(__file__).resolve().parents[1]


def test_import_translate_is_this_repository() -> None:
    # translate-toolkit also installs a package named `translate`; ours must win.
    assert Path(translate.__file__).resolve().parent == REPOSITORY / "translate"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"tx {translate.__version__}"


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in getattr(group, "commands", {}).items():
        found.append((*prefix, name))
        found.extend(_commands(command, (*prefix, name)))
    return found


def test_every_command_has_complete_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = _commands(group)
    expected = {("init",), ("translate",), ("status",), ("segments",), ("glossary",)}
    assert expected <= set(commands)
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        body = result.output.split("Options:")[0]
        assert len(body.split()) > 6, f"help of tx {' '.join(path)} says too little"
        if "Options:" in result.output:
            for line in result.output.split("Options:")[1].splitlines():
                if line.strip().startswith("--") and "--help" not in line:
                    assert len(line.split()) > 1, f"option without help in tx {' '.join(path)}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status"], "no tx.toml found"),
        (["translate", "--to", "es"], "no tx.toml found"),
    ],
)
def test_errors_are_one_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert message in result.output and "Traceback" not in result.output


def test_init_and_status_on_an_empty_workspace(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "news")])
    assert result.exit_code == 0 and "created" in result.output
    result = runner.invoke(app, ["--workspace", str(tmp_path / "news"), "status"])
    assert result.exit_code == 0 and "no articles yet" in result.output
