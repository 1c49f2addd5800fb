"""Tests of translate.publish.render.html (and the inline Markdown it renders): golden pages, the Nu
HTML Checker, right to left, escaping of hostile text and draft marking."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.documents import nu_errors, translation_of

from translate.models import Article, Block, BlockKind, Flag, State
from translate.publish.edition import DraftSentence, Edition, draft_sentences, edition
from translate.publish.render import html
from translate.source.articles import read_article
from translate.source.inline import Span, parse_inline, safe_url

CASES = Path(__file__).parents[1] / "cases" / "export"
BASE = "https://news.example.org"
HOSTILE = '<script>alert(1)</script> " onmouseover="alert(2) \' & </p>'


def sample_edition(lang: str, *, draft: bool = False, state: State = State.REVIEWED) -> Edition:
    source = read_article(CASES / "sample.md")
    targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
    translation = translation_of(source, targets, lang, state)
    alternates = {code: f"{BASE}/{code}/sample.html" for code in ("en", "es", "fr")}
    alternates["x-default"] = f"{BASE}/en/sample.html"
    marks = draft_sentences(source, translation) if draft else None
    return Edition(edition(source, translation), source, marks, alternates)


class Tokens(HTMLParser):
    """An HTML document as tags, sorted attributes and whitespace-normalised text (no CSS)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[object, ...]] = []
        self.in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        self.items.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        self.items.append(("end", tag))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.in_style:
            self.items.append(("text", text))


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_sample_matches_golden_page(lang: str) -> None:
    page = html.render(sample_edition(lang)).decode("utf-8")
    golden = CASES / f"sample.{lang}.html"
    if os.environ.get("TX_UPDATE_GOLDEN"):
        golden.write_text(page, encoding="utf-8")
    assert Tokens(page).items == Tokens(golden.read_text(encoding="utf-8")).items


def test_page_has_language_direction_alternates_and_localized_byline() -> None:
    page = html.render(sample_edition("es")).decode("utf-8")
    assert '<html lang="es" dir="ltr">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    for code in ("en", "es", "fr"):
        assert f'hreflang="{code}" href="{BASE}/{code}/sample.html"' in page
    assert f'hreflang="x-default" href="{BASE}/en/sample.html"' in page
    assert "Por Ana Torres" in page
    assert '<time class="tx-date" datetime="2025-08-21">21 de agosto de 2025</time>' in page
    # the sample's caption has no photo: kept in the article, not shown as an empty figure
    assert "<figure" not in page and "Foto: Jo Lee/Example News" not in page
    assert '<p class="tx-summary">La biblioteca tiene 20.000 libros.</p>' in page
    assert "<h1>La ciudad inaugura una <em>nueva</em> biblioteca</h1>" in page
    assert '<a href="https://example.org/library">la web de la ciudad</a>' in page
    assert "<strong>Studio Norte</strong>" in page
    assert "<code>10</code>" in page
    assert "<ol>" in page and "<ul>" in page and "<blockquote>" in page
    assert "http" not in page.split("<style>")[1].split("</style>")[0]  # no downloads


def test_fonts_cover_cjk_and_cyrillic_from_the_system() -> None:
    assert "Noto Sans CJK SC" in html.CSS and "Noto Sans" in html.CSS
    assert "@font-face" not in html.CSS and "url(" not in html.CSS
    assert "@media" in html.CSS


def test_arabic_edition_is_right_to_left() -> None:
    page = html.render(sample_edition("ar")).decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "المدينة تفتتح مكتبة <em>جديدة</em>" in page
    assert "٢١ أغسطس ٢٠٢٥" in page or "21 أغسطس 2025" in page


def test_published_edition_has_no_review_markers() -> None:
    page = html.render(sample_edition("es", state=State.TRANSLATED)).decode("utf-8")
    assert "tx-draft" not in page and "<mark" not in page and "noindex" not in page


def test_draft_marks_unreviewed_and_flagged_sentences() -> None:
    item = sample_edition("es", draft=True, state=State.TRANSLATED)
    assert item.draft is not None
    blocks = list(item.draft)
    first, second = blocks[3]
    blocks[3] = (
        DraftSentence(first.text, State.REVIEWED),
        DraftSentence(second.text, State.FINAL, (Flag("number", "<b>20</b>?"),)),
    )
    text = html.render(Edition(item.article, item.source, tuple(blocks), item.alternates)).decode()
    assert 'class="tx-draft-banner"' in text
    assert "Borrador" in text
    assert '<meta name="robots" content="noindex">' in text
    assert "La ciudad inauguró su nueva biblioteca el jueves. <mark" in text
    assert 'data-flags="number" title="state: final; number: &lt;b&gt;20&lt;/b&gt;?"' in text
    assert '<mark class="tx-draft" data-state="translated"' in text


