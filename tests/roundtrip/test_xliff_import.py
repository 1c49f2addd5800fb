"""Tests of XLIFF import (translate.roundtrip.xliff_import): a translator's file applied to
its work file under the review import's rules, and everything it cannot carry over counted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support.cli import tx
from support.xliff_sample import GLOSSARY, SLUG, SPANISH, CatTool, build_workspace

from translate.errors import XliffError
from translate.models import State
from translate.roundtrip.xliff_export import export_xliff
from translate.roundtrip.xliff_import import import_xliff
from translate.workspace import Workspace, workfiles

VERSIONS = ["1.2", "2.1"]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def _tool(ws: Workspace, version: str) -> CatTool:
    return CatTool(export_xliff(ws, SLUG, "es", version=version, glossary=GLOSSARY))


def _ids(ws: Workspace) -> list[str]:
    return [item.id for item in workfiles.load(ws.work_file(SLUG, "es")).segments]


def _pc(version: str, ident: str, text: str) -> str:
    return f'<pc id="{ident}">{text}</pc>' if version == "2.1" else f'<g id="{ident}">{text}</g>'


def _ph(version: str, ident: str) -> str:
    return f'<ph id="{ident}"/>' if version == "2.1" else f'<x id="{ident}"/>'


@pytest.mark.parametrize("version", VERSIONS)
def test_an_unchanged_file_changes_nothing(ws: Workspace, version: str) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    report = import_xliff(ws, _tool(ws, version).path, glossary=GLOSSARY)
    assert ws.work_file(SLUG, "es").read_bytes() == before
    assert not report.saved and report.not_carried == () and report.skipped == ()


@pytest.mark.parametrize("version", VERSIONS)
def test_translations_with_moved_codes_come_back_as_markdown(ws: Workspace, version: str) -> None:
    s = _ids(ws)
    tool = _tool(ws, version)
    tool.set_target(
        s[1],
        f"{_pc(version, '2', 'China (el PCCh)')} {_pc(version, '1', 'rechaza')} la oferta de Kiev "
        "para reconstruir la red.",
    )
    link = _pc(version, "1", "el informe " + _ph(version, "2") + " entero")
    tool.set_target(s[2], f"Antes del mediodía, lea {link}.")
    tool.add_note(s[2], "Luis: AFP en mayúsculas")
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert after[1].target == (
        "**China (el PCCh)** *rechaza* la oferta de Kiev para reconstruir la red."
    )
    assert after[2].target == (
        "Antes del mediodía, lea [el informe `AFP` entero](https://example.org/afp)."
    )
    assert [(i.state, i.origin) for i in after[1:3]] == [(State.TRANSLATED, "translator")] * 2
    assert after[1].flags == ()  # the checks ran again: the glossary term is right now
    assert after[2].notes == ("Luis: AFP en mayúsculas",)
    assert report.changed == (s[1], s[2]) and report.reviewed == () and report.noted == (s[2],)
    assert report.saved and report.revision == 3
    assert report.not_carried == ()


@pytest.mark.parametrize(
    ("version", "state", "approved", "expected"),
    [
        ("2.1", "translated", None, State.TRANSLATED),
        ("2.1", "reviewed", None, State.REVIEWED),
        ("2.1", "final", None, State.REVIEWED),
        ("1.2", "translated", False, State.TRANSLATED),
        ("1.2", "needs-review-translation", False, State.TRANSLATED),
        ("1.2", "translated", True, State.REVIEWED),
        ("1.2", "signed-off", False, State.REVIEWED),
        ("1.2", "final", False, State.REVIEWED),
    ],
)
def test_a_translation_is_reviewed_only_when_the_file_says_so(
    ws: Workspace, version: str, state: str, approved: bool | None, expected: State
) -> None:
    s = _ids(ws)
    tool = _tool(ws, version)
    tool.set_target(s[0], "Kiev rechaza la oferta sobre la red eléctrica")
    tool.set_state(s[0], state, approved=approved)
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[0]
    assert (item.target, item.state) == ("Kiev rechaza la oferta sobre la red eléctrica", expected)
    assert report.reviewed == ((s[0],) if expected is State.REVIEWED else ())


def test_an_approval_without_an_edit_marks_the_machine_translation_reviewed(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_state(s[0], "reviewed")
    import_xliff(ws, tool.save(), glossary=GLOSSARY)
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[0]
    assert (item.target, item.state, item.origin) == (SPANISH[0][0], State.REVIEWED, SPANISH[0][1])


def test_a_translators_slip_is_flagged_by_the_checks(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(
        s[3], "La ministra dijo que la solicitud enumeraba 41 subestaciones.", "reviewed"
    )
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[3]
    assert {f.code for f in item.flags} == {"number"}
    assert [sid for sid, _ in report.flagged] == [s[3]]


def test_a_second_import_of_the_same_file_changes_nothing(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(s[0], "Kiev rechaza la oferta sobre la red eléctrica")
    path = tool.save()
    import_xliff(ws, path, glossary=GLOSSARY)
    before = ws.work_file(SLUG, "es").read_bytes()
    again = import_xliff(ws, path, glossary=GLOSSARY)
    assert ws.work_file(SLUG, "es").read_bytes() == before and not again.saved


# --- refusals: nothing changes -------------------------------------------------------------


def _refused(ws: Workspace, path: Path, match: str, **options: str | bool) -> None:
    before = ws.work_file(SLUG, "es").read_bytes()
    with pytest.raises(XliffError, match=match):
        import_xliff(ws, path, glossary=GLOSSARY, **options)  # type: ignore[arg-type]
    assert ws.work_file(SLUG, "es").read_bytes() == before


@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_of_another_language_is_refused(ws: Workspace, version: str) -> None:
    _refused(ws, _tool(ws, version).path, "into 'es', not into 'fr'", lang="fr")


@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_of_another_article_is_refused(ws: Workspace, version: str) -> None:
    tool = _tool(ws, version)
    text = tool.path.read_text(encoding="utf-8").replace(SLUG, "other-story")
    tool.path.write_text(text, encoding="utf-8")
    _refused(ws, tool.path, "no work file .*other-story.json")


def _source_changed(ws: Workspace, version: str) -> tuple[Path, list[str], str]:
    """A translated file whose source article then changed: its first sentence is gone."""
    s = _ids(ws)
    tool = _tool(ws, version)
    tool.set_target(s[0], "Kiev dice no")
    tool.set_target(s[2], "Lea el informe.")
    path = tool.save()
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    kept = tuple(
        replace(item, segment=replace(item.segment, id="new-" + item.id)) if i == 0 else item
        for i, item in enumerate(translation.segments)
    )
    workfiles.save(work, replace(translation, segments=kept, source_digest="0" * 64, revision=3))
    return path, s, kept[0].id


@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_of_a_changed_source_article_applies_the_sentences_still_there(
    ws: Workspace, version: str
) -> None:
    path, s, new_first = _source_changed(ws, version)
    report = import_xliff(ws, path, glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert report.changed == (s[2],) and after[2].target == "Lea el informe."
    assert (after[0].id, after[0].target) == (new_first, SPANISH[0][0])
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (
            s[0],
            f"{path.name}: no such segment in the work file (its source sentence changed since "
            "the export); not applied",
        )
    ]
    assert report.warnings == (
        f"{path.name}: the source article changed since this XLIFF file was exported; units "
        "of sentences that are still there were applied",
    )
    assert report.saved and report.revision == 4


@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_of_a_changed_source_article_is_refused_all_or_nothing(
    ws: Workspace, version: str
) -> None:
    path, _, _ = _source_changed(ws, version)
    _refused(
        ws,
        path,
        "the source article changed since this XLIFF file was exported",
        all_or_nothing=True,
    )


def _stale(ws: Workspace, version: str) -> tuple[Path, list[str]]:
    """A translated file whose first segment was also corrected in the work file since."""
    s = _ids(ws)
    tool = _tool(ws, version)
    tool.set_target(s[0], "Kiev dice no a la oferta")
    tool.set_target(s[2], "Lea el informe.")
    path = tool.save()
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    items = list(translation.segments)
    items[0] = items[0].with_changes(target="Kiev rechaza la oferta (corregido)")
    workfiles.save(
        ws.work_file(SLUG, "es"), replace(translation, segments=tuple(items), revision=3)
    )
    return path, s


@pytest.mark.parametrize("version", VERSIONS)
def test_a_conflicting_unit_is_reported_and_the_others_imported(
    ws: Workspace, version: str
) -> None:
    path, s = _stale(ws, version)
    report = import_xliff(ws, path, glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert after[0].target == "Kiev rechaza la oferta (corregido)"  # left alone
    assert after[2].target == "Lea el informe." and report.changed == (s[2],)
    assert [(c.segment_id, c.reason) for c in report.conflicts] == [
        (
            s[0],
            f"{path.name}: translation edited in the file, but the work file's translation "
            "changed since the export (it now reads «Kiev rechaza la oferta (corregido)»); "
            "unit left alone: redo it on a new export",
        )
    ]
    summary = "\n".join(report.summary())
    assert f"  conflict {s[0]}: {path.name}: translation edited in the file" in summary
    assert "skipped 0, conflicts 1" in summary and report.saved and report.revision == 4


@pytest.mark.parametrize("version", VERSIONS)
def test_all_or_nothing_refuses_a_file_with_a_conflict(ws: Workspace, version: str) -> None:
    path, s = _stale(ws, version)
    _refused(
        ws,
        path,
        "work file changed since this XLIFF file was exported; nothing imported "
        rf"\(work file .*{SLUG}.json is at revision 3, the file was exported at revision 2; "
        rf"changed on both sides: {s[0]}: translation edited\)",
        all_or_nothing=True,
    )


def test_a_work_file_saved_since_the_export_is_fine_where_the_file_did_not_change(
    ws: Workspace,
) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(s[2], "Lea el informe.")
    path = tool.save()
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    items = list(translation.segments)
    items[0] = items[0].with_changes(target="Kiev rechaza la oferta (corregido)")
    workfiles.save(
        ws.work_file(SLUG, "es"), replace(translation, segments=tuple(items), revision=3)
    )
    report = import_xliff(ws, path, glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert after[0].target == "Kiev rechaza la oferta (corregido)"  # not reverted to the file's
    assert after[2].target == "Lea el informe."
    assert report.changed == (s[2],) and report.revision == 4


@pytest.mark.parametrize("version", VERSIONS)
def test_without_txs_record_a_unit_is_checked_by_revision(ws: Workspace, version: str) -> None:
    s = _ids(ws)
    tool = _tool(ws, version)
    for unit in tool.units():
        unit.attrib.pop("extradata", None)
        for meta in unit.iter("{urn:oasis:names:tc:xliff:metadata:2.0}metadata"):
            unit.remove(meta)
    tool.set_target(s[0], "Kiev dice que no")
    path = tool.save()
    translation = workfiles.load(ws.work_file(SLUG, "es"))
    workfiles.save(ws.work_file(SLUG, "es"), replace(translation, revision=3))
    _refused(ws, path, f"changed on both sides: {s[0]}: translation edited", all_or_nothing=True)
    partial = import_xliff(ws, path, glossary=GLOSSARY)
    assert [c.segment_id for c in partial.conflicts] == [s[0]] and not partial.saved
    workfiles.save(ws.work_file(SLUG, "es"), translation)
    report = import_xliff(ws, path, glossary=GLOSSARY)
    assert report.changed == (s[0],)
    assert dict(report.not_carried) == {"units without tx's export record (checked by revision)": 5}


@pytest.mark.parametrize("version", VERSIONS)
def test_an_edited_source_is_skipped_and_reported(ws: Workspace, version: str) -> None:
    s = _ids(ws)
    tool = _tool(ws, version)
    tool.set_target(s[0], "Kiev dice no")
    tool.set_source(s[4], "She thanked the workers.")
    tool.set_target(s[4], "Dio las gracias a los obreros.")
    path = tool.save()
    report = import_xliff(ws, path, glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert report.changed == (s[0],) and after[4].target == SPANISH[4][0]
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (
            s[4],
            f"{path.name}: the source text was edited in the file; not applied (only targets "
            "and notes may be changed)",
        )
    ]


def test_a_second_unit_for_a_segment_is_skipped_and_reported(ws: Workspace) -> None:
    from copy import deepcopy

    s = _ids(ws)
    tool = _tool(ws, "1.2")
    tool.set_target(s[0], "Kiev dice que no")
    copy = deepcopy(tool.unit(s[0]))
    tool.unit(s[0]).addnext(copy)
    tool.set_target(s[0], "Kiev dice no")  # the first of the two
    path = tool.save()
    report = import_xliff(ws, path, glossary=GLOSSARY)
    assert workfiles.load(ws.work_file(SLUG, "es")).segments[0].target == "Kiev dice no"
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (s[0], f"{path.name}: a second unit for this segment; not applied (the first one was)")
    ]
    assert dict(report.not_carried) == {"duplicate units": 1}


def test_a_source_changed_in_the_work_file_is_skipped_and_reported(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(s[4], "Dio las gracias a los obreros.")
    path = tool.save()
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    items = list(translation.segments)
    items[4] = replace(
        items[4], segment=replace(items[4].segment, source="She thanked the workers.")
    )
    workfiles.save(work, replace(translation, segments=tuple(items), revision=3))
    report = import_xliff(ws, path, glossary=GLOSSARY)
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (
            s[4],
            f"{path.name}: the work file's source text changed since the export; not applied "
            "(only targets and notes may be changed)",
        )
    ]
    assert not report.saved


def test_a_file_newer_than_the_work_file_is_refused(ws: Workspace) -> None:
    tool = _tool(ws, "2.1")
    text = tool.path.read_text(encoding="utf-8").replace(
        '<mda:meta type="revision">2<', '<mda:meta type="revision">7<'
    )
    tool.path.write_text(text, encoding="utf-8")
    _refused(ws, tool.path, "exported from revision 7 .* which is at revision 2")


def test_a_file_tx_did_not_write_is_refused(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "foreign.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
        'original="x" source-language="en" target-language="es" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>Hi</source><target>Hola</target></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    _refused(ws, path, "no tx identity")


# --- hostile files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"\x00\x01 not xml at all", "not well-formed XML"),
        (b"<html><body>hello</body></html>", r"not an XLIFF file \(root element <html>\)"),
        (
            b'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0">&b;</xliff>',
            "declares a DTD",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE xliff SYSTEM "file:///etc/passwd">'
            b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
            "declares a DTD",
        ),
        (
            b'<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>',
            "unsupported XLIFF version '3.0'",
        ),
        (b'<xliff version="2.1" xmlns="urn:example:other"/>', "unsupported XLIFF version"),
    ],
)
def test_hostile_files_are_refused_with_one_line(
    ws: Workspace, tmp_path: Path, content: bytes, match: str
) -> None:
    path = tmp_path / "hostile.xlf"
    path.write_bytes(content)
    _refused(ws, path, match)
    code, output = tx(ws, "xliff", "import", str(path))
    assert code == 1 and output.startswith(f"error: {path}") and output.count("\n") == 1


def test_a_huge_file_is_refused_before_it_is_read(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "huge.xlf"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    _refused(ws, path, "XLIFF file is larger than 20.0 MB")


# --- what is not carried over ---------------------------------------------------------------


def test_what_cannot_be_carried_over_is_counted_by_kind_21(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(
        s[1],
        '<pc id="9">Kiev</pc> <mrk id="m1" type="comment" value="ok">rechaza</mrk> la oferta de '
        '<sm id="m2" type="term"/>China (el PCCh)<em startRef="m2"/> para <cp hex="0001"/>'
        "reconstruir la red.",
    )
    unit = tool.unit(s[0])
    unit.set("id", "ffffffffffff")
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    assert dict(report.not_carried) == {
        "<cp> characters XML cannot hold": 1,
        "<mrk> annotations (text kept)": 1,
        "<sm> annotation markers": 1,
        "<em> annotation markers": 1,
        "inline codes not recognised (dropped, text kept)": 1,
        "segments missing from the file (left unchanged)": 1,
        "units unknown to the work file": 1,
    }
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert after[1].target == "Kiev rechaza la oferta de China (el PCCh) para reconstruir la red."
    assert after[0].target == SPANISH[0][0]
    summary = "\n".join(report.summary())
    assert "not carried over: 1 units unknown to the work file" in summary
    assert (
        "skipped ffffffffffff: grid-talks.xlf: no such segment in the work file (id edited?); "
        "not applied" in summary
    )


def test_what_cannot_be_carried_over_is_counted_by_kind_12(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "1.2")
    tool.set_target(
        s[2],
        'Lea <bx id="1"/>el informe <x id="2"/><ex id="1"/> <bpt id="5">&lt;b&gt;</bpt>ya'
        '<ept id="5">&lt;/b&gt;</ept> <mrk mtype="protected">hoy</mrk>.',
    )
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    assert dict(report.not_carried) == {
        "<bpt> native codes not recognised": 1,
        "<ept> native codes not recognised": 1,
        "<mrk> annotations (text kept)": 1,
    }
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert after[2].target == "Lea [el informe `AFP`](https://example.org/afp) ya hoy."


def test_a_unit_split_into_segments_by_a_tool_is_joined(ws: Workspace) -> None:
    from lxml import etree

    s = _ids(ws)
    tool = _tool(ws, "2.1")
    unit = tool.unit(s[3])
    segment = unit.find("{urn:oasis:names:tc:xliff:document:2.0}segment")
    x2 = "{urn:oasis:names:tc:xliff:document:2.0}"
    segment.find(f"{x2}source").text = "The minister said"
    segment.find(f"{x2}target").text = "La ministra dijo"
    ignorable = etree.SubElement(unit, f"{x2}ignorable")
    etree.SubElement(ignorable, f"{x2}source").text = " "
    second = etree.SubElement(unit, f"{x2}segment", state="reviewed")
    etree.SubElement(second, f"{x2}source").text = "the request named 14 substations."
    etree.SubElement(second, f"{x2}target").text = "que la petición enumeraba 14 subestaciones."
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[3]
    assert item.target == "La ministra dijo que la petición enumeraba 14 subestaciones."
    assert item.state is State.REVIEWED
    assert dict(report.not_carried) == {"units split into several segments (joined)": 1}


def test_a_waiver_note_waives_the_flag(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.add_note(s[1], "waive glossary: the minister's own words")
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[1]
    assert [(w.code, w.reason, w.by) for w in item.waivers] == [
        ("glossary", "the minister's own words", "translator")
    ]
    assert item.open_flags == () and report.waived == (s[1],)


def test_the_command_prints_the_report(ws: Workspace) -> None:
    s = _ids(ws)
    code, _ = tx(ws, "xliff", "export", SLUG, "--lang", "es")
    assert code == 0
    tool = CatTool(ws.root / "exports" / "review" / "es" / f"{SLUG}.xlf")
    tool.set_target(s[0], "Kiev rechaza la oferta sobre la red eléctrica", "reviewed")
    tool.save()
    code, output = tx(ws, "xliff", "import", str(tool.path), "--lang", "es")
    assert code == 0, output
    assert "changed 1, reviewed 1, flagged 0, notes added 0, skipped 0" in output
    assert f"saved {ws.work_file(SLUG, 'es')} (revision 3)" in output


def test_the_command_reports_conflicts_and_all_or_nothing_refuses(ws: Workspace) -> None:
    path, s = _stale(ws, "2.1")
    work = ws.work_file(SLUG, "es")
    before = work.read_bytes()
    code, output = tx(ws, "xliff", "import", str(path), "--all-or-nothing")
    assert code == 1 and output.startswith(f"error: {path}") and "changed on both sides" in output
    assert work.read_bytes() == before
    code, output = tx(ws, "xliff", "import", str(path))
    assert code == 3, output  # done in part: one unit in conflict
    assert "changed 1, reviewed 0, flagged 1, notes added 0, skipped 0, conflicts 1" in output
    assert f"  conflict {s[0]}: {path.name}: translation edited in the file" in output
    after = workfiles.load(work).segments
    assert after[0].target == "Kiev rechaza la oferta (corregido)"
    assert after[2].target == "Lea el informe."


def test_what_other_tools_added_is_counted(ws: Workspace) -> None:
    from lxml import etree

    x2 = "{urn:oasis:names:tc:xliff:document:2.0}"
    mda = "{urn:oasis:names:tc:xliff:metadata:2.0}"
    gls = "{urn:oasis:names:tc:xliff:glossary:2.0}"
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    unit = tool.unit(s[1])
    group = etree.SubElement(unit.find(f"{mda}metadata"), f"{mda}metaGroup", category="acme")
    etree.SubElement(group, f"{mda}meta", type="qa").text = "passed"
    entry = etree.SubElement(unit.find(f"{gls}glossary"), f"{gls}glossEntry")
    etree.SubElement(entry, f"{gls}term", source="luis").text = "grid"
    etree.SubElement(entry, f"{gls}translation").text = "red eléctrica"
    file = tool.root.find(f"{x2}file")
    notes = etree.Element(f"{x2}notes")
    etree.SubElement(notes, f"{x2}note").text = "Delivered on time"
    file.insert(1, notes)
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    assert dict(report.not_carried) == {
        "glossary entries added in the file (use tx glossary add)": 1,
        "metadata (mda) added to units": 1,
        "notes on files or groups": 1,
    }
    assert not report.saved


def test_split_codes_and_ignorables_of_21(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(
        s[1],
        'Kiev <sc id="1"/>rechaza<ec startRef="1"/> la oferta de <sc id="2"/>China (el PCCh)'
        '<ec startRef="2"/> para reconstruir la red.',
    )
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert after[1].target == (
        "Kiev *rechaza* la oferta de **China (el PCCh)** para reconstruir la red."
    )
    assert report.not_carried == ()


def test_a_group_marked_translate_no_is_left_alone(ws: Workspace) -> None:
    s = _ids(ws)
    tool = _tool(ws, "2.1")
    tool.set_target(s[0], "Kiev dice que no")
    tool.unit(s[0]).getparent().set("translate", "no")
    report = import_xliff(ws, tool.save(), glossary=GLOSSARY)
    assert workfiles.load(ws.work_file(SLUG, "es")).segments[0].target == SPANISH[0][0]
    assert dict(report.not_carried) == {"units marked translate=no (left unchanged)": 1}
