"""Index pages: the articles of one language edition, and the list of language editions.

``<lang>/index.html`` lists that edition's articles newest first, each with its localized
date, summary and a link; the home page ``index.html`` carries the site's name and description
and, per language (named in its own language, marked with its own ``lang`` and ``dir``), the
latest stories. Every page is headed by the site's name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from translate.languages import direction, language_name
from translate.publish.edition import Site
from translate.publish.render.html import (
    escape,
    language_switcher,
    masthead,
    page,
    render_inline,
    url,
)
from translate.publish.render.language import format_date, label, parse_date
from translate.source.inline import plain_text

# How many of a language's latest stories the home page lists.
LATEST = 5


@dataclass(frozen=True)
class IndexEntry:
    """One article in a language's index page; ``href`` is relative to the index page."""

    slug: str
    title: str
    href: str
    date: str = ""
    summary: str = ""
    draft: bool = False

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        """Newest first when sorted in reverse; undated articles last."""
        return (parse_date(self.date) or dt.date.min, self.slug)


def _item(entry: IndexEntry, lang: str, level: int = 2) -> str:
    """One story of an index: its title linked, a draft mark, its date and summary."""
    title = f'<a href="{url(entry.href)}">{render_inline(entry.title)}</a>'
    parts = [f"<li><h{level}>{title}</h{level}>"]
    if entry.draft:
        words = escape(label("draft_title", lang))
        parts.append(f'<p><mark class="tx-draft-label">{words}</mark></p>')
    date = parse_date(entry.date)
    if date is not None:
        text = escape(format_date(entry.date, lang))
        parts.append(f'<p><time class="tx-date" datetime="{date.isoformat()}">{text}</time></p>')
    if entry.summary:
        parts.append(f'<p class="tx-summary">{render_inline(entry.summary)}</p>')
    parts.append("</li>")
    return "".join(parts)


def language_index(
    lang: str,
    entries: Iterable[IndexEntry],
    *,
    langs: Sequence[str] = (),
    feed: str = "",
    site: Site | None = None,
) -> bytes:
    """The index page of a language edition: its articles, newest first.

    ``langs`` are the languages with an index page (for the language switcher); ``feed`` the
    address of the language's Atom feed, relative to the page; ``site`` the site whose name
    heads the page, linked to its home page.
    """
    ordered = sorted(entries, key=lambda entry: entry.sort_key, reverse=True)
    heading = label("articles", lang)
    name = language_name(lang)
    body = [masthead(site, "../index.html")] if site is not None and site.name else []
    others = {code: f"../{code}/index.html" for code in langs}
    if len(others) > 1:
        body.append(language_switcher(lang, others))
    body += ["<main>", f"<h1>{escape(heading)} · {escape(name)}</h1>", '<ul class="tx-list">']
    body.extend(_item(entry, lang) for entry in ordered)
    body.extend(["</ul>", "</main>"])
    title = f"{heading} · {name}"
    if site is not None and site.name:
        title += f" · {site.name}"
    head = []
    if feed:
        head.append(
            f'<link rel="alternate" type="application/atom+xml" href="{url(feed)}" '
            f'title="{escape(title)}">'
        )
    return page(lang, plain_text(title), "\n".join(body), head=head).encode("utf-8")


def home_index(
    site: Site, latest: Mapping[str, Sequence[IndexEntry]], page_lang: str, *, feed: str = ""
) -> bytes:
    """The site's home page (``index.html``): its name and description, then each language
    edition (named in its own language) with its latest stories, newest first.

    ``latest`` maps each language to its entries (``href`` relative to the home page), at
    most ``LATEST`` of which are shown; ``feed`` is the name of each language's Atom feed.
    """
    body = ["<main>", f"<h1>{escape(site.name)}</h1>"]
    if site.description:
        body.append(f'<p class="tx-summary">{escape(site.description)}</p>')
    head = []
    for lang in sorted(latest, key=lambda code: language_name(code).casefold()):
        code, name = escape(lang), escape(_capitalised(language_name(lang)))
        heading = f"{escape(label('articles', lang))} · {escape(language_name(lang))}"
        body.append(f'<section class="tx-edition" lang="{code}" dir="{direction(lang)}">')
        body.append(f'<h2><a href="{url(lang + "/index.html")}" hreflang="{code}">{name}</a></h2>')
        body.append('<ul class="tx-list">')
        newest = sorted(latest[lang], key=lambda entry: entry.sort_key, reverse=True)
        body.extend(_item(entry, lang, level=3) for entry in newest[:LATEST])
        body.append("</ul>")
        body.append(f'<p><a href="{url(lang + "/index.html")}">{heading}</a></p></section>')
        if feed:
            head.append(
                f'<link rel="alternate" type="application/atom+xml" hreflang="{code}" '
                f'href="{url(f"{lang}/{feed}")}" title="{escape(plain_text(heading))}">'
            )
    body.append("</main>")
    return page(page_lang, site.name, "\n".join(body), head=head).encode("utf-8")


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]
