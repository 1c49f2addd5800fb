"""What an edition needs to know about its language: direction, dates, names and labels.

Directions, dates and language names come from Babel (imported inside the functions so
``tx --help`` stays fast). The few words tx writes itself ("By", "Draft") are in ``LABELS``;
a language without an entry gets English.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

RTL_FALLBACK = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})
EAST_ASIAN = frozenset({"zh", "ja", "ko"})

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "byline": "By {author}",
        "photo": "Photo: {credit}",
        "draft": "Draft: not for publication. Marked sentences are not reviewed yet.",
        "draft_title": "Draft",
        "articles": "Articles",
        "editions": "Editions",
    },
    "es": {
        "byline": "Por {author}",
        "photo": "Foto: {credit}",
        "draft": "Borrador: no publicar. Las frases marcadas aún no están revisadas.",
        "draft_title": "Borrador",
        "articles": "Artículos",
        "editions": "Ediciones",
    },
    "fr": {
        "byline": "Par {author}",
        "photo": "Photo : {credit}",
        "draft": "Brouillon : ne pas publier. Les phrases marquées ne sont pas encore relues.",
        "draft_title": "Brouillon",
        "articles": "Articles",
        "editions": "Éditions",
    },
    "de": {
        "byline": "Von {author}",
        "photo": "Foto: {credit}",
        "draft": "Entwurf: nicht veröffentlichen. Markierte Sätze sind noch nicht geprüft.",
        "draft_title": "Entwurf",
        "articles": "Artikel",
        "editions": "Ausgaben",
    },
    "ar": {
        "byline": "بقلم {author}",
        "photo": "صورة: {credit}",
        "draft": "مسودة: ليست للنشر. الجمل المعلَّمة لم تُراجع بعد.",
        "draft_title": "مسودة",
        "articles": "المقالات",
        "editions": "الطبعات",
    },
    "zh": {
        "byline": "作者：{author}",
        "photo": "图片：{credit}",
        "draft": "草稿：请勿发布。标记的句子尚未审校。",
        "draft_title": "草稿",
        "articles": "文章",
        "editions": "版本",
    },
    "ru": {
        "byline": "Автор: {author}",
        "photo": "Фото: {credit}",
        "draft": "Черновик: не для публикации. Отмеченные предложения ещё не проверены.",
        "draft_title": "Черновик",
        "articles": "Статьи",
        "editions": "Издания",
    },
}


def base(lang: str) -> str:
    """The language subtag of a code: ``pt-BR`` gives ``pt``."""
    return lang.replace("_", "-").split("-")[0].lower()


def label(key: str, lang: str, **values: str) -> str:
    """tx's own wording ``key`` in ``lang`` (English when there is none), filled in."""
    table = LABELS.get(base(lang), LABELS["en"])
    return table.get(key, LABELS["en"][key]).format(**values)


@lru_cache(maxsize=64)
def _locale(lang: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages (from Babel), else ``ltr``."""
    locale = _locale(lang)
    if locale is None:
        return "rtl" if base(lang) in RTL_FALLBACK else "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return direction(lang) == "rtl"


def is_east_asian(lang: str) -> bool:
    """Whether Word treats ``lang`` as an East Asian language (w:eastAsia)."""
    return base(lang) in EAST_ASIAN


def language_name(lang: str, *, in_lang: str | None = None) -> str:
    """The name of ``lang`` in ``in_lang`` (default: in itself), as Babel spells it."""
    locale = _locale(lang)
    if locale is None:
        return lang
    where = _locale(in_lang) if in_lang else locale
    name = locale.get_display_name(where) if where is not None else None
    return str(name) if name else lang


def region_tag(lang: str) -> str:
    """A language tag with a region for Word (``es`` gives ``es-ES``, ``zh`` gives ``zh-CN``)."""
    if "-" in lang or "_" in lang:
        return lang.replace("_", "-")
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang)
    if not likely:
        return lang
    parts = str(likely).split("_")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isupper()), None)
    return f"{lang}-{region}" if region else lang


def parse_date(value: str) -> dt.date | None:
    """The date of an ISO 8601 date or date-time, or ``None`` when it is not one."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None


def format_date(value: str, lang: str) -> str:
    """An ISO date written out in ``lang`` (Babel's ``long`` format); other text as it is."""
    date = parse_date(value)
    locale = _locale(lang)
    if date is None or locale is None:
        return value
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(date, format="long", locale=locale))
