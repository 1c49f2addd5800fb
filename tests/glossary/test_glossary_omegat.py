"""OmegaT glossaries: tab-separated in UTF-8 or UTF-16 with a byte order mark, the .tab,
.txt and .utf8 suffixes without --format, OmegaT's CSV variant; formulas guarded on export."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import tx

from translate import workspace
from translate.errors import GlossaryError
from translate.glossary import load_glossary
from translate.glossary.exchange import export_glossary, file_format, read_omegat, read_terms
from translate.models import Glossary, Term, TermType

DATA = Path(__file__).parents[1] / "data" / "omegat"


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    return workspace.load(tmp_path)


def test_utf16_tab_file_is_read_without_format_and_extra_fields_are_counted(
    ws: workspace.Workspace,
) -> None:
    code, output = tx(ws, "glossary", "import", str(DATA / "newsroom-utf16.tab"), "--lang", "es")
    assert code == 0, output
    assert "not carried over: 1 field after the comment (OmegaT line)" in output
    assert "3 added" in output
    terms = {t.source: t for t in load_glossary(ws.glossary_files(), "en").terms}
    assert terms["White House"].target("es") == "Casa Blanca"
    assert terms["White House"].note == "the building"
    assert terms["Zelensky"].type is TermType.KEEP


@pytest.mark.parametrize("suffix", [".tab", ".txt", ".utf8", ".tsv"])
def test_suffixes(suffix: str) -> None:
    assert file_format(Path("g" + suffix), "en") == "omegat"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"]
)
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Kyiv\tKiev\tcapital ñ\n"
    if encoding.endswith("-bom"):
        codec = encoding[: -len("-bom")]
        data = "\ufeff".encode(codec) + text.encode(codec)
    else:
        data = text.encode(encoding)
    path = tmp_path / "g.txt"
    path.write_bytes(data)
    [term] = read_omegat(path, "es").terms
    assert (term.source, term.target("es"), term.note) == ("Kyiv", "Kiev", "capital ñ")


def test_utf16_without_a_byte_order_mark_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_bytes("Kyiv\tKiev\n".encode("utf-16-le"))
    with pytest.raises(GlossaryError) as caught:
        read_omegat(path, "es")
    message = str(caught.value)
    assert "UTF-16 with a byte order mark" in message and "\n" not in message


def test_csv_variant_is_recognised_by_its_missing_header(ws: workspace.Workspace) -> None:
    path = DATA / "newsroom.csv"
    assert file_format(path, "en") == "omegat-csv"
    house = ws.root / "glossaries" / "house.csv"
    house.write_text("en,es,note\nWhite House,Casa Blanca,\n", encoding="utf-8")
    assert file_format(house, "en") == "csv"
    found = read_terms(path, "en", lang="es")
    assert [(t.source, t.target("es"), t.note) for t in found.terms] == [
        ("White House", "Casa Blanca", "the building, in Washington"),
        ("ceasefire", "alto el fuego", ""),
        ("Kyiv", "Kiev", ""),
    ]
    code, output = tx(ws, "glossary", "import", str(path))
    assert code == 1 and "pass --lang xx" in output and "header row" in output
    code, output = tx(ws, "glossary", "import", str(path), "--lang", "es")
    assert code == 0 and "2 added" in output and "1 completed" in output, output


FORMULAS = Glossary(
    "en",
    (
        Term("=SUM(A1)", {"es": "+cmd|' /C calc'!A0"}, note="@bad"),
        Term("-5 degrees", {"es": "-5 grados"}),
    ),
)


@pytest.mark.parametrize(("name", "fmt"), [("g.tab", None), ("g.csv", "omegat-csv")])
def test_export_guards_formulas_and_import_takes_the_guard_off(
    ws: workspace.Workspace, tmp_path: Path, name: str, fmt: str | None
) -> None:
    path = tmp_path / name
    export_glossary(FORMULAS, path, fmt=fmt, lang="es")
    text = path.read_text(encoding="utf-8")
    assert "'=SUM(A1)" in text and "'+cmd" in text and "'@bad" in text and "'-5 grados" in text
    assert not any(
        cell.startswith(("=", "+", "-", "@"))
        for line in text.splitlines()
        for cell in line.replace('"', "").replace(",", "\t").split("\t")
    )
    back = read_terms(path, "en", fmt=fmt, lang="es")
    assert [(t.source, t.target("es"), t.note) for t in back.terms] == [
        ("=SUM(A1)", "+cmd|' /C calc'!A0", "@bad"),
        ("-5 degrees", "-5 grados", ""),
    ]
