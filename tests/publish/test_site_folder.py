"""Where files go: the deployable site in its own folder (tx.toml's site_dir), review
documents, drafts and the register outside it; older workspaces migrated by tx export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support.cli import tx
from support.sample_site import make_workspace

from translate import workspace
from translate.models import State
from translate.publish.publishing import publish
from translate.publish.register import load as load_register


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_site_folder_holds_the_site_and_nothing_internal(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.TRANSLATED})
    assert tx(ws, "review", "export", "sample", "--lang", "fr")[0] == 0
    assert tx(ws, "export", "--lang", "fr", "--draft")[0] == 0
    assert tx(ws, "export")[0] == 3
    site = files_under(ws.root / "exports" / "site")
    assert "es/sample.html" in site and "sitemap.xml" in site and "index.html" in site
    assert not any(name.startswith(("review", "drafts", "editions")) for name in site)
    assert not any(name.endswith((".xlf", ".json")) for name in site)
    assert (ws.exports_dir / "review" / "fr" / "sample.docx").is_file()
    assert (ws.exports_dir / "drafts" / "fr" / "sample.html").is_file()
    assert (ws.exports_dir / "editions.json").is_file()


def test_site_dir_is_set_in_tx_toml_and_named_by_init(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws", {"es": State.REVIEWED})
    config = ws.root / "tx.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"exports/site"', '"public"'), encoding="utf-8"
    )
    ws = workspace.load(ws.root)
    assert tx(ws, "export")[0] == 0
    assert (ws.root / "public" / "es" / "sample.html").is_file()
    assert not (ws.root / "exports" / "es").exists()
    for bad in ('"exports"', '"exports/review"', '"../elsewhere"', '"/var/www"', '"articles"'):
        config.write_text(
            config.read_text(encoding="utf-8").replace('"public"', bad), encoding="utf-8"
        )
        code, out = tx(ws, "status")
        assert code == 1 and "'site_dir'" in out and "folder of its own" in out, out
        config.write_text(
            config.read_text(encoding="utf-8").replace(bad, '"public"'), encoding="utf-8"
        )
    from typer.testing import CliRunner

    from translate.cli import app

    result = CliRunner().invoke(app, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0
    assert "the site to deploy: exports/site/ (site_dir in tx.toml)" in result.output
    assert 'site_dir = "exports/site"' in (tmp_path / "new" / "tx.toml").read_text()


def test_an_older_workspace_is_migrated_by_tx_export_with_a_message(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    publish(ws, formats=("html",))
    # the layout before site_dir: pages in exports/<lang>/, the site files in exports/
    for name in files_under(ws.site_dir):
        target = ws.exports_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(ws.site_dir / name, target)
    shutil.rmtree(ws.site_dir)
    before = {name: (ws.exports_dir / name).read_bytes() for name in files_under(ws.exports_dir)}
    (ws.exports_dir / "review" / "es").mkdir(parents=True)
    (ws.exports_dir / "review" / "es" / "sample.docx").write_bytes(b"a reviewer's document")

    code, out = tx(ws, "export", "--dry-run")
    assert "would move 10 published file(s) from exports/ to exports/site/" in out
    assert not ws.site_dir.exists()
    code, out = tx(ws, "export")
    assert code == 0, out
    assert "moved 10 published file(s) from exports/ to exports/site/" in out
    assert "deploy exports/site/ only" in out
    for name, data in before.items():
        if name != "editions.json":
            assert (ws.site_dir / name).read_bytes() == data
            assert not (ws.exports_dir / name).exists()
    assert not (ws.exports_dir / "es").exists() and not (ws.exports_dir / "en").exists()
    assert (ws.exports_dir / "review" / "es" / "sample.docx").read_bytes().startswith(b"a rev")
    assert sorted(load_register(ws).editions) == [
        ("older", "en"),
        ("older", "es"),
        ("sample", "en"),
        ("sample", "es"),
    ]
    data = json.loads((ws.exports_dir / "editions.json").read_text(encoding="utf-8"))
    assert all(not name.startswith("site/") for e in data["editions"] for name in e["files"])
    assert "moved" not in tx(ws, "export")[1]  # once
