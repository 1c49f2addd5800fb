"""Two tx commands at once never lose what a person did: the lost-update scenarios of the
integrity issue, run many times as real processes with apertium, and once each with the
interleaving forced in-process."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.fake_engine import FakeEngine
from support.reviewer import Reviewer

from translate import memory, workspace
from translate.models import State
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.translation.engines.apertium import ApertiumEngine
from translate.translation.engines.base import EngineOutput
from translate.translation.pipeline import translate
from translate.workspace import workfiles

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE = REPOSITORY / "articles" / "ukraine-guarantees-talks.md"
SLUG = SAMPLE.stem
TX = [sys.executable, "-c", "from translate.cli import main; main()"]
TRIALS = 8

needs_apertium = pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)
pytestmark = [pytest.mark.apertium, pytest.mark.slow, needs_apertium]


def tx(root: Path, *args: str) -> subprocess.Popen[str]:
    """Start a tx command in the workspace at ``root``."""
    return subprocess.Popen(
        [*TX, "--workspace", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=180)
    assert "Traceback" not in err, err
    return process.returncode, out + err


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the sample article translated into Spanish by apertium."""
    root = tmp_path_factory.mktemp("translated")
    workspace.init(root)
    shutil.copy(REPOSITORY / "glossaries" / "house.csv", root / "glossaries")
    shutil.copy(SAMPLE, root / "articles")
    code, output = finish(tx(root, "translate", SLUG, "--to", "es", "--engine", "apertium"))
    assert code == 0, output
    return root


@pytest.fixture()
def ws(translated: Path, tmp_path: Path) -> workspace.Workspace:
    shutil.copytree(translated, tmp_path / "ws")
    return workspace.load(tmp_path / "ws")


def segment_ids(ws: workspace.Workspace) -> list[str]:
    return [item.id for item in workfiles.load(ws.work_file(SLUG, "es")).segments]


def reviewed_copy(ws: workspace.Workspace, name: str, segment_id: str, text: str) -> Path:
    """A copy of the exported review document in which a reviewer retyped and approved one
    segment."""
    document = ws.root / name
    shutil.copy(ws.review_file(SLUG, "es"), document)
    reviewer = Reviewer(document)
    reviewer.retype(segment_id, text)
    reviewer.retype(segment_id, "final", column=3)
    reviewer.save()
    return document


def document_text(document: Path) -> str:
    return "\n".join(cell.text for cell in Reviewer(document).table._cells)


def targets(ws: workspace.Workspace) -> dict[str, tuple[str, State]]:
    return {
        item.id: (item.target, item.state)
        for item in workfiles.load(ws.work_file(SLUG, "es")).segments
    }


def test_two_reviewers_importing_at_once_both_keep_their_edits(ws: workspace.Workspace) -> None:
    export_review(ws, SLUG, "es")
    first, second = segment_ids(ws)[2], segment_ids(ws)[5]
    one = reviewed_copy(ws, "one.docx", first, "Primera revisora.")
    two = reviewed_copy(ws, "two.docx", second, "Segundo revisor.")
    pristine = ws.work_file(SLUG, "es").read_bytes()
    for _ in range(TRIALS):
        ws.work_file(SLUG, "es").write_bytes(pristine)
        runs = [
            tx(ws.root, "review", "import", str(one)),
            tx(ws.root, "review", "import", str(two)),
        ]
        for code, output in map(finish, runs):
            assert code == 0, output
        now = targets(ws)
        assert now[first] == ("Primera revisora.", State.FINAL)
        assert now[second] == ("Segundo revisor.", State.FINAL)
        assert workfiles.load(ws.work_file(SLUG, "es")).revision == 3


def test_import_during_translate_keeps_the_reviewers_edits(ws: workspace.Workspace) -> None:
    export_review(ws, SLUG, "es")
    chosen = segment_ids(ws)[3]
    document = reviewed_copy(ws, "reviewed.docx", chosen, "Texto de la revisora.")
    article = ws.articles_dir / SAMPLE.name
    added = "\n\n".join(
        f"Officials in city number {n} said the talks would continue next week." for n in range(60)
    )
    article.write_text(SAMPLE.read_text(encoding="utf-8") + "\n" + added + "\n", "utf-8")
    pristine = ws.work_file(SLUG, "es").read_bytes()
    for trial in range(TRIALS):
        ws.work_file(SLUG, "es").write_bytes(pristine)
        if trial % 2:  # translate first, the import lands while it runs or after
            translating = tx(ws.root, "translate", SLUG, "--to", "es", "--engine", "apertium")
            time.sleep(random.uniform(0.0, 0.8))
            importing = tx(ws.root, "review", "import", str(document))
        else:  # the import first, translate racing it
            importing = tx(ws.root, "review", "import", str(document))
            translating = tx(ws.root, "translate", SLUG, "--to", "es", "--engine", "apertium")
        (translated, translate_output), (imported, import_output) = (
            finish(translating),
            finish(importing),
        )
        assert translated == 0, translate_output
        after = workfiles.load(ws.work_file(SLUG, "es"))
        assert len(after.segments) == len(pristine_ids(pristine)) + 60
        assert all(item.target for item in after.segments)
        by_id = {item.id: item for item in after.segments}
        # the sentence is still there whichever saved first: the row applies (a changed
        # source article no longer refuses the whole document)
        # exit 3 when the article's new sentences, not in the document, were skipped
        assert imported in (0, 3), import_output
        assert (by_id[chosen].target, by_id[chosen].state) == (
            "Texto de la revisora.",
            State.FINAL,
        )


