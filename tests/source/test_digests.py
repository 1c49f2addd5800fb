"""The facts ``tx status`` keeps of each article: read once, again only when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate import workspace
from translate.source import digests
from translate.status import workspace_status


@pytest.fixture
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "story.md").write_text(
        "---\ntitle: Talks\n---\n\nTalks resumed. They ended late.\n", "utf-8"
    )
    return workspace.load(tmp_path)


def _no_reading(ws: workspace.Workspace, path: Path) -> digests.ArticleFacts:
    raise AssertionError(f"{path} was read again")


def test_unchanged_articles_are_not_read_again(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = workspace_status(ws)
    monkeypatch.setattr(digests, "_read", _no_reading)
    assert workspace_status(ws) == first


def test_a_changed_article_is_read_again(ws: workspace.Workspace) -> None:
    [row] = [r for r in workspace_status(ws) if r.lang == "es"]
    assert row.total == 3
    (ws.articles_dir / "story.md").write_text(
        "---\ntitle: Talks\n---\n\nTalks resumed. They ended late. Nobody spoke.\n", "utf-8"
    )
    [row] = [r for r in workspace_status(ws) if r.lang == "es"]
    assert row.total == 4


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[]", b'{"key": "x", "articles": {}}', b'{"articles": {"a": [1]}}'],
)
def test_a_damaged_or_foreign_cache_is_ignored(ws: workspace.Workspace, content: bytes) -> None:
    expected = workspace_status(ws)
    cache = ws.translations_dir / ".cache" / digests.CACHE_FILE
    cache.write_bytes(content)
    assert workspace_status(ws) == expected


def test_a_forged_entry_of_the_wrong_shape_is_read_again(ws: workspace.Workspace) -> None:
    import json

    expected = workspace_status(ws)
    cache = ws.translations_dir / ".cache" / digests.CACHE_FILE
    data = json.loads(cache.read_bytes())
    for entry in data["articles"].values():
        entry[4] = "many"
    cache.write_text(json.dumps(data), "utf-8")
    assert workspace_status(ws) == expected
