"""Which engine translates each language, and why (issue 30): `tx engines` says it per
workspace language; [engines] in tx.toml pins a language; installing an Argos model under
engine = "auto" that moves a language to another engine is announced by `tx translate`; no
hint sends the reader back to the command that printed it; no empty tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.cli import tx

from translate import workspace
from translate.errors import WorkspaceError

STORY = """---
title: Ferry service resumes
---

The ferry service resumed on Tuesday morning.
"""

needs_apertium = pytest.mark.skipif(
    shutil.which("apertium") is None, reason="needs Debian's apertium-eng-spa"
)


def make(root: Path, extra: str = "") -> workspace.Workspace:
    workspace.init(root)
    config = root / "tx.toml"
    text = config.read_text(encoding="utf-8").replace(
        'target_langs = ["es", "fr", "de"]', 'target_langs = ["es", "sw"]'
    )
    config.write_text(text + extra, encoding="utf-8")
    (root / "articles" / "ferry.md").write_text(STORY, encoding="utf-8")
    return workspace.load(root)


@pytest.mark.apertium
@needs_apertium
def test_engines_says_which_engine_and_why_without_a_circular_hint(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    ws = make(tmp_path)
    code, output = tx(ws, "engines")
    assert code == 0, output
    line = next(line for line in output.splitlines() if line.strip().startswith("en -> es"))
    assert "apertium:eng-spa" in line and "auto: no Argos model serves it, apertium does" in line
    swahili = next(line for line in output.splitlines() if line.strip().startswith("en -> sw"))
    assert "no engine" in swahili
    assert "`tx engines` lists what serves what" not in output


@pytest.mark.apertium
@needs_apertium
def test_a_pinned_language_says_so(tmp_path: Path, argos_packages_dir: Path) -> None:
    ws = make(tmp_path, '\n[engines]\nes = "apertium"\n')
    assert ws.settings.engine_for("es") == "apertium"
    assert ws.settings.engine_for("es-MX") == "apertium"
    assert ws.settings.engine_for("sw") == "auto"
    code, output = tx(ws, "engines")
    assert code == 0, output
    assert 'pinned in tx.toml ([engines] es = "apertium")' in output


def test_an_unknown_pinned_engine_is_refused_where_tx_toml_is_read(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match=r"\[engines\] es: unknown engine 'google'"):
        make(tmp_path, '\n[engines]\nes = "google"\n')


@pytest.mark.apertium
@needs_apertium
def test_translate_prints_no_empty_table_when_nothing_can_run(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    ws = make(tmp_path)
    code, output = tx(ws, "translate", "ferry", "--to", "sw")
    assert code == 1
    assert "article" not in output.splitlines()[0]  # no header of an empty table
    assert "not translated into sw" in output


@pytest.mark.apertium
@needs_apertium
def test_an_argos_model_that_moves_a_language_is_announced_and_a_pin_keeps_it(
    tmp_path: Path, argos_package_file: Path, argos_packages_dir: Path
) -> None:
    ws = make(tmp_path)
    code, output = tx(ws, "translate", "ferry", "--to", "es")
    assert code == 0 and "[apertium:eng-spa]" in output, output
    code, output = tx(ws, "models", "install", str(argos_package_file))
    assert code == 0, output
    article = ws.articles_dir / "ferry.md"
    article.write_text(STORY + "\nTickets cost two euros.\n", encoding="utf-8")
    code, output = tx(ws, "translate", "ferry", "--to", "es")
    assert code == 0, output
    assert "note: es is now translated by another engine (apertium -> argos)" in output
    assert '[engines] es = "apertium"' in output
    config = ws.root / "tx.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[engines]\nes = "apertium"\n', encoding="utf-8"
    )
    article.write_text(STORY + "\nTickets cost three euros.\n", encoding="utf-8")
    code, output = tx(ws, "translate", "ferry", "--to", "es")
    assert code == 0, output
    assert "[apertium:eng-spa]" in output and "now translated by another engine" not in output
