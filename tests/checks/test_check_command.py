"""`tx check FILE`: every check over a bilingual file from another tool (TSV, TMX, XLIFF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import tx

from translate import workspace

GLOSSARY = "en,es,avoid:es\nWhite House,Casa Blanca,Casa Blanco\n"
GOOD = ("The White House said 12 people left.", "La Casa Blanca dijo que 12 personas se fueron.")
WRONG_NUMBER = ("Prices rose 4% in May.", "Los precios subieron un 5 % en mayo.")
WRONG_TERM = ("The White House agreed.", "La Casa Blanco estuvo de acuerdo.")


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "glossaries" / "house.csv").write_text(GLOSSARY, "utf-8")
    return workspace.load(tmp_path)


def test_a_tsv_delivery_is_checked_line_by_line(ws: workspace.Workspace) -> None:
    delivery = ws.root / "delivery.tsv"
    rows = [GOOD, WRONG_NUMBER, ("", ""), WRONG_TERM]
    delivery.write_text("\n".join("\t".join(row) for row in rows) + "\n", "utf-8")
    code, output = tx(ws, "check", str(delivery), "--lang", "es")
    assert code == 1
    lines = output.splitlines()
    assert any(line.startswith("2: number: ") for line in lines)
    assert any(line.startswith("4: avoid: ") for line in lines)
    assert not any(line.startswith(("1:", "3:")) for line in lines)
    code, output = tx(ws, "check", str(delivery), "--lang", "es", "--json")
    assert {(row["where"], row["code"]) for row in json.loads(output)["findings"]} >= {
        ("2", "number"),
        ("4", "avoid"),
    }
    clean = ws.root / "clean.tsv"
    clean.write_text("\t".join(GOOD) + "\n", "utf-8")
    summary = "TSV: 1 unit(s) read, 1 checked, 0 without a translation, 0 skipped\n"
    assert tx(ws, "check", str(clean), "--lang", "es") == (0, summary)


def test_tmx_and_xliff_deliveries_name_their_units(ws: workspace.Workspace) -> None:
    tmx = ws.root / "delivery.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US"/><body>'
        f'<tu tuid="a1"><tuv xml:lang="en-US"><seg>{GOOD[0]}</seg></tuv>'
        f'<tuv xml:lang="es-ES"><seg>{GOOD[1]}</seg></tuv></tu>'
        f'<tu tuid="a2"><tuv xml:lang="en-US"><seg>{WRONG_NUMBER[0]}</seg></tuv>'
        f'<tuv xml:lang="es-ES"><seg>{WRONG_NUMBER[1]}</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    code, output = tx(ws, "check", str(tmx), "--lang", "es")
    assert output.startswith("TMX: 2 unit(s) read, 2 checked, 0 without a translation")
    assert code == 1 and output.splitlines()[1].startswith("a2: number: ")
    assert "a1:" not in output
    xliff12 = ws.root / "delivery.xlf"
    xliff12.write_text(
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="es" datatype="plaintext" original="x">'
        f'<body><trans-unit id="u1"><source>{WRONG_TERM[0]}</source>'
        f'<target>La <g id="1">Casa Blanco</g> estuvo de acuerdo.</target></trans-unit>'
        f'<trans-unit id="u2"><source>{GOOD[0]}</source><target>{GOOD[1]}</target></trans-unit>'
        "</body></file></xliff>",
        "utf-8",
    )
    code, output = tx(ws, "check", str(xliff12), "--lang", "es")
    assert code == 1 and "u1: avoid: " in output and "u2:" not in output
    xliff21 = ws.root / "delivery.xliff"
    xliff21.write_text(
        '<?xml version="1.0"?><xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"'
        ' srcLang="en" trgLang="es"><file id="f"><unit id="n7"><segment>'
        f"<source>{WRONG_NUMBER[0]}</source><target>{WRONG_NUMBER[1]}</target>"
        "</segment></unit></file></xliff>",
        "utf-8",
    )
    code, output = tx(ws, "check", str(xliff21), "--lang", "es")
    assert code == 1 and output.splitlines()[1].startswith("n7: number: ")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tsv", "no tab here\n", "bad.tsv:1: no TAB between source and target"),
        ("bad.tmx", "<tmx><body>", "bad.tmx"),
        ("bad.doc", "x", "cannot check a .doc file"),
    ],
)
def test_an_unreadable_delivery_is_one_line(
    ws: workspace.Workspace, name: str, content: str, message: str
) -> None:
    (ws.root / name).write_text(content, "utf-8")
    code, output = tx(ws, "check", str(ws.root / name), "--lang", "es")
    assert code == 1 and output.startswith("error: ") and message in output
    assert len(output.strip().splitlines()) == 1
