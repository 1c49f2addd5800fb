"""Hostile names and addresses for the published site (issue 25, items 2 and 10): an article
slug that names a file tx writes itself, and a base_url that is not a web address."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import tx
from support.sample_site import make_workspace

from translate import workspace
from translate.models import State
from translate.publish.register import load as load_register


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file but tx's state (.tx/) and rebuildable caches (translations/.cache/)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".tx" not in p.parts and ".cache" not in p.parts
    }


@pytest.mark.parametrize(
    ("file_name", "front"),
    [
        ("index.md", ""),
        ("story.md", "slug: index\n"),
        ("Index.md", ""),
        ("feed.md", ""),
        ("sitemap.md", ""),
        ("assets.md", ""),
        ("drafts.md", ""),
        ("review.md", ""),
        ("notes.md", "slug: site\n"),
        ("index.v2.md", ""),
    ],
)
def test_an_article_named_like_a_file_tx_writes_is_refused_and_nothing_changes(
    tmp_path: Path, file_name: str, front: str
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    assert tx(ws, "export")[0] == 0
    index = ws.site_dir / "es" / "index.html"
    text = f"---\ntitle: Budget vote tonight\n{front}---\n\nThe council votes on the budget.\n"
    (ws.articles_dir / file_name).write_text(text, encoding="utf-8")
    before = snapshot(ws.root)
    for args in (("export",), ("translate", "--to", "es", "--engine", "apertium"), ("status",)):
        code, out = tx(ws, *args)
        assert code == 1, (args, out)
        assert "is a name tx writes itself" in out and "rename the file" in out, out
        assert "Traceback" not in out
        assert snapshot(ws.root) == before
    assert "Artículos" in index.read_text(encoding="utf-8")
    assert all(item.slug != "index" for item in load_register(ws).editions.values())


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript://news.example.org/%0aalert(1)",
        "data:text/html,hi",
        "file:///etc",
        "ftp://news.example.org",
        "news.example.org",
        "https://",
        "https://news.example.org/a b",
        "https://news.example.org/\u202eevil",
        "https://[::1",
    ],
)
def test_a_base_url_that_is_not_a_web_address_is_refused_where_tx_toml_is_read(
    tmp_path: Path, address: str
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    assert tx(ws, "export")[0] == 0
    config = ws.root / "tx.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('"https://news.example.org"', '"' + address.replace("\\", "\\\\") + '"'),
        encoding="utf-8",
    )
    before = snapshot(ws.root)
    ws = workspace.Workspace(ws.root, ws.settings)
    for args in (("export",), ("status",), ("withdraw", "sample", "--lang", "es", "--reason", "x")):
        code, out = tx(ws, *args)
        assert code == 1 and "'base_url' must be an http or https address" in out, out
        assert out.count("\n") == 1
    assert snapshot(ws.root) == before
    for page in (ws.site_dir).rglob("*"):
        if page.is_file() and page.suffix in (".html", ".atom", ".xml"):
            assert "javascript" not in page.read_text(encoding="utf-8").lower()


def test_an_export_stopped_by_one_bad_work_file_changes_nothing(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.REVIEWED})
    assert tx(ws, "export", "--lang", "es")[0] == 0
    ws.work_file("sample", "fr").write_text('{"format": 1, "segments": [', encoding="utf-8")
    before = snapshot(ws.root)
    code, out = tx(ws, "export")
    assert code == 1 and out.startswith("error: ") and "sample.json" in out, out
    assert snapshot(ws.root) == before


def test_a_write_that_fails_half_way_leaves_the_register_describing_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.publish.render import html

    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    real = html.render
    written: list[str] = []

    def render(item: object) -> bytes:
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(item.article.slug)  # type: ignore[attr-defined]
        return real(item)  # type: ignore[arg-type]

    monkeypatch.setattr(html, "render", render)
    code, out = tx(ws, "export", "--format", "html")
    assert code == 1 and "No space left on device" in out
    recorded = load_register(ws).editions
    assert len(recorded) == 3
    for slug, lang in recorded:
        assert ws.edition_file(slug, lang, "html").is_file()
        assert f'href="{slug}.html"' in (ws.site_dir / lang / "index.html").read_text("utf-8")
    assert len([p for p in ws.site_dir.rglob("*.html") if p.name != "index.html"]) == 3
