"""A newsroom's week through the `tx` command (issue 24, publishing): Spanish by apertium and
reviewed in the review document, Arabic translated by hand; a glossary change flags a live
sentence, a source correction follows; live pages stay online, byte for byte, until their new
version passes; corrected pages carry a dated notice in their language and valid JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import docx
import pytest
from babel.dates import format_date
from lxml import html as lxml_html
from support.cli import tx
from support.documents import nu_errors, translation_of, vnu_jar

from translate import workspace
from translate.source.articles import read_article
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import Workspace, workfiles

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]

STORY = """\
---
title: Storm closes the old harbour bridge
author: Lena Ortiz and Sam Whitfield
date: 2026-12-01
summary: Engineers found cracks after the storm.
---

The old harbour bridge closed on Monday after a storm.

Engineers found cracks in two supports.

12 people were injured when a crane fell.

The river authority will inspect the bridge again next week.
"""
CORRECTION = "An earlier version of this article gave the wrong number of injured."
ARABIC = {
    "Storm closes the old harbour bridge": "العاصفة تغلق جسر الميناء القديم",
    "Engineers found cracks after the storm.": "وجد المهندسون تشققات بعد العاصفة.",
    "The old harbour bridge closed on Monday after a storm.": "أُغلق جسر الميناء القديم يوم "
    "الاثنين بعد عاصفة.",
    "Engineers found cracks in two supports.": "وجد المهندسون تشققات في دعامتين.",
    "12 people were injured when a crane fell.": "أصيب 12 شخصًا عندما سقطت رافعة.",
    "14 people were injured when a crane fell.": "أصيب 14 شخصًا عندما سقطت رافعة.",
    "The river authority will inspect the bridge again next week.": "ستفحص هيئة النهر الجسر "
    "مرة أخرى الأسبوع المقبل.",
    CORRECTION: "ذكرت نسخة سابقة من هذا المقال عددًا خاطئًا للمصابين.",
}
SPANISH_FIXES = {
    "The river authority will inspect the bridge again next week.": "La autoridad fluvial "
    "inspeccionará el puente otra vez la semana que viene.",
    CORRECTION: "Una versión anterior de este artículo daba un número equivocado de heridos.",
}


def run(ws: Workspace, *args: str, code: int = 0) -> str:
    found, out = tx(ws, *args)
    assert found == code, out
    return out


def review_in_word(ws: Workspace, fixes: dict[str, str]) -> str:
    """Export the Spanish review document, approve every row as a reviewer would (retyping
    the sentences in ``fixes``, by source), and import it."""
    run(ws, "review", "export", "bridge", "--lang", "es", "--force")
    work = workfiles.load(ws.work_file("bridge", "es"))
    sources = {item.id: item.segment.source for item in work.segments}
    path = ws.review_file("bridge", "es")
    document = docx.Document(str(path))
    for row in document.tables[-1].rows[1:]:
        segment_id = row.cells[0].text.split("\n")[0].strip()
        new = fixes.get(sources.get(segment_id, ""))
        if new is not None:
            cell = row.cells[2]
            for paragraph in cell.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            for piece in list(cell.paragraphs[0].runs):
                piece._r.getparent().remove(piece._r)
            cell.paragraphs[0].add_run(new)
        status = row.cells[3].paragraphs[0]
        for piece in list(status.runs):
            piece._r.getparent().remove(piece._r)
        status.add_run("final")
    sent = path.with_name("bridge-reviewed.docx")
    document.save(str(sent))
    return run(ws, "review", "import", str(sent))


def translate_arabic_by_hand(ws: Workspace) -> None:
    """The Arabic desk's reviewed translation of the article as it is now."""
    article = read_article(ws.articles_dir / "bridge.md")
    workfiles.save(ws.work_file("bridge", "ar"), translation_of(article, ARABIC, "ar"))


def url_file(ws: Workspace, url: str) -> Path:
    """The file of the site folder a published address names."""
    base = ws.settings.base_url + "/"
    assert url.startswith(base), url
    return ws.site_dir / url.removeprefix(base)


def news_article(ws: Workspace, lang: str) -> dict[str, object]:
    """The page's JSON-LD, checked by the schema.org rules that hold offline."""
    page = ws.edition_file("bridge", lang, "html")
    tree = lxml_html.fromstring(page.read_bytes())
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["inLanguage"] == lang == tree.get("lang")
    assert 0 < len(data["headline"]) <= 110
    assert data["headline"] == tree.findtext(".//h1").strip()
    canonical = tree.xpath('//link[@rel="canonical"]/@href')[0]
    assert data["url"] == data["@id"] == data["mainEntityOfPage"] == canonical
    assert url_file(ws, canonical) == page
    published = dt.datetime.fromisoformat(data["datePublished"])
    modified = dt.datetime.fromisoformat(data["dateModified"])
    assert published.tzinfo is not None and modified.tzinfo is not None
    assert published <= modified
    assert data["author"] == [
        {"@type": "Person", "name": "Lena Ortiz"},
        {"@type": "Person", "name": "Sam Whitfield"},
    ]
    for work in [data.get("translationOfWork"), *data.get("workTranslation", [])]:
        if work is not None:
            assert work["@type"] == "NewsArticle" and work["url"] == work["@id"]
            assert url_file(ws, work["url"]) == ws.edition_file(
                "bridge", work["inLanguage"], "html"
            )
    return data


