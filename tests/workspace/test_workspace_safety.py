"""Nothing is written outside the workspace, files get the permissions people expect, and
file system faults are one clear line: the paths, modes and faults of the integrity issue."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from support.fake_engine import FakeEngine
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.errors import WorkspaceError
from translate.models import Segment, State, TranslatedSegment, Translation
from translate.roundtrip.review.export import export_review
from translate.translation.pipeline import translate
from translate.workspace import workfiles

runner = CliRunner()
STORY = "---\ntitle: Ports Reopen\n{extra}---\n\nThe ports reopened on Monday.\n"


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    root = tmp_path / "ws"
    workspace.init(root)
    (root / "articles" / "story.md").write_text(STORY.format(extra=""), "utf-8")
    return workspace.load(root)


@pytest.fixture()
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (symlinks not followed) with a hash of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def fails(ws: workspace.Workspace, *args: str) -> str:
    """Run tx; assert it failed with one clear line and no traceback; return the line."""
    result = runner.invoke(app, ["--workspace", str(ws.root), *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def fake(source: str, target: str) -> FakeEngine:
    return FakeEngine()


@pytest.mark.parametrize(
    "slug", ["../../../escaped", "/tmp/escaped-absolute", "a/b", "..", ".hidden", "x\0y"]
)
def test_a_slug_that_is_a_path_is_refused(ws: workspace.Workspace, slug: str) -> None:
    article = ws.articles_dir / "story.md"
    article.write_text(STORY.format(extra=f"slug: {slug!r}\n".replace("\0", "\\0")), "utf-8")
    before = snapshot(ws.root.parent)
    line = fails(ws, "translate", "story", "--to", "es", "--dry-run")
    assert str(article) in line and "not a safe slug" in line
    assert snapshot(ws.root.parent) == before


@pytest.mark.parametrize("code", ["es-/../../../tmp/x", "../es", "es/fr", "e", "xx-QQQQQ-1", "??"])
def test_a_language_code_that_is_not_a_tag_is_refused(ws: workspace.Workspace, code: str) -> None:
    before = snapshot(ws.root.parent)
    line = fails(ws, "translate", "story", "--to", code)
    assert "--to:" in line and ("not a language tag" in line or "unknown language" in line)
    assert snapshot(ws.root.parent) == before


def test_language_codes_are_canonical_wherever_they_enter(ws: workspace.Workspace) -> None:
    results = translate(ws, [ws.articles_dir / "story.md"], ["ES", "pt_br"], choose_engine=fake)
    assert [r.target_lang for r in results] == ["es", "pt-BR"]
    folders = [p.name for p in ws.translations_dir.iterdir() if p.is_dir() and p.name != ".cache"]
    assert sorted(folders) == ["es", "pt-BR"]
    (ws.root / "tx.toml").write_text('target_langs = ["DE", "zh_hant"]\n', "utf-8")
    assert workspace.load(ws.root).settings.target_langs == ("de", "zh-Hant")
    (ws.root / "tx.toml").write_text('source_lang = "../en"\n', "utf-8")
    with pytest.raises(WorkspaceError, match="not a language tag"):
        workspace.load(ws.root)


def test_an_article_linking_out_of_the_workspace_is_refused(
    ws: workspace.Workspace, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(STORY.format(extra=""), "utf-8")
    (ws.articles_dir / "linked.md").symlink_to(secret)
    line = fails(ws, "translate", "linked", "--to", "es", "--dry-run")
    assert "symbolic link" in line and "outside the workspace" in line
    line = fails(ws, "translate", "--to", "es", "--dry-run")  # every article: the same
    assert "linked.md" in line


def test_a_folder_linking_out_of_the_workspace_is_never_written(
    ws: workspace.Workspace, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (ws.translations_dir / "es").symlink_to(outside, target_is_directory=True)
    line = fails(ws, "translate", "story", "--to", "es", "--engine", "apertium")
    assert "refusing to write outside the workspace" in line
    assert list(outside.iterdir()) == []


def test_a_review_document_naming_a_path_is_refused(ws: workspace.Workspace) -> None:
    translate(ws, [ws.articles_dir / "story.md"], ["es"], choose_engine=fake)
    document = export_review(ws, "story", "es")
    hostile = ws.root / "hostile.docx"
    opened = docx.Document(str(document))
    for row in opened.tables[0].rows:
        if row.cells[0].text == "Article":
            row.cells[1].paragraphs[0].runs[0].text = "../../../../tmp/evil"
    opened.save(str(hostile))
    before = snapshot(ws.root)
    line = fails(ws, "review", "import", str(hostile))
    assert str(hostile) in line and "impossible article" in line
    assert snapshot(ws.root) == before


def test_new_files_follow_the_umask_and_rewritten_files_keep_their_mode(
    ws: workspace.Workspace, umask_022: None
) -> None:
    translate(ws, [ws.articles_dir / "story.md"], ["es"], choose_engine=fake)
    work = ws.work_file("story", "es")
    assert work.stat().st_mode & 0o777 == 0o644
    glossary = ws.glossaries_dir / "house.csv"
    glossary.write_text("en,es\nWhite House,Casa Blanca\n", "utf-8")
    glossary.chmod(0o664)
    result = runner.invoke(
        app, ["--workspace", str(ws.root), "glossary", "add", "Kyiv", "--to", "es=Kiev"]
    )
    assert result.exit_code == 0, result.output
    assert glossary.stat().st_mode & 0o777 == 0o664
    work.chmod(0o640)
    item = workfiles.load(work)
    workfiles.save(work, item)
    assert work.stat().st_mode & 0o777 == 0o640


def test_published_pages_are_readable_by_a_web_server(
    ws: workspace.Workspace, umask_022: None
) -> None:
    translate(ws, [ws.articles_dir / "story.md"], ["es"], choose_engine=fake)
    result = runner.invoke(app, ["--workspace", str(ws.root), "export", "--lang", "es", "--draft"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--workspace", str(ws.root), "export", "--lang", "en"])
    assert result.exit_code == 0, result.output
    pages = [p for p in ws.exports_dir.rglob("*") if p.is_file()]
    assert any(p.parent.name == "es" for p in pages) and any(p.parent.name == "en" for p in pages)
    assert all(page.stat().st_mode & 0o777 == 0o644 for page in pages)


def test_a_full_disk_is_one_line_and_leaves_the_old_file(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    translate(ws, [ws.articles_dir / "story.md"], ["es"], choose_engine=fake)
    work = ws.work_file("story", "es")
    before = snapshot(ws.root)

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    line = fails(ws, "review", "export", "story", "--lang", "es")
    assert "No space left on device" in line and "free some disk space" in line
    assert snapshot(ws.root) == before
    assert work.read_bytes()


def test_a_read_only_folder_is_one_line(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(ws.translations_dir))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    line = fails(ws, "translate", "story", "--to", "es", "--engine", "apertium")
    assert "Permission denied" in line and "make the folder writable" in line


def test_translations_that_is_a_file_is_one_line(ws: workspace.Workspace) -> None:
    shutil.rmtree(ws.translations_dir)
    ws.translations_dir.write_text("not a folder")
    line = fails(ws, "translate", "story", "--to", "es", "--engine", "apertium")
    assert "translations" in line and "a file stands where tx expects a folder" in line


def test_a_work_file_that_is_a_folder_is_one_line(ws: workspace.Workspace) -> None:
    ws.work_file("story", "es").mkdir(parents=True)
    line = fails(ws, "translate", "story", "--to", "es", "--engine", "apertium")
    assert "story.json" in line and "a folder stands where a work file belongs" in line


def test_merge_keeps_what_another_command_changed() -> None:
    one, two = Segment("a", 0, "One."), Segment("b", 1, "Two.")
    base = Translation(
        "s",
        "en",
        "es",
        "d",
        (
            TranslatedSegment(one, "Uno.", "m", State.TRANSLATED),
            TranslatedSegment(two, "Dos.", "m", State.TRANSLATED),
        ),
        4,
    )
    reviewed = TranslatedSegment(one, "Uno, revisado.", "reviewer", State.FINAL)
    theirs = Translation("s", "en", "es", "d", (reviewed, base.segments[1]), 5)
    three = TranslatedSegment(Segment("c", 2, "Three."), "Tres.", "m", State.TRANSLATED)
    mine = Translation("s", "en", "es", "d2", (*base.segments, three), 4)
    merged = workfiles.merge(base, mine, theirs)
    assert merged.segments == (reviewed, base.segments[1], three)
    assert (merged.revision, merged.source_digest) == (5, "d2")


@pytest.mark.parametrize(
    "args",
    [
        ("glossary", "add", "Kyiv", "--to", "../../x=Kiev"),
        ("glossary", "export", "out.csv", "--lang", "a b"),
        ("glossary", "list", "--lang", "es/.."),
        ("export", "--lang", "x y"),
        ("review", "export", "story", "--lang", "../es"),
        ("review", "waive", "story", "abc", "--lang", "e", "--reason", "r"),
    ],
)
def test_every_language_option_takes_only_language_tags(
    ws: workspace.Workspace, args: tuple[str, ...]
) -> None:
    before = snapshot(ws.root.parent)
    line = fails(ws, *args)
    assert "not a language tag" in line or "unknown language" in line
    assert snapshot(ws.root.parent) == before


def test_spellings_of_one_tag_share_one_work_file(ws: workspace.Workspace) -> None:
    article = ws.articles_dir / "story.md"
    results = translate(ws, [article], ["es-es", "es_ES", "es-ES"], choose_engine=fake)
    assert [r.path for r in results] == [ws.work_file("story", "es-ES")]
    translate(ws, [article], ["ES", "es"], choose_engine=fake)
    folders = [p.name for p in ws.translations_dir.iterdir() if p.is_dir() and p.name != ".cache"]
    assert sorted(folders) == ["es", "es-ES"]
