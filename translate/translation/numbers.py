"""A number in a translation found by its value, however the translation writes it, and a new
number written in the same style.

A reviewer writes a number the way their language and house style do: "80%" in the source
may be "80 %", "80\u00a0%" or "80\u202f%" in Spanish or French, and "1,200" may be "1.200",
"1 200" or "1200". ``replace_once`` finds the one place in a reviewed translation where the
old number stands (by its digits, with any group separator, either decimal mark and any
space or none before a percent sign) and writes the new number with the separators and the
space the reviewer used there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_GROUP = "[.,\u00a0\u202f ]"  # what separates groups of three digits in some language
_SPACE = "[ \u00a0\u202f]"  # what a language puts, or not, before a percent sign
_SHAPE = re.compile(r"(\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?)(\s?)(%?)")


@dataclass(frozen=True)
class Number:
    """A number's value as digits: the whole part, the decimals (as many as written) and
    whether it is a percentage."""

    whole: str
    fraction: str
    percent: bool


def parse(text: str, lang: str) -> Number | None:
    """The value of a number as written in ``lang`` ("1,200.5" in English, "1.200,5" in
    Spanish), or ``None`` when it is not one."""
    shape = _SHAPE.fullmatch(text.strip())
    if shape is None:
        return None
    body = shape.group(1)
    if re.fullmatch(r"\d+", body):
        value = Decimal(body)
    else:
        from babel import numbers

        try:
            value = numbers.parse_decimal(body, locale=lang.replace("-", "_"), strict=True)
        except (numbers.NumberFormatError, ValueError, InvalidOperation, LookupError):
            return None
    whole, _, fraction = f"{value:f}".partition(".")
    return Number(whole, fraction, bool(shape.group(3)))


def pattern(number: Number) -> re.Pattern[str]:
    """Every way of writing ``number`` in a sentence, as a whole (not inside a longer word
    or number): groups with any separator or none, either decimal mark, a percent sign with
    any space or none before it."""
    head = len(number.whole) % 3 or 3
    groups = [number.whole[:head]] + [
        number.whole[i : i + 3] for i in range(head, len(number.whole), 3)
    ]
    whole = groups[0] + "".join(f"{_GROUP}?{group}" for group in groups[1:])
    fraction = f"[.,]{number.fraction}" if number.fraction else ""
    percent = f"(?P<space>{_SPACE}?)%" if number.percent else ""
    return re.compile(
        rf"(?<![\w.,])(?P<whole>{whole})(?P<fraction>{fraction}){percent}(?![\w]|[.,]\d)"
    )


def replace_once(
    old_source: str, new_source: str, new_rendering: str, target: str, source_lang: str
) -> tuple[int, int, str] | None:
    """Where the number ``old_source`` (as the source language writes it) stands in
    ``target``, exactly once, and ``new_source`` written in the style found there: (start,
    end, text). ``new_rendering`` (the new number written the target language's way) decides
    what the found writing cannot show (the separator of a number below 1,000 that grows
    past it). ``None`` when the number is not in ``target`` exactly once."""
    old, new = parse(old_source, source_lang), parse(new_source, source_lang)
    if old is None or new is None:
        return None
    hits = list(pattern(old).finditer(target))
    if len(hits) != 1:
        return None
    found = hits[0]
    return found.start(), found.end(), _written_like(new, found, new_rendering)


def _written_like(new: Number, found: re.Match[str], rendering: str) -> str:
    whole_text = found.group("whole")
    separators = [char for char in whole_text if not char.isdigit()]
    default = _SHAPE.fullmatch(rendering.strip())
    default_body = default.group(1) if default else new.whole
    if separators:
        whole = _grouped(new.whole, separators[0])
    elif len(whole_text) >= 4:  # the reviewer writes thousands without a separator
        whole = new.whole
    else:  # nothing to go by: as the target language writes it
        whole = re.split(r"[.,](?=\d+$)", default_body)[0] if new.fraction else default_body
    text = whole
    if new.fraction:
        mark = found.group("fraction")[:1] or _decimal_mark(default_body, new)
        text += mark + new.fraction
    if new.percent:
        space = found.groupdict().get("space")
        text += (space if space is not None else (default.group(2) if default else "")) + "%"
    return text


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def _decimal_mark(body: str, number: Number) -> str:
    """The decimal mark the target language's writing of ``number`` uses ("," or ".")."""
    if number.fraction and body.endswith(number.fraction) and len(body) > len(number.fraction):
        return body[-len(number.fraction) - 1]
    return "."
