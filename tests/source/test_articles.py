"""Tests of translate.source.articles: the Markdown and plain-text readers and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.wire_story import WIRE_STORY

from translate.errors import ArticleError
from translate.models import Block, BlockKind
from translate.source.articles import read_article

SAMPLE = Path(__file__).resolve().parents[2] / "articles" / "ukraine-guarantees-talks.md"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wire_story_as_plain_text() -> None:
    article = read_article(WIRE_STORY)
    assert article.slug == "wire-story"
    assert article.lang == "en"
    assert article.path == WIRE_STORY
    assert article.title == "Kyiv Turns Down Beijing Offer to Rebuild Ukraine’s Power Grid"
    assert article.blocks[0] == Block(BlockKind.TITLE, article.title)
    caption = (
        "Engineers inspect a transformer damaged in a drone strike at a substation near Kharkiv "
        "on October 9, 2025."
    )
    assert article.blocks[1] == Block(BlockKind.CAPTION, caption)
    assert article.meta["image_caption"] == caption
    assert article.meta["image_credit"] == "Iryna Koval/People News"
    assert article.blocks[-1] == Block(BlockKind.CREDIT, "(First published in People News)")
    assert article.meta["source"] == "People News"
    paragraphs = [b for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 11
    assert len(article.blocks) == 14
    assert paragraphs[0].text.startswith("[People News] Ukraine has asked its Western partners")
    assert paragraphs[-1].text.endswith("would send him its list within days.")


def test_plain_text_default_lang_and_lines_joined(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "nota.txt",
        "Título\n\nUna línea\ncontinúa aquí.\n\nOtro párrafo (con paréntesis)\n",
    )
    article = read_article(path, default_lang="es")
    assert article.lang == "es"
    assert article.slug == "nota"
    assert [(b.kind, b.text) for b in article.blocks] == [
        (BlockKind.TITLE, "Título"),
        (BlockKind.PARAGRAPH, "Una línea continúa aquí."),
        (BlockKind.PARAGRAPH, "Otro párrafo (con paréntesis)"),
    ]
    assert "image_credit" not in article.meta


def test_markdown_sample_article() -> None:
    article = read_article(SAMPLE)
    assert article.slug == "ukraine-guarantees-talks"
    assert article.meta["date"] == "2025-08-22"
    assert article.meta["source"] == "People News"
    assert article.meta["image_credit"] == "People News archive"
    kinds = [block.kind for block in article.blocks]
    assert kinds[:3] == [BlockKind.TITLE, BlockKind.SUMMARY, BlockKind.CAPTION]
    assert kinds.count(BlockKind.QUOTE) == 1
    assert kinds[-1] is BlockKind.CREDIT
    assert 8 <= kinds.count(BlockKind.PARAGRAPH) <= 12
    text = " ".join(block.text for block in article.blocks)
    assert text.count("China (the CCP)") >= 2
    for term in (
        "the CCP", "Beijing", "Volodymyr Zelensky", "Donald Trump", "Vladimir Putin",
        "Marco Rubio", "Agence France-Presse (AFP)", "Voice of America", "White House",
        "People News", "“", "](https://", "12.5%",
    ):  # fmt: skip
        assert term in text, term


MARKDOWN = """\
---
title: "Talks: Day Two"
date: 2025-08-22
author: Desk
slug: day-two
lang: fr
summary: What happened.
image_caption: A photo.
image_credit: AFP
tags: [war, talks]
count: 3
empty:
---

# Talks: Day Two

Intro line one
line two with *emphasis*, `code` and [a link](https://example.org).

## Background ##

> Quoted line one
> quoted line two.
>
> A second quote.

- first item
  continued
* second item
1. numbered item
2) another

---

