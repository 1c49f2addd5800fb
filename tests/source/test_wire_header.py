"""The header block of a plain-text wire story: date, byline and summary under the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import ArticleError
from translate.models import BlockKind
from translate.source.articles import read_article

STORY = """\
Ferry Service Resumes After Winter Storms

Date: 2026-02-14
By: Marta Quill, Idris Vane
Summary: The island ferry runs again after nine days of cancelled crossings.

Passengers board the first morning ferry at the north pier. (Lena Oduya/Coast Wire)

The ferry company restarted its crossings on Saturday morning.

Two extra boats will run until the backlog of freight is cleared.

(First published in Coast Wire)
"""


def _story(tmp_path: Path, text: str, name: str = "ferry.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_block_gives_date_byline_and_a_translated_summary(tmp_path: Path) -> None:
    article = read_article(_story(tmp_path, STORY))
    assert article.meta["date"] == "2026-02-14"
    assert article.meta["author"] == "Marta Quill, Idris Vane"
    summary = "The island ferry runs again after nine days of cancelled crossings."
    assert article.meta["summary"] == summary
    kinds = [(block.kind, block.text) for block in article.blocks[:3]]
    assert kinds == [
        (BlockKind.TITLE, "Ferry Service Resumes After Winter Storms"),
        (BlockKind.SUMMARY, summary),
        (BlockKind.CAPTION, "Passengers board the first morning ferry at the north pier."),
    ]
    assert article.meta["image_credit"] == "Lena Oduya/Coast Wire"
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[0] == "The ferry company restarted its crossings on Saturday morning."
    assert article.blocks[-1].kind is BlockKind.CREDIT


def test_header_may_sit_right_under_the_title_with_any_case_of_keys(tmp_path: Path) -> None:
    text = (
        "Harbour Crane Collapses\nBYLINE: Tomas Reyes\ndate: 2026-03-02T08:30:00+01:00\n"
        "\nNo one was hurt.\n"
    )
    article = read_article(_story(tmp_path, text))
    assert article.meta == {"author": "Tomas Reyes", "date": "2026-03-02T08:30:00+01:00"}
    assert [b.kind for b in article.blocks] == [BlockKind.TITLE, BlockKind.PARAGRAPH]


def test_a_paragraph_that_only_starts_like_a_header_stays_a_paragraph(tmp_path: Path) -> None:
    text = "Council Vote Delayed\n\nSummary: the vote moved to May.\nMembers asked for more time.\n"
    article = read_article(_story(tmp_path, text))
    assert "summary" not in article.meta
    assert article.blocks[1].kind is BlockKind.PARAGRAPH
    assert article.blocks[1].text.startswith("Summary: the vote moved to May.")


@pytest.mark.parametrize(
    ("header", "line", "words"),
    [
        ("Date: next Tuesday", 3, "'next Tuesday' is not a date"),
        ("By: Ana Ruiz\nBy: Leo Park", 4, "gives 'By' twice"),
        ("Date: 2026-02-30", 3, "'2026-02-30' is not a date"),
    ],
)
def test_header_mistakes_name_the_line(tmp_path: Path, header: str, line: int, words: str) -> None:
    path = _story(tmp_path, f"Bridge Reopens\n\n{header}\n\nTraffic flows again.\n")
    with pytest.raises(ArticleError) as raised:
        read_article(path)
    assert words in str(raised.value) and raised.value.line == line
    assert raised.value.path == path
