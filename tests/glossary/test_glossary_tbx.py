"""TBX-Basic in TBX 2008 and TBX v3 (DCA and DCT styles): administrative status, synonyms
as variants, language variants by lookup, what is not carried over counted; tx's export
valid TBX-Basic."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from support.cli import tx
from support.omegat import schema

from translate import workspace
from translate.errors import GlossaryError
from translate.formats.tbx import read_tbx, tbx_text
from translate.glossary import load_glossary
from translate.glossary.exchange import export_glossary
from translate.models import Glossary, Term, TermType

DATA = Path(__file__).parents[1] / "data" / "tbx"

# TBX-Basic's data categories (TBX-Basic specification, 2008 and v3): what an export may use.
BASIC_TERM_NOTES = {
    "administrativeStatus",
    "partOfSpeech",
    "termType",
    "grammaticalGender",
    "geographicalUsage",
    "termLocation",
}
BASIC_STATUSES = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}


def test_tbx_2008_statuses_synonyms_and_what_is_left_out() -> None:
    found = read_tbx(DATA / "basic-2008.tbx", "en")
    house, truck = found.terms
    assert house.source == "White House"  # en-US terms are English
    assert dict(house.targets) == {"es-ES": "Casa Blanca", "zh-Hant": "白宮"}
    assert house.target("es") == "Casa Blanca" and house.target("zh-TW") == "白宮"
    assert dict(house.variants) == {"en": ("the White House",), "es-ES": ("la Casa Blanca",)}
    assert dict(house.avoid) == {"es-ES": ("Casa Blanca blanca", "Mansión Ejecutiva")}
    assert "en" not in house.avoid and "en-US" not in house.avoid
    assert house.note == "The seat of the US government."
    assert truck.source == "truck" and dict(truck.variants)["en"] == ("lorry",)
    assert found.skipped == (
        "entry 3 (id c3): its en terms are all deprecated",
        "entry 4 (id c4): no en term",
    )
    dropped = dict(found.dropped)
    assert dropped["deprecated source-language term"] == 1
    assert dropped["descrip definition (of a language)"] == 1
    assert dropped["transacGrp (transactions: who and when) (of an entry)"] == 1
    assert dropped["termNote partOfSpeech (of a term)"] == 1
    assert dropped["xref xGraphic (of a term)"] == 1
    assert dropped["ref crossReference (of a term)"] == 1
    assert sum(dropped.values()) == 11


@pytest.mark.parametrize("name", ["basic-v3-dca.tbx", "basic-v3-dct.tbx"])
def test_tbx_v3_both_styles(name: str) -> None:
    found = read_tbx(DATA / name, "en")
    [term] = found.terms
    assert term.source == "Communist Party"
    assert term.target("es") == "Partido Comunista"
    assert term.accepted("es") == ("Partido Comunista", "PCCh")
    assert term.avoided("es") == ("PCC",)
    kinds = {kind.split(" (")[0].replace("descrip ", "") for kind, _ in found.dropped}
    assert {"definition", "subjectField"} <= kinds


def test_import_prints_what_was_not_carried_over(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    code, output = tx(ws, "glossary", "import", str(DATA / "basic-2008.tbx"))
    assert code == 0, output
    assert "not carried over: 1 deprecated source-language term" in output
    assert "skipped: entry 3 (id c3): its en terms are all deprecated" in output
    assert "2 added" in output
    rows = load_glossary([tmp_path / "glossaries" / "house.csv"], "en").terms
    house = next(t for t in rows if t.source == "White House")
    assert house.accepted("es") == ("Casa Blanca", "la Casa Blanca")
    assert house.avoided("es") == ("Casa Blanca blanca", "Mansión Ejecutiva")


GLOSSARY = Glossary(
    "en",
    (
        Term("Zelensky", {"uk": "Зеленський"}, TermType.KEEP, True, note="A name & <b>"),
        Term(
            "White House",
            {"es": "Casa Blanca", "fr": "Maison-Blanche"},
            avoid={"es": ("Casa Blanca blanca",)},
            variants={"es": ("la Casa Blanca",), "en": ("the White House",)},
        ),
        Term("apple", {"es": "manzana"}, case_sensitive=True),
        Term("US", {}, TermType.KEEP, case_sensitive=False),
    ),
)


def test_export_is_valid_tbx_basic_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(tbx_text(GLOSSARY), encoding="utf-8")
    xsd = etree.XMLSchema(etree.parse(str(schema("tbx.xsd", tmp_path))))
    document = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    assert xsd.validate(document), xsd.error_log.filter_from_errors()
    root = document.getroot()
    assert root.get("type") == "TBX-Basic"
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    notes = root.findall(".//termNote")
    assert {note.get("type") for note in notes} <= BASIC_TERM_NOTES
    assert {n.text for n in notes if n.get("type") == "administrativeStatus"} <= BASIC_STATUSES
    assert "x-tx" not in path.read_text(encoding="utf-8")
    back = read_tbx(path, "en")
    assert back.dropped == () and back.skipped == ()
    assert [
        (t.source, dict(t.targets), t.type, t.case_sensitive, t.note, dict(t.avoid))
        for t in back.terms
    ] == [
        (t.source, dict(t.targets), t.type, t.case_sensitive, t.note, dict(t.avoid))
        for t in GLOSSARY.terms
    ]
    assert [dict(t.variants) for t in back.terms] == [dict(t.variants) for t in GLOSSARY.terms]
    export_glossary(Glossary("en", back.terms), tmp_path / "g.csv")
    again = load_glossary([tmp_path / "g.csv"], "en").terms
    assert [dict(t.variants) for t in again] == [dict(t.variants) for t in GLOSSARY.terms]


def test_older_tx_exports_with_x_tx_notes_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.tbx"
    path.write_text(
        '<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry>'
        '<langSet xml:lang="en"><tig><term>Zelensky</term>'
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>'
        '<termNote type="x-tx-type">keep</termNote></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    [term] = read_tbx(path, "en").terms
    assert term.type is TermType.KEEP and term.case_sensitive


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<glossary/>", "not a TBX file"),
        ("<martif><text><body><termEntry>", "not well-formed XML"),
        (
            '<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term>'
            "</tig></langSet></termEntry></body></text></martif>",
            "",
        ),
    ],
)
def test_hostile_tbx(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    if not message:
        assert all("aaaa" not in t.source for t in read_tbx(path, "en").terms)
        return
    with pytest.raises(GlossaryError, match=message) as caught:
        read_tbx(path, "en")
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
