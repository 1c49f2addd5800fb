"""The site around the editions: index pages, Atom feeds and the sitemap, from the register.

Everything here is built from ``translate.publish.register`` (the editions that exist and passed the
gate), never from the files in the folders, so drafts and withdrawn editions are never listed.

- ``<lang>/index.html``: the language's articles, newest first, with a link to its feed;
- ``<lang>/feed.atom``: an Atom feed (RFC 4287) of the language's editions;
- ``index.html``: the home page: the site's name and description, and each language edition
  (named in its own language) with its latest stories;
- ``sitemap.xml``: every HTML edition with ``xhtml:link`` hreflang alternates to the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from translate.languages import language_name
from translate.publish.edition import Site
from translate.publish.register import PublishedEdition, Register
from translate.publish.render.index import IndexEntry, home_index, language_index
from translate.publish.render.language import author_names, label, parse_date
from translate.source.inline import plain_text

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
FEED_NAME = "feed.atom"
SITEMAP_NAME = "sitemap.xml"


def language_files(lang: str) -> tuple[str, ...]:
    """The files of the site that belong to one language (relative to ``exports/``)."""
    return (f"{lang}/index.html", f"{lang}/{FEED_NAME}")


def files(
    register: Register, base_url: str, source_lang: str, site: Site | None = None
) -> dict[str, bytes]:
    """Every site file (relative path under the site folder to bytes) for ``register``;
    ``site`` names the site (by default, by its address's host)."""
    site = site or Site(urlsplit(base_url).hostname or base_url, url=base_url)
    out: dict[str, bytes] = {}
    langs = register.languages()
    latest: dict[str, list[IndexEntry]] = {}
    for lang in langs:
        editions = register.in_language(lang)
        entries = [_entry(item) for item in editions if item.page]
        latest[lang] = [replace(entry, href=f"{lang}/{entry.href}") for entry in entries]
        out[f"{lang}/index.html"] = language_index(
            lang, entries, langs=langs, feed=FEED_NAME, site=site
        )
        out[f"{lang}/{FEED_NAME}"] = feed(lang, editions, base_url, site)
    out["index.html"] = home_index(site, latest, source_lang, feed=FEED_NAME)
    out[SITEMAP_NAME] = sitemap(register, base_url)
    return out


def url_of(base_url: str, path: str) -> str:
    """The absolute address of ``path`` (relative to ``exports/``) on the site."""
    return f"{base_url.rstrip('/')}/{path}"


def changed(item: PublishedEdition) -> str:
    """When what ``item`` shows last changed (a correction, a new translation), not when its
    page was last rewritten (new language links): a feed entry's ``updated``."""
    return item.modified or item.exported


def _entry(item: PublishedEdition) -> IndexEntry:
    return IndexEntry(
        slug=item.slug,
        title=item.title,
        href=f"{item.slug}.html",
        date=item.date,
        summary=item.summary,
    )


def _instant(value: str) -> str:
    """An RFC 3339 date-time for an ISO date or date-time (midnight UTC for a date)."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        date = parse_date(value)
        if date is None:
            return ""
        moment = dt.datetime(date.year, date.month, date.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def feed(
    lang: str, editions: Iterable[PublishedEdition], base_url: str, site: Site | None = None
) -> bytes:
    """The Atom feed (RFC 4287) of the HTML editions in ``lang``, newest first: titled with
    the site's name, its description the subtitle, its publisher the author."""
    from lxml import etree

    items = sorted(
        (item for item in editions if item.page),
        key=lambda item: (_instant(item.date) or changed(item), item.slug),
        reverse=True,
    )
    name = language_name(lang)
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    self_url = url_of(base_url, f"{lang}/{FEED_NAME}")
    _text(root, "id", self_url)
    site = site or Site(urlsplit(base_url).hostname or base_url, url=base_url)
    _text(root, "title", f"{site.name} · {label('articles', lang)} · {name}")
    if site.description:
        _text(root, "subtitle", site.description)
    updated = max((changed(item) for item in items), default="") or _now()
    _text(root, "updated", _instant(updated))
    _link(root, self_url, "self", "application/atom+xml")
    _link(root, url_of(base_url, f"{lang}/index.html"), "alternate", "text/html")
    author = etree.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", site.publisher or site.name)
    for item in items:
        page_url = url_of(base_url, item.page)
        entry = etree.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", page_url)
        _text(entry, "title", plain_text(item.title))
        _text(entry, "updated", _instant(changed(item)) or _now())
        published = _instant(item.date)
        if published:
            _text(entry, "published", published)
        for person in author_names(item.author, item.source_lang) if item.author else ():
            _text(etree.SubElement(entry, f"{{{ATOM}}}author"), "name", person)
        link = _link(entry, page_url, "alternate", "text/html")
        link.set("hreflang", lang)
        if item.summary:
            _text(entry, "summary", plain_text(item.summary))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def sitemap(register: Register, base_url: str) -> bytes:
    """The sitemap of every HTML edition with hreflang alternates to its other editions."""
    from lxml import etree

    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    slugs = sorted({slug for slug, _ in register.editions})
    for slug in slugs:
        pages = register.pages(slug)
        default = next((item for item in pages.values() if item.lang == item.source_lang), None)
        for item in pages.values():
            url = etree.SubElement(root, f"{{{SITEMAP}}}url")
            etree.SubElement(url, f"{{{SITEMAP}}}loc").text = url_of(base_url, item.page)
            modified = _instant(changed(item))
            if modified:
                etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = modified
            if len(pages) < 2:
                continue
            for other in pages.values():
                _alternate(url, other.lang, url_of(base_url, other.page))
            if default is not None:
                _alternate(url, "x-default", url_of(base_url, default.page))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _alternate(parent: Any, hreflang: str, href: str) -> None:
    from lxml import etree

    link = etree.SubElement(parent, f"{{{XHTML}}}link")
    link.set("rel", "alternate")
    link.set("hreflang", hreflang)
    link.set("href", href)


def _text(parent: Any, tag: str, text: str) -> None:
    from lxml import etree

    etree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _link(parent: Any, href: str, rel: str, kind: str) -> Any:
    from lxml import etree

    link = etree.SubElement(parent, f"{{{ATOM}}}link")
    link.set("rel", rel)
    link.set("type", kind)
    link.set("href", href)
    return link


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
