"""The published site stays exact: drafts apart, live editions kept online at their last good
version until a new one passes or a person withdraws them (page, index, feed, sitemap, hreflang
of the other editions), deleted articles' editions withdrawn only with --prune; feeds and the
sitemap valid; every page accepted by the Nu checker."""

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
    """Every published text file in the site folder by relative path."""
    return {
        path.relative_to(ws.site_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(ws.site_dir.rglob("*"))
        if path.is_file() and path.suffix in (".html", ".atom", ".xml")
    }


def retranslate(ws: Workspace, slug: str, lang: str, edit: dict[str, str] | None = None) -> None:
    """A fresh, reviewed work file of ``slug`` in ``lang`` for the article as it is now."""
    article = read_article(ws.articles_dir / f"{slug}.md")
    targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
    targets["Town opens a *new* library"] = "Villa: " + targets["City opens a *new* library"]
    targets.update(edit or {})
    workfiles.save(ws.work_file(slug, lang), translation_of(article, targets, lang))


def test_source_correction_keeps_translations_online_until_their_new_version_passes(
    tmp_path: Path,
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.REVIEWED})
    assert publish(ws).blocked == ()
    before = site_files(ws)
    spanish = ws.edition_file("sample", "es", "html").read_bytes()
    assert "20.000 libros" in before["es/sample.html"]

    article = ws.articles_dir / "sample.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("20,000", "21,000"), encoding="utf-8"
    )
    code, out = tx(ws, "status")
    behind = "stale edition es/sample (online, behind): the article changed since it was exported"
    assert behind in out
    assert "stale edition en/sample" in out and "stale edition es/older" not in out

    code, out = tx(ws, "export")
    assert code == 3, out
    assert "kept online es/sample at its last good version: the article changed" in out
    assert "kept online fr/sample" in out and "withdraw" not in out
    assert "not done: the publishing gate held back 2 edition(s)" in out
    after = site_files(ws)
    assert ws.edition_file("sample", "es", "html").read_bytes() == spanish
    for lang in ("es", "fr"):
        assert ws.edition_file("sample", lang, "docx").exists()
        assert after[f"{lang}/index.html"] == before[f"{lang}/index.html"]
        assert f"/{lang}/sample.html" in after["sitemap.xml"]
        assert f'hreflang="{lang}"' in after["en/sample.html"]
    assert "21,000" in after["en/sample.html"] and "21,000" not in before["en/sample.html"]
    assert tx(ws, "status")[1].count("stale edition") == 2

    retranslate(ws, "sample", "es", {"The library holds 21,000 books.": "Tiene 21.000 libros."})
    code, out = tx(ws, "export", "--lang", "es")
    assert code == 0, out
    after = site_files(ws)
    assert "Tiene 21.000 libros." in after["es/sample.html"]
    assert "Tiene 21.000 libros." in after["es/index.html"]
    assert "Tiene 21.000 libros." in after["es/feed.atom"]
    assert after["fr/sample.html"] == before["fr/sample.html"]  # --lang es: only es files
    assert "stale edition es/sample" not in tx(ws, "status")[1]


def test_translation_correction_is_re_exported_by_an_export_of_its_language(
    tmp_path: Path,
) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.REVIEWED})
    publish(ws)
    retranslate(ws, "sample", "es", {"Hundreds of readers came.": "Llegaron cientos de lectores."})
    behind = "stale edition es/sample (online, behind): the translation changed"
    assert behind in tx(ws, "status")[1]
    code, out = tx(ws, "export", "--lang", "fr", "--format", "html")
    assert code == 0, out
    assert "es/" not in out
    code, out = tx(ws, "export")
    assert code == 0, out
    assert "wrote exports/site/es/sample.html" in out and "wrote exports/site/es/sample.docx" in out
    assert "Llegaron cientos de lectores." in site_files(ws)["es/sample.html"]


def test_deleted_article_editions_stay_online_until_pruned(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED})
    publish(ws)
    (ws.articles_dir / "older.md").unlink()
    assert "stale edition es/older (online, behind): the article was deleted" in tx(ws, "status")[1]
    before = site_files(ws)
    code, out = tx(ws, "export")
    assert code == 0, out
    assert "kept online es/older at its last good version: the article was deleted" in out
    assert site_files(ws) == before
    code, out = tx(ws, "export", "--prune", "--dry-run")
    assert "would withdraw es/older: the article was deleted" in out
    assert "would remove exports/site/es/older.docx" in out
    assert site_files(ws) == before and ws.edition_file("older", "es", "docx").exists()
    code, out = tx(ws, "export", "--prune")
    assert code == 0, out
    after = site_files(ws)
    assert not any("older" in name for name in after)
    assert not ws.edition_file("older", "es", "docx").exists()
    assert all("older.html" not in text for text in after.values())
    assert sorted(load_register(ws).editions) == [("sample", "en"), ("sample", "es")]


def test_an_edition_that_no_longer_passes_stays_online_until_a_person_withdraws_it(
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
    out = tx(ws, "status")[1]
    assert "stale edition es/sample (online, behind): it no longer passes the publishing" in out
    before = {p: p.read_bytes() for p in ws.site_dir.rglob("*") if p.is_file()}
    code, out = tx(ws, "export", "--lang", "es")
    assert code == 1 and "kept online es/sample at its last good version" in out
    assert {p: p.read_bytes() for p in ws.site_dir.rglob("*") if p.is_file()} == before

    code, out = tx(ws, "withdraw", "sample", "--lang", "es", "--reason", "typo", "--by", "Ana")
    assert code == 0, out
    assert "withdraw es/sample: typo" in out and "by Ana at " in out
    assert not ws.edition_file("sample", "es", "html").exists()
    assert 'hreflang="es"' not in site_files(ws)["en/sample.html"]
    code, out = tx(ws, "withdraw", "older", "--lang", "es", "--reason", "old news")
    assert code == 0, out
    assert not (ws.site_dir / "es").exists()
    top = site_files(ws)["index.html"]
    assert 'href="es/index.html"' not in top and 'href="en/index.html"' in top
    records = json.loads(load_register(ws).path.read_text(encoding="utf-8"))["withdrawals"]
    assert (records[0]["slug"], records[0]["reason"], records[0]["by"]) == ("sample", "typo", "Ana")
    assert records[1]["by"] and records[1]["at"].startswith(dt.date.today().isoformat()[:4])
    code, out = tx(ws, "withdraw", "older", "--lang", "es", "--reason", "again")
    assert code == 1 and "older is not published in es" in out


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
    pages = [ws.site_dir / name for name in files if name.endswith(".html")]
    pages.append(ws.exports_dir / "drafts" / "fr" / "sample.html")
    assert len(pages) == 11
    assert nu_errors(*pages) == ""
