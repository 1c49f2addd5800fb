"""Every character and construct a reviewer's Word writes comes back as it reads: no-break
hyphens and spaces, soft hyphens, symbols, a white-space-only edit, a text box (alternate
content), a footnote; Strict Open XML and encrypted packages. The documents are exported by
tx and then edited at the XML level the way Word writes these constructs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from support.review_sample import GLOSSARY, SLUG, SPANISH, TODAY, build_workspace
from support.reviewer import ids
from support.word_xml import edit_body, fragment, rewrite_parts, run, segment_row, set_runs, w

from translate.errors import ReviewError
from translate.models import State
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import ImportReport, import_review
from translate.workspace import Workspace, workfiles


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def _import(ws: Workspace, path: Path) -> tuple[ImportReport, list[str]]:
    report = import_review(ws, path, glossary=GLOSSARY)
    return report, [item.target for item in workfiles.load(ws.work_file(SLUG, "es")).segments]


def _exported(ws: Workspace) -> Path:
    return export_review(ws, SLUG, "es", today=TODAY)


NO_BREAK = [
    (run("La cumbre chino") + "<w:r><w:noBreakHyphen/></w:r>" + run("rusas"), "chino\u2011rusas"),
    (run("Subió un 12,5\u00a0% en octubre"), "12,5\u00a0%"),
    (run("Dijo\u202f: «no»"), "Dijo\u202f: «no»"),
    (run("electri") + "<w:r><w:softHyphen/></w:r>" + run("cidad"), "electri\u00adcidad"),
]


@pytest.mark.parametrize("runs, expected", NO_BREAK, ids=["U+2011", "U+00A0", "U+202F", "U+00AD"])
def test_no_break_characters_come_back_as_they_are(ws: Workspace, runs: str, expected: str) -> None:
    s = ids(ws)
    report, targets = _import(ws, set_runs(_exported(ws), s[0], runs))
    assert report.changed == (s[0],)
    assert expected in targets[0]


def test_a_space_made_a_no_break_space_is_a_change(ws: Workspace) -> None:
    s = ids(ws)
    original = SPANISH[0][0]
    edited = original.replace("de Pekín", "de\u00a0Pekín")
    report, targets = _import(ws, set_runs(_exported(ws), s[0], run(edited)))
    assert report.changed == (s[0],) and targets[0] == edited


def test_a_double_space_typed_is_a_change(ws: Workspace) -> None:
    s = ids(ws)
    edited = SPANISH[0][0].replace("la oferta", "la  oferta")
    report, targets = _import(ws, set_runs(_exported(ws), s[0], run(edited)))
    assert report.changed == (s[0],) and targets[0] == edited


SYMBOLS = [
    ('<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>', "\u03b1"),  # Insert > Symbol: alpha
    ('<w:r><w:sym w:font="Symbol" w:char="F0B0"/></w:r>', "\u00b0"),
    ('<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>', "\u2713"),
    ('<w:r><w:sym w:font="Arial" w:char="2248"/></w:r>', "\u2248"),
    # LibreOffice keeps an inserted symbol as a private-use character in a run in the font
    (run("\uf0fc", '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'), "\u2713"),
    (run("\uf0b1", '<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/>'), "\u00b1"),
]


@pytest.mark.parametrize("symbol, expected", SYMBOLS, ids=[e for _, e in SYMBOLS])
def test_symbols_become_their_unicode_character(ws: Workspace, symbol: str, expected: str) -> None:
    s = ids(ws)
    path = set_runs(_exported(ws), s[0], run("Hecho ") + symbol)
    report, targets = _import(ws, path)
    assert targets[0] == f"Hecho {expected}" and report.changed == (s[0],)


@pytest.mark.parametrize(
    "symbol",
    [
        '<w:r><w:sym w:font="Wingdings" w:char="F0FF"/></w:r>',
        '<w:r><w:sym w:font="Marlett" w:char="F061"/></w:r>',
        run("\uf0ff", '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'),
    ],
    ids=["Wingdings w:sym", "unknown font", "LibreOffice private use"],
)
def test_a_symbol_without_a_unicode_character_refuses_its_row(ws: Workspace, symbol: str) -> None:
    s = ids(ws)
    path = set_runs(_exported(ws), s[0], run("Hecho ") + symbol)
    path = set_runs(path, s[3], run("Otra frase revisada."))
    report, targets = _import(ws, path)
    assert targets[0] == SPANISH[0][0] and targets[3] == "Otra frase revisada."
    assert report.changed == (s[3],)
    [skipped] = [k for k in report.skipped if k.segment_id == s[0]]
    assert f"{path.name}: row 1: the translation holds a symbol with no Unicode character (" in (
        skipped.reason
    )
    assert "not applied" in skipped.reason


TEXT_BOX = """<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="1828800" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r>
<w:t>Nota en una caja</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>
<v:shape id="Text Box 1" type="#_x0000_t202" style="width:144pt;height:36pt"><v:textbox>
<w:txbxContent><w:p><w:r><w:t>Nota en una caja</w:t></w:r></w:p></w:txbxContent></v:textbox>
</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_a_text_box_is_read_once(ws: Workspace) -> None:
    s = ids(ws)
    path = set_runs(_exported(ws), s[0], run(SPANISH[0][0]) + TEXT_BOX)
    report, targets = _import(ws, path)
    assert targets[0] == SPANISH[0][0] + " Nota en una caja"
    assert report.changed == (s[0],)


