"""The site names itself (tx.toml's site_name, site_description, publisher): on the home page
with each language's latest stories, at the top of every page, in the Atom feeds and the
JSON-LD; a wire story's header block reaches its index entry and page; a caption without its
photo is no figure. Everything through ``tx export``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from support.cli import tx
from support.documents import nu_errors, translation_of
from support.sample_site import make_workspace

from translate.models import State
from translate.publish.render.index import LATEST
from translate.publish.render.site import ATOM
from translate.source.articles import read_article
from translate.workspace import Workspace, workfiles

IDENTITY = """
site_name = "The Lantern Gazette"
site_description = "Stories from the valley, in three languages"
publisher = "Lantern Media Cooperative"
"""

WIRE = """\
Night Trains Return to the Valley Line

Date: 2026-03-09
By: Oriel Mact
Summary: Sleeper trains run again between the two valley towns.

A sleeper carriage waits at the platform in the evening. (Pia Sorn/Valley Wire)

The rail company brought back its night service on Monday.

Tickets went on sale at noon and the first week sold out.
"""

SPANISH = {
    "Night Trains Return to the Valley Line": "Vuelven los trenes nocturnos a la línea del valle",
    "Sleeper trains run again between the two valley towns.": (
        "Los trenes con literas circulan de nuevo entre los dos pueblos del valle."
    ),
    "A sleeper carriage waits at the platform in the evening.": (
        "Un coche cama espera en el andén al anochecer."
    ),
    "The rail company brought back its night service on Monday.": (
        "La compañía ferroviaria recuperó su servicio nocturno el lunes."
    ),
    "Tickets went on sale at noon and the first week sold out.": (
        "Los billetes salieron a la venta a mediodía y la primera semana se agotó."
    ),
}
SUMMARY_ES = SPANISH["Sleeper trains run again between the two valley towns."]


def named_workspace(tmp_path: Path) -> Workspace:
    """The sample workspace (two articles, Spanish reviewed) with a named site and a wire
    story with a header block, translated and reviewed into Spanish."""
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    config = ws.root / "tx.toml"
    config.write_text(config.read_text(encoding="utf-8") + IDENTITY, encoding="utf-8")
    story = ws.articles_dir / "night-trains.txt"
    story.write_text(WIRE, encoding="utf-8")
    article = read_article(story)
    workfiles.save(ws.work_file("night-trains", "es"), translation_of(article, SPANISH, "es"))
    return ws


def read(ws: Workspace, name: str) -> str:
    return (ws.site_dir / name).read_text(encoding="utf-8")


def test_home_page_names_the_site_and_lists_each_languages_latest_stories(
    tmp_path: Path,
) -> None:
    ws = named_workspace(tmp_path)
    code, out = tx(ws, "export", "--format", "html")
    assert code == 0, out
    home = read(ws, "index.html")
    assert "<title>The Lantern Gazette</title>" in home
    assert "<h1>The Lantern Gazette</h1>" in home
    assert "Stories from the valley, in three languages" in home
    english = home.index('<section class="tx-edition" lang="en" dir="ltr">')
    spanish = home.index('<section class="tx-edition" lang="es" dir="ltr">')
    assert english < spanish
    en_part, es_part = home[english:spanish], home[spanish:]
    # newest first: the wire story (2026), the sample (2025), the older one (2024)
    links = re.findall(r'<h3><a href="([^"]+)">', es_part)
    assert links == ["es/night-trains.html", "es/sample.html", "es/older.html"]
    assert '<time class="tx-date" datetime="2026-03-09">9 de marzo de 2026</time>' in es_part
    assert SUMMARY_ES in es_part
    assert '<time class="tx-date" datetime="2026-03-09">March 9, 2026</time>' in en_part
    assert "Sleeper trains run again between the two valley towns." in en_part
    assert 'hreflang="es" href="es/feed.atom"' in home


def test_home_page_shows_only_the_latest_stories_of_a_language(tmp_path: Path) -> None:
    ws = named_workspace(tmp_path)
    for day in range(1, LATEST + 2):
        (ws.articles_dir / f"brief-{day}.md").write_text(
            f"---\ntitle: Market brief {day}\ndate: 2026-04-{day:02d}\n---\n\nPrices held.\n",
            encoding="utf-8",
        )
    code, out = tx(ws, "export", "--lang", "en", "--format", "html")
    assert code == 0, out
    home = read(ws, "index.html")
    shown = re.findall(r'<h3><a href="en/([^"]+)\.html">', home)
    assert shown == [f"brief-{day}" for day in range(LATEST + 1, 1, -1)]
    assert "en/brief-1.html" not in home and "en/sample.html" not in home
    assert 'href="brief-1.html"' in read(ws, "en/index.html")  # the language index: all


def test_every_page_is_headed_by_the_site_name_linked_home(tmp_path: Path) -> None:
    ws = named_workspace(tmp_path)
    assert tx(ws, "export", "--format", "html")[0] == 0
    masthead = (
        '<header class="tx-site"><p class="tx-site-name">'
        '<a href="../index.html" rel="home">The Lantern Gazette</a></p></header>'
    )
    for name in ("en/index.html", "es/index.html", "es/sample.html", "en/night-trains.html"):
        page = read(ws, name)
        assert page.index(masthead) < page.index("<main>" if "index" in name else "<article>")
    assert "<title>Artículos · español · The Lantern Gazette</title>" in read(ws, "es/index.html")


def test_feeds_and_json_ld_name_the_site_and_its_publisher(tmp_path: Path) -> None:
    ws = named_workspace(tmp_path)
    assert tx(ws, "export", "--format", "html")[0] == 0
    feed = etree.fromstring((ws.site_dir / "es" / "feed.atom").read_bytes())
    a = f"{{{ATOM}}}"
    assert feed.findtext(f"{a}title") == "The Lantern Gazette · Artículos · español"
    assert feed.findtext(f"{a}subtitle") == "Stories from the valley, in three languages"
    assert feed.findtext(f"{a}author/{a}name") == "Lantern Media Cooperative"
    wire = next(e for e in feed.iter(f"{a}entry") if "night-trains" in e.findtext(f"{a}id", ""))
    assert wire.findtext(f"{a}author/{a}name") == "Oriel Mact"
    assert wire.findtext(f"{a}published") == "2026-03-09T00:00:00+00:00"
    page = read(ws, "es/night-trains.html")
    found = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "Lantern Media Cooperative",
        "url": "https://news.example.org/",
    }
    assert data["author"] == [{"@type": "Person", "name": "Oriel Mact"}]
    assert data["description"] == SUMMARY_ES


def test_unnamed_site_is_called_by_its_address(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    assert tx(ws, "export", "--format", "html")[0] == 0
    assert "<h1>news.example.org</h1>" in read(ws, "index.html")
    feed = etree.fromstring((ws.site_dir / "es" / "feed.atom").read_bytes())
    assert feed.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == "news.example.org"
    assert '"name": "news.example.org"' in read(ws, "es/sample.html")


def test_wire_story_page_has_byline_date_summary_and_no_empty_figure(tmp_path: Path) -> None:
    ws = named_workspace(tmp_path)
    assert tx(ws, "export", "--lang", "es", "--format", "html")[0] == 0
    page = read(ws, "es/night-trains.html")
    assert f'<p class="tx-summary">{SUMMARY_ES}</p>' in page
    assert '<span class="tx-author">Por Oriel Mact</span>' in page
    assert '<time class="tx-date" datetime="2026-03-09">9 de marzo de 2026</time>' in page
    # the caption has no photo: not a figure, not on the page, but kept in the work file
    caption = "Un coche cama espera en el andén al anochecer."
    assert "<figure" not in page and caption not in page and "Pia Sorn" not in page
    kept = workfiles.load(ws.work_file("night-trains", "es"))
    assert caption in [item.target for item in kept.segments]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('site_name = "The\\u0007Gazette"', "'site_name' must be one line of at most 100"),
        (f'publisher = "{"x" * 101}"', "'publisher' must be one line of at most 100"),
        ("site_description = 3", "'site_description' must be a string"),
    ],
)
def test_a_bad_site_setting_is_refused_naming_tx_toml(
    tmp_path: Path, line: str, words: str
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    config = ws.root / "tx.toml"
    config.write_text(config.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    code, out = tx(ws, "export")
    assert code == 1 and words in out and "tx.toml" in out
    assert not (ws.site_dir / "index.html").exists()


@pytest.mark.vnu
def test_named_site_pages_pass_the_nu_checker(tmp_path: Path) -> None:
    ws = named_workspace(tmp_path)
    assert tx(ws, "export", "--format", "html")[0] == 0
    pages = [ws.site_dir / name for name in ("index.html", "es/index.html", "es/night-trains.html")]
    assert nu_errors(*pages) == ""
