"""Tests of XLIFF export (translate.formats.xliff): files valid against the official
XLIFF 1.2 strict and 2.0 core schemas, with ids, states, notes, metadata, glossary entries
and inline codes where the specifications put them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from support.cli import tx
from support.xliff_sample import GLOSSARY, SLUG, SPANISH, X2, X12, build_workspace, waived
from support.xliff_schemas import assert_valid, xliff_schema

from translate.formats.xliff.common import GLS, MDA
from translate.formats.xliff.read import read_xliff
from translate.formats.xliff.write import write_xliff
from translate.roundtrip.xliff_export import export_xliff, xliff_path
from translate.workspace import Workspace, workfiles


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def _export(ws: Workspace, version: str, **options: Any) -> Any:
    path = export_xliff(ws, SLUG, "es", version=version, glossary=GLOSSARY, **options)
    assert path == ws.root / "exports" / "review" / "es" / f"{SLUG}.xlf"
    return etree.parse(str(path)).getroot()


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("copy_source", [False, True])
def test_exports_are_valid_against_the_official_schema(
    ws: Workspace, tmp_path: Path, version: str, copy_source: bool
) -> None:
    waived(ws)
    _export(ws, version, copy_source=copy_source)
    schema = xliff_schema(version, tmp_path / "schemas")
    assert_valid(schema, xliff_path(ws, SLUG, "es").read_bytes())


def test_xliff_21_keeps_the_20_core_namespace(ws: Workspace) -> None:
    root = _export(ws, "2.1")
    assert root.tag == f"{X2}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "es")
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    units = list(root.iter(f"{X2}unit"))
    assert [u.get("id") for u in units] == [item.id for item in translation.segments]
    assert [u.getparent().get("id") for u in units] == ["b0", "b1", "b2", "b3", "b3"]
    segments = [u.find(f"{X2}segment") for u in units]
    assert [(s.get("state"), s.get("subState")) for s in segments] == [
        ("translated", "tx:machine"),
        ("translated", "tx:machine"),
        ("translated", "tx:memory"),
        ("reviewed", "tx:reviewer"),
        ("final", "tx:reviewer"),
    ]


def test_xliff_21_inline_codes_point_to_their_markdown(ws: Workspace) -> None:
    unit = _unit(_export(ws, "2.1"), 2)
    data = {d.get("id"): d.text for d in unit.find(f"{X2}originalData")}
    assert data == {"d1s": "[", "d1e": "](https://example.org/afp)", "d2s": "`AFP`"}
    source = unit.find(f"{X2}segment/{X2}source")
    link = source.find(f"{X2}pc")
    assert (link.get("id"), link.get("type"), link.get("dataRefStart"), link.get("dataRefEnd")) == (
        "1",
        "link",
        "d1s",
        "d1e",
    )
    code = link.find(f"{X2}ph")
    assert (code.get("id"), code.get("dataRef"), code.get("equiv")) == ("2", "d2s", "AFP")
    assert "".join(source.itertext()) == "Read the full  report before noon."
    target = unit.find(f"{X2}segment/{X2}target")
    assert [e.get("id") for e in target.iter(f"{X2}pc", f"{X2}ph")] == ["1", "2"]
    emphasis = _unit(_export(ws, "2.1"), 1).find(f"{X2}segment/{X2}source")
    assert [(pc.get("type"), pc.get("subType")) for pc in emphasis.iter(f"{X2}pc")] == [
        ("fmt", "xlf:i"),
        ("fmt", "xlf:b"),
    ]


def test_xliff_21_notes_metadata_and_glossary(ws: Workspace) -> None:
    waived(ws)
    root = _export(ws, "2.1")
    flagged = _unit(root, 1)
    # module elements come before <notes>, <originalData> and <segment>, as the core requires
    names = [etree.QName(child).localname for child in flagged]
    assert names == ["metadata", "glossary", "notes", "originalData", "segment"]
    notes = [(n.get("category"), n.text) for n in flagged.iter(f"{X2}note")]
    assert notes == [("tx-waiver", "glossary waived by ana on 2025-10-22: quoted as said")]
    meta = {m.get("type"): m.text for m in flagged.iter(f"{{{MDA}}}meta")}
    assert meta["origin"] == "apertium:eng-spa"
    assert meta["exported"].startswith("src ") and meta["exported"].endswith(" translated")
    entries = [
        [(etree.QName(e).localname, e.text) for e in entry]
        for entry in flagged.iter(f"{{{GLS}}}glossEntry")
    ]
    assert entries == [
        [("term", "Kyiv"), ("translation", "Kiev")],
        [
            ("term", "China (the CCP)"),
            ("translation", "China (el PCCh)"),
            ("definition", "house style"),
        ],
    ]
    assert _unit(root, 4).find(f"{{{GLS}}}glossary") is None  # "engineers": no rendering
    noted = _unit(root, 3)
    assert [(n.get("category"), n.text) for n in noted.iter(f"{X2}note")] == [
        (None, "Ana: cifra comprobada")
    ]
    identity = {m.get("type"): m.text for m in root.find(f"{X2}file").iter(f"{{{MDA}}}meta")}
    assert identity["article"] == SLUG and identity["revision"] == "3"


def test_open_flags_are_notes_with_a_category(ws: Workspace) -> None:
    note = _unit(_export(ws, "2.1"), 1).find(f"{X2}notes/{X2}note")
    assert (note.get("category"), note.get("priority"), note.get("appliesTo")) == (
        "tx-flag",
        "1",
        "target",
    )
    assert note.text == "glossary: 'China (the CCP)' must be 'China (el PCCh)'"


def test_xliff_12_codes_states_and_notes(ws: Workspace) -> None:
    root = _export(ws, "1.2")
    assert root.tag == f"{X12}xliff" and root.get("version") == "1.2"
    file = root.find(f"{X12}file")
    assert (file.get("source-language"), file.get("target-language")) == ("en", "es")
    units = list(root.iter(f"{X12}trans-unit"))
    targets = [u.find(f"{X12}target") for u in units]
    assert [
        (t.get("state"), t.get("state-qualifier"), u.get("approved"))
        for u, t in zip(units, targets, strict=True)
    ] == [
        ("translated", "mt-suggestion", None),
        ("translated", "mt-suggestion", None),
        ("translated", "exact-match", None),
        ("signed-off", None, "yes"),
        ("final", None, "yes"),
    ]
    source = units[2].find(f"{X12}source")
    g = source.find(f"{X12}g")
    assert (g.get("id"), g.get("ctype")) == ("1", "link")
    x = g.find(f"{X12}x")
    assert (x.get("id"), x.get("ctype"), x.get("equiv-text")) == ("2", "x-code", "`AFP`")
    assert [g.get("ctype") for g in units[1].find(f"{X12}source").iter(f"{X12}g")] == [
        "italic",
        "bold",
    ]
    notes = [(n.get("from"), n.text) for n in units[1].iter(f"{X12}note")]
    assert notes == [
        ("tx-flag", "glossary: 'China (the CCP)' must be 'China (el PCCh)'"),
        ("tx", "origin: apertium:eng-spa"),
    ]


def test_the_text_of_targets_is_the_markdown_without_placeholders(ws: Workspace) -> None:
    for version in ("1.2", "2.1"):
        document = read_xliff(export_xliff(ws, SLUG, "es", version=version, glossary=GLOSSARY))
        texts = [
            "".join(e.value for e in u.target or () if e.kind == "text") for u in document.units
        ]
        assert texts[1] == "Kiev rechaza la oferta de China (el Partido) para reconstruir la red."
        assert texts[2] == "Lea el informe completo de  antes del mediodía."
        assert document.lost == {}


def test_copy_source_puts_the_source_in_targets_not_yet_reviewed(ws: Workspace) -> None:
    root = _export(ws, "1.2", copy_source=True)
    units = list(root.iter(f"{X12}trans-unit"))
    targets = ["".join(u.find(f"{X12}target").itertext()) for u in units]
    sources = ["".join(u.find(f"{X12}source").itertext()) for u in units]
    assert targets[:3] == sources[:3]
    assert targets[3] == SPANISH[3][0]
    assert [u.find(f"{X12}target").get("state") for u in units][:3] == ["needs-translation"] * 3


def test_right_to_left_targets_say_so(tmp_path: Path) -> None:
    from dataclasses import replace

    ws = build_workspace(tmp_path / "ws")
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    arabic = replace(translation, target_lang="ar")
    root = etree.fromstring(write_xliff(arabic, "2.1"))
    assert {u.get("trgDir") for u in root.iter(f"{X2}unit")} == {"rtl"}


def test_unknown_version_and_missing_work_file_are_one_line_errors(ws: Workspace) -> None:
    code, output = tx(ws, "xliff", "export", SLUG, "--lang", "es", "--version", "3.0")
    assert code == 2 and "use one of 1.2, 2.1" in output
    code, output = tx(ws, "xliff", "export", SLUG, "--lang", "fr")
    assert code == 1 and output.startswith("error: ") and "run `tx translate`" in output
    code, output = tx(ws, "xliff", "export", "bad name", "--lang", "es")
    assert code == 1 and "no such article 'bad name'" in output


def test_the_command_writes_the_file(ws: Workspace) -> None:
    code, output = tx(
        ws, "xliff", "export", f"articles/{SLUG}.md", "--lang", "ES", "--version", "1.2"
    )
    assert code == 0, output
    path = xliff_path(ws, SLUG, "es")
    assert output.strip() == f"wrote {path} (XLIFF 1.2)"
    assert read_xliff(path).version == "1.2"


def _unit(root: Any, index: int) -> Any:
    return list(root.iter(f"{X2}unit"))[index]


def test_a_file_a_translator_saved_into_is_not_replaced(ws: Workspace) -> None:
    from support.xliff_sample import CatTool

    path = export_xliff(ws, SLUG, "es", glossary=GLOSSARY)
    assert export_xliff(ws, SLUG, "es", glossary=GLOSSARY) == path  # tx's own: replaced
    tool = CatTool(path)
    tool.set_target(tool.units()[0].get("id"), "Kiev dice que no")
    tool.save()
    edited = path.read_bytes()
    code, output = tx(ws, "xliff", "export", SLUG, "--lang", "es")
    assert code == 1 and "changed since tx wrote it" in output and "--force" in output
    assert path.read_bytes() == edited
    code, output = tx(ws, "xliff", "import", str(path))
    assert code == 0, output
    code, output = tx(ws, "xliff", "export", SLUG, "--lang", "es")  # imported: safe again
    assert code == 0, output
    tool = CatTool(path)
    tool.set_target(tool.units()[0].get("id"), "Otra vez")
    tool.save()
    code, output = tx(ws, "xliff", "export", SLUG, "--lang", "es", "--force")
    assert code == 0 and b"Otra vez" not in path.read_bytes()


def test_the_engines_score_is_metadata(ws: Workspace) -> None:
    from dataclasses import replace

    translation = workfiles.load(ws.work_file(SLUG, "es"))
    scored = (translation.segments[0].with_changes(score=-0.25), *translation.segments[1:])
    root = etree.fromstring(write_xliff(replace(translation, segments=scored), "2.1"))
    meta = {m.get("type"): m.text for m in _unit(root, 0).iter(f"{{{MDA}}}meta")}
    assert (meta["origin"], meta["score"]) == ("apertium:eng-spa", "-0.25")
