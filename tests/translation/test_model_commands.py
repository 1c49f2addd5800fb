"""``tx engines`` and ``tx models list|install|remove`` through the real CLI, what ``tx
translate`` says about languages without an engine, the device, and ``tx --help`` staying
light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.translation.engines import catalogue
from translate.translation.engines.apertium import ApertiumEngine

runner = CliRunner()
REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE = REPOSITORY / "articles" / "ukraine-guarantees-talks.md"
needs_apertium = pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)


@pytest.fixture(autouse=True)
def index_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hints come from the index snapshot, whatever argospm cached on this machine."""
    monkeypatch.setattr(catalogue, "local_index", lambda: None)


@pytest.fixture()
def newsroom(tmp_path: Path) -> Path:
    """A fresh workspace (targets es, fr, de) with the sample article."""
    workspace.init(tmp_path / "ws")
    (tmp_path / "ws" / "articles" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    return tmp_path / "ws"


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
    assert row == [
        "en",
        "es",
        "1.0",
        "sentencepiece",
        str(argos_packages_dir / "translate-en_es-1_0"),
    ]

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


def test_engines_lists_direct_and_english_pivot_pairs_with_versions_and_decoding(
    build_argos: object, argos_packages_dir: Path, network_blocked: list[object]
) -> None:
    from translate.translation.engines import argos_packages

    build = build_argos  # conftest's builder
    for pair in (("en", "es"), ("fr", "en"), ("en", "de")):
        argos_packages.install_file(build(*pair))  # type: ignore[operator]
    argos_packages.install_file(build("en", "pb", tokenizer="bpe"))  # type: ignore[operator]
    result = runner.invoke(app, ["engines"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "argos en es direct en-es 1.0 (sentencepiece) beam 4, length penalty 0.2" in lines
    assert "argos en pt-BR direct en-pb 1.0 (bpe) beam 4, length penalty 0.2" in lines
    assert any(
        line.startswith("argos fr de through English fr-en 1.0 + en-de 1.0 beam 4")
        for line in lines
    )
    assert any(line.startswith("argos fr pt-BR through English") for line in lines)
    assert "int8 on cpu" in result.output
    assert network_blocked == []


def test_engines_in_a_workspace_says_what_serves_each_language(
    argos_package_file: Path, argos_packages_dir: Path, newsroom: Path
) -> None:
    from translate.translation.engines import argos_packages

    argos_packages.install_file(argos_package_file)
    config = newsroom / "tx.toml"
    config.write_text(
        config.read_text().replace("beam_size = 4", "beam_size = 2")
        + "\n[decoding.es]\nbeam_size = 6\nlength_penalty = 1.0\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--workspace", str(newsroom), "engines"])
    assert result.exit_code == 0, result.output
    assert "en -> es: argos:en-es-1.0 (beam 6, length penalty 1, int8 on cpu)" in result.output
    assert "en -> fr: no engine: " in result.output
    assert "`tx models install en fr` (Argos package index)" in result.output
    assert "apertium-eng-fra" not in result.output  # Debian has no such package


@needs_apertium
def test_a_fresh_workspace_translates_what_it_can_and_names_what_to_install(
    argos_packages_dir: Path, newsroom: Path
) -> None:
    args = ["--workspace", str(newsroom), "translate"]
    planned = runner.invoke(app, [*args, "--dry-run"])
    assert planned.exit_code == 3  # es would be done, fr and de not: done in part
    assert "not translated into fr" in planned.output and "not translated into de" in planned.output
    assert not (newsroom / "translations" / "es").exists()
    result = runner.invoke(app, args)
    assert result.exit_code == 3  # done in part: Spanish translated, the rest listed
    assert (newsroom / "translations" / "es" / f"{SAMPLE.stem}.json").is_file()
    assert not (newsroom / "translations" / "fr").exists()
    for lang in ("fr", "de"):
        assert f"not translated into {lang}: no engine can translate en to {lang}" in result.output
        assert f"`tx models install en {lang}` (Argos package index)" in result.output
    assert "apertium-eng-fra" not in result.output and "apertium-eng-deu" not in result.output


def test_hints_name_only_real_packages() -> None:
    hint = catalogue.how_to_get("es", "fr")
    assert "`tx models install es en` and `tx models install en fr`" in hint
    assert "apt-get install apertium apertium-fr-es" in hint
    assert "tx models install en zh-Hant" in catalogue.how_to_get("en", "zh-TW")
    assert "tx models install en pt-BR" in catalogue.how_to_get("en", "pt-BR")
    assert "apertium-eng-cat" in catalogue.how_to_get("en", "ca")
    nothing = catalogue.how_to_get("en", "sw")
    assert "neither the Argos package index nor Debian's apertium has a package" in nothing
    for package in catalogue.DEBIAN_APERTIUM:
        assert package.startswith("apertium-") and package.count("-") == 2
    for lang in ("uk", "ar", "de", "fr"):
        assert catalogue.apertium_package("en", lang) is None


def test_the_cached_index_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "index.json"
    index.write_text(json.dumps([{"from_code": "en", "to_code": "sw", "type": "translate"}]))
    monkeypatch.setattr(catalogue, "local_index", lambda: index)
    assert "`tx models install en sw`" in catalogue.how_to_get("en", "sw")


def test_device_cuda_without_a_gpu_is_one_clear_error(newsroom: Path) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA GPU")
    result = runner.invoke(app, ["--workspace", str(newsroom), "translate", "--device", "cuda"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "device 'cuda' was asked for, but CTranslate2 finds no CUDA GPU" in line
    assert "--device cpu" in line
    assert not (newsroom / "translations" / "es").exists()
    bad = runner.invoke(app, ["--workspace", str(newsroom), "translate", "--device", "gpu"])
    assert bad.exit_code == 2 and "unknown device 'gpu'" in bad.output


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('device = "gpu"', "'device' must be one of auto, cpu, cuda"),
        ("beam_size = 0", "'beam_size' must be a whole number from 1 to 64"),
        ("length_penalty = -1", "'length_penalty' must be a number >= 0"),
        ('decoding = "fast"', "'decoding' must be a table"),
        ("[decoding.de]\nbeam_size = 2.5", "'decoding.de.beam_size' must be a whole number"),
    ],
)
def test_decoding_settings_are_checked(newsroom: Path, setting: str, message: str) -> None:
    config = newsroom / "tx.toml"
    text = config.read_text().replace('device = "auto"\n', "").replace("beam_size = 4\n", "")
    config.write_text(text + "\n" + setting + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--workspace", str(newsroom), "engines"])
    assert result.exit_code == 1
    assert message in result.output and "tx.toml" in result.output
