"""Golden cases of sentence segmentation (tests/cases/segments/<lang>.txt) and the traps of
issue 12, language by language; none of them reads anything outside the repository."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.source.segmentation import split_sentences as split_base
from translate.source.segmentation.rules import MIXED_WITH_ENGLISH, RULES, rules_for
from translate.source.segments import split_sentences

CASES = Path(__file__).parents[1] / "cases" / "segments"
REQUIRED = ("en", "es", "fr", "de", "ru", "uk", "zh", "ar")


def golden_cases() -> list[tuple[str, str, list[str]]]:
    """(lang, text, expected sentences) for every case in tests/cases/segments/<lang>.txt."""
    cases: list[tuple[str, str, list[str]]] = []
    for path in sorted(CASES.glob("*.txt")):
        for chunk in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            lines = [line for line in chunk.splitlines() if line and not line.startswith("#")]
            if lines:
                cases.append((path.stem, lines[0], [line[2:] for line in lines[1:]]))
    return cases


def _case_ids() -> list[str]:
    seen: Counter[str] = Counter()
    ids = []
    for lang, _, _ in golden_cases():
        seen[lang] += 1
        ids.append(f"{lang}-{seen[lang]}")
    return ids


@pytest.mark.parametrize(("lang", "text", "expected"), golden_cases(), ids=_case_ids())
def test_golden_case(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_every_required_language_has_forty_cases() -> None:
    counts = Counter(lang for lang, _, _ in golden_cases())
    assert {lang: counts[lang] for lang in REQUIRED if counts[lang] < 40} == {}
    assert counts["ja"] and counts["hi"]


def test_golden_expectations_keep_every_character() -> None:
    for _lang, text, expected in golden_cases():
        assert "".join("".join(s.split()) for s in expected) == "".join(text.split()), text


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # German ordinal dates
        ("de", "Was sind die Folgen der Wahl vom 12. Juni?", 1),
        ("de", "Am 4. Oktober wählt das Land.", 1),
        # abbreviations before numbers and names
        ("en", "Route No. 103 closed. Mt. Kisco is cut off.", 2),
        ("en", "Form N°. 1026 is due. Nobody filed it.", 2),
        ("es", "Lo dice el art. 4 y el párrf. 5 del texto.", 1),
        ("fr", "Voir l'art. 4 du code.", 1),
        ("ru", "Жители пгт. Брагиновка и Кв. 234 ждут.", 1),
        # ellipses never make sentences of their own
        ("en", "It was . . . strange.", 1),
        ("en", "He said [...] that it was late.", 1),
        # the pronoun I
        ("en", "It was you and I. Did you see it?", 2),
        # dialogue dashes
        ("ru", "– Ты где? – спросила мама. – Завтра поздно.", 2),
        ("uk", "– Ти де? – спитала мама. – Завтра пізно.", 2),
    ],
)
def test_issue_traps(lang: str, text: str, expected: int) -> None:
    sentences = split_sentences(text, lang)
    assert len(sentences) == expected, sentences
    assert all(any(char.isalnum() for char in s) for s in sentences), sentences


# Every language tx accepts as a source: those with rules of their own, those mixed with the
# English rules, and a few that fall back to them.
SOURCE_LANGS = sorted({*RULES, *MIXED_WITH_ENGLISH, "pt", "it", "pl", "nl", "tr", "sv", "cs"})
# The languages that read English abbreviations and clock times by the English rules.
_ENGLISH_RULED = [
    lang for lang in SOURCE_LANGS if lang == "en" or lang not in RULES or lang in MIXED_WITH_ENGLISH
]

# Issue 26: the cases a golden-rule suite found split wrongly, each inside a paragraph.
_EVERY_LANGUAGE = [
    (
        "The agenda had two points. • 9. The first item • 10. The second item",
        ["The agenda had two points.", "• 9. The first item", "• 10. The second item"],
    ),
    ("⁃9. The first item ⁃10. The second item", ["⁃9. The first item", "⁃10. The second item"]),
    (
        "The mayor paused . . . and then spoke. Everyone listened.",
        ["The mayor paused . . . and then spoke.", "Everyone listened."],
    ),
    (
        "It ended. . . . Then came the vote. . . .",
        ["It ended. . . .", "Then came the vote. . . ."],
    ),
    (
        "影评人说：我们明天一起去看《摔跤吧！爸爸》好吗？好！",
        ["影评人说：我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"],
    ),
]


@pytest.mark.parametrize("lang", SOURCE_LANGS)
@pytest.mark.parametrize(("text", "expected"), _EVERY_LANGUAGE)
def test_named_cases_split_right_in_every_source_language(
    text: str, expected: list[str], lang: str
) -> None:
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize("lang", _ENGLISH_RULED)
def test_a_time_opening_its_sentence_keeps_the_name_after_it(lang: str) -> None:
    text = "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith went home."
    assert split_sentences(text, lang) == [
        "At 5 a.m. Mr. Smith went to the bank.",
        "He left the bank at 6 P.M.",
        "Mr. Smith went home.",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "es",
            "El corredor No. 103 arrivó 4°. Ganó otro.",
            ["El corredor No. 103 arrivó 4°.", "Ganó otro."],
        ),
        ("es", "Vive en Mt. Kisco. Trabaja allí.", ["Vive en Mt. Kisco.", "Trabaja allí."]),
        ("es", "Fue el Lun. 15 de Mar. por la tarde.", ["Fue el Lun. 15 de Mar. por la tarde."]),
        *[
            (
                lang,
                "– Где ты? – спросила мама. – Завтра рано.",
                ["– Где ты? – спросила мама.", "– Завтра рано."],
            )
            for lang in ("ru", "uk", "be")
        ],
        *[
            (
                lang,
                "«Где ты? – спросила мама. – Завтра рано». Он ушёл.",
                ["«Где ты? – спросила мама. – Завтра рано».", "Он ушёл."],
            )
            for lang in ("ru", "uk", "be")
        ],
        (
            "ja",
            "映画『カメラを止めるな！』が話題だ。次へ。",
            ["映画『カメラを止めるな！』が話題だ。", "次へ。"],
        ),
    ],
)
def test_named_cases_of_one_language(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("1.) Steuern senken 2.) Wohnungen bauen", "de"),
        ("a. Open the polls b. Count the votes", "en"),
        ("Three steps: 1) vote 2) count 3) publish", "en"),
    ],
)
def test_list_runs_split_before_each_marker(text: str, lang: str) -> None:
    sentences = split_sentences(text, lang)
    assert len(sentences) == len(re.findall(r"(?<!\S)(?:\d|[a-z])\.?\)?(?=\s)", text))
    assert all(len(s) > 3 for s in sentences)


def test_numbers_named_twice_are_not_a_list() -> None:
    assert split_sentences("Die Messe am 1. und 2. Juni fällt aus.", "de") == [
        "Die Messe am 1. und 2. Juni fällt aus."
    ]


def test_region_and_script_tags_use_the_base_language() -> None:
    text = "Der Vertrag gilt ab dem 1. Januar. Er läuft lange."
    assert (
        split_sentences(text, "de-AT")
        == split_sentences(text, "de")
        == [
            "Der Vertrag gilt ab dem 1. Januar.",
            "Er läuft lange.",
        ]
    )
    assert split_sentences("第一句。第二句。", "zh-Hant") == ["第一句。", "第二句。"]


def test_unknown_languages_fall_back_to_english_rules() -> None:
    assert rules_for("nl") is rules_for("en")
    assert split_base("Dr. Jansen kwam. Hij bleef.", "nl") == ["Dr. Jansen kwam.", "Hij bleef."]


def test_protected_spans_are_never_cut() -> None:
    text = (
        'See [the note. It is long.](https://example.org/a.b "A. B") and `a. B` and '
        "<https://x.org/a.B> and https://example.org/v1.2/A. Then go."
    )
    assert split_sentences(text, "en") == [
        'See [the note. It is long.](https://example.org/a.b "A. B") and `a. B` and '
        "<https://x.org/a.B> and https://example.org/v1.2/A.",
        "Then go.",
    ]


def test_urls_stop_before_chinese_text() -> None:
    assert split_sentences("见https://example.cn/a.html。下一句。", "zh") == [
        "见https://example.cn/a.html。",
        "下一句。",
    ]


_PIECES = {
    "es": "El Sr. Pérez llegó a EE. UU. ¿Qué? No. 3,5 «Sí». —dijo. 1.) a)",
    "de": "Am 12. Juni kam Dr. Weber z. B. Er ging. „Ja.“ Nr. 5 XVI. Das",
    "ru": "В. В. Путин ул. Ленина г. Он ушёл. – Да? – спросил т. д. Тогда",
    "ar": "قال د. أحمد إن الوضع صعب. هل هذا؟ نعم! 3.5 هـ. م. 12",
    "fr": "M. Dupont a dit : « Non. » Puis ? art. 4 etc. Il",
}


@pytest.mark.parametrize("lang", sorted(_PIECES))
def test_split_then_join_reproduces_the_text(lang: str) -> None:
    @given(st.lists(st.sampled_from(_PIECES[lang].split()), max_size=30))
    def check(words: list[str]) -> None:
        text = " ".join(words)
        sentences = split_sentences(text, lang)
        assert " ".join(sentences) == " ".join(text.split())
        assert all(sentence == sentence.strip() and sentence for sentence in sentences)

    check()


@given(st.text(alphabet=st.sampled_from(list("ab.。！？?!“”「」 \n")), max_size=80))
def test_chinese_split_never_loses_characters(text: str) -> None:
    sentences = split_sentences(text, "zh")
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
