"""`tx translate` end to end with real engines: apertium eng-spa and a built argos package."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.wire_story import WIRE_STORY, add_wire_story
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.glossary import find_terms, load_workspace_glossary
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import workfiles

REPOSITORY = Path(__file__).resolve().parents[2]
runner = CliRunner()

needs_apertium = pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    """A workspace with the house glossary and the wire story as ``articles/story.txt``."""
    workspace.init(tmp_path)
    shutil.copy(REPOSITORY / "glossaries" / "house.csv", tmp_path / "glossaries" / "house.csv")
    add_wire_story(tmp_path)
    return workspace.load(tmp_path)


def tx(ws: workspace.Workspace, *args: str) -> str:
    result = runner.invoke(app, ["--workspace", str(ws.root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def term_success(ws: workspace.Workspace, lang: str) -> tuple[int, int]:
    """(occurrences rendered with the approved term, occurrences) in a work file."""
    glossary = load_workspace_glossary(ws)
    good = total = 0
    for item in workfiles.load(ws.work_file("story", lang)).segments:
        for match in find_terms(glossary, item.segment.source):
            approved = match.term.target(lang)
            if approved is None:
                continue
            total += 1
            good += approved.lower() in item.target.lower()
    return good, total


@pytest.mark.apertium
@needs_apertium
def test_wire_story_into_spanish_with_apertium_uses_every_house_term(
    ws: workspace.Workspace, network_blocked: list[object]
) -> None:
    output = tx(ws, "translate", "articles/story.txt", "--to", "es", "--engine", "apertium")
    assert network_blocked == [], "tx translate touched the network"
    assert "apertium:eng-spa" in output
    translation = workfiles.load(ws.work_file("story", "es"))
    targets = [item.target for item in translation.segments]
    text = "\n".join(targets)
    assert text.count("China (el PCCh)") == 2
    assert "Donald Trump" in text and "Triunfo" not in text
    assert "Volodímir Zelenski" in text and "Casa Blanca" in text
    assert not re.search(r"777\d{4}|ZX\d+Q", text), "a placeholder leaked"
    good, total = term_success(ws, "es")
    assert total == 23 and good == total
    assert all(item.origin == "apertium:eng-spa" for item in translation.segments)


@pytest.mark.apertium
@needs_apertium
def test_second_run_makes_no_engine_call(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    tx(ws, "translate", "articles/story.txt", "--to", "es", "--engine", "apertium")
    before = ws.work_file("story", "es").read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("engine called on an unchanged article")

    monkeypatch.setattr(ApertiumEngine, "translate", refuse)
    output = tx(ws, "translate", "articles/story.txt", "--to", "es", "--engine", "apertium")
    assert "unchanged" in output
    assert ws.work_file("story", "es").read_bytes() == before
    assert "story" in tx(ws, "status") and "translated" in tx(ws, "status")


def test_argos_engine_end_to_end_keeps_terms_names_and_placeholders(
    ws: workspace.Workspace, argos_package_file: Path, argos_packages_dir: Path
) -> None:
    tx(ws, "models", "install", str(argos_package_file))
    output = tx(ws, "translate", "articles/story.txt", "--to", "es", "--engine", "argos")
    assert "argos:en-es" in output
    translation = workfiles.load(ws.work_file("story", "es"))
    assert len(translation.segments) == 25
    text = "\n".join(item.target for item in translation.segments)
    assert text.count("China (el PCCh)") == 2 and "China (the CCP)" not in text
    assert "Donald Trump" in text and "Volodímir Zelenski" in text and "2025" in text
    assert not re.search(r"ZX\d+Q", text, re.IGNORECASE), "a placeholder leaked"
    for item in translation.segments:
        assert item.origin.startswith("argos:en-es") and item.score is not None
        # the built model copies every placeholder through: nothing is translated twice
        assert "placeholder" not in [flag.code for flag in item.flags], item.flags
    # lowercase words come out changed, as from a foreign language
    assert " said " in WIRE_STORY.read_text(encoding="utf-8") and " said " not in text
    good, total = term_success(ws, "es")
    assert total == 23 and good == total


def test_dry_run_lists_segments_and_writes_nothing(ws: workspace.Workspace) -> None:
    output = tx(ws, "translate", "articles/story.txt", "--to", "es", "--dry-run")
    assert "would translate" in output and "dry run" in output
    assert not ws.work_file("story", "es").exists()


def test_no_engine_for_the_pair_says_how_to_install_one(
    ws: workspace.Workspace, argos_packages_dir: Path
) -> None:
    result = runner.invoke(
        app, ["--workspace", str(ws.root), "translate", "articles/story.txt", "--to", "fi"]
    )
    assert result.exit_code == 1
    assert "no engine can translate en to fi" in result.output
    assert "tx models install en fi" in result.output
