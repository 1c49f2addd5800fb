"""Numbers as a reader understands them, so that a translation is checked for the quantities
of its source and not for its digits.

Each language writes the same quantity its own way: "€43 billion" is "43.000 millones de
euros", "43 Milliarden Euro", "43 млрд євро" and "430亿欧元"; "7.30" is "7:30", "7 h 30" and
"7点30分"; "5/2/2026" (an English date, month first) is "2 de mayo de 2026" and "2. Mai 2026".
A ``Quantity`` holds every reading of what was written (a value, a time of day, a day of a
month); a source quantity is found in the translation when one of its readings is.

Separators are read the language's way (Babel's CLDR data): "1.200" is twelve hundred in
Spanish and German, "1,8" one point eight. Percent signs and currencies before or after the
number do not change its value; trailing zeros do not either ("712.40" is "712,4").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from translate.glossary.morphology import base_lang

# Scale words: the first of each pair is a pattern matched right after a number.
_SCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (
        (r"thousand", 3),
        (r"million|mn|m(?=\b)", 6),
        (r"billion|bn", 9),
        (r"trillion|tn", 12),
    ),
    "es": (
        (r"mil\s+millones", 9),
        (r"mil(?!l)", 3),
        (r"millón|millones|mill\.", 6),
        (r"billón|billones", 12),
    ),
    "fr": ((r"mille", 3), (r"millions?", 6), (r"milliards?|Mds?", 9), (r"billions?", 12)),
    "de": (
        (r"Tausend", 3),
        (r"Million(?:en)?|Mio\.?", 6),
        (r"Milliarden?|Mrd\.?", 9),
        (r"Billion(?:en)?", 12),
    ),
    "uk": ((r"тисяч\w*|тис\.", 3), (r"мільйон\w*|млн", 6), (r"мільярд\w*|млрд", 9), (r"трлн", 12)),
    "ru": ((r"тысяч\w*|тыс\.", 3), (r"миллион\w*|млн", 6), (r"миллиард\w*|млрд", 9), (r"трлн", 12)),
    "zh": ((r"万亿", 12), (r"亿", 8), (r"万", 4), (r"千", 3)),
    "ja": ((r"兆", 12), (r"億", 8), (r"万", 4), (r"千", 3)),
}
_AMBIGUOUS_SCALES = frozenset({"m"})
_MAX_PAIRING = 100  # quantities past this many, read differently on each side, stay unpaired
_SPACE_GROUPS = frozenset({"es"})  # besides languages whose CLDR group separator is a space
# An address is tried from a word's start only, so the search stays linear.
_URL = re.compile(r"(?:https?|ftp)://\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMERIC_DATE = re.compile(r"(?<![\d/.,-])(\d{1,4})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")
_EAST_ASIAN_DATE = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
_EAST_ASIAN_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])月")


@dataclass(frozen=True)
class Quantity:
    """A quantity as written in a text, with every reading of it (``n:43000000000``,
    ``t:7:30``, ``d:5-2``)."""

    text: str
    readings: frozenset[str]
    optional: bool = False  # a month named without a day: never missing, but may be matched


def quantities(text: str, lang: str) -> list[Quantity]:
    """The quantities written in ``text`` in ``lang``; numeric dates are read in the order
    the language writes them (CLDR: English month first, most others day first)."""
    lang = base_lang(lang)
    found: list[Quantity] = []
    chars = list(_URL.sub(lambda m: " " * len(m.group()), text))

    def take(match: re.Match[str], readings: set[str]) -> None:
        found.append(Quantity(match.group().strip(), frozenset(readings)))
        chars[match.start() : match.end()] = " " * (match.end() - match.start())

    def rest() -> str:
        return "".join(chars)

    month_first = _month_first(lang)
    for match in list(_NUMERIC_DATE.finditer(rest())):
        day_month = _numeric_date(match, month_first)
        if day_month is not None:
            year = match.group(1) if len(match.group(1)) == 4 else match.group(4)
            take(match, {day_month})
            full = int(year) + (2000 if len(year) == 2 else 0)
            found.append(Quantity(year, frozenset({f"n:{full}"})))
    for pattern, order in _word_dates(lang):
        for match in list(pattern.finditer(rest())):
            month = _month_number(match.group(order[0]), lang)
            day = int(match.group(order[1]))
            if month and 1 <= day <= 31:
                take(match, {f"d:{month}-{day}"})
    for match in list(_EAST_ASIAN_DATE.finditer(rest())):
        take(match, {f"d:{int(match.group(1))}-{int(match.group(2))}"})
    for match in list(_EAST_ASIAN_MONTH.finditer(rest())):
        take(match, {f"m:{int(match.group(1))}"})  # 2026年5月: the month of "May 2026"
    for match in list(_month_names(lang).finditer(rest())):
        month = _month_number(match.group(), lang)
        if month:
            found.append(Quantity(match.group(), frozenset({f"m:{month}"}), optional=True))
    for match in list(_time_pattern(lang).finditer(rest())):
        if match.group(1) is not None:
            take(match, {f"t:{int(match.group(1))}:{match.group(2)}"})
        else:  # "21 Uhr", "21 h": on the hour
            take(match, {f"t:{int(match.group(3))}:00"})
    for match in list(_number_pattern(lang).finditer(rest())):
        readings = _number_readings(match, lang)
        if readings:
            take(match, readings)
    return found


def unmatched(
    source: Sequence[Quantity], target: Sequence[Quantity]
) -> tuple[list[Quantity], list[Quantity]]:
    """The source quantities the target lacks and the target quantities the source lacks,
    pairing each source quantity with at most one target quantity that shares a reading.

    Quantities read alike on both sides are paired first; the few left (a "7.30" that may be
    a time or a number) are paired by augmenting paths, so the result is a largest pairing.
    """
    waiting: dict[frozenset[str], list[int]] = {}
    for j, quantity in enumerate(target):
        waiting.setdefault(quantity.readings, []).append(j)
    left: list[int] = []
    paired: set[int] = set()
    for i, quantity in enumerate(source):
        same = waiting.get(quantity.readings)
        if same:
            paired.add(same.pop())
        else:
            left.append(i)
    rest = [j for j in range(len(target)) if j not in paired]
    pair: dict[int, int] = {}  # target index -> source index

    def place(i: int, seen: set[int]) -> bool:
        for j in rest:
            if j in seen or not (source[i].readings & target[j].readings):
                continue
            seen.add(j)
            if j not in pair or place(pair[j], seen):
                pair[j] = i
                return True
        return False

    by_reading: dict[str, list[int]] = {}
    for j in reversed(rest):
        for reading in target[j].readings:
            by_reading.setdefault(reading, []).append(j)
    for i in left:  # first come, first served; augmenting paths only for what is left over
        for reading in source[i].readings:
            free = by_reading.get(reading, [])
            while free and free[-1] in pair:
                free.pop()
            if free:
                pair[free.pop()] = i
                break
    unplaced = [i for i in left if i not in set(pair.values())]
    for i in unplaced[:_MAX_PAIRING]:
        place(i, set())
    placed = set(pair.values())
    missing = [source[i] for i in left if i not in placed and not source[i].optional]
    extra = [target[j] for j in rest if j not in pair and not target[j].optional]
    return missing, extra


@functools.lru_cache(maxsize=64)
def _time_pattern(lang: str) -> re.Pattern[str]:
    """Times of day that cannot be anything else: 7:30 everywhere, 7 h 30 in French, 7点30分
    in Chinese and Japanese; on the hour, 21 Uhr in German and 21 h in French."""
    marks = [r"\s?:\s?"] + ([r"\s?h\s?"] if lang == "fr" else [])
    marks += ["[点時时]"] if lang in ("zh", "ja") else []
    start = r"(?<![\d.,:])([01]?\d|2[0-4])"
    pattern = rf"{start}(?:{'|'.join(marks)})([0-5]\d)(?:分)?(?!\d)"
    hours = {"de": r"\s?Uhr(?!\w)", "fr": r"\s?h(?!\w)"}.get(lang)
    if hours:
        pattern += rf"|{start}{hours}"
    return re.compile(pattern)


# --- reading numbers ---------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _symbols(lang: str) -> tuple[str, str]:
    """The decimal and group separators of a language."""
    from babel import Locale, UnknownLocaleError

    try:
        symbols = Locale.parse(lang).number_symbols["latn"]
    except (UnknownLocaleError, ValueError, KeyError):
        return ".", ","
    return symbols.get("decimal", "."), symbols.get("group", ",")


@functools.lru_cache(maxsize=64)
def _number_pattern(lang: str) -> re.Pattern[str]:
    group = _symbols(lang)[1]
    spaced = group.isspace() or lang in _SPACE_GROUPS
    separator = r"[.,\u00a0\u202f ]" if spaced else r"[.,]"
    scales = "|".join(p for p, _ in sorted(_SCALES.get(lang, ()), key=lambda s: -len(s[0])))
    scale = rf"(?:\s*(?P<scale>{scales}))?" if scales else ""
    word_end = "" if lang in ("zh", "ja") else r"(?!\w)"
    grouped = rf"\d{{1,3}}(?:{separator}\d{{3}})+(?:[.,]\d+)?"
    body = rf"(?<![\d.,])(?P<number>{grouped}(?![\d])|\d+(?:[.,]\d+)?)(?!\d)"
    return re.compile(body + (rf"(?:{scale}{word_end})?" if scale else ""), re.IGNORECASE)


def _number_readings(match: re.Match[str], lang: str) -> set[str]:
    written = match.group("number")
    value = _value(written, lang)
    if value is None:
        return set()
    readings = set()
    scale = match.groupdict().get("scale")
    exponent = _scale_exponent(scale, lang) if scale else 0
    readings.add("n:" + _plain(value.scaleb(exponent)))
    if scale and scale.casefold() in _AMBIGUOUS_SCALES:
        readings.add("n:" + _plain(value))  # "5m": five million, or five metres
    time = re.fullmatch(r"([01]?\d|2[0-4])\.([0-5]\d)", written)
    if time and not scale:
        readings.add(f"t:{int(time.group(1))}:{time.group(2)}")
    return readings


def _value(written: str, lang: str) -> Decimal | None:
    decimal, _ = _symbols(lang)
    separators = re.findall(r"[.,\u00a0\u202f ]", written)
    text = written
    if separators:
        last = separators[-1]
        tail = written.rsplit(last, 1)[1]
        is_decimal = len(tail) != 3 or (last == decimal and len(separators) == 1)
        if len(set(separators)) > 1:
            is_decimal = True  # 1.234,5 or 1,234.5: the last separator is the decimal one
        if is_decimal:
            head, tail = written.rsplit(last, 1)
            text = re.sub(r"\D", "", head) + "." + tail
        else:
            text = re.sub(r"\D", "", written)
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _scale_exponent(word: str, lang: str) -> int:
    for pattern, exponent in _SCALES.get(lang, ()):
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return exponent
    return 0


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


# --- reading dates -----------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _month_first(lang: str) -> bool:
    """Whether numeric dates in ``lang`` put the month before the day (CLDR's short date)."""
    from babel import Locale, UnknownLocaleError

    try:
        pattern = Locale.parse(lang.replace("-", "_")).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, KeyError):
        return False
    return bool(pattern.find("M") < pattern.find("d"))


def _numeric_date(match: re.Match[str], month_first: bool) -> str | None:
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
def _months(lang: str) -> dict[str, int]:
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
def _word_dates(lang: str) -> tuple[tuple[re.Pattern[str], tuple[int, int]], ...]:
    names = sorted(_months(lang), key=len, reverse=True)
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
def _month_names(lang: str) -> re.Pattern[str]:
    """Month names written alone, capitalised where the language capitalises them (so the
    English "may" of "it may rain" is no month)."""
    names = sorted((n for n in _months(lang) if len(n) >= 3), key=len, reverse=True)
    if not names:
        return re.compile(r"(?!)")
    capitals = lang in ("en", "de")
    words = "|".join(re.escape(n.title() if capitals else n) for n in names)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", 0 if capitals else re.IGNORECASE)


def _month_number(name: str, lang: str) -> int | None:
    return _months(lang).get(name.casefold().rstrip("."))
