"""Tests of translate.glossary.exchange: CSV, TBX and OmegaT import and export."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import GlossaryError
from translate.glossary import load_glossary
from translate.glossary.exchange import (
    export_glossary,
    guess_format,
    import_glossary,
    read_omegat,
    read_tbx,
)
from translate.models import Glossary, Term, TermType

HOUSE = Path(__file__).resolve().parents[2] / "glossaries" / "house.csv"


def essence(glossary: Glossary | list[Term]) -> list[tuple[object, ...]]:
    terms = glossary.terms if isinstance(glossary, Glossary) else glossary
    return [
        (t.source, dict(t.targets), t.type, t.case_sensitive, t.note, dict(t.avoid)) for t in terms
    ]


def test_guess_format() -> None:
    assert guess_format(Path("a.CSV")) == "csv"
    assert guess_format(Path("a.tbx")) == "tbx"
    assert guess_format(Path("a.utf8")) == guess_format(Path("a.txt")) == "omegat"
    assert guess_format(Path("a.xml"), "tbx") == "tbx"
    with pytest.raises(GlossaryError, match="pass --format"):
        guess_format(Path("a.xml"))
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        guess_format(Path("a.csv"), "xliff")


def test_csv_tbx_csv_round_trip_keeps_everything(tmp_path: Path) -> None:
    house = load_glossary([HOUSE], "en")
    assert export_glossary(house, tmp_path / "house.tbx") == len(house.terms)
    text = (tmp_path / "house.tbx").read_text(encoding="utf-8")
    assert '<martif type="TBX-Basic" xml:lang="en">' in text
    assert "deprecatedTerm-admn-sts" in text
    found = read_tbx(tmp_path / "house.tbx", "en")
    terms, skipped = list(found.terms), list(found.skipped)
    assert skipped == [] and found.dropped == ()
    assert essence(terms) == essence(house)
    export_glossary(Glossary("en", tuple(terms)), tmp_path / "back.csv")
    assert essence(load_glossary([tmp_path / "back.csv"], "en")) == essence(house)


def test_case_survives_tbx(tmp_path: Path) -> None:
    glossary = Glossary(
        "en",
        (
            Term("US", {}, TermType.KEEP, case_sensitive=True),
            Term("Apple", {"es": "Apple"}, TermType.TERM, case_sensitive=True),
            Term("kyiv", {"es": "Kiev"}, TermType.KEEP, case_sensitive=False),
        ),
    )
    export_glossary(glossary, tmp_path / "g.tbx")
    assert essence(list(read_tbx(tmp_path / "g.tbx", "en").terms)) == essence(glossary)


def test_omegat_round_trip_for_one_language(tmp_path: Path) -> None:
    house = load_glossary([HOUSE], "en")
    count = export_glossary(house, tmp_path / "es.txt", lang="es")
    lines = (tmp_path / "es.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    assert "China (the CCP)\tChina (el PCCh)\t" in lines[1]
    assert count == len(lines) - 1
    back = list(read_omegat(tmp_path / "es.txt", "es").terms)
    assert [(t.source, t.target("es"), t.note) for t in back] == [
        (t.source, t.target("es"), t.note) for t in house.terms if t.target("es")
    ]
    with pytest.raises(GlossaryError, match="--lang"):
        export_glossary(house, tmp_path / "x.tsv")


def test_omegat_reading_errors(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_text("# comment\n\nWhite House\tCasa Blanca\nBeijing Pekín\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="source<TAB>target") as caught:
        read_omegat(path, "es")
    assert caught.value.line == 4


def test_non_tbx_is_rejected(tmp_path: Path) -> None:
    html = tmp_path / "page.tbx"
    html.write_text("<html><body>hello</body></html>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not a TBX file"):
        read_tbx(html, "en")
    broken = tmp_path / "broken.tbx"
    broken.write_text("<martif>\n<text>\n</martif>\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not well-formed XML") as caught:
        read_tbx(broken, "en")
    assert caught.value.line == 3


def test_tbx_entries_without_source_term_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(
        '<martif type="TBX-Basic"><text><body>'
        '<termEntry id="a"><langSet xml:lang="es"><tig><term>Casa</term></tig></langSet>'
        "</termEntry>"
        '<termEntry><langSet xml:lang="en"><tig><term>House</term></tig></langSet>'
        '<langSet xml:lang="es"><tig><term>Casa</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    found = read_tbx(path, "en")
    terms, skipped = list(found.terms), list(found.skipped)
    assert essence(terms) == [("House", {"es": "Casa"}, TermType.TERM, False, "", {})]
    assert skipped == ["entry 1 (id a): no en term"]


def test_import_appends_new_skips_duplicates_reports_conflicts(tmp_path: Path) -> None:
    into = tmp_path / "house.csv"
    original = "en,es\nWhite House,Casa Blanca\nBeijing,Pekín\nMoscow,\n"
    into.write_text(original, encoding="utf-8")
    source = tmp_path / "in.txt"
    source.write_text(
        "White House\tCasa Blanca\nBeijing\tBeijing capital\nKremlin\tKremlin\nKyiv\tKiev\n"
        "Moscow\tMoscú\n",
        encoding="utf-8",
    )
    result = import_glossary(source, into, [into], "en", lang="es")
    assert [t.source for t in result.added] == ["Kremlin", "Kyiv"]
    assert [t.source for t in result.duplicates] == ["White House"]
    assert [(new.source, old.target("es")) for new, old in result.conflicts] == [
        ("Beijing", "Pekín")
    ]
    assert [t.source for t in result.completed] == ["Moscow"]
    text = into.read_text(encoding="utf-8")
    assert text.startswith("en,es,type\nWhite House,Casa Blanca,\nBeijing,Pekín,\n")
    terms = {t.source: t for t in load_glossary([into], "en").terms}
    assert terms["Moscow"].target("es") == "Moscú"
    assert terms["Kremlin"].type is TermType.KEEP
    assert terms["Kyiv"].target("es") == "Kiev"
    again = import_glossary(source, into, [into], "en", lang="es")
    assert again.added == () and len(again.duplicates) == 4 and len(again.conflicts) == 1


def test_import_with_replace_rewrites_only_that_row(tmp_path: Path) -> None:
    into = tmp_path / "house.csv"
    into.write_text("en,es,fr\nWhite House,Casa Blanca,Maison-Blanche\nBeijing,Beijing,Pékin\n")
    source = tmp_path / "in.csv"
    source.write_text("en,es,note\nBeijing,Pekín,the government\n", encoding="utf-8")
    result = import_glossary(source, into, [into], "en", replace=True)
    assert [t.source for t in result.replaced] == ["Beijing"]
    assert into.read_text(encoding="utf-8") == (
        "en,es,fr,note\nWhite House,Casa Blanca,Maison-Blanche,\n"
        "Beijing,Pekín,Pékin,the government\n"
    )


def test_import_edits_the_file_that_holds_the_term(tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("en,es\nBeijing,\n", encoding="utf-8")
    into = tmp_path / "house.csv"
    source = tmp_path / "in.csv"
    source.write_text("en,es\nBeijing,Pekín\nKyiv,Kiev\n", encoding="utf-8")
    import_glossary(source, into, [names], "en")
    assert names.read_text(encoding="utf-8") == "en,es\nBeijing,Pekín\n"
    assert into.read_text(encoding="utf-8") == "en,es\nKyiv,Kiev\n"


def test_import_of_a_bad_csv_writes_nothing(tmp_path: Path) -> None:
    into = tmp_path / "house.csv"
    source = tmp_path / "in.csv"
    source.write_text("en,es\nBeijing,Pekín,extra\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"in\.csv:2: row has 3 cells"):
        import_glossary(source, into, [], "en")
    assert not into.exists()


def test_tbx_terms_in_regional_tags_serve_the_workspace_languages(tmp_path: Path) -> None:
    tbx = tmp_path / "regional.tbx"
    tbx.write_text(
        '<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en-US"><text><body>'
        '<termEntry id="c1"><langSet xml:lang="en-US"><tig><term>White House</term></tig>'
        '</langSet><langSet xml:lang="es-ES"><tig><term>Casa Blanca</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    found = read_tbx(tbx, "en")
    terms, skipped = list(found.terms), list(found.skipped)
    assert skipped == [] and [t.source for t in terms] == ["White House"]
    assert terms[0].target("es") == "Casa Blanca"
