"""Tests of translate.publish.edition: localized articles and the per-sentence facts of drafts."""

from __future__ import annotations

import json
from pathlib import Path

from support.documents import translation_of

from translate.models import (
    Article,
    Block,
    BlockKind,
    Flag,
    State,
    Translation,
)
from translate.publish.edition import MISSING, DraftSentence, draft_sentences, edition
from translate.source.articles import read_article

CASES = Path(__file__).parents[1] / "cases" / "export"


def sample() -> tuple[Article, dict[str, str]]:
    article = read_article(CASES / "sample.md")
    targets = json.loads((CASES / "sample.es.json").read_text(encoding="utf-8"))
    return article, targets


def test_edition_translates_every_block_and_keeps_its_shape() -> None:
    article, targets = sample()
    result = edition(article, translation_of(article, targets, "es"))
    assert result.lang == "es"
    assert result.slug == article.slug
    assert result.title == "La ciudad inaugura una *nueva* biblioteca"
    assert [(b.kind, b.level, b.ordered) for b in result.blocks] == [
        (b.kind, b.level, b.ordered) for b in article.blocks
    ]
    paragraph = result.blocks[3]
    assert paragraph.text == (
        "La ciudad inauguró su nueva biblioteca el jueves. Vinieron cientos de lectores."
    )
    assert result.blocks[-1].kind is BlockKind.CREDIT
    assert result.blocks[-1].text == "(Publicado originalmente en Example News)"


def test_edition_meta_translates_summary_and_caption_and_keeps_names_and_dates() -> None:
    article, targets = sample()
    meta = edition(article, translation_of(article, targets, "es")).meta
    assert meta["summary"] == "La biblioteca tiene 20.000 libros."
    assert meta["image_caption"] == "La sala de lectura el día de la inauguración."
    assert meta["date"] == "2025-08-21"
    assert meta["author"] == "Ana Torres"
    assert meta["image_credit"] == "Jo Lee/Example News"


def test_edition_joins_chinese_sentences_without_spaces() -> None:
    article = Article(
        "zh-test",
        "en",
        "Title",
        {},
        (Block(BlockKind.TITLE, "Title"), Block(BlockKind.PARAGRAPH, "One here. Two here.")),
    )
    targets = {"Title": "标题", "One here.": "第一句。", "Two here.": "第二句。"}
    result = edition(article, translation_of(article, targets, "zh"))
    assert result.blocks[1].text == "第一句。第二句。"
    assert result.title == "标题"


def test_draft_sentences_carry_state_and_flags_per_block() -> None:
    article, targets = sample()
    translation = translation_of(article, targets, "es")
    flag = Flag("glossary", "use the approved term")
    changed = tuple(
        item.with_changes(state=State.TRANSLATED, flags=(flag,))
        if item.segment.source == "Hundreds of readers came."
        else item
        for item in translation.segments
    )
    marks = draft_sentences(article, Translation(**{**translation.__dict__, "segments": changed}))
    assert len(marks) == len(article.blocks)
    assert marks[3] == (
        DraftSentence("La ciudad inauguró su nueva biblioteca el jueves.", State.REVIEWED),
        DraftSentence("Vinieron cientos de lectores.", State.TRANSLATED, (flag,)),
    )
    assert marks[3][0].confirmed
    assert not marks[3][1].confirmed
    assert DraftSentence("x", State.FINAL, (flag,)).confirmed is False


def test_sentence_missing_from_the_work_file_keeps_its_source_and_is_flagged() -> None:
    article, targets = sample()
    translation = translation_of(article, targets, "es")
    kept = tuple(i for i in translation.segments if i.segment.source != "Free entry")
    shorter = Translation(**{**translation.__dict__, "segments": kept})
    marks = draft_sentences(article, shorter)
    assert marks[10] == (DraftSentence("Free entry", State.INITIAL, (MISSING,)),)
    assert edition(article, shorter).blocks[10].text == "Free entry"
