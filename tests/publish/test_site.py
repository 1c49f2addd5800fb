"""The published site stays exact: drafts apart, stale editions re-exported or withdrawn
everywhere (page, index, feed, sitemap, hreflang of the other editions), deleted articles'
editions removed; feeds and the sitemap valid; every page accepted by the Nu checker."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import etree
from support.cli import tx
from support.documents import nu_errors, sitemap_xsd, translation_of
from support.sample_site import CASES, make_workspace

from translate.models import State
from translate.publish.publishing import publish
from translate.publish.register import load as load_register
from translate.publish.render.site import ATOM, SITEMAP, XHTML
from translate.source.articles import read_article
from translate.workspace import Workspace, workfiles

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"


def site_files(ws: Workspace) -> dict[str, str]:
    """Every published text file under exports/ (drafts apart) by relative path."""
    return {
        path.relative_to(ws.exports_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(ws.exports_dir.rglob("*"))
        if path.is_file()
        and path.suffix in (".html", ".atom", ".xml")
        and not path.is_relative_to(ws.exports_dir / "drafts")
    }


def retranslate(ws: Workspace, slug: str, lang: str, edit: dict[str, str] | None = None) -> None:
    """A fresh, reviewed work file of ``slug`` in ``lang`` for the article as it is now."""
    article = read_article(ws.articles_dir / f"{slug}.md")
    targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
    targets["Town opens a *new* library"] = "Villa: " + targets["City opens a *new* library"]
    targets.update(edit or {})
    workfiles.save(ws.work_file(slug, lang), translation_of(article, targets, lang))


def test_source_correction_updates_or_withdraws_the_stale_edition_everywhere(
    tmp_path: Path,
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.REVIEWED})
    assert publish(ws).blocked == ()
    before = site_files(ws)
    assert "es/sample.html" in before and "20.000 libros" in before["es/sample.html"]
    assert 'href="https://news.example.org/es/sample.html"' in before["sitemap.xml"]
    assert 'hreflang="es"' in before["fr/sample.html"]

    article = ws.articles_dir / "sample.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("20,000", "21,000"), encoding="utf-8"
    )
    code, out = tx(ws, "status")
    assert "stale edition es/sample: the article changed since it was exported" in out
    assert "stale edition en/sample" in out and "stale edition es/older" not in out

    code, out = tx(ws, "export")
    assert "withdraw es/sample: the article changed since it was translated" in out
    assert "withdraw fr/sample" in out
    after = site_files(ws)
    for lang in ("es", "fr"):
        assert f"{lang}/sample.html" not in after
        assert not ws.edition_file("sample", lang, "docx").exists()
        assert 'href="sample.html"' not in after[f"{lang}/index.html"]
        assert f"/{lang}/sample.html" not in after[f"{lang}/feed.atom"]
        assert f"/{lang}/sample.html" not in after["sitemap.xml"]
        assert f'hreflang="{lang}"' not in after["en/sample.html"]
        assert 'href="older.html"' in after[f"{lang}/index.html"]
    assert "21,000" in after["en/sample.html"] and "21,000" not in before["en/sample.html"]
    assert tx(ws, "status")[1].count("stale edition") == 0

    retranslate(ws, "sample", "es", {"The library holds 21,000 books.": "Tiene 21.000 libros."})
    code, out = tx(ws, "export", "--lang", "es")
    assert code == 0, out
    after = site_files(ws)
    assert "Tiene 21.000 libros." in after["es/sample.html"]
    assert "Tiene 21.000 libros." in after["es/index.html"]
    assert "Tiene 21.000 libros." in after["es/feed.atom"]
    assert "https://news.example.org/es/sample.html" in after["sitemap.xml"]
    assert 'hreflang="es"' in after["en/sample.html"]  # the other editions link it again
    assert '<a href="../es/sample.html"' in after["en/sample.html"]


def test_translation_correction_is_re_exported_by_any_export(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.REVIEWED})
    publish(ws)
    retranslate(ws, "sample", "es", {"Hundreds of readers came.": "Llegaron cientos de lectores."})
    assert "stale edition es/sample: the translation changed" in tx(ws, "status")[1]
    code, out = tx(ws, "export", "--lang", "fr", "--format", "html")
    assert code == 0, out
    assert "wrote exports/es/sample.html" in out and "wrote exports/es/sample.docx" in out
    assert "Llegaron cientos de lectores." in site_files(ws)["es/sample.html"]


def test_deleted_article_editions_are_listed_by_dry_run_then_removed(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    publish(ws)
    (ws.articles_dir / "older.md").unlink()
    assert "stale edition es/older: the article was deleted" in tx(ws, "status")[1]
    before = site_files(ws)
    code, out = tx(ws, "export", "--dry-run")
    assert "would withdraw es/older: the article was deleted" in out
    assert "would remove exports/es/older.docx" in out
    assert site_files(ws) == before and ws.edition_file("older", "es", "docx").exists()
    code, out = tx(ws, "export")
    assert code == 0, out
    after = site_files(ws)
    assert not any("older" in name for name in after)
    assert not ws.edition_file("older", "es", "docx").exists()
    assert all("older.html" not in text for text in after.values())
    assert sorted(load_register(ws).editions) == [("sample", "en"), ("sample", "es")]


def test_an_edition_that_no_longer_passes_is_withdrawn_and_its_language_index_removed(
    tmp_path: Path,
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    publish(ws)
    for slug in ("sample", "older"):
        translation = workfiles.load(ws.work_file(slug, "es"))
        first = translation.segments[0].with_changes(state=State.TRANSLATED)
        workfiles.save(
            ws.work_file(slug, "es"),
            type(translation)(
                **{**translation.__dict__, "segments": (first, *translation.segments[1:])}
            ),
        )
    assert "stale edition es/sample: it no longer passes the publishing gate" in tx(ws, "status")[1]
    code, out = tx(ws, "export")
    assert code == 1 and "withdraw es/sample: no longer passes the publishing gate" in out
    assert not (ws.exports_dir / "es").exists()
    top = site_files(ws)["index.html"]
    assert 'href="es/index.html"' not in top and 'href="en/index.html"' in top


def validate_sitemap(text: str) -> None:
    """The sitemap against the sitemaps.org schema plus the xhtml:link declaration."""
    xsd = sitemap_xsd()
    if xsd is None:
        pytest.skip("needs sitemap.xsd (npm's sitemap package, installed by make setup)")
    driver = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="{SITEMAP}" schemaLocation="{xsd.as_uri()}"/>'
        f'<xsd:import namespace="{XHTML}" '
        f'schemaLocation="{(SCHEMAS / "xhtml-link.xsd").as_uri()}"/>'
        "</xsd:schema>"
    )
    schema = etree.XMLSchema(etree.fromstring(driver.encode()))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log


def check_atom(text: str, lang: str) -> None:
    """What RFC 4287 requires of a feed document (section 4.1): there is no registry package
    with the RFC's RELAX NG schema, so its MUSTs are checked one by one."""
    feed = etree.fromstring(text.encode("utf-8"))
    a = f"{{{ATOM}}}"
    assert feed.tag == f"{a}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang

    def one(parent: etree._Element, name: str) -> str:
        found = parent.findall(f"{a}{name}")
        assert len(found) == 1, f"{name}: {len(found)}"
        return found[0].text or ""

    def instant(value: str) -> None:
        assert "T" in value and dt.datetime.fromisoformat(value).tzinfo is not None

    for name in ("id", "title"):
        assert one(feed, name)
    instant(one(feed, "updated"))
    assert feed.find(f"{a}link[@rel='self']") is not None
    entries = feed.findall(f"{a}entry")
    assert entries
    feed_author = feed.find(f"{a}author/{a}name") is not None
    for entry in entries:
        assert one(entry, "id").startswith("https://")
        assert one(entry, "title")
        instant(one(entry, "updated"))
        assert feed_author or entry.find(f"{a}author/{a}name") is not None
        links = entry.findall(f"{a}link[@rel='alternate']")
        assert len(links) == 1 and links[0].get("type") == "text/html"
        assert links[0].get("href") == one(entry, "id")


@pytest.mark.vnu
def test_feeds_and_sitemap_validate_and_nu_accepts_every_page(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.REVIEWED})
    publish(ws)
    publish(ws, ["sample"], ["fr"], draft=True)
    files = site_files(ws)
    validate_sitemap(files["sitemap.xml"])
    sitemap = etree.fromstring(files["sitemap.xml"].encode())
    locs = sorted(sitemap.xpath("//s:loc/text()", namespaces={"s": SITEMAP}))
    assert len(locs) == 6 and not any("drafts" in loc for loc in locs)
    alternates = sitemap.xpath("//x:link/@hreflang", namespaces={"x": XHTML})
    assert sorted(set(alternates)) == ["en", "es", "fr", "x-default"]
    for lang in ("en", "es", "fr"):
        check_atom(files[f"{lang}/feed.atom"], lang)
    pages = [ws.exports_dir / name for name in files if name.endswith(".html")]
    pages.append(ws.exports_dir / "drafts" / "fr" / "sample.html")
    assert len(pages) == 11
    assert nu_errors(*pages) == ""
