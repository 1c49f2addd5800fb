"""Placeholders: protected spans go out and come back exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translate.models import Term, TermMatch, TermType
from translate.translation.masking import SlotKind, localize_number, mask, unmask


def token(index: int) -> str:
    return f"TXP{index}X"


CCP = Term("China (the CCP)", {"es": "China (el PCCh)"})
TRUMP = Term("Donald Trump", {}, type=TermType.KEEP, case_sensitive=True)


def matches_in(text: str, *terms: Term) -> list[TermMatch]:
    found = []
    for term in terms:
        start = text.find(term.source)
        if start >= 0:
            found.append(TermMatch(term, start, start + len(term.source), term.source))
    return found


def test_terms_keep_terms_numbers_urls_and_markup_are_masked() -> None:
    text = "Donald Trump said China (the CCP) sold 3.5% more, see [this](https://a.example/x)."
    masked = mask(text, matches_in(text, CCP, TRUMP), "es", token)
    kinds = [slot.kind for slot in masked.slots]
    assert kinds == [
        SlotKind.KEEP,
        SlotKind.TERM,
        SlotKind.NUMBER,
        SlotKind.MARKUP,
        SlotKind.MARKUP,
    ]
    assert "Trump" not in masked.text and "CCP" not in masked.text
    assert "https" not in masked.text and "3.5" not in masked.text


def test_unmask_puts_approved_terms_and_localized_numbers_back() -> None:
    text = "He said China (the CCP) bought 1,500.5 tonnes."
    masked = mask(text, matches_in(text, CCP), "es", token)
    result = unmask(masked.text.replace("He said", "Dijo que"), masked)
    assert result.ok
    assert result.text == "Dijo que China (el PCCh) bought 1.500,5 tonnes."


def test_term_at_sentence_start_is_capitalised() -> None:
    term = Term("the CCP", {"es": "el PCCh"})
    text = "the CCP abstained."
    masked = mask(text, matches_in(text, term), "es", token)
    assert unmask(masked.text, masked).text == "El PCCh abstained."
    quoted = mask("“the CCP abstained”", [TermMatch(term, 1, 8, "the CCP")], "es", token)
    assert unmask(quoted.text, quoted).text == "“El PCCh abstained”"


def test_keep_term_stays_as_written() -> None:
    text = "Donald Trump met him."
    masked = mask(text, matches_in(text, TRUMP), "ru", token)
    assert unmask(masked.text, masked).text == text


def test_dropped_duplicated_and_mangled_placeholders_are_reported() -> None:
    text = "China (the CCP) said."
    masked = mask(text, matches_in(text, CCP), "es", token)
    assert not unmask("dijo.", masked).ok
    assert "repeated 2 times" in unmask("TXP0X TXP0X dijo.", masked).problems[0]
    assert "dropped" in unmask("TXP 0X dijo.", masked).problems[0]
    assert unmask("txp0x dijo.", masked).ok  # a change of letter case is harmless


def test_markup_glued_to_words_comes_back_glued() -> None:
    text = "By *AFP*: read **this** and `code x`."
    masked = mask(text, [], "es", token)
    assert "*" not in masked.text and "`" not in masked.text
    assert unmask(masked.text, masked).text == text


def test_numbers_without_separators_stay_as_written() -> None:
    assert localize_number("2025", "en", "de") == "2025"
    assert localize_number("3.5", "en", "de") == "3,5"
    assert localize_number("1,000", "en", "fr") == "1\u202f000"
    assert localize_number("80%", "en", "es") == "80%"


@given(st.text(alphabet=st.sampled_from(list("ab *_[]()`:/.,%@ 0123456789hxtps")), max_size=60))
def test_mask_then_unmask_without_engine_is_identity(text: str) -> None:
    masked = mask(text, [], "es", token)
    assert unmask(masked.text, masked, use_source=True).text == text


@given(st.lists(st.sampled_from(["China (the CCP)", "said", "in", "2025", "*", "x"]), max_size=12))
def test_identity_with_glossary_terms(words: list[str]) -> None:
    text = " ".join(words)
    found = []
    start = 0
    while (at := text.find(CCP.source, start)) >= 0:
        found.append(TermMatch(CCP, at, at + len(CCP.source), CCP.source))
        start = at + len(CCP.source)
    masked = mask(text, found, "es", token)
    assert unmask(masked.text, masked, use_source=True).text == text


def test_keep_term_with_a_rendering_is_capitalised_at_sentence_start() -> None:
    afp = Term("AFP", {"es": "la AFP"}, type=TermType.KEEP, case_sensitive=True)
    masked = mask("AFP reported.", matches_in("AFP reported.", afp), "es", token)
    assert unmask(masked.text.replace("reported", "informó"), masked).text == "La AFP informó."


def test_numbers_keep_the_source_decimals() -> None:
    assert localize_number("712.40", "en", "es") == "712,40"
    assert localize_number("1,234.50", "en", "de") == "1.234,50"
    assert localize_number("0.10", "en", "fr") == "0,10"


def test_a_time_of_day_is_written_with_a_colon() -> None:
    masked = mask("It began at 7.30 and rose 7.30%.", [], "de", token)
    assert [slot.replacement for slot in masked.slots] == ["7:30", "7,30%"]


def test_inserted_terms_take_the_form_the_sentence_needs() -> None:
    house = Term("the White House", {"uk": "Білий дім", "es": "la Casa Blanca"})
    party = Term("the CCP", {"es": "el PCCh", "uk": "КПК"})
    text = "He flew to the White House. The leader of the CCP spoke."
    matches = matches_in(text, house) + matches_in(text, party)
    uk = mask(text, sorted(matches, key=lambda m: m.start), "uk", token)
    engine = uk.text.replace("He flew to", "Він полетів до").replace("The leader of", "Лідер")
    assert unmask(engine, uk).text.startswith("Він полетів до Білого дому.")
    es = mask(text, sorted(matches, key=lambda m: m.start), "es", token)
    engine = es.text.replace("He flew to", "Voló a").replace("The leader of", "El líder de")
    assert unmask(engine, es).text.endswith("El líder del PCCh spoke.")