@pytest.fixture()
def ws(tmp_path: Path) -> Workspace:
    workspace.init(tmp_path)
    config = tmp_path / "tx.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('["es", "fr", "de"]', '["es", "ar"]'), encoding="utf-8")
    (tmp_path / "articles" / "bridge.md").write_text(STORY, encoding="utf-8")
    return workspace.load(tmp_path)


def test_live_pages_survive_a_glossary_change_and_corrections_are_marked(ws: Workspace) -> None:
    # Monday: Spanish by apertium (Arabic has no engine: done in part), reviewed in Word
    out = run(ws, "translate", "bridge", "--engine", "apertium", code=3)
    assert "not translated into ar" in out and "not done: 1 translation(s)" in out
    assert "approved" in review_in_word(ws, {})
    translate_arabic_by_hand(ws)
    run(ws, "export")
    for lang in ("en", "es", "ar"):
        assert "correction" not in news_article(ws, lang)
    source = news_article(ws, "en")
    assert {w["inLanguage"] for w in source["workTranslation"]} == {"es", "ar"}  # type: ignore[attr-defined]
    assert news_article(ws, "es")["translationOfWork"]["inLanguage"] == "en"  # type: ignore[index]
    spanish = ws.edition_file("bridge", "es", "html").read_bytes()
    site = {p: p.read_bytes() for p in ws.site_dir.rglob("*") if p.is_file()}

    # Tuesday: the terminologists add a term that a live Spanish sentence lacks
    run(ws, "glossary", "add", "river authority", "--to", "es=autoridad fluvial")
    run(ws, "translate", "bridge", "--to", "es", "--engine", "apertium")
    status = run(ws, "status")
    assert (
        "stale edition es/bridge (online, behind): it no longer passes the publishing gate"
        in status
    )
    assert "autoridad fluvial" in status
    out = run(ws, "export", "--lang", "es", code=1)
    assert "kept online es/bridge at its last good version" in out
    out = run(ws, "export", code=3)  # English and Arabic are current, Spanish held back
    assert "es/bridge" in out and "withdraw" not in out
    assert {p: p.read_bytes() for p in ws.site_dir.rglob("*") if p.is_file()} == site
    assert ws.edition_file("bridge", "es", "html").read_bytes() == spanish

    # Wednesday: a correction at the source; every edition stays online until it passes
    story = ws.articles_dir / "bridge.md"
    text = STORY.replace("12 people", "14 people").replace(
        "---\n\n", f"correction: {CORRECTION}\n---\n\n", 1
    )
    story.write_text(text, encoding="utf-8")
    out = run(ws, "export", "--lang", "ar", code=1)
    assert "kept online ar/bridge" in out and "the article changed since it was translated" in out
    assert {p: p.read_bytes() for p in ws.site_dir.rglob("*") if p.is_file()} == site
    assert "stale edition ar/bridge (online, behind): the article changed" in run(ws, "status")
    run(ws, "translate", "bridge", "--to", "es", "--engine", "apertium")
    review_in_word(ws, SPANISH_FIXES)
    translate_arabic_by_hand(ws)
    out = run(ws, "export")
    assert "stale edition" not in run(ws, "status")

    today = dt.datetime.now(dt.UTC).date()
    notices = {
        "en": f"Correction, {format_date(today, 'long', locale='en')}:",
        "es": f"Corrección, {format_date(today, 'long', locale='es')}:",
        "ar": f"تصحيح، {format_date(today, 'long', locale='ar')}:",
    }
    texts = {"en": CORRECTION, "es": SPANISH_FIXES[CORRECTION], "ar": ARABIC[CORRECTION]}
    for lang, notice in notices.items():
        page = lxml_html.fromstring(ws.edition_file("bridge", lang, "html").read_bytes())
        shown = page.xpath('//p[@class="tx-correction"]')[0].text_content()
        assert shown == f"{notice} {texts[lang]}"
        # the layout desk's DOCX carries the same notice, under the byline, its date in bold
        document = docx.Document(str(ws.edition_file("bridge", lang, "docx")))
        paragraphs = [p for p in document.paragraphs if p.text.startswith(notice)]
        assert [p.text for p in paragraphs] == [f"{notice} {texts[lang]}"]
        assert paragraphs[0].runs[0].bold and paragraphs[0].runs[0].text == f"{notice} "
        data = news_article(ws, lang)
        assert data["dateModified"] > data["datePublished"]  # type: ignore[operator]
        assert data["correction"]["datePublished"] == today.isoformat()  # type: ignore[index]
        assert data["correction"]["text"] == texts[lang]  # type: ignore[index]
        assert data["dateModified"][:10] == today.isoformat()  # type: ignore[index]
    feed = (ws.site_dir / "es" / "feed.atom").read_text(encoding="utf-8")
    assert f"<updated>{today.isoformat()}" in feed
    assert "14 personas" in ws.edition_file("bridge", "es", "html").read_text(encoding="utf-8")
    if vnu_jar() is not None and shutil.which("java"):  # the Nu checker accepts the pages
        pages = [ws.edition_file("bridge", lang, "html") for lang in notices]
        assert nu_errors(*pages, ws.site_dir / "es" / "index.html") == ""
