"""Dates as each language writes them (numeric day-month order by CLDR, month names, East
Asian 月日), read as day and month for the quantity check."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=64)
def month_first(lang: str) -> bool:
    """Whether numeric dates in ``lang`` put the month before the day (CLDR's short date)."""
    from babel import Locale, UnknownLocaleError

    try:
        pattern = Locale.parse(lang.replace("-", "_")).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, KeyError):
        return False
    return bool(pattern.find("M") < pattern.find("d"))


def numeric_date(match: re.Match[str], month_first: bool) -> str | None:
    first, _, second, third = match.groups()
    if len(first) == 4:  # ISO order, 2026-05-02
        month, day = int(second), int(third)
        return f"d:{month}-{day}" if 1 <= month <= 12 and 1 <= day <= 31 else None
    if len(first) == 3:
        return None
    a, b = int(first), int(second)
    month, day = (a, b) if month_first else (b, a)
    if month > 12 and day <= 12:
        month, day = day, month
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"d:{month}-{day}"


@functools.lru_cache(maxsize=64)
def months(lang: str) -> dict[str, int]:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                if not re.search(r"\d", name):
                    names[name.casefold().rstrip(".")] = number
    return names


@functools.lru_cache(maxsize=64)
def word_dates(lang: str) -> tuple[tuple[re.Pattern[str], tuple[int, int]], ...]:
    names = sorted(months(lang), key=len, reverse=True)
    if not names:
        return ()
    month = "(" + "|".join(re.escape(n) for n in names) + r")\.?"
    day_first = rf"(?<![\d.,])(\d{{1,2}})(?:\.|er|-?(?:го|е))?\s+(?:de\s+)?{month}(?!\w)"
    month_first = rf"(?<!\w){month}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])"
    return (
        (re.compile(day_first, re.IGNORECASE), (2, 1)),
        (re.compile(month_first, re.IGNORECASE), (1, 2)),
    )


@functools.lru_cache(maxsize=64)
def month_names(lang: str) -> re.Pattern[str]:
    """Month names written alone, capitalised where the language capitalises them (so the
    English "may" of "it may rain" is no month)."""
    names = sorted((n for n in months(lang) if len(n) >= 3), key=len, reverse=True)
    if not names:
        return re.compile(r"(?!)")
    capitals = lang in ("en", "de")
    words = "|".join(re.escape(n.title() if capitals else n) for n in names)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", 0 if capitals else re.IGNORECASE)


def month_number(name: str, lang: str) -> int | None:
    return months(lang).get(name.casefold().rstrip("."))
