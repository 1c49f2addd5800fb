"""What an edition writes in its own language: tx's few words ("By", "Draft") and dates.

The words tx writes itself are in ``LABELS``; a language without an entry gets English. Dates
come from Babel (imported inside the function so ``tx --help`` stays fast).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from translate.languages import base, locale

if TYPE_CHECKING:
    from translate.publish.edition import Edition

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "byline": "By {author}",
        "photo": "Photo: {credit}",
        "draft": "Draft: not for publication. Marked sentences are not reviewed yet.",
        "draft_title": "Draft",
        "legend": "Highlights:",
        "legend_unreviewed": "not reviewed yet",
        "legend_flagged": "flagged by a check (point at it for the reason)",
        "articles": "Articles",
        "editions": "Editions",
        "languages": "Languages",
        "notes": "Notes",
        "image": "Image",
        "correction": "Correction, {date}:",
        "correction_default": "This article has been corrected since it was first published.",
    },
    "es": {
        "byline": "Por {author}",
        "photo": "Foto: {credit}",
        "draft": "Borrador: no publicar. Las frases marcadas aún no están revisadas.",
        "draft_title": "Borrador",
        "legend": "Resaltado:",
        "legend_unreviewed": "aún sin revisar",
        "legend_flagged": "marcada por una comprobación (pase el puntero para ver el motivo)",
        "articles": "Artículos",
        "editions": "Ediciones",
        "languages": "Idiomas",
        "notes": "Notas",
        "image": "Imagen",
        "correction": "Corrección, {date}:",
        "correction_default": "Este artículo ha sido corregido desde su primera publicación.",
    },
    "fr": {
        "byline": "Par {author}",
        "photo": "Photo : {credit}",
        "draft": "Brouillon : ne pas publier. Les phrases marquées ne sont pas encore relues.",
        "draft_title": "Brouillon",
        "legend": "Surlignage :",
        "legend_unreviewed": "pas encore relue",
        "legend_flagged": "signalée par un contrôle (survolez-la pour le motif)",
        "articles": "Articles",
        "editions": "Éditions",
        "languages": "Langues",
        "notes": "Notes",
        "image": "Image",
        "correction": "Correction, {date} :",
        "correction_default": "Cet article a été corrigé depuis sa première publication.",
    },
    "de": {
        "byline": "Von {author}",
        "photo": "Foto: {credit}",
        "draft": "Entwurf: nicht veröffentlichen. Markierte Sätze sind noch nicht geprüft.",
        "draft_title": "Entwurf",
        "legend": "Markierungen:",
        "legend_unreviewed": "noch nicht geprüft",
        "legend_flagged": "von einer Prüfung gemeldet (Zeiger darauf zeigt den Grund)",
        "articles": "Artikel",
        "editions": "Ausgaben",
        "languages": "Sprachen",
        "notes": "Anmerkungen",
        "image": "Bild",
        "correction": "Korrektur, {date}:",
        "correction_default": "Dieser Artikel wurde nach der ersten Veröffentlichung korrigiert.",
    },
    "ar": {
        "byline": "بقلم {author}",
        "photo": "صورة: {credit}",
        "draft": "مسودة: ليست للنشر. الجمل المعلَّمة لم تُراجع بعد.",
        "draft_title": "مسودة",
        "articles": "المقالات",
        "editions": "الطبعات",
        "languages": "اللغات",
        "notes": "ملاحظات",
        "image": "صورة",
        "correction": "تصحيح، {date}:",
        "correction_default": "صُحّح هذا المقال منذ نشره أول مرة.",
    },
    "zh": {
        "byline": "作者：{author}",
        "photo": "图片：{credit}",
        "draft": "草稿：请勿发布。标记的句子尚未审校。",
        "draft_title": "草稿",
        "articles": "文章",
        "editions": "版本",
        "languages": "语言",
        "notes": "注释",
        "image": "图片",
        "correction": "更正，{date}：",
        "correction_default": "本文自首次发布以来已更正。",
    },
    "ru": {
        "byline": "Автор: {author}",
        "photo": "Фото: {credit}",
        "draft": "Черновик: не для публикации. Отмеченные предложения ещё не проверены.",
        "draft_title": "Черновик",
        "articles": "Статьи",
        "editions": "Издания",
        "languages": "Языки",
        "notes": "Примечания",
        "image": "Изображение",
        "correction": "Исправление, {date}:",
        "correction_default": "Эта статья была исправлена после первой публикации.",
    },
}


def label(key: str, lang: str, **values: str) -> str:
    """tx's own wording ``key`` in ``lang`` (English when there is none), filled in."""
    table = LABELS.get(base(lang), LABELS["en"])
    return table.get(key, LABELS["en"][key]).format(**values)


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
    where = locale(lang)
    if date is None or where is None:
        return value
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(date, format="long", locale=where))


def author_names(author: str, source_lang: str) -> list[str]:
    """The names in a byline as the source writes it ("Maria Keller and Tom O'Neill", "A, B
    and C", "A; B"), split by the source language's own list words (from Babel)."""
    names = [author]
    separators = [";", " & ", *_list_separators(source_lang)]
    for separator in sorted(set(separators), key=len, reverse=True):
        names = [part for name in names for part in name.split(separator)]
    return [name.strip() for name in names if name.strip()]


def _list_separators(lang: str) -> list[str]:
    where = locale(lang)
    if where is None:
        return [", "]
    from babel.lists import format_list

    found = []
    for style in ("standard",):
        two = str(format_list(["\x01", "\x02"], style=style, locale=where))
        three = str(format_list(["\x01", "\x02", "\x03"], style=style, locale=where))
        found.append(two.split("\x01", 1)[1].split("\x02", 1)[0])
        found.append(three.split("\x01", 1)[1].split("\x02", 1)[0])
        found.append(three.split("\x02", 1)[1].split("\x03", 1)[0])
    return [separator for separator in found if separator.strip(" ")]


def byline(author: str, source_lang: str, lang: str) -> str:
    """The byline of an edition in ``lang``: "Por Maria Keller y Tom O'Neill" (the names
    joined by Babel's list format of ``lang``)."""
    names = author_names(author, source_lang)
    where = locale(lang)
    if len(names) > 1 and where is not None:
        from babel.lists import format_list

        joined = str(format_list(names, locale=where))
    else:
        joined = ", ".join(names)
    return label("byline", lang, author=joined)


def correction_text(item: Edition) -> str:
    """The words of an edition's correction notice: its article's ``correction:`` (translated
    like the text) or tx's own default sentence in the edition's language."""
    return item.article.meta.get("correction", "") or label("correction_default", item.lang)
