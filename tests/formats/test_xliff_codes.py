"""Tests of translate.formats.xliff.codes: a segment's inline Markdown as XLIFF inline codes."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from translate.formats.xliff.codes import (
    Close,
    Code,
    CodeKind,
    Open,
    Standalone,
    codes_of,
    markdown,
    plain,
    split_codes,
)


def test_each_construct_becomes_one_code_numbered_in_order() -> None:
    text = "The *big* cat **sleeps** in [the `x` report](https://a.b/c) now."
    pieces = split_codes(text)
    em = Code("1", CodeKind.EMPHASIS, "*", "*")
    strong = Code("2", CodeKind.STRONG, "**", "**")
    link = Code("3", CodeKind.LINK, "[", "](https://a.b/c)")
    code = Code("4", CodeKind.CODE, "`x`")
    assert pieces == (
        "The ",
        Open(em),
        "big",
        Close(em),
        " cat ",
        Open(strong),
        "sleeps",
        Close(strong),
        " in ",
        Open(link),
        "the ",
        Standalone(code),
        " report",
        Close(link),
        " now.",
    )
    assert markdown(pieces) == text
    assert codes_of(pieces) == {"1": em, "2": strong, "3": link, "4": code}
    assert plain(pieces) == "The big cat sleeps in the x report now."


def test_underscores_nest_inside_strong() -> None:
    pieces = split_codes("**bold _it_**")
    assert [type(p).__name__ for p in pieces] == ["Open", "str", "Open", "str", "Close", "Close"]
    assert [c.kind for c in codes_of(pieces).values()] == [CodeKind.STRONG, CodeKind.EMPHASIS]


def test_what_is_not_markup_stays_text() -> None:
    for text in (
        "a * b",
        "snake_case_name and *",
        r"\*not emphasis\*",
        "[People News] Ukraine said",
        "____",
        "**",
        "[x](y) [z",
    ):
        pieces = split_codes(text)
        assert markdown(pieces) == text
        if text != "[x](y) [z":
            assert pieces == (text,), text


def test_crossed_delimiters_keep_the_link_and_leave_the_rest_literal() -> None:
    pieces = split_codes("*a [b* c](u)")
    assert pieces[0] == "*a " and isinstance(pieces[1], Open)
    assert pieces[1].code.kind is CodeKind.LINK and pieces[2] == "b* c"


@given(st.text(alphabet="*_[]()`\\ ab\n:/", max_size=60))
def test_markdown_of_the_pieces_is_the_text(text: str) -> None:
    assert markdown(split_codes(text)) == text


def test_long_hostile_runs_are_handled() -> None:
    for text in ("*a " * 50_000, "[" * 100_000, "_" * 100_000, "[a](" * 30_000, "`" * 100_000):
        assert markdown(split_codes(text)) == text


MARKDOWN = st.text(alphabet="*_[]()`\\ ab\u00e9:/", min_size=1, max_size=40).filter(
    lambda text: text.strip() != ""
)


@settings(deadline=None, max_examples=300)
@given(source=MARKDOWN, target=MARKDOWN)
def test_a_target_comes_back_from_either_xliff_version_as_written(source: str, target: str) -> None:
    import tempfile
    from pathlib import Path

    from translate.formats.xliff.codes import known_codes
    from translate.formats.xliff.read import read_xliff
    from translate.formats.xliff.write import write_xliff
    from translate.models import Segment, State, TranslatedSegment, Translation
    from translate.roundtrip.xliff_import import render

    item = TranslatedSegment(Segment("abc", 0, source), target, "argos:en-es", State.TRANSLATED)
    translation = Translation("story", "en", "es", "d" * 64, (item,), 1)
    codes = known_codes(source, target)
    with tempfile.TemporaryDirectory() as folder:
        for version in ("1.2", "2.1"):
            path = Path(folder) / f"story-{version}.xlf"
            path.write_bytes(write_xliff(translation, version))
            (unit,) = read_xliff(path).units
            lost: Counter[str] = Counter()
            assert render(unit.source, codes, lost) == source
            assert render(unit.target or (), codes, lost) == target
            assert not lost


def test_codes_of_the_target_take_the_numbers_of_the_same_markdown_in_the_source() -> None:
    from translate.formats.xliff.codes import align

    source = split_codes("[a](x) then *b* and `c`")
    target = split_codes("*B* y `c` y [A](y)")
    ids = [(p.code.id, p.code.start) for p in align(source, target) if isinstance(p, Open)]
    assert ids == [("2", "*"), ("t1", "[")]
    assert [p.code.id for p in align(source, target) if isinstance(p, Standalone)] == ["3"]
