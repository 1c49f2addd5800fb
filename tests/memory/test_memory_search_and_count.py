"""Concordance across articles (tx memory search) and word counts by match band (tx count)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from support.fake_engine import FakeEngine
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.memory.analysis import analyse, characters, words
from translate.memory.concordance import MARK_END, MARK_START, index_path, search
from translate.models import State
from translate.translation.pipeline import translate
from translate.workspace import workfiles

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE = REPOSITORY / "articles" / "ukraine-guarantees-talks.md"
runner = CliRunner()


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "ports.md").write_text(
        "---\ntitle: Ports Reopen\n---\n\n"
        "The ports reopened on Monday after the storm. Russia said the talks would go on.\n",
        "utf-8",
    )
    (tmp_path / "articles" / "storm.md").write_text(
        "---\ntitle: Storm Damage\n---\n\n"
        "Farmers counted the damage on Tuesday. Russia said the talks would go on.\n",
        "utf-8",
    )
    ws = workspace.load(tmp_path)
    translate(ws, ws.article_files(), ["es", "de"], choose_engine=lambda s, t: FakeEngine())
    return ws


def review_all(ws: workspace.Workspace, slug: str, lang: str) -> None:
    path = ws.work_file(slug, lang)
    translation = workfiles.load(path)
    done = tuple(item.with_changes(state=State.REVIEWED) for item in translation.segments)
    workfiles.save(path, replace(translation, segments=done, revision=translation.revision + 1))


def test_a_phrase_is_found_across_articles_with_its_place_marked(ws: workspace.Workspace) -> None:
    hits = search(ws, "the talks", lang="es")
    assert sorted(hit.slug for hit in hits) == ["ports", "storm"]
    assert all(f"{MARK_START}the talks{MARK_END}" in hit.source for hit in hits)
    assert {hit.lang for hit in hits} == {"es"} and all(hit.date for hit in hits)
    assert {h.lang for h in search(ws, "THE TALKS")} == {"es", "de"}  # any case, every language
    target_side = search(ws, "dijo", side="target")
    assert target_side and all(MARK_START in hit.target for hit in target_side)
    assert search(ws, "dijo", side="source") == []


def test_the_index_follows_changes_and_is_rebuilt_when_damaged(ws: workspace.Workspace) -> None:
    assert len(search(ws, "Farmers", lang="es")) == 1
    (ws.articles_dir / "storm.md").write_text(
        "---\ntitle: Storm Damage\n---\n\nGrowers counted the damage on Tuesday.\n", "utf-8"
    )
    translate(ws, ws.article_files(), ["es"], choose_engine=lambda s, t: FakeEngine())
    assert search(ws, "Farmers", lang="es") == []
    assert len(search(ws, "Growers", lang="es")) == 1
    ws.work_file("ports", "de").unlink()
    assert {hit.lang for hit in search(ws, "reopened")} == {"es"}
    index_path(ws).write_bytes(b"not a database at all")
    assert len(search(ws, "Growers")) == 1


def test_short_phrases_in_scripts_without_spaces(ws: workspace.Workspace) -> None:
    (ws.articles_dir / "zh.md").write_text(
        "---\ntitle: 港口重新开放\nlang: zh\n---\n\n港口周一重新开放。\n", "utf-8"
    )
    translate(ws, [ws.articles_dir / "zh.md"], ["en"], choose_engine=lambda s, t: FakeEngine())
    hits = search(ws, "港口")
    assert len(hits) == 2 and f"{MARK_START}港口{MARK_END}" in hits[0].source


def test_tx_memory_search(ws: workspace.Workspace) -> None:
    result = runner.invoke(app, ["--workspace", str(ws.root), "memory", "search", "talks"])
    assert result.exit_code == 0, result.output
    assert "[talks]" in result.output and "4 sentence pair(s)" in result.output


def test_words_are_counted_as_cat_tools_count_them() -> None:
    # by hand: U.S. | officials | met | on | March | 3, | 2026 | — | in | 12.5% | of
    # | dual-use | cases.  The dash holds no letter or digit: 12 words.
    assert words("U.S. officials met on March 3, 2026 — in 12.5% of dual-use cases.") == 12
    assert words("港口周一重新开放。") == 8  # eight characters, the full stop is not a word
    assert words("Kyiv 港口 opened") == 4
    assert characters("A b  c.") == 4


def test_bands_follow_the_memory(ws: workspace.Workspace) -> None:
    (ws.articles_dir / "third.md").write_text(
        "---\ntitle: Ports Reopen\n---\n\n"
        "The ports reopened on Tuesday after the storm. Nothing like this was ever written.\n",
        "utf-8",
    )
    review_all(ws, "ports", "es")
    results = {r.slug: r for r in analyse(ws, ws.article_files(), ["es"])}
    ports = results["ports"].bands
    assert ports["context"].segments == 3 and results["ports"].total.segments == 3
    third = results["third"].bands
    assert third["exact"].segments == 1  # the title, reviewed in "ports"
    assert third["85-94"].segments == 1  # 9 words, one changed: 88
    assert third["new"].segments == 1
    storm = results["storm"].bands
    assert storm["exact"].segments == 1  # "Russia said the talks would go on."


def test_counts_agree_with_a_hand_count_of_the_sample_article(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "articles")
    ws = workspace.load(tmp_path)
    [result] = analyse(ws, ws.article_files(), ["es"])
    # 24 segments; 386 words, the count `wc -w` gives for the text of its segments (no
    # free-standing punctuation in it), every one new in an empty workspace.
    assert result.total == result.bands["new"]
    assert (result.total.segments, result.total.words) == (24, 386)
    code = runner.invoke(
        app, ["--workspace", str(tmp_path), "count", "--lang", "es", "--format", "json"]
    )
    data = json.loads(code.output)
    assert data[0]["bands"]["new"]["words"] == 386
    csv = runner.invoke(
        app, ["--workspace", str(tmp_path), "count", "--lang", "es", "--format", "csv"]
    )
    assert "ukraine-guarantees-talks,es,new,24,386," in csv.output
