"""`tx check` reads every unit of a delivery and says so: files in the dialects CAT tools
write (XLIFF 1.2 as Swordfish, Trados and memoQ write it, XLIFF 2.1, TMX 1.4b), each written
here, with units untranslated, segmented, in every state, with whitespace the checks must see,
and in languages other than the one checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import tx

from translate import workspace

X12 = 'xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"'


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "glossaries" / "house.csv").write_text("en,es\nWhite House,Casa Blanca\n", "utf-8")
    return workspace.load(tmp_path)


def _xliff12(ws: workspace.Workspace, name: str, units: str, *, target: str = "es") -> Path:
    path = ws.root / name
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff {X12}>\n'
        f'<file original="story.txt" source-language="en-US" target-language="{target}" '
        f'datatype="plaintext">\n<header/>\n<body>\n{units}\n</body>\n</file>\n</xliff>\n',
        "utf-8",
    )
    return path


def test_a_swordfish_file_with_943_of_944_units_untranslated_fails_and_names_them(
    ws: workspace.Workspace,
) -> None:
    units = ['<trans-unit id="1" xml:space="preserve"><source>The market opened.</source>'
             '<target state="translated">El mercado abrió.</target></trans-unit>']  # fmt: skip
    for number in range(2, 945):  # Swordfish: an empty target, or none at all
        target = '<target state="new"/>' if number % 2 else ""
        units.append(
            f'<trans-unit id="{number}" xml:space="preserve">'
            f"<source>Paragraph {number} of the report.</source>{target}</trans-unit>"
        )
    path = _xliff12(ws, "report.xlf", "\n".join(units))
    code, output = tx(ws, "check", str(path), "--lang", "es")
    lines = output.splitlines()
    assert code == 1
    assert lines[0] == (
        "XLIFF 1.2: 944 unit(s) read, 1 checked, 943 without a translation, 0 skipped"
    )
    assert "2: missing: no translation" in lines
    assert "3: missing: no translation (state new)" in lines
    assert sum(line.endswith(("missing: no translation", "(state new)")) for line in lines) == 943
    assert not any(line.startswith("1:") for line in lines)
    code, output = tx(ws, "check", str(path), "--lang", "es", "--json")
    data = json.loads(output)
    assert code == 1 and (data["units"], data["checked"], data["missing"]) == (944, 1, 943)
    assert data["findings"][0] == {
        "where": "2",
        "code": "missing",
        "message": "no translation",
        "source": "Paragraph 2 of the report.",
        "target": None,
    }


def test_translate_no_units_are_skipped_and_said_so_not_flagged_missing(
    ws: workspace.Workspace,
) -> None:
    path = _xliff12(
        ws,
        "locked.xlf",
        '<group translate="no"><trans-unit id="g1"><source>AFP</source></trans-unit></group>'
        '<trans-unit id="t1" translate="no"><source>PN-2026-114</source></trans-unit>'
        '<trans-unit id="t2"><source>The river rose.</source>'
        '<target state="final">El río subió.</target></trans-unit>',
    )
    assert tx(ws, "check", str(path), "--lang", "es") == (
        0,
        "XLIFF 1.2: 3 unit(s) read, 1 checked, 0 without a translation, 2 skipped "
        '(translate="no" 2)\n',
    )


def test_whitespace_is_kept_as_the_file_holds_it(ws: workspace.Workspace) -> None:
    nbsp = "\u00a0"
    path = _xliff12(
        ws,
        "spaces.xlf",
        '<trans-unit id="double"><source>The talks ended.</source>'
        "<target>Las  conversaciones terminaron.</target></trans-unit>\n"
        '<trans-unit id="edge" xml:space="preserve"><source>The talks ended.</source>'
        "<target>Las conversaciones terminaron. </target></trans-unit>\n"
        f'<trans-unit id="nbsp"><source>The storm moved 40{nbsp}km north.</source>'
        "<target>La tormenta avanzó 40 km al norte.</target></trans-unit>\n"
        '<trans-unit id="layout">\n  <source>\n    The talks ended.\n  </source>\n'
        "  <target>\n    Las conversaciones terminaron.\n  </target>\n</trans-unit>",
    )
    code, output = tx(ws, "check", str(path), "--lang", "es")
    assert code == 1
    assert "double: spacing: double space in the translation: 'Las  conversa" in output
    assert "edge: spacing: trailing space in the translation, not in the source" in output
    assert "nbsp: spacing: no-break space turned into a space: '40 km'" in output
    assert "layout:" not in output  # a pretty-printed element's line breaks are layout
    tsv = ws.root / "spaces.tsv"
    tsv.write_text("The talks ended.\tLas  conversaciones terminaron.\n", "utf-8")
    assert "1: spacing: double space" in tx(ws, "check", str(tsv), "--lang", "es")[1]
    tmx = ws.root / "spaces.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu tuid="d"><tuv xml:lang="en"><seg>The talks ended.</seg></tuv>'
        '<tuv xml:lang="es"><seg>Las  conversaciones terminaron.</seg></tuv></tu>'
        f'<tu tuid="n"><tuv xml:lang="en"><seg>It is 40{nbsp}km away.</seg></tuv>'
        '<tuv xml:lang="es"><seg>Está a 40 km.</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    code, output = tx(ws, "check", str(tmx), "--lang", "es")
    assert code == 1 and "d: spacing: double space in the translation" in output
    assert "n: spacing: no-break space turned into a space: '40 km'" in output


def test_trados_seg_source_segments_are_checked_one_by_one(ws: workspace.Workspace) -> None:
    sdl = 'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'
    path = _xliff12(
        ws,
        "story.sdlxliff.xlf",
        f'<trans-unit id="p1" {sdl}><source>The White House agreed. It said 12 people left. '
        "Officials left. Talks end today.</source>"
        '<seg-source><mrk mtype="seg" mid="1">The White House agreed.</mrk> '
        '<mrk mtype="seg" mid="2">It said 12 people left.</mrk> '
        '<mrk mtype="seg" mid="3">Officials left.</mrk> '
        '<mrk mtype="seg" mid="4">Talks end today.</mrk></seg-source>'
        '<target><mrk mtype="seg" mid="1">La Casa Blanca estuvo de acuerdo.</mrk> '
        '<mrk mtype="seg" mid="2">Dijo que 13 personas se fueron.</mrk> '
        '<mrk mtype="seg" mid="4">Las conversaciones terminan hoy.</mrk></target>'
        '<sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation"/><sdl:seg id="2" '
        'conf="Translated"/><sdl:seg id="3"/><sdl:seg id="4" conf="Draft"/></sdl:seg-defs>'
        "</trans-unit>",
    )
    code, output = tx(ws, "check", str(path), "--lang", "es")
    lines = output.splitlines()
    assert code == 1
    assert lines[0] == (
        "XLIFF 1.2: 1 unit(s) read, 4 segment(s), 2 checked, 2 without a translation, 0 skipped"
    )
    assert any(line.startswith("p1#2: number: ") for line in lines)
    assert "p1#3: missing: no translation (state not translated)" in lines
    assert (
        "p1#4: missing: the file marks it as not translated yet (state Draft); "
        "--state initial checks it"
    ) in lines
    assert not any(line.startswith("p1#1:") for line in lines)
    code, output = tx(ws, "check", str(path), "--lang", "es", "--state", "reviewed")
    assert output.splitlines()[0].endswith(
        "1 checked, 2 without a translation, 1 skipped (state Translated (not chosen with "
        "--state) 1)"
    )


def test_states_are_honoured_and_chosen_with_state(ws: workspace.Workspace) -> None:
    path = _xliff12(
        ws,
        "states.xlf",
        '<trans-unit id="draft"><source>Prices rose 4%.</source>'
        '<target state="needs-translation">Prices rose 4%.</target></trans-unit>'
        '<trans-unit id="done"><source>Prices rose 4%.</source>'
        '<target state="translated">Los precios subieron un 5 %.</target></trans-unit>'
        '<trans-unit id="ok" approved="yes"><source>Prices fell.</source>'
        '<target state="translated">Los precios bajaron.</target></trans-unit>',
    )
    code, output = tx(ws, "check", str(path), "--lang", "es")
    assert code == 1
    assert output.splitlines()[0].endswith("2 checked, 1 without a translation, 0 skipped")
    assert (
        "draft: missing: the file marks it as not translated yet (state needs-translation); "
        "--state initial checks it"
    ) in output
    assert "draft: untranslated" not in output and "done: number:" in output
    code, output = tx(ws, "check", str(path), "--lang", "es", "--state", "reviewed,final")
    assert code == 1 and output.splitlines()[0].endswith(
        "1 checked, 1 without a translation, 1 skipped (state translated (not chosen with "
        "--state) 1)"
    )
    assert "done:" not in output
    code, output = tx(ws, "check", str(path), "--lang", "es", "--state", "initial,translated")
    assert "draft: untranslated: " in output and ": missing:" not in output
    code, output = tx(ws, "check", str(path), "--lang", "es", "--state", "done")
    assert code == 1 and "unknown state 'done'" in output


def test_xliff_2_segments_without_a_target_and_match_candidates(
    ws: workspace.Workspace,
) -> None:
    path = ws.root / "story.xliff"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        'xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="en" '
        'trgLang="es"><file id="f1"><unit id="u1">'
        '<mtc:matches><mtc:match ref="#s1"><source>The vote passed.</source>'
        "<target>La votación salió.</target></mtc:match></mtc:matches>"
        '<segment id="s1" state="translated"><source>The vote passed.</source>'
        "<target>La votación fue aprobada.</target></segment><ignorable><source> </source>"
        '</ignorable><segment id="s2"><source>Turnout was 61%.</source></segment>'
        '</unit><unit id="u2"><segment state="initial"><source>No comment.</source>'
        "<target></target></segment></unit></file></xliff>",
        "utf-8",
    )
    code, output = tx(ws, "check", str(path), "--lang", "es")
    lines = output.splitlines()
    assert code == 1
    assert lines[0] == (
        "XLIFF 2.1: 2 unit(s) read, 3 segment(s), 1 checked, 2 without a translation, 0 skipped"
    )
    assert "not checked: 1 match candidates (mtc:match, reported, not checked)" in lines
    assert "u1#s2: missing: no translation" in lines
    assert "u2: missing: no translation (state initial)" in lines


def test_alt_trans_is_reported_not_silently_ignored(ws: workspace.Workspace) -> None:
    memoq = 'xmlns:mq="MQXliff"'
    path = _xliff12(
        ws,
        "memoq.mqxliff.xlf",
        f'<trans-unit id="1" {memoq} mq:status="ManuallyConfirmed" mq:percent="87">'
        '<source xml:space="preserve">The bridge reopened.</source>'
        '<target xml:space="preserve" state="translated">El puente reabrió.</target>'
        '<alt-trans match-quality="87" mq:origin="TM"><source>The bridge closed.</source>'
        "<target>El puente cerró.</target></alt-trans></trans-unit>",
    )
    code, output = tx(ws, "check", str(path), "--lang", "es")
    assert code == 0
    assert "not checked: 1 alt-trans alternative translations (reported, not checked)" in output


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("--lang", "fr"), "the file translates into es, not fr", "--lang es"),
        (
            ("--lang", "es", "--from", "de"),
            "the file translates from en-US, not de",
            "--from en-US",
        ),
    ],
)
def test_the_files_languages_are_compared_with_the_ones_asked_for(
    ws: workspace.Workspace, args: tuple[str, ...], message: str, hint: str
) -> None:
    path = _xliff12(
        ws,
        "lang.xlf",
        '<trans-unit id="1"><source>Rain.</source><target>Lluvia.</target></trans-unit>',
    )
    code, output = tx(ws, "check", str(path), *args)
    assert code == 1 and output.startswith("error: ") and message in output and hint in output
    assert len(output.strip().splitlines()) == 1


def test_a_tmx_checked_with_a_language_it_does_not_contain_is_an_error(
    ws: workspace.Workspace,
) -> None:
    path = ws.root / "memory.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="en-US" creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>'
        '<tu tuid="1"><tuv xml:lang="en-US"><seg>Rain.</seg></tuv>'
        '<tuv xml:lang="fr-FR"><seg>Pluie.</seg></tuv></tu>'
        '<tu tuid="2"><tuv xml:lang="en-US"><seg>Snow.</seg></tuv>'
        '<tuv xml:lang="es-ES"><seg>Nieve.</seg></tuv></tu>'
        '<tu tuid="3"><tuv xml:lang="fr-FR"><seg>Grêle.</seg></tuv>'
        '<tuv xml:lang="es-ES"><seg>Granizo.</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    code, output = tx(ws, "check", str(path), "--lang", "de")
    assert code == 1
    assert "the memory holds no de variant (its languages: en-US, es-ES, fr-FR)" in output
    code, output = tx(ws, "check", str(path), "--lang", "es")
    assert code == 1 and output.splitlines() == [
        "TMX: 3 unit(s) read, 1 checked, 1 without a translation, 1 skipped (no en-US variant 1)",
        "1: missing: no translation",
    ]


def test_a_file_without_units_is_an_error_not_a_clean_pass(ws: workspace.Workspace) -> None:
    path = _xliff12(ws, "empty.xlf", "")
    code, output = tx(ws, "check", str(path), "--lang", "es")
    assert code == 1 and "no translation units in this XLIFF 1.2 file" in output


def test_a_target_a_tool_left_unsegmented_is_checked_whole(ws: workspace.Workspace) -> None:
    path = _xliff12(
        ws,
        "whole.xlf",
        '<trans-unit id="w"><source>It rained. Roads closed.</source><seg-source>'
        '<mrk mtype="seg" mid="1">It rained.</mrk> <mrk mtype="seg" mid="2">Roads closed.</mrk>'
        "</seg-source><target>Llovió. Se cerraron las carreteras.</target></trans-unit>",
    )
    assert tx(ws, "check", str(path), "--lang", "es") == (
        0,
        "XLIFF 1.2: 1 unit(s) read, 1 checked, 0 without a translation, 0 skipped\n",
    )
