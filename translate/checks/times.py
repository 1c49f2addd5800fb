"""Times of day as each language writes them ("19.30 Uhr", "à 19 h 30", "7点半", "7:30 p.m."),
read by value with the half of the day their words give, for the quantity check."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=64)
def time_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """Times of day: ``h:mm`` everywhere, and each language's own ways ("19.30 Uhr", "19 h 30",
    "19h30", "alle 19.30", "o godz. 19.30", "a las 8", "7点半", "午後7時半", "الساعة 10",
    "10 ч.", "7:30 p.m."), each with the words that give the half of the day."""
    hour = r"(?P<h>[01]?\d|2[0-4])"
    minutes = r"(?P<m>[0-5]\d)"
    start = r"(?<![\d.,:])"
    forms = []
    dotted = rf"{start}{hour}(?:[.:]{minutes})?(?!\d)"
    if lang in ("fr", "pt"):
        forms.append(rf"{start}{hour}\s?h\s?(?:{minutes})?(?![\w])")
    if lang in ("zh", "ja"):
        forms.append(rf"{start}{hour}(?:[点时]|時(?!間))(?:钟)?(?:{minutes}分?|(?P<half>半))?")
    words = {
        "de": rf"{dotted}\s?Uhr(?!\w)",
        "uk": rf"{dotted}\s?(?:год\.|годин\w*)",
        "ru": rf"{dotted}\s?(?:ч\.|час(?:а|ов)?(?!\w))",
        "pl": rf"(?:godz\.|godzin[iay])\s?{dotted}(?![\d.,]\d)",
        "it": rf"(?<!\w)alle\s(?:ore\s)?{dotted}(?![\d,]|\.\d)",
        "es": rf"(?<!\w)a\slas\s{dotted}(?![\d,]|\.\d)",
        "pt": rf"(?<!\w)às\s{dotted}(?![\d,h]|\.\d)",
        "ar": rf"الساعة\s?{dotted}(?![\d,]|\.\d)",
        "en": rf"{dotted}\s?(?:[ap]\.\s?m\.?|[ap]m)(?!\w)",
    }
    # The language's own words first ("19.30 Uhr" is one time, not "19.30" and a word).
    ordered = [words[lang]] if lang in words else []
    ordered += [*forms, rf"{start}{hour}\s?:\s?{minutes}(?!\d)"]
    return tuple(re.compile(form, re.IGNORECASE) for form in ordered)


# The words for the two halves of the day, after the time (before it in Chinese and Japanese).
_HALVES: dict[str, tuple[str, str]] = {
    "en": (r"a\.\s?m\.?|am", r"p\.\s?m\.?|pm|in the evening|at night"),
    "es": (r"a\.\s?m\.|de la mañana|de la madrugada", r"p\.\s?m\.|de la tarde|de la noche"),
    "fr": (r"du matin", r"de l['’]après-midi|du soir"),
    "de": (r"morgens|früh|vormittags", r"abends|nachmittags|nachts"),
    "it": (r"del mattino|di mattina|della mattina", r"di sera|della sera|del pomeriggio"),
    "pt": (r"da manhã|da madrugada", r"da tarde|da noite"),
    "pl": (r"rano", r"wieczorem|po południu"),
    "uk": (r"ранку|зранку", r"вечора|увечері|дня"),
    "ru": (r"утра", r"вечера|дня"),
    "ar": (r"صباحا\S*|صباح(?!\w)|فجرا\S*", r"مساء\S*|ليلا\S*|ظهرا\S*|عصرا\S*"),
    "zh": (r"上午|早上|早晨|清晨|凌晨", r"下午|晚上|傍晚|晚间|夜间"),
    "ja": (r"午前|朝", r"午後|夜|夕方"),
}


def time_readings(match: re.Match[str], text: str, lang: str) -> set[str]:
    found = {k: v for k, v in match.groupdict().items() if v is not None}
    if "h" not in found:
        return set()
    hour = int(found["h"])
    minute = "30" if found.get("half") else found.get("m", "00")
    half = half_of_day(match, text, lang)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    readings = {f"t:{hour}:{minute}"}
    if half is None and lang == "en" and 1 <= hour <= 12:
        readings.add(f"t:{hour % 12 + 12}:{minute}")  # "at 7.30": morning or evening
    return readings


@functools.lru_cache(maxsize=64)
def half_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    halves = _HALVES.get(lang)
    if halves is None:
        return None
    am, pm = halves
    if lang in ("zh", "ja"):
        return re.compile(rf"(?:{am})\s*$"), re.compile(rf"(?:{pm})\s*$")
    return (
        re.compile(rf"\s*,?\s*(?:{am})(?!\w)", re.IGNORECASE),
        re.compile(rf"\s*,?\s*(?:{pm})(?!\w)", re.IGNORECASE),
    )


def half_of_day(match: re.Match[str], text: str, lang: str) -> str | None:
    """``am`` or ``pm`` when the time's own words tell its half of the day."""
    written = match.group().casefold()
    if lang == "en":
        if re.search(r"a\.?\s?m", written):
            return "am"
        if re.search(r"p\.?\s?m", written):
            return "pm"
    patterns = half_patterns(lang)
    if patterns is None:
        return None
    am, pm = patterns
    if lang in ("zh", "ja"):
        before = text[max(0, match.start() - 6) : match.start()]
        return "am" if am.search(before) else "pm" if pm.search(before) else None
    if am.match(text, match.end()):
        return "am"
    if pm.match(text, match.end()):
        return "pm"
    return None
