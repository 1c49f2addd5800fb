"""Tests of ``tx glossary``: list, check, add, import, export (through typer's CliRunner)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.wire_story import WIRE_STORY
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.glossary import load_glossary

REPO = Path(__file__).resolve().parents[2]
HOUSE = REPO / "glossaries" / "house.csv"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    workspace.init(tmp_path)
    shutil.copy(HOUSE, tmp_path / "glossaries" / "house.csv")
    return tmp_path


def tx(ws: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--workspace", str(ws), "glossary", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_list(ws: Path) -> None:
    code, out, _ = tx(ws, "list", "--lang", "de")
    assert code == 0
    assert out.splitlines()[0].split() == ["SOURCE", "TYPE", "DE"]
    assert any(
        line.split("  ")[0] == "Zelensky" and "Selenskyj" in line for line in out.splitlines()
    )
    assert "Donald Trump" in out
    code, out, _ = tx(ws, "list")
    assert "es: China (el PCCh)" in out


def test_check_without_article(ws: Path) -> None:
    code, out, _ = tx(ws, "check")
    assert code == 0
    assert "no problems" in out


def test_check_prints_every_problem(ws: Path) -> None:
    bad = ws / "glossaries" / "zz.csv"
    bad.write_text("en,es,type\nWhite House,Casa,term\nA ,b,term\nC,d,odd\n", encoding="utf-8")
    code, out, err = tx(ws, "check")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad}:2: duplicate source term 'White House'")
    assert lines[1].startswith(f"{bad}:3: 'en' cell 'A ' has spaces around it")
    assert lines[2].startswith(f"{bad}:4: bad type 'odd'")
    assert "3 problem(s)" in err


def test_check_article_lists_every_occurrence(ws: Path) -> None:
    text = WIRE_STORY.read_text(encoding="utf-8")
    code, out, _ = tx(ws, "check", str(WIRE_STORY), "--to", "es,fr,pt")
    assert code == 0, out
    rows = [line for line in out.splitlines() if "  " in line][1:]

    def matched(term: str) -> list[str]:
        return [r.split("  ")[0] for r in rows if f"  {term}  " in r]

    assert len(matched("China (the CCP)")) == text.count("China (the CCP)") == 2
    assert any("  the CCP  " in r and "  The CCP  " in r for r in rows)
    assert len(matched("Beijing")) == text.count("Beijing") == 3
    assert len(matched("Moscow")) == text.count("Moscow") == 2
    assert len(matched("Zelensky")) == len(matched("Volodymyr Zelensky")) == 1
    for term in ("Ukrinform", "Voice of America", "Marco Rubio", "Sergey Lavrov", "Donald Trump"):
        assert len(matched(term)) == text.count(term) == 1, term
    assert len(matched("the White House")) == 1 and matched("White House") == []
    # the photo credit is metadata, not a segment: two of the story's three "People News"
    assert len(matched("People News")) == 2
    assert "23 occurrence(s) of 18 term(s) in 25 segment(s)" in out
    assert "es: every term found has an approved rendering" in out
    assert "pt: no approved rendering for" in out
    assert "'Donald Trump'" not in out.split("pt: ")[1]  # keep entries need none


def test_malformed_row_is_a_one_line_error(ws: Path) -> None:
    (ws / "glossaries" / "bad.csv").write_text("en,es\nHouse,Casa,extra\n", encoding="utf-8")
    for args in (("check", str(WIRE_STORY)), ("list",)):
        code, out, err = tx(ws, *args)
        assert code == 1
        assert err.strip().splitlines() == [
            f"error: {ws / 'glossaries' / 'bad.csv'}:2: row has 3 cells but the header has "
            "2 columns (quote cells that contain commas, and add empty cells for missing values)"
        ]
        assert "Traceback" not in out + err


def test_add(ws: Path) -> None:
    code, out, _ = tx(
        ws, "add", "Kremlin", "--to", "es=Kremlin", "--to", "ru=Кремль", "--keep",
        "--avoid", "es=Kremlín|Cremlin", "--note", "the Russian presidency",
        "--variant", "uk=Кремль",
    )  # fmt: skip
    assert code == 0, out
    terms = {t.source: t for t in load_glossary([ws / "glossaries" / "house.csv"], "en").terms}
    assert terms["Kremlin"].target("ru") == "Кремль"
    assert terms["Kremlin"].avoid == {"es": ("Kremlín", "Cremlin")}
    assert terms["Kremlin"].accepted("uk") == ("Kremlin", "Кремль")
    code, out, _ = tx(ws, "add", "kremlin", "--to", "es=Kremlin")
    assert code == 0 and "nothing changed" in out
    code, _, err = tx(ws, "add", "Kyiv", "--to", "es")
    assert code == 2 and "LANG=TEXT" in err


def test_add_changes_an_existing_row_and_says_what_changed(ws: Path) -> None:
    house = ws / "glossaries" / "house.csv"
    code, out, _ = tx(ws, "add", "Olena Zelenska", "--keep", "--to", "es=Zelenski")
    assert code == 0, out
    before = house.read_text(encoding="utf-8").splitlines()
    code, out, _ = tx(
        ws, "add", "olena zelenska", "--to", "uk=Зеленський", "--to", "es=Zelensky",
        "--variant", "ru=Зеленский", "--avoid", "uk=Зеленскiй",
    )  # fmt: skip
    assert code == 0, out
    assert out.startswith("changed 'Olena Zelenska' (")
    assert "  uk: 'Зеленський' added" in out
    assert "  es: 'Zelenski' replaced by 'Zelensky'" in out
    assert "  variants:ru: 'Зеленский' added" in out
    assert "  avoid:uk: 'Зеленскiй' added" in out
    terms = {t.source: t for t in load_glossary([house], "en").terms}
    zelensky = terms["Olena Zelenska"]
    assert zelensky.target("uk") == "Зеленський" and zelensky.target("es") == "Zelensky"
    assert zelensky.accepted("ru") == ("Olena Zelenska", "Зеленский")
    after = house.read_text(encoding="utf-8").splitlines()
    changed = [b for a, b in zip(before[1:], after[1:], strict=True) if not b.startswith(a)]
    assert [row.split(",")[0] for row in changed] == ["Olena Zelenska"]  # others: new empty cells
    code, out, _ = tx(ws, "add", "Olena Zelenska", "--to", "uk=Зеленський")
    assert code == 0 and "nothing changed" in out


def test_export_and_import(ws: Path, tmp_path: Path) -> None:
    code, out, _ = tx(ws, "export", str(tmp_path / "out.tbx"))
    assert code == 0 and out.startswith(f"wrote {len(load_glossary([HOUSE], 'en').terms)} entries")
    code, out, _ = tx(ws, "export", str(tmp_path / "es.txt"), "--lang", "es")
    assert code == 0
    omegat = tmp_path / "in.txt"
    omegat.write_text("Beijing\tBeijing\nKyiv\tKiev\nWhite House\tCasa Blanca\n", encoding="utf-8")
    code, out, _ = tx(ws, "import", str(omegat), "--lang", "es")
    assert code == 0
    assert "conflict: 'Beijing'" in out and "'Pekín' here, 'Beijing' imported" in out
    assert "1 added, 0 completed, 0 replaced, 1 duplicate(s) and 1 conflict(s) skipped" in out
    code, out, _ = tx(ws, "import", str(tmp_path / "out.tbx"))
    assert code == 0 and "0 added" in out and "23 duplicate(s)" not in out
    code, _, err = tx(ws, "import", str(omegat))
    assert code == 1 and "--lang" in err