def pristine_ids(data: bytes) -> list[str]:
    return [item["id"] for item in json.loads(data)["segments"]]


def test_two_translates_retiring_reviewed_sentences_keep_both(ws: workspace.Workspace) -> None:
    other = ws.articles_dir / "second-story.md"
    other.write_text(
        "---\ntitle: Ports Reopen After Storm\n---\n\n"
        "The ports reopened on Monday. Dockworkers cleared the cranes overnight.\n\n"
        "Shipping companies said delays would last a week.\n",
        "utf-8",
    )
    code, output = finish(tx(ws.root, "translate", "second-story", "--to", "es"))
    assert code == 0, output
    for slug in (SLUG, "second-story"):  # a reviewer approved every sentence
        path = ws.work_file(slug, "es")
        data = json.loads(path.read_text("utf-8"))
        for item in data["segments"]:
            item["state"] = "reviewed"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    removed = {
        SLUG: "The CCP has denied sending weapons to either side and says it supports peace talks.",
        "second-story": "Dockworkers cleared the cranes overnight.",
    }
    saved = {
        p: p.read_bytes() for p in (*ws.articles_dir.iterdir(), *(p for _, p in ws.work_files()))
    }
    for path in ws.articles_dir.iterdir():
        slug = path.stem
        text = path.read_text("utf-8")
        assert removed[slug] in text
        path.write_text(text.replace(removed[slug], ""), "utf-8")
    edited = {p: p.read_bytes() for p in ws.articles_dir.iterdir()}
    tmx = ws.translations_dir / memory.MEMORY_FILE
    for _ in range(TRIALS):
        for path, data in saved.items():
            path.write_bytes(edited.get(path, data))
        tmx.unlink(missing_ok=True)
        runs = [tx(ws.root, "translate", slug, "--to", "es") for slug in removed]
        for code, output in map(finish, runs):
            assert code == 0, output
        kept = {unit.source for unit in memory.read_tmx(tmx, "es")}
        assert set(removed.values()) <= kept


def test_export_during_import_never_overwrites_the_reviewers_document(
    ws: workspace.Workspace,
) -> None:
    document = export_review(ws, SLUG, "es")
    chosen = segment_ids(ws)[1]
    pristine = ws.work_file(SLUG, "es").read_bytes()
    record = ws.root / ".tx" / "review-documents.json"
    pristine_record = record.read_bytes()
    for _ in range(TRIALS):
        ws.work_file(SLUG, "es").write_bytes(pristine)
        record.write_bytes(pristine_record)
        export_review(ws, SLUG, "es", force=True)
        reviewer = Reviewer(document)  # the reviewer edits the exported file in place
        reviewer.retype(chosen, "Editado en su sitio.")
        reviewer.save()
        runs = [
            tx(ws.root, "review", "import", str(document)),
            tx(ws.root, "review", "export", SLUG),
        ]
        (imported, import_output), (exported, export_output) = map(finish, runs)
        # exit 3 when the article's new sentences, not in the document, were skipped
        assert imported in (0, 3), import_output
        assert targets(ws)[chosen][0] == "Editado en su sitio."
        if exported:
            assert "changed since tx wrote it" in export_output
        assert "Editado en su sitio." in document_text(document)


# ------------------------------------------------ the same interleavings, forced in-process


class ImportingEngine(FakeEngine):
    """A fake engine during whose work a reviewer's document is imported."""

    def __init__(self, ws: workspace.Workspace, document: Path) -> None:
        super().__init__()
        self.ws, self.document = ws, document

    def translate(self, texts: list[str], source: str, target: str) -> list[EngineOutput]:  # type: ignore[override]
        if self.document.exists():
            import_review(self.ws, self.document)
            self.document.unlink()
        return super().translate(texts, source, target)


def test_translate_merges_an_import_made_while_the_engine_ran(ws: workspace.Workspace) -> None:
    export_review(ws, SLUG, "es")
    chosen = segment_ids(ws)[0]
    document = reviewed_copy(ws, "reviewed.docx", chosen, "Título revisado.")
    article = ws.articles_dir / SAMPLE.name
    article.write_text(
        article.read_text("utf-8") + "\nA new closing sentence was added.\n", "utf-8"
    )
    engine = ImportingEngine(ws, document)
    [result] = translate(ws, [article], ["es"], choose_engine=lambda s, t: engine)
    assert not document.exists() and result.written and not result.conflict
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert after.revision == 3  # 1 by translate, 2 by the import, 3 by the merged save
    by_id = {item.id: item for item in after.segments}
    assert (by_id[chosen].target, by_id[chosen].state) == ("Título revisado.", State.FINAL)
    assert after.segments[-1].segment.source == "A new closing sentence was added."
