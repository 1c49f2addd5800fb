"""The TMX reader: every word of a segment kept, inline codes made Markdown or left out and
counted, language tags by lookup, TMX 1.1 and 1.4, UTF-16, empty units counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate import memory
from translate.errors import MemoryFileError
from translate.formats import tmx

DATA = Path(__file__).parents[1] / "data" / "tmx"


def read(name: str) -> tmx.TmxFile:
    return tmx.read(DATA / name, MemoryFileError, "fix it")


def test_inline_codes_keep_every_word_and_become_markdown_where_tx_has_it() -> None:
    found = read("inline-1.4.tmx")
    pairs = {unit.tuid: list(unit.pairs("en")) for unit in found.units}
    assert pairs["bold"] == [
        ("The big **black** cat sleeps.", "es-ES", "El gran gato **negro** duerme.")
    ]
    [(source, lang, target)] = pairs["codes"]
    assert source == (
        "Press to go on now, *said* the **guide** at [the site](https://example.org/x) "
        "and under it."
    )
    assert lang == "es" and target.endswith("y debajo.")
    dropped = dict(found.dropped)
    assert dropped["inline <ph> code left out"] == 2
    assert dropped["inline <ut> code left out"] == 2
    assert dropped["inline <bpt> code left out"] == 2  # RTF underline: no Markdown for it
    assert dropped["inline <sub> text inside a code"] == 1
    assert found.mapped == 12


def test_every_variant_is_kept_and_empty_units_are_counted() -> None:
    found = read("inline-1.4.tmx")
    assert found.read == 6
    assert dict(found.skipped) == {
        "empty (no text in any variant)": 1,
        "only variants in the source language (EN-US: en), no translation": 1,
    }
    two = next(unit for unit in found.units if unit.tuid == "two-spanish")
    assert [(lang, text) for _, lang, text in two.pairs()] == [
        ("es", "Buenos días."),
        ("es-MX", "Buen día."),
        ("fr", "Bonjour."),
    ]
    units = memory.read_tmx(DATA / "inline-1.4.tmx", "es-MX", source_lang="en")
    assert {u.target for u in units if u.source == "Good morning."} == {
        "Buenos días.",
        "Buen día.",
    }
    tm = memory.Memory("es-MX", units)
    assert len([u for u in tm.units() if u.source == "Good morning."]) == 2


def test_header_notes_properties_and_ude_are_reported() -> None:
    dropped = dict(read("inline-1.4.tmx").dropped)
    assert dropped["header <note>"] == dropped["header <prop>"] == dropped["header <ude>"] == 1
    assert dropped["<note> of a unit"] == dropped["<prop> of a unit"] == 1
    assert dropped["unit attribute creationdate"] == dropped["unit attribute usagecount"] == 1


def test_language_tags_match_by_lookup_and_per_unit_srclang() -> None:
    spanish = memory.read_tmx(DATA / "inline-1.4.tmx", "es", source_lang="en")
    assert ("The big **black** cat sleeps.", "El gran gato **negro** duerme.") in [
        (u.source, u.target) for u in spanish
    ]  # header srclang EN-US, variants en-us and es-ES
    french = memory.read_tmx(DATA / "inline-1.4.tmx", "es", source_lang="fr")
    assert [(u.source, u.target) for u in french] == [
        ("Bonjour.", "Buenos días."),  # a unit serves any direction between its variants
        ("Bonjour.", "Buen día."),
        ("Merci.", "Gracias."),
    ]
    assert memory.read_tmx(DATA / "inline-1.4.tmx", "pt", source_lang="en") == []


def test_tmx_1_1_lang_attributes_in_utf16() -> None:
    assert (DATA / "old-1.1-utf16.tmx").read_bytes()[:2] == b"\xff\xfe"
    units = memory.read_tmx(DATA / "old-1.1-utf16.tmx", "es", source_lang="en")
    assert [(u.source, u.target) for u in units] == [
        ("The minister resigned.", "El ministro renunció.")
    ]
    chinese = memory.read_tmx(DATA / "old-1.1-utf16.tmx", "zh-Hant", source_lang="en")
    assert [u.target for u in chinese] == ["預計有雨。"]


SMALL = (
    '<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" '
    'segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body><tu>'
    '<tuv xml:lang="en"><seg>Dawn.</seg></tuv><tuv xml:lang="es"><seg>Alba ñ.</seg></tuv>'
    "</tu></body></tmx>"
)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + SMALL.encode("utf-8"),
        ('<?xml version="1.0" encoding="UTF-16"?>' + SMALL).encode("utf-16"),
        "\ufeff".encode("utf-16-be") + SMALL.encode("utf-16-be"),
        SMALL.encode("utf-16-le"),  # no byte order mark, no declaration
        SMALL.encode("utf-16-be"),
    ],
    ids=["utf8-bom", "utf16-declared", "utf16be-bom", "utf16le-bare", "utf16be-bare"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "m.tmx"
    path.write_bytes(data)
    assert [(u.source, u.target) for u in memory.read_tmx(path, "es")] == [("Dawn.", "Alba ñ.")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html/>", "not a TMX file"),
        (b"<tmx><body><tu>", "not well-formed XML"),
        (
            b'<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><tmx><body><tu>'
            b'<tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>',
            "",
        ),
    ],
)
def test_hostile_files_give_one_line_errors(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_bytes(data)
    if not message:  # entities are never expanded
        found = tmx.read(path, MemoryFileError, "fix it")
        assert all("aaaa" not in text for u in found.units for _, text in u.variants)
        return
    with pytest.raises(MemoryFileError) as caught:
        tmx.read(path, MemoryFileError, "fix it")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_entity_references_are_never_expanded_and_never_dropped_silently() -> None:
    data = (
        b'<!DOCTYPE tmx [<!ENTITY x "and more"><!ENTITY y SYSTEM "file:///etc/passwd">]>'
        b'<tmx version="1.4"><header srclang="en"/><body><tu>'
        b'<tuv xml:lang="en"><seg>Fish &amp; chips &x; today &y;</seg></tuv>'
        b'<tuv xml:lang="es"><seg>Pescado &amp; patatas &x; hoy</seg></tuv>'
        b"</tu></body></tmx>"
    )
    found = tmx.parse(data, Path("agency.tmx"), MemoryFileError, "hint")
    assert found.units[0].variants == (
        ("en", "Fish & chips today"),
        ("es", "Pescado & patatas hoy"),
    )
    dropped = dict(found.dropped)
    assert dropped["entity reference &x; left out"] == 2
    assert dropped["entity reference &y; left out"] == 1
