"""Hostile use of the interchange commands: exports named over the workspace's own files,
damaged XML, memory and glossary files from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import tx

from translate import workspace

STORY = "---\ntitle: The council meets\n---\n\nThe council meets today.\n"
GLOSSARY = "en,es\n=SUM(A1),=SUMA(A1)\ncity hall,ayuntamiento\n"


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path / "ws")
    (tmp_path / "ws" / "articles" / "story.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "ws" / "glossaries" / "house.csv").write_text(GLOSSARY, encoding="utf-8")
    return workspace.load(tmp_path / "ws")


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (("memory", "export"), "articles/story.md"),
        (("memory", "export"), "tx.toml"),
        (("memory", "export"), "translations/memory.tmx"),
        (("memory", "export"), "exports/editions.json"),
        (("glossary", "export", "--format", "csv"), "glossaries/house.csv"),
        (("glossary", "export", "--format", "tbx"), "articles/story.md"),
    ],
)
def test_an_export_never_replaces_a_file_of_the_workspace(
    ws: workspace.Workspace, command: tuple[str, ...], target: str
) -> None:
    path = ws.root / target
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("written by a person\n", encoding="utf-8")
    before = path.read_bytes()
    code, output = tx(ws, *command, str(path))
    assert code == 1, output
    assert output.startswith("error: ") and output.count("\n") == 1, output
    assert target.split("/")[-1] in output
    assert path.read_bytes() == before


def test_an_export_may_go_anywhere_else(ws: workspace.Workspace, tmp_path: Path) -> None:
    code, output = tx(ws, "glossary", "export", str(ws.exports_dir / "house.tbx"))
    assert code == 0, output
    code, output = tx(ws, "memory", "export", str(tmp_path / "newsroom.tmx"))
    assert code == 0, output


TBX = (
    "<martif type='TBX-Basic' xml:lang='en'><martifHeader><fileDesc><sourceDesc><p>x</p>"
    "</sourceDesc></fileDesc></martifHeader><text><body><termEntry id='c1'>"
    "<langSet xml:lang='en'><tig><term>mayor</term></tig></langSet>"
    "<langSet xml:lang='es'><tig><term>alcalde</term></tig></langSet>"
    "</termEntry></body></text></martif>"
)
XLIFF = "<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.1' srcLang='en'/>"


@pytest.mark.parametrize(
    ("command", "name", "text"),
    [
        (("glossary", "import"), "terms.tbx", TBX),
        (("xliff", "import"), "story.xlf", XLIFF),
    ],
)
def test_utf16_without_a_byte_order_mark_is_one_error_line_saying_so(
    ws: workspace.Workspace, tmp_path: Path, command: tuple[str, ...], name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-16-le"))
    code, output = tx(ws, *command, str(path))
    assert code == 1, output
    assert output.startswith(f"error: {path}") and output.count("\n") == 1, output
    assert "UTF-16 without a byte order mark" in output


def test_a_damaged_record_of_exported_xliff_files_is_forgotten_not_a_crash(
    ws: workspace.Workspace,
) -> None:
    assert tx(ws, "translate", "story", "--to", "es", "--engine", "apertium")[0] == 0
    record = ws.root / ".tx" / "xliff-files.json"
    record.parent.mkdir(exist_ok=True)
    record.write_text("[" * 100_000, encoding="utf-8")
    code, output = tx(ws, "xliff", "export", "story", "--lang", "es")
    assert code == 0, output
    assert (ws.root / "exports" / "review" / "es" / "story.xlf").is_file()


@pytest.mark.parametrize("into", ["../outside.csv", "articles/terms.csv", "glossaries/sub/x.csv"])
def test_new_terms_go_only_to_a_glossary_file_of_the_workspace(
    ws: workspace.Workspace, tmp_path: Path, into: str
) -> None:
    source = tmp_path / "terms.tbx"
    source.write_text(TBX, encoding="utf-8")
    target = ws.root / into
    for args in (
        ("glossary", "import", str(source), "--into", str(target)),
        ("glossary", "add", "mayor", "--to", "es=alcalde", "--file", str(target)),
    ):
        code, output = tx(ws, *args)
        assert code == 1, output
        assert output.startswith("error: ") and output.count("\n") == 1, output
        assert not target.exists()
    assert tx(ws, "glossary", "import", str(source))[0] == 0
    assert "alcalde" in (ws.glossaries_dir / "house.csv").read_text(encoding="utf-8")


def test_thousands_of_unknown_units_are_reported_in_a_few_lines(ws: workspace.Workspace) -> None:
    assert tx(ws, "translate", "story", "--to", "es", "--engine", "apertium")[0] == 0
    assert tx(ws, "xliff", "export", "story", "--lang", "es")[0] == 0
    path = ws.root / "exports" / "review" / "es" / "story.xlf"
    text = path.read_text(encoding="utf-8")
    units = "".join(
        f'<unit id="u{n}"><segment><source>S {n}</source><target>F {n}</target></segment></unit>'
        for n in range(5000)
    )
    path.write_text(text.replace("</file>", units + "</file>"), encoding="utf-8")
    code, output = tx(ws, "xliff", "import", str(path))
    assert code == 3, output  # done in part: the unknown units were skipped
    assert len(output.splitlines()) < 30, output[:2000]
    assert "not carried over: 5000 units unknown to the work file" in output


def test_long_lists_of_skipped_rows_and_conflicts_are_cut_short() -> None:
    from translate.roundtrip.conflicts import SHOWN, Skipped, report_lines

    skipped = tuple(Skipped(f"s{n}", "no such segment") for n in range(SHOWN + 7))
    conflicts = tuple(Skipped(f"c{n}", "changed on both sides") for n in range(3))
    lines = report_lines(skipped, conflicts)
    assert lines[:3] == [f"  conflict c{n}: changed on both sides" for n in range(3)]
    assert lines[3] == "  skipped s0: no such segment"
    assert lines[-1] == "  ... and 7 more skipped" and len(lines) == 3 + SHOWN + 1
