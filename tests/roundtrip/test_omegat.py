"""A real CAT tool reads tx's memory: OmegaT (Debian's 3.6, headless console mode) translates
a plain-text copy of an article from the TMX that `tx memory export` wrote."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from support.cli import translated_workspace, tx
from support.omegat import console_translate, new_project

from translate.models import State
from translate.source.articles import read_article
from translate.source.segments import segment_article
from translate.workspace import workfiles

ARTICLE = """---
title: Floods close schools
---

The rain stopped on Monday. The river is still high near the old bridge.

The schools in the valley are closed. Teachers will give lessons online.

Officials said the roads would reopen on Friday.
"""

REVIEWED = {
    "Floods close schools": ("Las inundaciones cierran las escuelas", State.FINAL),
    "The rain stopped on Monday.": ("La lluvia paró el lunes.", State.REVIEWED),
    "The schools in the valley are closed.": (
        "Las escuelas del valle están cerradas.",
        State.FINAL,
    ),
    "Officials said the roads would reopen on Friday.": (
        "Las autoridades dijeron que las carreteras reabrirán el viernes.",
        State.REVIEWED,
    ),
}


def test_omegat_translates_an_article_from_txs_exported_memory(tmp_path: Path) -> None:
    ws = translated_workspace(tmp_path / "ws", "floods", ARTICLE)
    path = ws.work_file("floods", "es")
    translation = workfiles.load(path)
    items = tuple(
        item.with_changes(
            target=REVIEWED[item.segment.source][0],
            state=REVIEWED[item.segment.source][1],
            origin="reviewer",
        )
        if item.segment.source in REVIEWED
        else item
        for item in translation.segments
    )
    workfiles.save(path, replace(translation, segments=items, revision=translation.revision + 1))
    machine = {i.segment.source: i.target for i in items if i.segment.source not in REVIEWED}
    assert len(machine) == 2

    project = new_project(tmp_path / "project", "en", "es")
    code, output = tx(ws, "memory", "export", str(project / "omegat" / "project_save.tmx"))
    assert code == 0 and "wrote 4 sentence pair(s)" in output, output
    blocks: dict[int, list[str]] = {}
    article = ws.articles_dir / "floods.md"
    for segment in segment_article(read_article(article, default_lang="en")):
        blocks.setdefault(segment.block, []).append(segment.source)
    plain = "\n\n".join(" ".join(sentences) for sentences in blocks.values()) + "\n"
    (project / "source" / "floods.txt").write_text(plain, encoding="utf-8")

    log = console_translate(project, tmp_path / "home")
    translated = (project / "target" / "floods.txt").read_text(encoding="utf-8")
    for source, (target, _) in REVIEWED.items():
        assert target in translated, log
        assert source not in translated
    for source, target in machine.items():  # machine drafts are not in the memory
        assert source in translated and target not in translated
