"""Index pages: the articles of one language edition, and the list of language editions.

``exports/<lang>/index.html`` lists that edition's articles newest first, each with its
localized date, summary and a link; ``exports/index.html`` lists the languages, each named in
its own language (Babel's display name) and marked with its own ``lang`` and ``dir``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate.languages import direction, language_name
from translate.publish.render.html import escape, language_switcher, page, render_inline, url
from translate.publish.render.language import format_date, label, parse_date
from translate.source.inline import plain_text


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


def language_index(
    lang: str, entries: Iterable[IndexEntry], *, langs: Sequence[str] = (), feed: str = ""
) -> bytes:
    """The index page of a language edition: its articles, newest first.

    ``langs`` are the languages with an index page (for the language switcher); ``feed`` the
    address of the language's Atom feed, relative to the page.
    """
    ordered = sorted(entries, key=lambda entry: entry.sort_key, reverse=True)
    heading = label("articles", lang)
    name = language_name(lang)
    body = []
    others = {code: f"../{code}/index.html" for code in langs}
    if len(others) > 1:
        body.append(language_switcher(lang, others))
    body += ["<main>", f"<h1>{escape(heading)} · {escape(name)}</h1>", '<ul class="tx-list">']
    for entry in ordered:
        parts = [f'<li><h2><a href="{url(entry.href)}">{render_inline(entry.title)}</a></h2>']
        if entry.draft:
            words = escape(label("draft_title", lang))
            parts.append(f'<p><mark class="tx-draft-label">{words}</mark></p>')
        date = parse_date(entry.date)
        if date is not None:
            text = escape(format_date(entry.date, lang))
            parts.append(
                f'<p><time class="tx-date" datetime="{date.isoformat()}">{text}</time></p>'
            )
        if entry.summary:
            parts.append(f'<p class="tx-summary">{render_inline(entry.summary)}</p>')
        parts.append("</li>")
        body.append("".join(parts))
    body.extend(["</ul>", "</main>"])
    title = f"{heading} · {name}"
    head = []
    if feed:
        head.append(
            f'<link rel="alternate" type="application/atom+xml" href="{url(feed)}" '
            f'title="{escape(title)}">'
        )
    return page(lang, plain_text(title), "\n".join(body), head=head).encode("utf-8")


def editions_index(langs: Sequence[str], page_lang: str) -> bytes:
    """The top index page: one link per language edition, named in its own language."""
    heading = label("editions", page_lang)
    body = ["<main>", f"<h1>{escape(heading)}</h1>", '<ul class="tx-list">']
    for lang in sorted(langs, key=lambda code: language_name(code).casefold()):
        code = escape(lang)
        body.append(
            f'<li><a href="{url(lang + "/index.html")}" hreflang="{code}" lang="{code}" '
            f'dir="{direction(lang)}">{escape(language_name(lang))}</a></li>'
        )
    body.extend(["</ul>", "</main>"])
    return page(page_lang, heading, "\n".join(body)).encode("utf-8")