def hostile_edition() -> Edition:
    blocks = (
        Block(BlockKind.TITLE, HOSTILE),
        Block(BlockKind.SUMMARY, HOSTILE),
        Block(BlockKind.CAPTION, HOSTILE),
        Block(BlockKind.PARAGRAPH, f"{HOSTILE} [click](javascript:alert(3)) [x](JaVaScRiPt:y)"),
        Block(BlockKind.PARAGRAPH, '[q](https://ok.example/" onclick="alert(4)) *<img src=x>*'),
        Block(BlockKind.CREDIT, HOSTILE),
    )
    meta = {"author": HOSTILE, "date": HOSTILE, "image_credit": HOSTILE, "summary": HOSTILE}
    article = Article("evil", "es", HOSTILE, meta, blocks)
    alternates = {"es": f'{BASE}/es/evil.html?a="><script>', "x-default": f"{BASE}/en/evil.html"}
    return Edition(article, article, None, alternates)


def test_hostile_text_is_shown_as_text_never_as_markup() -> None:
    page = html.render(hostile_edition()).decode("utf-8")
    # the one script element is inert data (JSON-LD) that no text of the article can close
    start = page.index('<script type="application/ld+json">\n') + 36
    end = page.index("\n</script>", start)
    data = page[start:end]
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data)["headline"].startswith("<script>alert(1)</script>")
    page = page[:start] + page[end:]
    assert page.count("<script") == 1
    page = page.replace('<script type="application/ld+json">', "")
    assert "<script" not in page
    assert "<img" not in page
    assert 'href="javascript:' not in page.lower()
    assert 'onmouseover="' not in page and 'onclick="' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # CommonMark: neither is a link (a javascript: target is refused, a destination holds no
    # spaces); both stay escaped text
    assert "[click](javascript:alert(3))" in page
    assert "[q](https://ok.example/&quot; onclick=&quot;alert(4))" in page
    tokens = Tokens(page).items
    assert all(t[1] != "img" for t in tokens if t[0] == "start")
    for token in tokens:
        if token[0] == "start":
            assert all(not name.startswith("on") for name, _ in token[2])  # type: ignore[union-attr]


def test_draft_of_hostile_text_escapes_flags_too() -> None:
    item = hostile_edition()
    marks = tuple(
        (DraftSentence(block.text, State.TRANSLATED, (Flag("x", HOSTILE),)),)
        for block in item.article.blocks
    )
    page = html.render(Edition(item.article, item.source, marks, item.alternates)).decode()
    assert "<script" not in page and 'onmouseover="' not in page


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a *b* c", (Span("a "), Span("b", emphasis=True), Span(" c"))),
        ("**bold *both***", (Span("bold ", strong=True), Span("both", emphasis=True, strong=True))),
        ("snake_case_name", (Span("snake_case_name"),)),
        ("`<b>`", (Span("<b>", code=True),)),
        (r"\*not em\*", (Span("*not em*"),)),
        ("[t](http://x.org/a_(b))", (Span("t", href="http://x.org/a_(b)"),)),
        ("2 * 3 * 4", (Span("2 * 3 * 4"),)),
    ],
)
def test_inline_markdown(text: str, spans: tuple[Span, ...]) -> None:
    assert parse_inline(text) == spans


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JavaScript:x", "java\tscript:x", "data:text/html,x", "vbscript:x"],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://a.org/x?y=1", "mailto:a@b.org", "/local/page", "p.html"])
def test_safe_urls_are_kept(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.vnu
def test_pages_pass_the_nu_html_checker(tmp_path: Path) -> None:
    files = []
    for name, item in {
        "es": sample_edition("es"),
        "fr-draft": sample_edition("fr", draft=True, state=State.TRANSLATED),
        "ar": sample_edition("ar"),
        "hostile": hostile_edition(),
    }.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(html.render(item))
        files.append(path)
    assert nu_errors(*files) == ""
