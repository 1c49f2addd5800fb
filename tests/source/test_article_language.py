"""Each article is translated from its own language (front matter ``lang``, else tx.toml),
through the engines for that pair; it is never translated into itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BuildArgos
from support.cli import tx

from translate import workspace
from translate.translation.engines import argos_packages
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import workfiles

SPANISH = """\
---
title: El puerto de Valencia reabre tras la tormenta
lang: es
---

El puerto de Valencia reabrió el lunes después de tres días cerrado por la tormenta.

Los estibadores trabajaron toda la noche para revisar las grúas. La autoridad portuaria dijo
que los retrasos durarían una semana.
"""

ENGLISH = """\
---
title: Ports Reopen After the Storm
---

The ports reopened on Monday. Dockworkers checked the cranes overnight.
"""

needs_apertium = pytest.mark.skipif(
    not ApertiumEngine().supports("es", "en"), reason="apertium spa-eng is not installed"
)


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "valencia.md").write_text(SPANISH, "utf-8")
    (tmp_path / "articles" / "ports.md").write_text(ENGLISH, "utf-8")
    return workspace.load(tmp_path)


@pytest.mark.apertium
@needs_apertium
def test_a_spanish_article_goes_into_english_and_french_through_the_right_engines(
    ws: workspace.Workspace,
    build_argos: BuildArgos,
    argos_packages_dir: Path,
    network_blocked: list[object],
) -> None:
    argos_packages.install_file(build_argos("es", "en"))
    argos_packages.install_file(build_argos("en", "fr"))
    code, output = tx(ws, "translate", "valencia", "--to", "en", "--engine", "apertium")
    assert code == 0, output
    english = workfiles.load(ws.work_file("valencia", "en"))
    assert english.source_lang == "es"
    assert {item.origin for item in english.segments} == {"apertium:spa-eng"}
    assert "storm" in english.segments[0].target.lower()  # apertium's own English
    code, output = tx(ws, "translate", "valencia", "--to", "fr", "--engine", "argos")
    assert code == 0, output
    french = workfiles.load(ws.work_file("valencia", "fr"))
    assert french.source_lang == "es"
    origins = {item.origin for item in french.segments}
    assert len(origins) == 1 and origins.pop().startswith("argos:es-en-")
    assert "+en-fr-" in french.segments[0].origin  # through English
    code, output = tx(ws, "status")
    assert code == 0
    assert any(line.split()[:3] == ["valencia", "es", "fr"] for line in output.splitlines())


def test_an_article_is_not_translated_into_its_own_language(ws: workspace.Workspace) -> None:
    code, output = tx(ws, "translate", "--to", "es", "--dry-run")
    assert code == 0, output
    assert "skipped: " in output and "valencia.md: the article is written in 'es'" in output
    assert "ports" in output  # the English article is still translated
    code, output = tx(ws, "status")
    assert not any(
        line.startswith("valencia") and line.split()[2] == "es" for line in output.splitlines()
    )
