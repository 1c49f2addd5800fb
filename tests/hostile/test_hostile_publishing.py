"""Hostile inputs to publishing: a register of editions edited by hand, deleted articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.sample_site import make_workspace

from translate import workspace
from translate.errors import ExportError
from translate.models import State
from translate.publish import register
from translate.publish.publishing import publish


def _published(tmp_path: Path) -> tuple[Path, Path]:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    publish(ws, formats=("html",))
    return ws.root, ws.exports_dir / register.REGISTER_NAME


@pytest.mark.parametrize(
    "name",
    ["review/es/sample.xlf", "drafts/es/sample.html", "editions.json", "es/other.html"],
)
def test_a_register_entry_naming_another_file_in_exports_deletes_nothing(
    tmp_path: Path, name: str
) -> None:
    root, path = _published(tmp_path)
    kept = root / "exports" / name
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text("a translator's work", encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["editions"][0]["files"].append(name)
    path.write_text(json.dumps(data), encoding="utf-8")
    before = kept.read_bytes()
    (root / "articles" / f"{data['editions'][0]['slug']}.md").unlink()
    with pytest.raises(ExportError, match="names a file that is not its own"):
        publish(_ws(root))
    assert kept.read_bytes() == before


def test_a_deeply_nested_register_is_an_error_not_a_crash(tmp_path: Path) -> None:
    root, path = _published(tmp_path)
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(ExportError, match="register of published editions cannot be read"):
        publish(_ws(root))


def _ws(root: Path) -> workspace.Workspace:
    return workspace.load(root)


def test_sanitized_raw_html_loads_nothing_from_elsewhere() -> None:
    from translate.source.sanitize import sanitize_html

    html = '<div><p>Read <a href="https://x.example/a">this</a>.</p>'
    pixel = '<img src="https://tracker.example/p.gif" width="1"><img src="local.png"></div>'
    cleaned = sanitize_html(html + pixel)
    assert "<img" not in cleaned and "tracker" not in cleaned and "local.png" not in cleaned
    assert '<a href="https://x.example/a" rel="noopener noreferrer">this</a>' in cleaned


def test_only_articles_of_the_workspace_are_published(tmp_path: Path) -> None:
    root, path = _published(tmp_path / "ws")
    before = path.read_bytes()
    page = root / "exports" / "site" / "es" / "sample.html"
    published = page.read_bytes()
    outside = tmp_path / "sample.md"  # same slug, other text: not the workspace's article
    text = (root / "articles" / "sample.md").read_text(encoding="utf-8")
    outside.write_text(text.replace("library", "casino"), encoding="utf-8")
    with pytest.raises(ExportError, match="not an article of this workspace"):
        publish(_ws(root), [str(outside)])
    assert path.read_bytes() == before and page.read_bytes() == published
