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

Every script's digits count: Arabic-Indic and Persian digits with their own separators
("٣٥٬٠٠٠", "١٢٫٥٪") and full-width digits read as the ASCII ones. Scale words and their
abbreviations are read per language ("35 tys.", "2,5 mld", "2,5 miliardi", "2,5 bilhões",
"2.5 مليار", "3万5000人"). A time of day is one quantity compared by value: a 12-hour time with
its half of the day in the language's words ("7:30 p.m.", "7:30 de la tarde", "午後7時半",
"晚上7点半", "7:30 مساءً") is the 24-hour time ("19:30", "19.30 Uhr", "19 h 30", "19h30",
"alle 19.30", "o godz. 19.30"), so "7.30 Uhr" for "7:30 p.m." is flagged. Numbers one to
twelve written as words (num2words' words, in any inflected form) stand for their digits; a
translation's Roman numerals ("XV века"), decade words ("anni Novanta") and the decades of
Chinese ("20世纪90年代") are read as well.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from translate.checks import dates, number_words, times
from translate.glossary.morphology import PYMORPHY_LANGS, base_lang

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
        (r"Tausend|Tsd\.?", 3),
        (r"Million(?:en)?|Mio\.?", 6),
        (r"Milliarden?|Mrd\.?", 9),
        (r"Billion(?:en)?|Bio\.?", 12),
    ),
    "it": ((r"mila", 3), (r"milion[ei]|mln", 6), (r"miliard[oi]|mld", 9), (r"bilion[ei]", 12)),
    # Brazil's bilhão is a thousand million, Portugal's bilião a million million.
    "pt": (
        (r"mil\s+milhões", 9),
        (r"mil(?!h)", 3),
        (r"milhão|milhões|mi", 6),
        (r"bilhão|bilhões|bi", 9),
        (r"trilhão|trilhões|tri|bilião|biliões", 12),
    ),
    "pl": ((r"tys\.|tysi\w*", 3), (r"mln|milion\w*", 6), (r"mld|miliard\w*", 9), (r"bln", 12)),
    "cs": ((r"tis\.|tisíc\w*", 3), (r"mil\.|milion\w*", 6), (r"mld\.|miliard\w*", 9)),
    "uk": (
        (r"тисяч\w*|тис\.", 3),
        (r"мільйон\w*|млн", 6),
        (r"мільярд\w*|млрд", 9),
        (r"трильйон\w*|трлн", 12),
    ),
    "ru": (
        (r"тысяч\w*|тыс\.", 3),
        (r"миллион\w*|млн", 6),
        (r"миллиард\w*|млрд", 9),
        (r"триллион\w*|трлн", 12),
    ),
    "ar": ((r"آلاف|ألف|الف", 3), (r"ملايين|مليون\w*", 6), (r"مليار\w*", 9), (r"تريليون\w*", 12)),
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
# Digits of every script as ASCII, with the Arabic separators and percent sign, one character
# for one so that positions in the text stay the same.
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian (Extended Arabic-Indic)
        **{chr(0x0966 + i): str(i) for i in range(10)},  # Devanagari
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width
        "٫": ".",  # Arabic decimal separator
        "٬": ",",  # Arabic thousands separator
        "٪": "%",
        "：": ":",
        "．": ".",
    }
)
_OTHER_DIGITS = re.compile("[\u0660-\u066c\u06f0-\u06f9\u0966-\u096f\uff10-\uff19：．]")
# East Asian numbers with scale characters: 3万5000, 1亿2000万, 3.5万.
_EAST_ASIAN_SCALED = re.compile(r"(?<![\d.,])(?:\d+(?:\.\d+)?(?:万亿|兆|亿|億|万|千))+\d*(?![\d])")
_MULTIPLIER = re.compile(r"(?<![\d.])(\d{1,2})倍")
_EAST_ASIAN_UNITS = {"万亿": 12, "兆": 12, "亿": 8, "億": 8, "万": 4, "千": 3}
# The decades of Chinese: 20世纪90年代 is the 1990s; 90年代 alone the nineties.
_EAST_ASIAN_DECADE = re.compile(r"(?<!\d)(?:(\d{1,2})(?:世纪|世紀))?(\d0)年代")
# An English decade: the 1990s, the '90s, the 90s (read as 1990 and as 90).
_DECADE = re.compile(r"(?<![\d.,])(?:'|’)?(\d{2}|\d{4})(?:'|’)?s(?!\w)")
# Roman numerals of two letters or more (centuries, popes, wars): XV, XVe, XV-го.
_ROMAN = re.compile(r"(?<![\w])(X{0,3})(IX|IV|V?I{0,3})(?:e|er|ème|-?го|-?й|-?м)?(?![\w])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_CJK_NUMERALS = re.compile("[〇一二三四五六七八九十两兩]+")
_CJK_DIGITS = {"〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_CJK_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
# Forms of number words num2words does not give (it writes the masculine nominative): the
# feminine of Portuguese and Arabic two, the cases of Polish numerals (Polish has no
# dictionary loaded here: simplemma's takes seconds to read; see glossary.morphology).
_FORMS: dict[str, dict[int, str]] = {
    "pt": {2: "duas"},
    "ar": {2: "اثنين اثنتان اثنتين"},
    "pl": {
        2: "dwie dwóch dwu dwoma dwaj",
        3: "trzech trzem trzema trzej",
        4: "czterech czterem czterema czterej",
        5: "pięciu pięcioma",
        6: "sześciu sześcioma",
        7: "siedmiu siedmioma",
        8: "ośmiu ośmioma",
        9: "dziewięciu dziewięcioma",
        10: "dziesięciu dziesięcioma",
        11: "jedenastu jedenastoma",
        12: "dwunastu dwunastoma",
    },
}
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Languages that write "two" as the dual of the noun (سريران), with no number word.
DUAL = frozenset({"ar", "he"})


@dataclass(frozen=True)
class Quantity:
    """A quantity as written in a text, with every reading of it (``n:43000000000``,
    ``t:7:30``, ``d:5-2``)."""

    text: str
    readings: frozenset[str]
    optional: bool = False  # never missing or extra, but may be matched (a month alone)
    word: bool = False  # a number written as a word ("ten")


def quantities(text: str, lang: str) -> list[Quantity]:
    """The quantities written in ``text`` in ``lang``; numeric dates are read in the order
    the language writes them (CLDR: English month first, most others day first)."""
    lang = base_lang(lang)
    found: list[Quantity] = []
    original = text
    if _OTHER_DIGITS.search(text):
        text = text.translate(_DIGITS)
    left = [_URL.sub(lambda m: " " * len(m.group()), text) if "@" in text or "//" in text else text]

    def take(match: re.Match[str], readings: set[str], optional: bool = False) -> None:
        start, end = match.span()
        found.append(Quantity(original[start:end].strip(), frozenset(readings), optional))
        left[0] = left[0][:start] + " " * (end - start) + left[0][end:]

    def rest() -> str:  # the text without what was taken
        return left[0]

    month_first = dates.month_first(lang)
    digits = _ANY_DIGIT.search(text) is not None
    if digits:
        for match in list(_NUMERIC_DATE.finditer(rest())):
            day_month = dates.numeric_date(match, month_first)
            if day_month is not None:
                year = match.group(1) if len(match.group(1)) == 4 else match.group(4)
                take(match, {day_month})
                full = int(year) + (2000 if len(year) == 2 else 0)
                found.append(Quantity(year, frozenset({f"n:{full}"})))
    for pattern, order in dates.word_dates(lang) if digits else ():
        for match in list(pattern.finditer(rest())):
            month = dates.month_number(match.group(order[0]), lang)
            day = int(match.group(order[1]))
            if month and 1 <= day <= 31:
                take(match, {f"d:{month}-{day}"})
    if lang in ("zh", "ja", "ko") or _has_east_asian_chars(text):
        for match in list(_EAST_ASIAN_DATE.finditer(rest())):
            take(match, {f"d:{int(match.group(1))}-{int(match.group(2))}"})
        for match in list(_EAST_ASIAN_DECADE.finditer(rest())):
            decade = int(match.group(2))
            if match.group(1):
                take(match, {f"n:{(int(match.group(1)) - 1) * 100 + decade}"})
            else:
                take(match, {f"n:{decade}", f"n:{1900 + decade}"})
        for match in list(_MULTIPLIER.finditer(rest())):  # 2倍: "doubled" has no digit
            take(match, {f"n:{int(match.group(1))}"}, optional=True)
        for match in list(_EAST_ASIAN_MONTH.finditer(rest())):
            take(match, {f"m:{int(match.group(1))}"})  # 2026年5月: the month of "May 2026"
    for match in list(dates.month_names(lang).finditer(rest())):
        month = dates.month_number(match.group(), lang)
        if month:
            found.append(Quantity(match.group(), frozenset({f"m:{month}"}), optional=True))
    if digits:
        for pattern in times.time_patterns(lang):
            for match in list(pattern.finditer(rest())):
                readings = times.time_readings(match, rest(), lang)
                if readings:
                    take(match, readings)
        for match in list(_DECADE.finditer(rest())) if lang == "en" else ():
            year = match.group(1)
            short = int(year[-2:])
            if short % 10 == 0:
                full = int(year) if len(year) == 4 else 1900 + short
                take(match, {f"n:{full}", f"n:{short}"})
        if lang in _SCALES and any(ch in text for ch in "万亿億兆千"):
            for match in list(_EAST_ASIAN_SCALED.finditer(rest())):
                take(match, {"n:" + _plain(_east_asian_value(match.group()))})
        for match in list(_number_pattern(lang).finditer(rest())):
            readings = _number_readings(match, lang)
            if readings:
                take(match, readings)
    found += _roman_numerals(rest())
    found += _number_words(rest(), lang)
    return found


_ANY_DIGIT = re.compile(r"\d")


def _has_east_asian_chars(text: str) -> bool:
    """Whether ``text`` holds kana or an ideograph (the pattern, whose ranges take
    milliseconds to compile, is built for a text with a character from U+3040 on)."""
    return max(text, default="") >= "\u3040" and _east_asian_chars().search(text) is not None


@functools.cache
def _east_asian_chars() -> re.Pattern[str]:
    return re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def _east_asian_value(written: str) -> Decimal:
    total = Decimal(0)
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)(万亿|兆|亿|億|万|千)?", written):
        total += Decimal(number).scaleb(_EAST_ASIAN_UNITS[unit] if unit else 0)
    return total


def _roman_numerals(text: str) -> list[Quantity]:
    """Roman numerals of two letters or more, as optional quantities: "XV века" may stand
    for a "15th century" of the source, but a numeral is never demanded."""
    if not re.search("[IVX]{2}", text):
        return []
    found = []
    for match in _ROMAN.finditer(text):
        numeral = match.group(1) + match.group(2)
        if len(numeral) < 2:
            continue
        value, previous = 0, 0
        for letter in reversed(numeral):
            digit = _ROMAN_VALUES[letter]
            value += -digit if digit < previous else digit
            previous = max(previous, digit)
        found.append(Quantity(match.group(), frozenset({f"n:{value}"}), optional=True))
    return found


def _number_words(text: str, lang: str) -> list[Quantity]:
    """Numbers written as words. In English, the language tx's sources are written in, two
    to twelve are quantities the translation must have (as news agencies write them in
    words); in other languages a number word is optional: it may stand for a digit of the
    source ("zehn", "dziesięciu", "десяти", "十名"), but "un"/"ein" are never demanded."""
    if lang in ("zh", "ja"):
        return [
            Quantity(m.group(), frozenset({f"n:{value}"}), optional=True, word=True)
            for m in _CJK_NUMERALS.finditer(text)
            if (value := _cjk_value(m.group())) is not None
        ]
    words, pattern, prefixes = _word_table(lang)
    if not words:
        return []
    found = []
    for match in pattern.finditer(text):  # the forms num2words and _FORMS give, as written
        value = words[match.group().casefold().replace("’", "'")]
        required = lang == "en" and value <= 12
        found.append(Quantity(match.group(), frozenset({f"n:{value}"}), not required, word=True))
    if lang in PYMORPHY_LANGS:  # any case form: десяти, двух
        for match in _LETTERS.finditer(text):
            word = match.group().casefold()
            if word[:3] not in prefixes or word in words:
                continue
            value = next((words[k] for k in _word_keys(word, lang) if k in words), None)
            if value is not None:
                found.append(Quantity(match.group(), frozenset({f"n:{value}"}), True, word=True))
    return found


def _word_keys(word: str, lang: str) -> frozenset[str]:
    from translate.glossary.morphology import word_keys

    return word_keys(word, lang)


def _cjk_value(written: str) -> int | None:
    """The value of a Chinese numeral up to 99 (十二, 二十, 两), else ``None``."""
    if "十" not in written:
        return _CJK_DIGITS[written] if len(written) == 1 and written in _CJK_DIGITS else None
    tens, _, units = written.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    high = _CJK_DIGITS.get(tens, 0 if tens else 1) if tens else 1
    low = _CJK_DIGITS.get(units, 0) if units else 0
    return high * 10 + low if (not tens or tens in _CJK_DIGITS) else None


@functools.lru_cache(maxsize=64)
def _word_table(lang: str) -> tuple[dict[str, int], re.Pattern[str], frozenset[str]]:
    """The number words of a language (num2words: two to twelve, and the tens in other
    languages than English), a pattern finding them as written, and the first three letters
    of each for a quick test of other forms."""
    nothing: tuple[dict[str, int], re.Pattern[str], frozenset[str]] = (
        {},
        re.compile("(?!)"),
        frozenset(),
    )
    code = {"pt": "pt_BR"}.get(lang, lang)
    values = list(range(2, 13)) + ([] if lang == "en" else list(range(20, 100, 10)))
    cardinal = number_words.cardinal(code)
    if cardinal is None:
        return nothing
    words: dict[str, int] = {}
    for value in values:
        try:
            written = cardinal(value)
        except (NotImplementedError, KeyError, ValueError, TypeError, AttributeError):
            return nothing
        written = written.casefold().replace("’", "'")
        if " " not in written:
            words[written] = value
            if lang in DUAL and written.endswith("ة"):
                words[written[:-1]] = value  # ثلاث: the form before a feminine noun
    for value, forms in _FORMS.get(lang, {}).items():
        words.update(dict.fromkeys(forms.split(), value))
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?![\w'’])", re.IGNORECASE)
    return words, pattern, frozenset(word[:3] for word in words)


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
        hour = int(time.group(1))
        readings.add(f"t:{hour}:{time.group(2)}")
        if lang == "en" and 1 <= hour <= 12:
            readings.add(f"t:{hour % 12 + 12}:{time.group(2)}")  # "at 7.30": either half
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
