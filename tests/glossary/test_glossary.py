"""Tests of translate.glossary: loading and validating CSV glossaries, matching, adding."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from support.wire_story import WIRE_STORY

from translate import workspace
from translate.errors import GlossaryError
from translate.glossary import (
    add_term,
    find_terms,
    load_glossary,
    load_workspace_glossary,
    matcher,
    term_report,
    validate,
)
from translate.models import Glossary, Segment, Term, TermType

REPO = Path(__file__).resolve().parents[2]
HOUSE = REPO / "glossaries" / "house.csv"


def write(tmp_path: Path, text: str, name: str = "g.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def glossary_of(tmp_path: Path, text: str, source_lang: str = "en") -> Glossary:
    return load_glossary([write(tmp_path, text)], source_lang)


# --- loading -----------------------------------------------------------------------------


def test_house_glossary_is_valid_and_complete() -> None:
    assert validate([HOUSE], "en") == []
    glossary = load_glossary([HOUSE], "en")
    terms = {t.source: t for t in glossary.terms}
    assert terms["China (the CCP)"].target("es") == "China (el PCCh)"
    assert terms["China (the CCP)"].target("zh") == "中国（中共）"
    assert terms["Donald Trump"].type is TermType.KEEP
    assert terms["Donald Trump"].target("es") == "Donald Trump"
    assert terms["Donald Trump"].target("ru") == "Дональд Трамп"
    assert "Donald Triunfo" in terms["Donald Trump"].avoid["es"]
    assert terms["Zelensky"].target("de") == "Selenskyj"
    assert terms["Beijing"].note
    for lang in ("es", "fr", "de", "uk", "ru", "zh"):
        assert terms["the CCP"].target(lang), lang


def test_reads_columns_into_terms(tmp_path: Path) -> None:
    glossary = glossary_of(
        tmp_path,
        "\ufeffen,es,zh-Hans,type,case,note,avoid:es\n"
        'US,EE. UU.,美国,keep,,"the country, not the pronoun",Nosotros | EEUU\n'
        "white house,Casa Blanca,,,sensitive,,\n",
    )
    us, house = glossary.terms
    assert us.type is TermType.KEEP and us.case_sensitive
    assert us.targets == {"es": "EE. UU.", "zh-Hans": "美国"}
    assert us.avoid == {"es": ("Nosotros", "EEUU")}
    assert us.note == "the country, not the pronoun"
    assert (us.line, house.line) == (2, 3)
    assert house.type is TermType.TERM and house.case_sensitive
    assert house.target("zh") is None


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("en,es\nHouse,Casa\nhouse,Hogar\n", 3, "duplicate source term 'house'"),
        ("en,es\n,Casa\n", 2, "empty 'en' cell"),
        ("es,fr\nCasa,Maison\n", 1, "no 'en' column"),
        ("en,xx\nHouse,Casa\n", 1, "unknown language code 'xx'"),
        ("en,comment\nHouse,x\n", 1, "unknown column 'comment'"),
        ("en,avoid:qq\nHouse,x\n", 1, "unknown language code 'qq'"),
        ("en,es,type\nHouse,Casa,name\n", 2, "bad type 'name'"),
        ("en,es,case\nHouse,Casa,upper\n", 2, "bad case 'upper'"),
        ("en,es\nHouse ,Casa\n", 2, "'en' cell 'House ' has spaces around it"),
        ("en, es\nHouse,Casa\n", 1, "column name ' es' has spaces"),
        ('en,es\n"White\nHouse",Casa\n', 2, "line break inside the 'en' cell"),
        ("en,es\nHouse,Casa,extra\n", 2, "row has 3 cells but the header has 2 columns"),
        ("en,es\nHouse\n", 2, "row has 1 cells"),
        ("en,es,es\nHouse,Casa,Casa\n", 1, "column 'es' appears twice"),
        ("", 1, "no header row"),
    ],
)
def test_problems_name_file_line_and_fix(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path], "en")
    assert caught.value.line == line
    assert caught.value.path == path
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert caught.value.hint  # says how to fix it


def test_bad_encoding_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes("en,es\nHouse,Casa\nCafé,Café\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match="not UTF-8") as caught:
        load_glossary([path], "en")
    assert caught.value.line == 3


def test_duplicates_across_files_name_both_places(tmp_path: Path) -> None:
    one = write(tmp_path, "en,es\nWhite House,Casa Blanca\n", "a.csv")
    two = write(tmp_path, "en,fr\nPeople News,People News\nwhite  house,Maison-Blanche\n", "b.csv")
    with pytest.raises(GlossaryError) as caught:
        load_glossary([one, two], "en")
    assert str(caught.value).startswith(f"{two}:3: duplicate source term")
    assert f"{one}:2" in str(caught.value)


def test_case_sensitive_keep_terms_differing_in_case_are_not_duplicates(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,type\nUS,keep\nUs,keep\n")
    assert [t.source for t in glossary.terms] == ["US", "Us"]


def test_validate_collects_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "en,es,type\nA ,x,term\n,y,term\nB,z,bogus\nC,w\nD,v,keep\n")
    problems = validate([path], "en")
    assert [p.line for p in problems] == [2, 3, 4, 5]
    assert all(str(p).startswith(f"{path}:") for p in problems)


def test_workspace_glossary(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    assert load_workspace_glossary(ws) == Glossary("en", ())
    write(tmp_path / "glossaries", "en,es\nWhite House,Casa Blanca\n", "house.csv")
    assert [t.source for t in load_workspace_glossary(ws).terms] == ["White House"]


# --- matching ----------------------------------------------------------------------------


def spans(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.term.source) for m in find_terms(glossary, text)]


def test_longest_match_wins_and_matches_do_not_overlap(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,es\nthe CCP,el PCCh\nChina (the CCP),China (el PCCh)\n")
    text = "First, China (the CCP) did not help. The CCP abstained; the CCP’s view."
    assert spans(glossary, text) == [
        ("China (the CCP)", "China (the CCP)"),
        ("The CCP", "the CCP"),
        ("the CCP", "the CCP"),
    ]
    match = find_terms(glossary, text)[0]
    assert text[match.start : match.end] == match.text


def test_leftmost_match_wins_over_a_later_longer_one(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,es\nState Department,x\nthe State,y\n(AFP),z\n")
    assert spans(glossary, "for the State Department (AFP)") == [
        ("the State", "the State"),
        ("(AFP)", "(AFP)"),
    ]


def test_case_rules_and_word_boundaries(tmp_path: Path) -> None:
    glossary = glossary_of(
        tmp_path, "en,es,type\nUS,EE. UU.,keep\nTrump,,keep\nwhite house,Casa Blanca,\n"
    )
    text = "Let us see: the US and the White House; Trumpet, TRUMP and Trump."
    assert spans(glossary, text) == [
        ("US", "US"),
        ("White House", "white house"),
        ("Trump", "Trump"),
    ]


def test_possessives_stay_outside_the_span(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,es\nZelensky,Zelenski\nChina,China\n")
    text = "China's view and Zelensky’s plan"
    matches = find_terms(glossary, text)
    assert [(m.text, text[m.end :][:2]) for m in matches] == [("China", "'s"), ("Zelensky", "’s")]


def test_whitespace_in_a_term_matches_any_run_of_spaces(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,es\nWhite House,Casa Blanca\n")
    assert spans(glossary, "the White\u00a0House and White   House and White\nHouse") == [
        ("White\u00a0House", "White House"),
        ("White   House", "White House"),
        ("White\nHouse", "White House"),
    ]


def test_apostrophes_in_terms_match_straight_or_curly(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,es\nPeople's Daily,Diario del Pueblo\n")
    assert [t for t, _ in spans(glossary, "People’s Daily and People's Daily")] == [
        "People’s Daily",
        "People's Daily",
    ]


def test_cjk_matching_has_no_word_boundaries(tmp_path: Path) -> None:
    zh = glossary_of(tmp_path, "zh,en\n中共,the CCP\n北京,Beijing\n", source_lang="zh")
    assert spans(zh, "北京说中共不会") == [("北京", "北京"), ("中共", "中共")]
    en = glossary_of(tmp_path, "en,zh\n人民报,People News\n")
    assert spans(en, "见人民报报道") == [("人民报", "人民报")]


def test_matcher_is_built_once_per_glossary(tmp_path: Path) -> None:
    glossary = glossary_of(tmp_path, "en,es\nWhite House,Casa Blanca\n")
    assert matcher(glossary) is matcher(glossary)
    assert find_terms(Glossary("en", ()), "anything") == []


def test_wire_story_occurrences() -> None:
    glossary = load_glossary([HOUSE], "en")
    text = WIRE_STORY.read_text(encoding="utf-8")
    found = find_terms(glossary, text)
    by_term: dict[str, list[str]] = {}
    for match in found:
        by_term.setdefault(match.term.source, []).append(match.text)
    # the raw text: the photo credit's "People News" counts too (tx glossary check: 23)
    assert len(found) == 24 and len(by_term) == 18
    assert (
        by_term["China (the CCP)"]
        == ["China (the CCP)"] * text.count("China (the CCP)")
        == ["China (the CCP)"] * 2
    )
    assert by_term["the CCP"] == ["The CCP"]
    assert len(by_term["Beijing"]) == text.count("Beijing") == 3
    assert len(by_term["Moscow"]) == text.count("Moscow") == 2
    # "Zelensky’s office": the possessive is the surname too, not part of the full name
    assert by_term["Zelensky"] == ["Zelensky"]
    assert by_term["Volodymyr Zelensky"] == ["Volodymyr Zelensky"]
    assert by_term["Donald Trump"] == ["Donald Trump"] and by_term["Trump"] == ["Trump"]
    assert by_term["Ukrinform"] == ["Ukrinform"]
    assert by_term["Oleh Ivashchenko"] == ["Oleh Ivashchenko"] and "Ivashchenko" not in by_term
    assert "White House" not in by_term
    assert (
        by_term["the White House"]
        == ["the White House"] * text.count("White House")
        == ["the White House"]
    )
    assert by_term["Agence France-Presse (AFP)"] == ["Agence France-Presse (AFP)"]
    assert by_term["AFP"] == ["AFP"] * (text.count("AFP") - text.count("(AFP)")) == ["AFP"]
    assert by_term["People News"] == ["People News"] * 3
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_term_report_lists_occurrences_and_missing_renderings(tmp_path: Path) -> None:
    glossary = glossary_of(
        tmp_path, "en,es,type\nWhite House,Casa Blanca,\nBeijing,Pekín,\nAFP,,keep\n"
    )
    segments = [
        Segment("s1", 0, "Beijing said the White House lied."),
        Segment("s2", 1, "AFP reported it from Beijing."),
    ]
    report = term_report(glossary, segments, ["es", "fr"])
    assert [(o.segment_id, o.block, o.match.text) for o in report.occurrences] == [
        ("s1", 0, "Beijing"),
        ("s1", 0, "White House"),
        ("s2", 1, "AFP"),
        ("s2", 1, "Beijing"),
    ]
    assert "[White House]" in report.occurrences[1].context
    assert report.missing["es"] == ()
    assert [t.source for t in report.missing["fr"]] == ["Beijing", "White House"]


# --- adding ------------------------------------------------------------------------------


def test_add_term_keeps_existing_rows_byte_for_byte(tmp_path: Path) -> None:
    original = '\ufeffen,es\r\nWhite House,"Casa Blanca"\r\n\r\nBeijing,Pekín\r\n'.encode()
    path = tmp_path / "g.csv"
    path.write_bytes(original)
    add_term(path, "Donald Trump", {"ru": "Дональд Трамп"}, type=TermType.KEEP,
             avoid={"es": ["Donald Triunfo"]}, note="a name")  # fmt: skip
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfen,es,ru,type,note,avoid:es\r\n")
    assert b'White House,"Casa Blanca",,,,\r\n\r\nBeijing,Pek\xc3\xadn,,,,\r\n' in data
    glossary = load_glossary([path], "en")
    trump = glossary.terms[-1]
    assert (trump.source, trump.type, trump.case_sensitive) == ("Donald Trump", TermType.KEEP, True)
    assert trump.target("ru") == "Дональд Трамп"
    assert trump.avoid == {"es": ("Donald Triunfo",)}
    assert trump.note == "a name"
    add_term(path, "Kremlin", {"es": "Kremlin"})
    assert path.read_bytes().startswith(data)


def test_add_term_without_new_columns_only_appends(tmp_path: Path) -> None:
    path = write(tmp_path, "en,es\nWhite House,Casa Blanca")
    add_term(path, "Beijing", {"es": "Pekín"})
    assert path.read_text(encoding="utf-8") == "en,es\nWhite House,Casa Blanca\nBeijing,Pekín\n"


def test_add_term_creates_a_file(tmp_path: Path) -> None:
    path = tmp_path / "glossaries" / "new.csv"
    add_term(path, "White House", {"es": "Casa Blanca", "fr": "Maison-Blanche"})
    assert path.read_text(encoding="utf-8") == "en,es,fr\nWhite House,Casa Blanca,Maison-Blanche\n"


def test_add_term_refuses_duplicates_and_bad_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "en,es\nWhite House,Casa Blanca\n")
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="already in the glossary") as caught:
        add_term(path, "white house", {"es": "Casa Blanca"})
    assert caught.value.line == 2
    other = Glossary("en", (Term("Beijing", {}, file=tmp_path / "x.csv", line=7),))
    with pytest.raises(GlossaryError, match=r"x\.csv:7: 'Beijing' is already"):
        add_term(path, "Beijing", {"es": "Pekín"}, known=other)
    with pytest.raises(GlossaryError, match="spaces around"):
        add_term(path, "Moscow", {"es": " Moscú"})
    with pytest.raises(GlossaryError, match="unknown language code 'xx'"):
        add_term(path, "Moscow", {"xx": "Moscú"})
    with pytest.raises(GlossaryError, match="line break"):
        add_term(path, "Mos\ncow", {})
    assert path.read_bytes() == before


def test_variants_column_lists_further_accepted_forms(tmp_path: Path) -> None:
    from translate.glossary.sheets import save_terms

    path = write(tmp_path, "en,uk,variants:uk,note\nthe CCP,КПК,Компартія Китаю|компартія,\n")
    [term] = load_glossary([path], "en").terms
    assert term.variants == {"uk": ("Компартія Китаю", "компартія")}
    assert term.accepted("uk") == ("КПК", "Компартія Китаю", "компартія")
    assert term.accepted("uk-UA") == ("КПК", "Компартія Китаю", "компартія")
    assert term.accepted("de") == ()
    save_terms(
        path, "en", replace=[Term("the CCP", {"uk": "КПК"}, note="n", variants=term.variants)]
    )
    [again] = load_glossary([path], "en").terms
    assert again.variants == term.variants and again.note == "n"


def test_misspelled_variants_column_is_named(tmp_path: Path) -> None:
    [problem] = validate([write(tmp_path, "en,variant:uk\nthe CCP,КПК\n")], "en")
    assert "unknown column 'variant:uk'" in problem.message
    assert "variants:<lang>" in problem.hint
