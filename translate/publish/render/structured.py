"""schema.org structured data of an HTML edition: one ``NewsArticle`` in JSON-LD.

Search engines and news aggregators read it to know what a page is: its headline, language,
authors, when it was published and last modified, its correction, and which pages are the
same story in other languages (``translationOfWork`` on a translation, pointing at the
source-language edition; ``workTranslation`` on the source edition, listing the others).
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urljoin

from translate.publish.edition import Edition
from translate.publish.render.language import author_names, parse_date
from translate.source.inline import plain_text

CONTEXT = "https://schema.org"
# Google shows at most 110 characters of a headline; schema.org sets no limit.
HEADLINE_CHARS = 110


def instant(value: str) -> str:
    """An ISO 8601 date-time with its offset for an ISO date or date-time (empty otherwise);
    a date alone is midnight UTC."""
    if not value:
        return ""
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


def dates(item: Edition) -> tuple[str, str]:
    """``(datePublished, dateModified)`` of an edition: the article's own date (front matter)
    or when the edition first went online; when what it shows last changed, never earlier."""
    published = instant(item.article.meta.get("date", "")) or instant(item.published)
    modified = instant(item.modified) or published
    if published and modified and modified < published:
        modified = published
    return published, modified


def news_article(item: Edition, correction: str = "") -> dict[str, object]:
    """The ``NewsArticle`` of ``item``; ``correction`` is the text of its correction notice."""
    article, lang = item.article, item.article.lang
    canonical = item.alternates.get(lang, "")
    headline = plain_text(article.title)
    if len(headline) > HEADLINE_CHARS:
        headline = headline[: HEADLINE_CHARS - 1].rstrip() + "…"
    data: dict[str, object] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": headline,
        "inLanguage": lang,
    }
    if canonical:
        data["@id"] = canonical
        data["url"] = canonical
        data["mainEntityOfPage"] = canonical
    published, modified = dates(item)
    if published:
        data["datePublished"] = published
        data["dateModified"] = modified
    author = article.meta.get("author", "")
    if author:
        names = author_names(author, item.source.lang)
        data["author"] = [{"@type": "Person", "name": name} for name in names]
    if article.meta.get("summary"):
        data["description"] = plain_text(article.meta["summary"])
    image = item.assets.get(article.meta.get("image", ""), "")
    if image and canonical:
        data["image"] = [urljoin(canonical, image)]
    if item.corrected and correction:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": correction,
            "datePublished": item.corrected,
        }
    if item.site.publisher:
        data["publisher"] = _organization(item.site.publisher, item.site.url)
    source_lang = item.source.lang
    if lang != source_lang and source_lang in item.alternates:
        data["translationOfWork"] = _work(item.alternates[source_lang], source_lang)
    elif lang == source_lang:
        others = [
            _work(url, code)
            for code, url in item.alternates.items()
            if code not in (lang, "x-default")
        ]
        if others:
            data["workTranslation"] = others
    return data


def json_ld(item: Edition, correction: str = "") -> str:
    """The ``<script type="application/ld+json">`` element of ``item`` (``<``, ``>`` and
    ``&`` escaped, so no text of the article can close the element)."""
    text = json.dumps(news_article(item, correction), ensure_ascii=False, indent=1)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _work(url: str, lang: str) -> dict[str, str]:
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": lang}


def _organization(name: str, url: str) -> dict[str, str]:
    found = {"@type": "NewsMediaOrganization", "name": name}
    if url:
        found["url"] = url if url.endswith("/") else url + "/"
    return found
