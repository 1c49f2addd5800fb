"""Tests of translate.publish.render.docx: the DOCX edition read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from support.documents import soffice_convert, translation_of

from translate.models import Article, Block, BlockKind, Flag, State
from translate.publish.edition import DraftSentence, Edition, draft_sentences, edition
from translate.publish.render import docx as docx_export
from translate.source.articles import read_article
from translate.source.segments import segment_article

CASES = Path(__file__).parents[1] / "cases" / "export"


def sample_edition(lang: str, *, draft: bool = False, state: State = State.REVIEWED) -> Edition:
    source = read_article(CASES / "sample.md")
    targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
    translation = translation_of(source, targets, lang, state)
    marks = draft_sentences(source, translation) if draft else None
    return Edition(edition(source, translation), source, marks)


def read(item: Edition) -> Any:
    return docx.Document(io.BytesIO(docx_export.render(item)))


def test_blocks_get_word_styles_and_text() -> None:
    document = read(sample_edition("es"))
    found = [(p.style.name, p.text) for p in document.paragraphs]
    assert found == [
        ("Title", "La ciudad inaugura una nueva biblioteca"),
        ("Subtitle", "La biblioteca tiene 20.000 libros."),
        ("Normal", "Por Ana Torres · 21 de agosto de 2025"),
        ("Caption", "La sala de lectura el día de la inauguración. (Foto: Jo Lee/Example News)"),
        (
            "Normal",
            "La ciudad inauguró su nueva biblioteca el jueves. Vinieron cientos de lectores.",
        ),
        ("Heading 2", "Un lugar para leer"),
        (
            "Normal",
            "El edificio fue diseñado por Studio Norte. Los detalles están en la web de la ciudad.",
        ),
        ("Quote", "Queríamos luz en todas partes."),
        ("List Bullet", "Libros para niños"),
        ("List Bullet", "Una sala de música"),
        ("List Number", "Abierta todos los días"),
        ("List Number", "Entrada gratuita"),
        ("Normal", "Los visitantes pueden llevarse hasta 10 libros."),
        ("Normal", "(Publicado originalmente en Example News)"),
    ]


def test_inline_markdown_becomes_runs_and_hyperlinks() -> None:
    document = read(sample_edition("es"))
    title = document.paragraphs[0]
    assert [(r.text, bool(r.italic)) for r in title.runs] == [
        ("La ciudad inaugura una ", False),
        ("nueva", True),
        (" biblioteca", False),
    ]
    body = document.paragraphs[6]
    assert any(r.text == "Studio Norte" and r.bold for r in body.runs)
    links = body._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    rel = document.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://example.org/library"
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "la web de la ciudad"


def test_document_and_styles_are_in_the_edition_language() -> None:
    document = read(sample_edition("fr"))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "fr-FR"
    assert lang.get(qn("w:eastAsia")) is None
    for name in ("Normal", "Title", "Subtitle", "Caption", "Quote", "List Bullet", "Heading 2"):
        rpr = document.styles[name].element.find(qn("w:rPr"))
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "fr-FR", name
    props = document.core_properties
    assert props.title == "La ville ouvre une nouvelle bibliothèque"
    assert props.language == "fr-FR"
    assert props.author == "Ana Torres"
    assert props.created == dt.datetime(2025, 8, 21, tzinfo=dt.UTC)
    assert "21 août 2025" in document.paragraphs[2].text


def test_chinese_edition_sets_east_asian_language() -> None:
    article = Article(
        "zh", "en", "Title", {}, (Block(BlockKind.TITLE, "Title"), Block(BlockKind.PARAGRAPH, "A."))
    )
    translation = translation_of(article, {"Title": "标题", "A.": "甲。"}, "zh")
    document = read(Edition(edition(article, translation), article))
    lang = document.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_arabic_edition_is_right_to_left() -> None:
    document = read(sample_edition("ar"))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:bidi")).startswith("ar-")
    for paragraph in document.paragraphs:
        ppr = paragraph._p.pPr
        assert ppr is not None and ppr.find(qn("w:bidi")) is not None, paragraph.text
        for run in paragraph._p.iter(qn("w:r")):
            assert run.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None, paragraph.text
    assert document.paragraphs[0].text == "المدينة تفتتح مكتبة جديدة"
    bold = [r for r in document.paragraphs[6].runs if r.bold]
    assert bold and bold[0]._r.rPr.find(qn("w:bCs")) is not None


def test_rtl_xml_keeps_schema_order() -> None:
    document = read(sample_edition("ar"))
    for run in document.element.body.iter(qn("w:r")):
        tags = [child.tag for child in run.rPr]
        order = [qn(f"w:{name}") for name in docx_export.RPR_ORDER]
        assert tags == sorted(tags, key=order.index)


def test_published_edition_has_no_review_markers() -> None:
    data = docx_export.render(sample_edition("es", state=State.TRANSLATED))
    document = docx.Document(io.BytesIO(data))
    assert not any(r.font.highlight_color for p in document.paragraphs for r in p.runs)
    assert len(list(document.comments)) == 0
    assert document.core_properties.category == ""


def test_draft_is_marked_with_a_banner_highlights_and_comments() -> None:
    item = sample_edition("es", draft=True, state=State.REVIEWED)
    assert item.draft is not None
    blocks = list(item.draft)
    first, second = blocks[3]
    blocks[3] = (first, DraftSentence(second.text, State.TRANSLATED, (Flag("glossary", "term"),)))
    document = read(Edition(item.article, item.source, tuple(blocks)))
    assert document.paragraphs[0].text.startswith("Borrador")
    assert document.core_properties.category == "draft"
    body = next(p for p in document.paragraphs if p.text.startswith("La ciudad inauguró"))
    marked = [r.text for r in body.runs if r.font.highlight_color is not None]
    assert marked == ["Vinieron cientos de lectores."]
    comments = list(document.comments)
    assert [c.text for c in comments] == ["state: translated; glossary: term"]


def test_hostile_and_control_characters_are_kept_as_text() -> None:
    text = "<script>alert(1)</script> \x07bell [x](javascript:alert(1))"
    article = Article("evil", "es", text, {"author": text}, (Block(BlockKind.TITLE, text),))
    document = read(Edition(article, article))
    # CommonMark refuses a javascript: link target: the brackets stay as text
    assert document.paragraphs[0].text == "<script>alert(1)</script> bell [x](javascript:alert(1))"
    assert not document.paragraphs[0]._p.findall(qn("w:hyperlink"))


@pytest.mark.soffice
def test_libreoffice_converts_the_edition_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    for lang in ("es", "ar"):
        source = tmp_path / f"sample-{lang}.docx"
        source.write_bytes(docx_export.render(sample_edition(lang, draft=lang == "ar")))
        run = soffice_convert(soffice, source, "pdf", tmp_path, tmp_path / "profile")
        assert run.returncode == 0, run.stderr
        pdf = tmp_path / f"sample-{lang}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF"), run.stdout + run.stderr


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_editions_do_not_leak_into_each_other_or_the_template() -> None:
    first = members(docx_export.render(sample_edition("es")))
    docx_export.render(sample_edition("es", draft=True, state=State.TRANSLATED))
    docx_export.render(sample_edition("ar", draft=True, state=State.TRANSLATED))
    again = members(docx_export.render(sample_edition("es")))
    assert again == first
    assert "word/comments.xml" not in again
    draft = members(docx_export.render(sample_edition("es", draft=True, state=State.TRANSLATED)))
    assert draft["word/styles.xml"] == first["word/styles.xml"]
    sentences = segment_article(read_article(CASES / "sample.md"))
    assert draft["word/comments.xml"].count(b"<w:comment ") == len(sentences)
