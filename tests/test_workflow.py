"""The newsroom's whole day through the `tx` command, with real engines and real documents:
translate the wire story of tests/data with apertium, review it in a DOCX, import, publish,
validate."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from support.documents import vnu_jar
from support.wire_story import add_wire_story
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.models import State
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import workfiles

REPOSITORY = Path(__file__).resolve().parents[1]
runner = CliRunner()
# the reviewer's Spanish title
TITLE = "Kiev rechaza la oferta de Pekín para reparar la red eléctrica de Ucrania"
# the words apertium does not know (flagged untranslated) and the reviewer's Spanish for them
LEFT = {
    "substations": "subestaciones",
    "substation": "subestación",
    "counterparts": "homólogos",
    "outages": "apagones",
    "drone": "dron",
}

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]


def tx(ws: workspace.Workspace, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--workspace", str(ws.root), *args])
    assert result.exit_code == code, result.output
    return result.output


def approve_everything(path: Path, fix: dict[str, str]) -> None:
    """A reviewer types "final" in every status cell and retypes some translations."""
    document = docx.Document(str(path))
    table = document.tables[-1]
    for row in table.rows[1:]:
        segment_id = row.cells[0].text.split("\n")[0].strip()
        if segment_id in fix:
            cell = row.cells[2]
            for paragraph in cell.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            paragraph = cell.paragraphs[0]
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
            paragraph.add_run(fix[segment_id])
        status = row.cells[3].paragraphs[0]
        for run in list(status.runs):
            run._r.getparent().remove(run._r)
        status.add_run("final")
    document.save(str(path))


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    shutil.copy(REPOSITORY / "glossaries" / "house.csv", tmp_path / "glossaries" / "house.csv")
    add_wire_story(tmp_path)
    return workspace.load(tmp_path)


def test_translate_review_and_publish_the_wire_story(ws: workspace.Workspace) -> None:
    tx(ws, "translate", "story", "--to", "es,fr", "--engine", "apertium", code=3)  # no eng-fra
    tx(ws, "translate", "story", "--to", "es", "--engine", "apertium")
    before = workfiles.load(ws.work_file("story", "es"))
    assert {item.state for item in before.segments} == {State.TRANSLATED}

    # the gate holds back what nobody has reviewed, and says what is missing
    blocked = tx(ws, "export", "--lang", "es", code=1)
    assert "story" in blocked and before.segments[0].id in blocked

    tx(ws, "review", "export", "story", "--lang", "es")
    document = ws.review_file("story", "es")
    sent = document.with_name("story-from-reviewer.docx")
    shutil.copy(document, sent)
    title_id = before.segments[0].id
    fixes = {title_id: TITLE}
    for item in before.segments[1:]:
        for flag in item.flags:
            if flag.message.startswith("words left untranslated: "):
                words = flag.message.removeprefix("words left untranslated: ").split(", ")
                assert set(words) <= set(LEFT), words
                fixes[item.id] = re.sub(
                    r"[a-z]+", lambda found: LEFT.get(found.group(), found.group()), item.target
                )
    assert len(fixes) > 1  # the reviewer sees apertium's unknown words
    approve_everything(sent, fixes)
    report = tx(ws, "review", "import", str(sent))
    assert f"changed {len(fixes)}, approved 25" in report, report

    after = workfiles.load(ws.work_file("story", "es"))
    assert after.segments[0].target == TITLE
    assert after.segments[0].origin == "reviewer"
    assert all(item.state is State.FINAL for item in after.segments)
    # a second import of the same file changes nothing
    saved = ws.work_file("story", "es").read_bytes()
    tx(ws, "review", "import", str(sent))
    assert ws.work_file("story", "es").read_bytes() == saved

    # a re-run of the translation keeps every human decision and calls no engine
    tx(ws, "translate", "story", "--to", "es", "--engine", "apertium")
    assert ws.work_file("story", "es").read_bytes() == saved

    tx(ws, "export", "--lang", "es", "--format", "html,docx")
    page = ws.edition_file("story", "es", "html").read_text(encoding="utf-8")
    assert '<html lang="es" dir="ltr">' in page
    assert TITLE in page
    assert page.count("China (el PCCh)") == 2
    assert "tx-draft" not in page
    edition = docx.Document(str(ws.edition_file("story", "es", "docx")))
    assert edition.paragraphs[0].text == TITLE
    assert "story.html" in (ws.site_dir / "es" / "index.html").read_text(encoding="utf-8")
    status = tx(ws, "status")
    assert "ready to publish" in status

    vnu = vnu_jar()
    if vnu is not None and shutil.which("java"):
        checked = subprocess.run(
            [
                "java",
                "-jar",
                str(vnu),
                "--errors-only",
                "--format",
                "json",
                str(ws.edition_file("story", "es", "html")),
                str(ws.site_dir / "es" / "index.html"),
                str(ws.site_dir / "index.html"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert json.loads(checked.stderr or checked.stdout or '{"messages": []}')["messages"] == []