def _add_note(path: Path, segment_id: str, text: str, kind: str = "footnote") -> Path:
    """A footnote or endnote inserted in a row's translation, as Word writes it: the notes
    part with its two separators, its relationship and content type, and the reference."""
    Kind = kind.title()
    notes = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{kind}s xmlns:w="{w("")[1:-1]}">
<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>
<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>
</w:p></w:{kind}>
<w:{kind} w:id="1"><w:p><w:pPr><w:pStyle w:val="{Kind}Text"/></w:pPr><w:r><w:rPr>
<w:rStyle w:val="{Kind}Reference"/></w:rPr><w:{kind}Ref/></w:r><w:r>
<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>"""

    def parts(found: dict[str, bytes]) -> None:
        found[f"word/{kind}s.xml"] = notes.encode()
        rels = found["word/_rels/document.xml.rels"].decode()
        found["word/_rels/document.xml.rels"] = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdNote1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/{kind}s" Target="{kind}s.xml"/></Relationships>',
        ).encode()
        types = found["[Content_Types].xml"].decode()
        found["[Content_Types].xml"] = types.replace(
            "</Types>",
            f'<Override PartName="/word/{kind}s.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"/></Types>',
        ).encode()

    rewrite_parts(path, parts)

    def reference(root: object) -> None:
        cell = segment_row(root, segment_id).findall(w("tc"))[2]
        cell.find(w("p")).extend(
            fragment(
                f'<w:r><w:rPr><w:rStyle w:val="{Kind}Reference"/></w:rPr>'
                f'<w:{kind}Reference w:id="1"/></w:r>'
            )
        )

    return edit_body(path, reference)


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_a_footnote_or_endnote_added_in_a_row_becomes_a_note(ws: Workspace, kind: str) -> None:
    s = ids(ws)
    path = _add_note(_exported(ws), s[3], "Fuente: AFP, 21 de octubre.", kind)
    report, targets = _import(ws, path)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments[3]
    assert after.notes == (f"{kind.title()}: Fuente: AFP, 21 de octubre.",)
    assert report.noted == (s[3],) and report.changed == () and targets[3] == SPANISH[3][0]
    assert report.warnings == ()


# What Word's "Strict Open XML Document" writes instead of the transitional names.
_TO_STRICT = (
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
    (
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
        b"http://purl.oclc.org/ooxml/drawingml/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/extended-properties",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
    ),
)


def _strict(path: Path) -> Path:
    def parts(found: dict[str, bytes]) -> None:
        for name, data in found.items():
            if name.endswith((".xml", ".rels")):
                for old, new in _TO_STRICT:
                    data = data.replace(old, new)
                found[name] = data
        root = etree.fromstring(found["word/document.xml"])
        root.set("{http://purl.oclc.org/ooxml/wordprocessingml/main}conformance", "strict")
        found["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    return rewrite_parts(path, parts)


def test_a_strict_open_xml_document_is_read(ws: Workspace) -> None:
    s = ids(ws)
    path = set_runs(_exported(ws), s[0], run("Título revisado en formato estricto"))
    path = _strict(path)
    with zipfile.ZipFile(path) as package:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in package.read("word/document.xml")
    report, targets = _import(ws, path)
    assert targets[0] == "Título revisado en formato estricto"
    assert report.changed == (s[0],) and len(report.skipped) == 0


def test_an_unchanged_strict_document_changes_nothing(ws: Workspace) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    report = import_review(ws, _strict(_exported(ws)), glossary=GLOSSARY)
    assert not report.saved and report.skipped == ()
    assert ws.work_file(SLUG, "es").read_bytes() == before


def _compound_file(*streams: str) -> bytes:
    """The start of an OLE compound file naming ``streams`` in its directory."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for name in streams)
    return header + directory + b"\0" * 1024


@pytest.mark.parametrize(
    "streams, message",
    [
        (("EncryptionInfo", "EncryptedPackage"), "a password-protected (encrypted) file"),
        (("WordDocument", "1Table"), "a legacy Office file (Word 97-2003)"),
    ],
    ids=["encrypted", "Word 97-2003"],
)
def test_encrypted_and_legacy_files_are_refused_as_such(
    ws: Workspace, tmp_path: Path, streams: tuple[str, ...], message: str
) -> None:
    path = tmp_path / f"{SLUG}.docx"
    path.write_bytes(_compound_file(*streams))
    with pytest.raises(ReviewError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_review(ws, path, glossary=GLOSSARY)


def test_the_state_of_a_row_edited_with_characters_is_reviewed(ws: Workspace) -> None:
    s = ids(ws)
    path = set_runs(_exported(ws), s[0], NO_BREAK[0][0])
    _import(ws, path)
    assert workfiles.load(ws.work_file(SLUG, "es")).segments[0].state is State.REVIEWED
