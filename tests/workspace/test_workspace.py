"""Workspaces: found upward like git, settings validated, files written atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from translate import workspace
from translate.errors import WorkspaceError


def test_init_creates_folders_and_commented_settings(tmp_path: Path) -> None:
    created = workspace.init(tmp_path / "news")
    names = sorted(p.name for p in created)
    assert names == [".gitignore", "articles", "exports", "glossaries", "translations", "tx.toml"]
    ignored = (tmp_path / "news" / "translations" / ".gitignore").read_text(encoding="utf-8")
    assert ".cache/" in ignored.splitlines() and "concordance.sqlite" in ignored.splitlines()
    text = (tmp_path / "news" / "tx.toml").read_text(encoding="utf-8")
    assert text.startswith("# tx workspace settings")
    assert workspace.init(tmp_path / "news") == ()  # nothing overwritten


def test_workspace_is_found_from_a_subfolder(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    deep = tmp_path / "articles" / "x"
    deep.mkdir()
    ws = workspace.load(start=deep)
    assert ws.root == tmp_path.resolve()
    assert ws.work_file("a", "es") == tmp_path.resolve() / "translations" / "es" / "a.json"


def test_missing_workspace_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="run `tx init`"):
        workspace.load(start=tmp_path)


def test_bad_settings_name_the_file(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    config = tmp_path / "tx.toml"
    config.write_text('engine = "google"\n', encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r"tx.toml: unknown engine 'google'"):
        workspace.load(tmp_path)
    config.write_text("engine = [\n", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="invalid TOML"):
        workspace.load(tmp_path)


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "file.txt"
    workspace.write_text(target, "one")
    workspace.write_text(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert os.listdir(target.parent) == ["file.txt"]


def test_articles_are_found_by_path_or_slug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    story = ws.articles_dir / "story.md"
    story.write_text("---\ntitle: T\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "exports")
    assert ws.find_article("story") == story
    assert ws.find_article("articles/story.md") == story
    assert ws.find_article(str(story)) == story
    with pytest.raises(WorkspaceError, match="no such article"):
        ws.find_article("nothing")


def test_apertium_keep_alive_is_whole_seconds(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    assert workspace.load(tmp_path).settings.engine_options.apertium_keep_alive == 300
    config = tmp_path / "tx.toml"
    template = config.read_text(encoding="utf-8")
    config.write_text(template.replace("keep_alive = 300", "keep_alive = 0"), encoding="utf-8")
    assert workspace.load(tmp_path).settings.engine_options.apertium_keep_alive == 0
    for bad in ("-1", "1.5", '"300"', "true", "86401"):
        config.write_text(template.replace("= 300", f"= {bad}"), encoding="utf-8")
        with pytest.raises(WorkspaceError, match=r"tx.toml: 'apertium_keep_alive' must be a whole"):
            workspace.load(tmp_path)
