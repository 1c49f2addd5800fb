"""``kill -9`` at random points of translate, import and export leaves only whole files, and
the next run removes the temporary files a killed one left behind."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from support.reviewer import Reviewer

from translate import memory, workspace
from translate.roundtrip.review.export import export_review
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import locking, workfiles

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE = REPOSITORY / "articles" / "ukraine-guarantees-talks.md"
TX = [sys.executable, "-c", "from translate.cli import main; main()"]
TRIALS = 6

needs_apertium = pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)
pytestmark = [pytest.mark.apertium, pytest.mark.slow, needs_apertium]


def run(root: Path, *args: str) -> None:
    done = subprocess.run([*TX, "--workspace", str(root), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def killed(root: Path, delay: float, *args: str) -> None:
    """Start a tx command and SIGKILL it after ``delay`` seconds (if it is still running)."""
    process = subprocess.Popen(
        [*TX, "--workspace", str(root), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def leftovers(root: Path) -> list[Path]:
    return sorted(root.rglob(f"*{locking.TEMP_SUFFIX}"))


def all_whole(ws: workspace.Workspace) -> None:
    """Every file tx writes is complete: work files parse, pages end, DOCX files open."""
    for _, path in ws.work_files():
        workfiles.load(path)
    memory.read_tmx(ws.translations_dir / memory.MEMORY_FILE)
    for page in ws.exports_dir.rglob("*.html"):
        assert page.read_text("utf-8").rstrip().endswith("</html>"), page
    for document in ws.exports_dir.rglob("*.docx"):
        with zipfile.ZipFile(document) as archive:
            assert archive.testzip() is None, document


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    """Six articles of about 25 sentences each."""
    workspace.init(tmp_path)
    shutil.copy(REPOSITORY / "glossaries" / "house.csv", tmp_path / "glossaries")
    text = SAMPLE.read_text("utf-8")
    for n in range(6):
        (tmp_path / "articles" / f"story-{n}.md").write_text(
            text.replace("12.5%", f"1{n}.5%"), "utf-8"
        )
    return workspace.load(tmp_path)


def test_translate_killed_anywhere_leaves_whole_files(ws: workspace.Workspace) -> None:
    for _ in range(TRIALS):
        shutil.rmtree(ws.translations_dir)
        killed(
            ws.root, random.uniform(0.3, 2.5), "translate", "--to", "es,fr", "--engine", "apertium"
        )
        all_whole(ws)
        planted = ws.translations_dir / "es" / f".story-0.json.k1{locking.TEMP_SUFFIX}"
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_text("{half a fi")
        run(ws.root, "translate", "--to", "es", "--engine", "apertium")
        assert leftovers(ws.root) == []
        assert len(list(ws.work_files())) >= 6
        all_whole(ws)


def test_import_killed_anywhere_leaves_the_old_or_the_new_work_file(
    ws: workspace.Workspace,
) -> None:
    run(ws.root, "translate", "story-0", "--to", "es", "--engine", "apertium")
    document = export_review(ws, "story-0", "es")
    reviewer = Reviewer(document)
    for item in workfiles.load(ws.work_file("story-0", "es")).segments:
        reviewer.retype(item.id, "final", column=3)
    reviewer.save(ws.root / "approved.docx")
    work = ws.work_file("story-0", "es")
    before = work.read_bytes()
    run(ws.root, "review", "import", str(ws.root / "approved.docx"))
    after = work.read_bytes()
    for _ in range(TRIALS):
        work.write_bytes(before)
        killed(
            ws.root, random.uniform(0.1, 1.2), "review", "import", str(ws.root / "approved.docx")
        )
        assert work.read_bytes() in (before, after)
        run(ws.root, "review", "import", str(ws.root / "approved.docx"))
        assert work.read_bytes() == after and leftovers(ws.root) == []


def test_export_killed_anywhere_leaves_whole_editions(ws: workspace.Workspace) -> None:
    run(ws.root, "translate", "--to", "es", "--engine", "apertium")
    for _ in range(TRIALS):
        killed(ws.root, random.uniform(0.2, 1.5), "export", "--lang", "es", "--draft")
        all_whole(ws)
        run(ws.root, "export", "--lang", "es", "--draft")
        assert leftovers(ws.root) == []
        assert len(list((ws.exports_dir / "drafts" / "es").glob("story-*.html"))) == 6
        all_whole(ws)
