"""Tests of translate.source.segments: sentence splitting, joining, segment ids and digests."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.wire_story import WIRE_STORY
from typer.testing import CliRunner

from translate.cli import app
from translate.models import Article, Block, BlockKind, Segment
from translate.source.articles import read_article
from translate.source.segments import (
    article_digest,
    join_sentences,
    segment_article,
    segment_id,
    split_sentences,
)
from translate.workspace import init

CASES = Path(__file__).parents[1] / "cases" / "segments"
SAMPLE = Path(__file__).resolve().parents[2] / "articles" / "ukraine-guarantees-talks.md"


def _golden_cases() -> list[tuple[str, str, list[str]]]:
    """(lang, text, expected sentences) for every case in tests/cases/segments/<lang>.txt."""
    cases: list[tuple[str, str, list[str]]] = []
    for path in sorted(CASES.glob("*.txt")):
        for chunk in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            lines = [line for line in chunk.splitlines() if line and not line.startswith("#")]
            if lines:
                expected = [line.removeprefix("- ") for line in lines[1:]]
                cases.append((path.stem, lines[0], expected))
    return cases


@pytest.mark.parametrize(("lang", "text", "expected"), _golden_cases())
def test_golden_cases(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_golden_cases_cover_the_required_languages() -> None:
    langs = {lang for lang, _, _ in _golden_cases()}
    assert {"en", "es", "fr", "de", "ru", "uk", "zh", "ja"} <= langs


@pytest.fixture(scope="module")
def story_segments() -> tuple[Segment, ...]:
    return segment_article(read_article(WIRE_STORY))


def test_wire_story_tricky_sentences_are_whole(story_segments: tuple[Segment, ...]) -> None:
    texts = [segment.source for segment in story_segments]
    assert (
        "Engineers inspect a transformer damaged in a drone strike at a substation near Kharkiv "
        "on October 9, 2025." in texts
    )
    assert (
        "In Washington, a spokesperson for the White House said U.S. President Donald Trump had "
        "discussed the grid with European leaders and wanted the work finished before "
        "Christmas." in texts
    )
    assert any(t.startswith("U.S. Secretary of State Marco Rubio") for t in texts)
    assert any(
        t.endswith("restored power to 1.2 million homes in the week to October 19.") for t in texts
    )
    assert (
        "A new unit can take a year to build and costs about $2.5 million, according to "
        "estimates cited by AFP." in texts
    )


def test_wire_story_quote_splits_into_three_sentences(
    story_segments: tuple[Segment, ...],
) -> None:
    texts = [segment.source for segment in story_segments]
    start = next(i for i, t in enumerate(texts) if t.startswith("Deputy Energy Minister"))
    assert texts[start : start + 3] == [
        "Deputy Energy Minister Halyna Shevchuk told reporters, “First, China (the CCP) sells "
        "Russia the parts that end up in the drones hitting our substations.",
        "Second, not once has China (the CCP) condemned those strikes.",
        "We will not hand the keys of our power plants to the people who supply the attacker.”",
    ]
    assert {story_segments[start + i].block for i in range(3)} == {story_segments[start].block}


def test_wire_story_no_segment_is_merged(story_segments: tuple[Segment, ...]) -> None:
    article = read_article(WIRE_STORY)
    # Every segment holds exactly one sentence: no ". X" boundary of the story is left inside.
    assert len(story_segments) == 25
    for segment in story_segments:
        text = segment.source.replace("U.S. ", "U.S._")
        assert not re.search(r"[.!?][”’]? (?=[A-Z“])", text), segment.source
    # Each block's sentences join back to the block text.
    for index, block in enumerate(article.blocks):
        parts = [s.source for s in story_segments if s.block == index]
        assert join_sentences(parts, "en") == block.text


def test_sample_article_segments() -> None:
    texts = [segment.source for segment in segment_article(read_article(SAMPLE))]
    assert "“We are not writing a communiqué." in texts
    assert any("12.5% last year" in t for t in texts)
    assert any("[public overview of its sanctions](https://" in t for t in texts)
    assert texts[-1] == "(First published in People News)"


def test_segment_ids_are_content_hashes_with_occurrence_numbers() -> None:
    article = Article(
        "s",
        "en",
        "Title",
        {},
        (
            Block(BlockKind.TITLE, "Title"),
            Block(BlockKind.PARAGRAPH, "Yes.  It rained. Yes."),
            Block(BlockKind.PARAGRAPH, "Yes."),
        ),
    )
    segments = segment_article(article)
    base = segment_id("Yes.")
    assert [s.id for s in segments] == [
        segment_id("Title"),
        base,
        segment_id("It rained."),
        f"{base}-2",
        f"{base}-3",
    ]
    assert [s.block for s in segments] == [0, 1, 1, 1, 2]
    assert re.fullmatch(r"[0-9a-f]{12}", base)
    assert segment_id("It  rained.\n") == segment_id("It rained.")


def test_editing_one_paragraph_keeps_other_ids() -> None:
    article = read_article(WIRE_STORY)
    before = segment_article(article)
    blocks = list(article.blocks)
    edited = 5
    blocks[edited] = Block(BlockKind.PARAGRAPH, blocks[edited].text + " A new sentence was added.")
    after = segment_article(replace(article, blocks=tuple(blocks)))
    kept_before = {s.id: s.source for s in before}
    kept_after = {s.id: s.source for s in after}
    assert set(kept_before) <= set(kept_after)
    assert len(after) == len(before) + 1
    assert article_digest(after) != article_digest(before)


def test_article_digest_is_stable_and_order_sensitive(
    story_segments: tuple[Segment, ...],
) -> None:
    digest = article_digest(story_segments)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert digest == article_digest(segment_article(read_article(WIRE_STORY)))
    assert digest != article_digest(tuple(reversed(story_segments)))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "A. B."),
        ("es-ES", "A. B."),
        ("zh", "A.B."),
        ("zh-Hans", "A.B."),
        ("ja", "A.B."),
        ("th", "A.B."),
    ],
)
def test_join_sentences(lang: str, expected: str) -> None:
    assert join_sentences(["A.", " B. "], lang) == expected


def test_split_sentences_edge_cases() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences("   ", "en") == []
    assert split_sentences("No end mark", "en") == ["No end mark"]
    assert split_sentences("Ends.  ", "en") == ["Ends."]
    assert split_sentences("One.\nTwo.", "en-GB") == ["One.", "Two."]


_WORDS = st.sampled_from(
    [
        "the",
        "U.S.",
        "Dr.",
        "Feb.",
        "28",
        "3.5",
        "80%",
        "He",
        "It",
        "said",
        "“Yes.”",
        "no.",
        "end.",
        "Why?",
        "Stop!",
        "J.",
        "e.g.",
        "(AFP)",
        "wait...",
        "[a](https://x.org/a.b)",
        "a@b.org.",
        "The",
        "x",
        "“Go",
        "home.”",
    ]
)


@given(st.lists(st.tuples(_WORDS, st.sampled_from([" ", "  ", "\n", " \t"])), max_size=40))
def test_split_then_join_reproduces_english_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in parts)
    sentences = split_sentences(text, "en")
    assert " ".join(sentences) == " ".join(text.split())
    assert all(sentence == sentence.strip() and sentence for sentence in sentences)


@given(st.text(max_size=200))
def test_split_never_loses_characters(text: str) -> None:
    sentences = split_sentences(text, "en")
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())


def test_cli_segments_prints_id_kind_and_text(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text("---\ntitle: A Note\n---\n\nFirst one. Second one.\n\n> Quoted.\n")
    result = CliRunner().invoke(app, ["segments", str(article)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{segment_id('A Note')}  title  A Note",
        f"{segment_id('First one.')}  paragraph  First one.",
        f"{segment_id('Second one.')}  paragraph  Second one.",
        f"{segment_id('Quoted.')}  quote  Quoted.",
    ]


def test_cli_segments_on_the_wire_story() -> None:
    result = CliRunner().invoke(app, ["segments", str(WIRE_STORY), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 25
    assert lines[1].split("  ", 2)[1:] == [
        "caption",
        "Engineers inspect a transformer damaged in a drone strike at a substation near Kharkiv "
        "on October 9, 2025.",
    ]
    assert lines[-1].endswith("  credit  (First published in People News)")


def test_cli_segments_lang_option_and_errors(tmp_path: Path) -> None:
    article = tmp_path / "zh.md"
    article.write_text("---\ntitle: 标题\n---\n\n第一句。第二句。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["segments", str(article), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert [line.split("  ")[-1] for line in result.output.splitlines()] == [
        "标题",
        "第一句。",
        "第二句。",
    ]
    missing = CliRunner().invoke(app, ["segments", str(tmp_path / "missing.md")])
    assert missing.exit_code == 1
    assert "no such article" in missing.output


def test_cli_segments_uses_the_workspace_source_lang(tmp_path: Path) -> None:
    init(tmp_path / "ws")
    config = tmp_path / "ws" / "tx.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('source_lang = "en"', 'source_lang = "de"'),
        encoding="utf-8",
    )
    article = tmp_path / "de.txt"
    article.write_text("Titel\n\nAm 28. Februar kam er.\n", encoding="utf-8")
    runner = CliRunner()
    in_workspace = runner.invoke(
        app, ["--workspace", str(tmp_path / "ws"), "segments", str(article)]
    )
    assert in_workspace.exit_code == 0, in_workspace.output
    assert len(in_workspace.output.splitlines()) == 2  # German: "28." is an ordinal
    outside = runner.invoke(app, ["--workspace", str(tmp_path), "segments", str(article)])
    assert outside.exit_code == 0, outside.output
    assert len(outside.output.splitlines()) == 3  # no workspace: English rules


# Issue 26: the named cases through the article reader (Markdown joins a paragraph's lines
# into one line before segmentation) and `tx segments`, each inside a paragraph of news copy.
_ARTICLES = {
    "en": (
        "The council met before dawn. At 5 a.m. Mr. Smith went to the bank. He left the bank "
        "at 6 p.m. Mr. Jones then locked the vault.\n\n"
        "The mayor paused . . . and then read the motion. The clerk wrote down every word. "
        ". . . Nobody objected.\n\n"
        "The plan has two parts.\n• 9. The first item raises the levees\n"
        "• 10. The second item buys new pumps\n",
        [
            "The council met before dawn.",
            "At 5 a.m. Mr. Smith went to the bank.",
            "He left the bank at 6 p.m.",
            "Mr. Jones then locked the vault.",
            "The mayor paused . . . and then read the motion.",
            "The clerk wrote down every word. . . .",
            "Nobody objected.",
            "The plan has two parts.",
            "• 9. The first item raises the levees",
            "• 10. The second item buys new pumps",
        ],
    ),
    "es": (
        "La maratón terminó con sorpresa. El corredor No. 103 arrivó 4°. Nadie lo esperaba.\n\n"
        "El hospital de Northern en Mt. Kisco busca enfermeros. La prueba del Lun. 15 de Mar. "
        "fue la más difícil. Duró una hora.\n",
        [
            "La maratón terminó con sorpresa.",
            "El corredor No. 103 arrivó 4°.",
            "Nadie lo esperaba.",
            "El hospital de Northern en Mt. Kisco busca enfermeros.",
            "La prueba del Lun. 15 de Mar. fue la más difícil.",
            "Duró una hora.",
        ],
    ),
    "ru": (
        "Вечером в квартире было тихо. – К чему ты готовишься? – спросила мама. – Завтра ведь "
        "выходной. Сын ничего не ответил.\n\n"
        "«Ты куда собрался? – спросила мама. – Завтра рано вставать». Сын пожал плечами.\n",
        [
            "Вечером в квартире было тихо.",
            "– К чему ты готовишься? – спросила мама.",
            "– Завтра ведь выходной.",
            "Сын ничего не ответил.",
            "«Ты куда собрался? – спросила мама. – Завтра рано вставать».",
            "Сын пожал плечами.",
        ],
    ),
    "uk": (
        "Увечері було тихо. – До чого ти готуєшся? – спитала мама. – Завтра ж вихідний.\n",
        [
            "Увечері було тихо.",
            "– До чого ти готуєшся? – спитала мама.",
            "– Завтра ж вихідний.",
        ],
    ),
    "zh": (
        "这部印度电影在中国大受欢迎。观众们说，我们明天一起去看《摔跤吧！爸爸》好吗？好！"
        "影评人也给予了好评。\n",
        [
            "这部印度电影在中国大受欢迎。",
            "观众们说，我们明天一起去看《摔跤吧！爸爸》好吗？",
            "好！",
            "影评人也给予了好评。",
        ],
    ),
}


@pytest.mark.parametrize("lang", sorted(_ARTICLES))
def test_cli_segments_splits_the_named_cases_of_an_article(tmp_path: Path, lang: str) -> None:
    body, expected = _ARTICLES[lang]
    article = tmp_path / f"{lang}.md"
    article.write_text(f"---\ntitle: T\nlang: {lang}\n---\n\n{body}", encoding="utf-8")
    result = CliRunner().invoke(app, ["segments", str(article)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        f"{segment_id(text)}  paragraph  {text}" for text in expected
    ]


def test_ids_of_text_whose_split_did_not_change_are_kept() -> None:
    """The wire story splits as it did before issue 26's rules: the same segments, so the
    same ids and the same digest, and its work files keep matching."""
    digest = "cc2ea863138907b94b27f78df2619e0b188e3cbba2677d823b9963112590988f"
    assert article_digest(segment_article(read_article(WIRE_STORY))) == digest
