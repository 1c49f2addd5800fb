"""A Markdown article with a table, images, a footnote, strikethrough and raw HTML, read by
markdown-it, translated (apertium into Spanish, reviewed; Arabic from hand-written targets) and
published as HTML and DOCX; and what tx refuses before translation."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from support.cli import tx
from support.documents import nu_errors, soffice_convert, translation_of

from translate import workspace
from translate.errors import ArticleError, ExportError
from translate.models import BlockKind, State
from translate.publish.publishing import publish
from translate.source.articles import read_article
from translate.source.segments import segment_article
from translate.workspace import workfiles

CASES = Path(__file__).parents[1] / "cases" / "export"
SETTINGS = 'source_lang = "en"\ntarget_langs = ["es", "ar"]\nengine = "apertium"\n'


def rich_workspace(root: Path, raw_html: str = "sanitize") -> workspace.Workspace:
    """A workspace with the rich sample article and its two images."""
    workspace.init(root)
    (root / "tx.toml").write_text(SETTINGS + f'raw_html = "{raw_html}"\n', encoding="utf-8")
    shutil.copy(CASES / "rich.md", root / "articles" / "rich.md")
    shutil.copytree(CASES / "images", root / "images")
    return workspace.load(root)


def reviewed(ws: workspace.Workspace, lang: str) -> None:
    """Mark every segment of the work file reviewed with no open flag (as a reviewer would)."""
    path = ws.work_file("rich", lang)
    translation = workfiles.load(path)
    items = tuple(i.with_changes(state=State.REVIEWED, flags=()) for i in translation.segments)
    workfiles.save(path, type(translation)(**{**translation.__dict__, "segments": items}))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> workspace.Workspace:
    """The rich article published in en, es (apertium) and ar."""
    if shutil.which("apertium") is None:
        pytest.skip("needs Debian's apertium with the eng-spa pair")
    ws = rich_workspace(tmp_path_factory.mktemp("rich") / "ws")
    code, out = tx(ws, "translate", "rich", "--to", "es")
    assert code == 0, out
    reviewed(ws, "es")
    article = read_article(ws.articles_dir / "rich.md", raw_html="sanitize")
    targets = json.loads((CASES / "rich.ar.json").read_text(encoding="utf-8"))
    workfiles.save(ws.work_file("rich", "ar"), translation_of(article, targets, "ar"))
    report = publish(ws)
    assert report.blocked == ()
    return ws


def page(ws: workspace.Workspace, lang: str) -> str:
    return ws.edition_file("rich", lang, "html").read_text(encoding="utf-8")


def test_the_reader_sees_table_cells_images_notes_and_html_apart() -> None:
    article = read_article(CASES / "rich.md", raw_html="sanitize")
    kinds = [block.kind for block in article.blocks]
    assert kinds.count(BlockKind.TABLE_CELL) == 9
    assert [b.src for b in article.blocks if b.kind is BlockKind.IMAGE] == [
        "../images/room.png",
        "../images/map.png",
    ]
    (note,) = [b for b in article.blocks if b.kind is BlockKind.FOOTNOTE]
    assert (note.label, note.text) == ("1", "Figures from the city council.")
    (html,) = [b for b in article.blocks if b.kind is BlockKind.HTML]
    assert html.text == "<div><p>Watch the <b>opening</b>.</p></div>"  # sanitized
    sources = [segment.source for segment in segment_article(article)]
    assert "Watch the" not in " ".join(sources) and "iframe" not in " ".join(sources)
    assert "The city opened its new library on Thursday.[^1]" in sources
    header = [b.cell for b in article.blocks if b.cell is not None and b.cell.header]
    assert [(c.column, c.align) for c in header] == [(0, "left"), (1, "right"), (2, "right")]


@pytest.mark.apertium
def test_spanish_html_edition_has_table_images_notes_and_untranslated_html(
    published: workspace.Workspace,
) -> None:
    ws = published
    text = page(ws, "es")
    assert text.count("<tr>") == 3 and text.count('<th scope="col"') == 3
    assert '<td class="tx-end">20.000</td>' in text  # the number written the Spanish way
    assert '<img src="assets/rich/room.png" alt="' in text
    alt = text.split('<img src="assets/rich/room.png" alt="', 1)[1].split('"', 1)[0]
    assert alt and "Readers at long tables" not in alt  # the alt text is translated
    assert '<img src="assets/rich/map.png"' in text
    for name in ("room.png", "map.png"):
        copy = ws.site_dir / "es" / "assets" / "rich" / name
        assert copy.read_bytes() == (CASES / "images" / name).read_bytes()
    assert "<figcaption>" in text and "Foto: Jo Lee/Example News" in text
    assert '<sup class="tx-note-ref"><a href="#tx-note-1">1</a></sup>' in text
    assert '<li id="tx-note-1">' in text and "<h2>Notas</h2>" in text
    assert "<s>" in text
    embed = '<div class="tx-embed" lang="en" dir="ltr"><div><p>Watch the <b>opening</b>.</p>'
    assert embed in text
    assert "iframe" not in text and "ancho=" not in text
    assert "Por Maria Keller y Tom O&#x27;Neill" in text
    assert (
        '<meta property="og:image" content="https://news.example.org/es/assets/rich/room.png">'
        in text
    )
    assert '<meta property="og:locale" content="es_ES">' in text
    for lang in ("en", "ar"):
        assert f'hreflang="{lang}" href="https://news.example.org/{lang}/rich.html"' in text
    feed = (ws.site_dir / "es" / "feed.atom").read_text(encoding="utf-8")
    assert "<name>Maria Keller</name>" in feed and "<name>Tom O'Neill</name>" in feed


@pytest.mark.apertium
def test_arabic_html_edition_is_right_to_left_with_translated_alt_text(
    published: workspace.Workspace,
) -> None:
    text = page(published, "ar")
    assert '<html lang="ar" dir="rtl">' in text
    assert 'alt="قرّاء إلى طاولات طويلة تحت نوافذ عالية."' in text
    assert 'alt="مخطط المبنى الجديد."' in text
    assert '<th scope="col" class="tx-start">السنة</th>' in text
    assert "بقلم Maria Keller وTom O&#x27;Neill" in text
    assert "<h2>ملاحظات</h2>" in text
    assert '<div class="tx-embed" lang="en" dir="ltr">' in text  # untranslated: English


@pytest.mark.apertium
@pytest.mark.vnu
def test_nu_accepts_the_rich_pages(published: workspace.Workspace) -> None:
    assert (
        nu_errors(*(published.edition_file("rich", lang, "html") for lang in ("en", "es", "ar")))
        == ""
    )


@pytest.mark.apertium
def test_docx_editions_have_the_table_images_and_notes(published: workspace.Workspace) -> None:
    for lang, notes, year in (("es", "Notas", "Año"), ("ar", "ملاحظات", "السنة")):
        document = docx.Document(str(published.edition_file("rich", lang, "docx")))
        (table,) = document.tables
        assert len(table.rows) == 3 and len(table.columns) == 3
        assert table.cell(0, 0).text == year
        assert table.cell(2, 1).text in ("20.000", "20,000")
        assert len(document.inline_shapes) == 2
        described = [element.get("descr") for element in document.element.body.iter(qn("wp:docPr"))]
        assert all(described) and "Readers at long tables" not in described[0]
        texts = [p.text for p in document.paragraphs]
        assert notes in texts
        assert not any("Watch the" in t or "iframe" in t for t in texts)
        refs = [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]
        assert refs == ["1"]
        struck = [r.text for p in document.paragraphs for r in p.runs if r.font.strike]
        assert len(struck) == 1 and "~~" not in "".join(texts)
    arabic = docx.Document(str(published.edition_file("rich", "ar", "docx")))
    assert table_is_right_to_left(arabic)
    for name in ("Title", "Subtitle", "Quote", "Caption"):
        rpr = arabic.styles[name].element.rPr
        for tag in ("w:spacing", "w:i", "w:iCs"):
            assert rpr is None or rpr.find(qn(tag)) is None, (name, tag)


def table_is_right_to_left(document: docx.document.Document) -> bool:
    (table,) = document.tables
    return table._tbl.tblPr.find(qn("w:bidiVisual")) is not None


@pytest.mark.apertium
@pytest.mark.soffice
@pytest.mark.slow
def test_arabic_docx_renders_through_libreoffice(
    published: workspace.Workspace, tmp_path: Path, artefacts: Path
) -> None:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        pytest.skip("needs LibreOffice and poppler-utils")
    for lang in ("ar", "es"):
        source = published.edition_file("rich", lang, "docx")
        copy = tmp_path / f"rich-{lang}.docx"
        shutil.copy(source, copy)
        convert = soffice_convert(soffice, copy, "pdf", tmp_path, tmp_path / f"profile-{lang}")
        assert convert.returncode == 0, convert.stderr
        pdf = tmp_path / f"rich-{lang}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(artefacts / f"docx-{lang}"),
            ],
            check=True,
        )
        shutil.copy(pdf, artefacts / pdf.name)
    assert sorted(p.name for p in artefacts.glob("docx-*.png"))


def test_raw_html_is_refused_before_translation_by_default(tmp_path: Path) -> None:
    ws = rich_workspace(tmp_path, raw_html="refuse")
    code, out = tx(ws, "translate", "rich", "--to", "es", "--dry-run")
    assert code == 1
    assert "rich.md:23:" in out and "raw HTML is not published" in out
    assert 'raw_html = "sanitize"' in out
    assert not ws.work_file("rich", "es").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("![x](/etc/passwd)\n", "not a relative path"),
        ("![x](../../etc/passwd)\n", "outside the workspace"),
        ("![x](https://evil.example/x.png)\n", "not a relative path"),
        ("Text with ![x](a.png) inside.\n", "an image must be a paragraph of its own"),
        ("Some <span>inline</span> HTML.\n", "inline HTML"),
        ("A [link][ref].\n\n[ref]: https://example.org\n", "reference-style link"),
        ("A note.^[inline]\n", "inline footnotes"),
    ],
)
def test_unsupported_or_hostile_markdown_is_an_error_naming_the_line(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "articles" / "a.md"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: T\n---\n\n{body}", encoding="utf-8")
    with pytest.raises(ArticleError, match=message) as error:
        read_article(path, raw_html="sanitize")
    line = 7 if "[ref]:" in body else 5  # the definition's line
    assert f"a.md:{line}:" in str(error.value)


def test_images_outside_the_workspace_or_not_images_are_refused_at_export(
    tmp_path: Path,
) -> None:
    ws = rich_workspace(tmp_path)
    outside = tmp_path.parent / "secret.png"
    outside.write_bytes((CASES / "images" / "map.png").read_bytes())
    (ws.root / "images" / "map.png").unlink()
    (ws.root / "images" / "map.png").symlink_to(outside)
    with pytest.raises(ExportError, match="outside the workspace"):
        publish(ws, ["rich"], ["en"])
    (ws.root / "images" / "map.png").unlink()
    (ws.root / "images" / "map.png").write_text("not a picture", encoding="utf-8")
    with pytest.raises(ExportError, match="not a PNG file"):
        publish(ws, ["rich"], ["en"])
    assert not (ws.site_dir / "en").exists()


@pytest.mark.apertium
@pytest.mark.slow
def test_headless_chromium_screenshots_of_the_spanish_and_arabic_pages(
    published: workspace.Workspace, tmp_path: Path, artefacts: Path
) -> None:
    """Screenshots people look at (kept in the artefacts folder): desktop es and ar, and ar
    at a phone's width."""
    browser = next(
        (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))),
        None,
    )
    assert browser, "needs headless Chromium: apt-get install chromium (make setup does)"
    for lang, width, height in (("es", 1000, 1500), ("ar", 1000, 1500), ("ar", 390, 1400)):
        shot = artefacts / f"page-{lang}-{width}.png"
        shot.unlink(missing_ok=True)
        run = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--hide-scrollbars",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--window-size={width},{height}",
                f"--screenshot={shot}",
                published.edition_file("rich", lang, "html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert run.returncode == 0 and shot.is_file(), run.stderr[-2000:]
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert int.from_bytes(data[16:20], "big") == width  # the IHDR width
        assert len(data) > 20_000  # text, a table and two pictures, not a blank page


def test_quotes_lists_and_headings_nest_as_commonmark_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(
        "---\ntitle: T\n---\n\n> ## Quoted head\n> quoted text\n>\n> > inner\n>\n> back out\n\n"
        "1. a\n   > q in list\n2. b\n\nplain\n",
        encoding="utf-8",
    )
    blocks = [(b.kind.value, b.text, b.ordered) for b in read_article(path).blocks[1:]]
    assert blocks == [
        ("heading", "Quoted head", False),
        ("quote", "quoted text", False),
        ("quote", "inner", False),
        ("quote", "back out", False),
        ("list item", "a", True),
        ("quote", "q in list", False),
        ("list item", "b", True),
        ("paragraph", "plain", False),
    ]


def test_footnote_references_and_strikethrough_are_kept_from_the_engine() -> None:
    from translate.source.segments import split_sentences
    from translate.translation.masking import mask, unmask

    text = "The library opened on Thursday.[^1] It was ~~late~~ on time."
    assert split_sentences(text, "en") == [
        "The library opened on Thursday.[^1]",
        "It was ~~late~~ on time.",
    ]
    masked = mask(text, [], "es", lambda index: f"ZX{index}Q")
    assert "[^1]" not in masked.text and "~~" not in masked.text
    assert [slot.source for slot in masked.slots] == ["[^1]", "~~", "~~"]
    assert unmask(masked.text, masked).text == text
