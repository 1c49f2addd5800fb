"""``tx models list|install|remove`` through the real CLI, and ``tx --help`` staying light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app

runner = CliRunner()


def test_install_list_remove_a_package_file(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    assert "no Argos model packages installed" in result.output

    result = runner.invoke(app, ["models", "install", str(argos_package_file)])
    assert result.exit_code == 0, result.output
    assert "installed en-es 1.0" in result.output

    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    row = result.output.splitlines()[1].split()
    assert row == ["en", "es", "1.0", str(argos_packages_dir / "translate-en_es-1_0")]

    result = runner.invoke(app, ["models", "remove", "en", "es"])
    assert result.exit_code == 0
    assert "removed en-es 1.0" in result.output
    assert list(argos_packages_dir.iterdir()) == []

    result = runner.invoke(app, ["models", "remove", "en", "es"])
    assert result.exit_code == 1
    assert "error:" in result.output and "no en-es model package is installed" in result.output


def test_install_rejects_an_invalid_file_naming_it(
    argos_packages_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"PK not really")
    result = runner.invoke(app, ["models", "install", str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}: not an Argos model package" in result.output
    assert list(argos_packages_dir.iterdir()) == []


def test_install_needs_a_file_or_two_codes(argos_packages_dir: Path) -> None:
    result = runner.invoke(app, ["models", "install", "es"])
    assert result.exit_code == 2
    assert "not a .argosmodel file" in result.output


def test_install_from_the_index_offline_is_a_clear_error(
    argos_packages_dir: Path, network_blocked: list[object]
) -> None:
    result = runner.invoke(app, ["models", "install", "en", "es"])
    assert result.exit_code == 1
    assert "looks offline" in result.output
    assert "tx models install FILE.argosmodel" in result.output
    assert network_blocked  # the command did try the index


def test_models_help_describes_every_command() -> None:
    result = runner.invoke(app, ["models", "--help"])
    assert result.exit_code == 0
    for command in ("list", "install", "remove"):
        assert command in result.output
    install = runner.invoke(app, ["models", "install", "--help"])
    assert ".argosmodel" in install.output and "network" in install.output


def test_help_imports_no_heavy_library() -> None:
    script = """
import json, sys
from typer.testing import CliRunner
from translate.cli import app
for args in (["--help"], ["models", "--help"], ["models", "install", "--help"]):
    assert CliRunner().invoke(app, args).exit_code == 0
heavy = ("ctranslate2", "argostranslate", "sentencepiece", "docx", "numpy")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []
