"""A review document a reviewer is working on is never overwritten without --force, and
--lang means only that language."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support.cli import tx
from support.fake_engine import FakeEngine
from support.reviewer import Reviewer

from translate import workspace
from translate.models import State
from translate.translation.pipeline import translate
from translate.workspace import workfiles


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    for slug in ("ports", "storm"):
        (tmp_path / "articles" / f"{slug}.md").write_text(
            f"---\ntitle: The {slug} story\n---\n\nThe ports reopened on Monday. Russia said so.\n",
            "utf-8",
        )
    ws = workspace.load(tmp_path)
    translate(ws, ws.article_files(), ["es", "de"], choose_engine=lambda s, t: FakeEngine())
    return ws


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_document_edited_in_place_is_kept_until_imported(ws: workspace.Workspace) -> None:
    assert tx(ws, "review", "export", "ports", "--lang", "de")[0] == 0
    document = ws.review_file("ports", "de")
    first = workfiles.load(ws.work_file("ports", "de")).segments[1].id
    reviewer = Reviewer(document)
    reviewer.retype(first, "Die Häfen öffneten am Montag.")
    reviewer.save()
    edited = digest(document)
    code, output = tx(ws, "review", "export", "ports", "--lang", "de")
    assert code == 1 and "changed since tx wrote it" in output and "--force" in output
    code, output = tx(ws, "review", "export", "--all")
    assert code == 3 and output.count("changed since tx wrote it") == 1  # done in part
    assert digest(document) == edited
    assert "wrote" in output  # the other documents were written
    assert tx(ws, "review", "import", str(document))[0] == 0
    assert tx(ws, "review", "export", "ports", "--lang", "de")[0] == 0  # imported: replaceable
    reviewer = Reviewer(document)
    assert reviewer.row(first).cells[2].text == "Die Häfen öffneten am Montag."


def test_a_document_open_in_an_editor_is_kept(ws: workspace.Workspace) -> None:
    assert tx(ws, "review", "export", "ports", "--lang", "es")[0] == 0
    document = ws.review_file("ports", "es")
    for owner, editor in ((f".~lock.{document.name}#", "LibreOffice"), ("~$rts.docx", "Word")):
        (document.parent / owner).write_text("someone,host,...")
        code, output = tx(ws, "review", "export", "ports", "--lang", "es")
        assert code == 1 and f"open in {editor} right now" in output
        (document.parent / owner).unlink()
    assert tx(ws, "review", "export", "ports", "--lang", "es")[0] == 0


def test_force_replaces_an_edited_document(ws: workspace.Workspace) -> None:
    assert tx(ws, "review", "export", "ports", "--lang", "es")[0] == 0
    document = ws.review_file("ports", "es")
    document.write_bytes(document.read_bytes() + b"\0")
    assert tx(ws, "review", "export", "ports", "--lang", "es")[0] == 1
    assert tx(ws, "review", "export", "ports", "--lang", "es", "--force")[0] == 0
    Reviewer(document)  # a whole document again


def test_a_document_tx_did_not_write_is_kept(ws: workspace.Workspace) -> None:
    document = ws.review_file("storm", "es")
    document.parent.mkdir(parents=True)
    document.write_bytes(b"a reviewer's own file")
    code, output = tx(ws, "review", "export", "storm", "--lang", "es")
    assert code == 1 and "changed since tx wrote it" in output
    assert document.read_bytes() == b"a reviewer's own file"


def test_all_with_lang_writes_only_that_language(ws: workspace.Workspace) -> None:
    code, output = tx(ws, "review", "export", "--all", "--lang", "ES")
    assert code == 0, output
    assert sorted(p.name for p in (ws.exports_dir / "review").iterdir()) == ["es"]
    assert sorted(p.name for p in (ws.exports_dir / "review" / "es").glob("*.docx")) == [
        "ports.docx",
        "storm.docx",
    ]


def test_an_interrupted_translation_keeps_the_articles_it_finished(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.translation import pipeline

    monkeypatch.setattr(pipeline, "SAVE_EVERY", 2)

    class Failing(FakeEngine):
        def translate(self, texts, source, target):  # type: ignore[no-untyped-def]
            if len(self.calls) == 1:
                raise KeyboardInterrupt
            return super().translate(texts, source, target)

    engine = Failing()
    with pytest.raises(KeyboardInterrupt):
        translate(ws, ws.article_files(), ["fr"], choose_engine=lambda s, t: engine)
    assert ws.work_file("ports", "fr").is_file()
    assert not ws.work_file("storm", "fr").exists()
    finished = workfiles.load(ws.work_file("ports", "fr"))
    assert all(item.state is State.TRANSLATED and item.target for item in finished.segments)