(Reporting by Desk)
"""


def test_markdown_blocks_and_meta(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "ignored.md", MARKDOWN))
    assert article.slug == "day-two"
    assert article.lang == "fr"
    assert article.title == "Talks: Day Two"
    assert article.meta == {
        "date": "2025-08-22",
        "author": "Desk",
        "summary": "What happened.",
        "image_caption": "A photo.",
        "image_credit": "AFP",
        "tags": "war, talks",
        "count": "3",
    }
    assert article.blocks == (
        Block(BlockKind.TITLE, "Talks: Day Two"),
        Block(BlockKind.SUMMARY, "What happened."),
        Block(BlockKind.CAPTION, "A photo."),
        Block(
            BlockKind.PARAGRAPH,
            "Intro line one line two with *emphasis*, `code` and [a link](https://example.org).",
        ),
        Block(BlockKind.HEADING, "Background", level=2),
        Block(BlockKind.QUOTE, "Quoted line one quoted line two."),
        Block(BlockKind.QUOTE, "A second quote."),
        Block(BlockKind.LIST_ITEM, "first item continued"),
        Block(BlockKind.LIST_ITEM, "second item"),
        Block(BlockKind.LIST_ITEM, "numbered item", ordered=True),
        Block(BlockKind.LIST_ITEM, "another", ordered=True),
        Block(BlockKind.CREDIT, "(Reporting by Desk)"),
    )


def test_markdown_defaults_and_credit_source(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "plain-slug.markdown",
        "---\ntitle: T\n---\nBody (not a credit).\n\n(First published in People News)\n",
    )
    article = read_article(path, default_lang="de")
    assert (article.slug, article.lang) == ("plain-slug", "de")
    assert article.meta == {"source": "People News"}
    assert article.blocks[1] == Block(BlockKind.PARAGRAPH, "Body (not a credit).")
    assert article.blocks[-1].kind is BlockKind.CREDIT


def test_parenthesised_pair_is_not_a_credit(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", "---\ntitle: T\n---\n\n(a) one and (b) two\n")
    assert read_article(path).blocks[-1].kind is BlockKind.PARAGRAPH


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "win.md"
    path.write_bytes("\ufeff---\r\ntitle: Win\r\n---\r\n\r\nText.\r\n".encode())
    article = read_article(path)
    assert article.title == "Win"
    assert article.blocks[-1] == Block(BlockKind.PARAGRAPH, "Text.")


def _error(path: Path) -> str:
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_error_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "bin.md"
    path.write_bytes(b"---\ntitle: x\n\x00\x01\x02")
    assert _error(path).startswith(f"{path}:3: binary file")


def test_error_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Title\n\nCaf" + b"\xe9 au lait\n")
    message = _error(path)
    assert message.startswith(f"{path}:3: not UTF-8 (byte 0xe9")
    assert "re-save the file as UTF-8" in message


def test_error_empty(tmp_path: Path) -> None:
    assert _error(_write(tmp_path, "empty.md", " \n\n")).startswith(
        f"{tmp_path / 'empty.md'}:1: article is empty"
    )


def test_error_front_matter_yaml_line_is_the_file_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.md", "---\ntitle: ok\nauthor: [unclosed\nsource: x\n---\nBody\n")
    message = _error(path)
    assert message.startswith(f"{path}:")
    line = int(message[len(str(path)) + 1 :].split(":", 1)[0])
    assert line in (3, 4, 5)
    assert "front matter is not valid YAML" in message


def test_error_front_matter_bad_indentation_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "indent.md", "---\ntitle: ok\n  author: x\n---\nBody\n")
    assert _error(path).startswith(f"{path}:3: front matter is not valid YAML")


def test_error_front_matter_not_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.md", "---\n- a\n- b\n---\nBody\n")
    assert _error(path).startswith(f"{path}:2: front matter is a list, not a mapping")


def test_error_unclosed_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path, "open.md", "---\ntitle: x\n\nBody\n")
    message = _error(path)
    assert message.startswith(f"{path}:1: front matter is not closed")
    assert "---" in message


def test_error_missing_title(tmp_path: Path) -> None:
    for name, text in (("none.md", "Just a body.\n"), ("untitled.md", "---\nauthor: x\n---\nB\n")):
        path = _write(tmp_path, name, text)
        message = _error(path)
        assert message.startswith(f"{path}:1: article has no title")
        assert "title:" in message


def test_error_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    assert (
        _error(tmp_path / "gone.md")
        == f"{tmp_path / 'gone.md'}: article not found (check the path)"
    )
    assert "unsupported article type '.docx'" in _error(_write(tmp_path, "a.docx", "x"))
