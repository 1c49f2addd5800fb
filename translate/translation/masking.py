"""Placeholders that keep glossary terms, names, URLs, numbers and markup away from engines.

Before a segment goes to an engine, every span that must not be translated freely is replaced
by a placeholder token in the form the engine copies through (``Engine.placeholder``):

- glossary terms with an approved rendering in the target language (restored as that rendering,
  capitalised at a sentence start), and ``keep`` terms (restored as written);
- URLs, e-mail addresses and numbers (restored as written; numbers with separators are written
  the target language's way, "3.5" becoming "3,5" in Spanish);
- inline Markdown: emphasis and strikethrough markers, inline code, footnote references
  (``[^1]``), and the ``[`` and ``](url)`` of links.

After the engine, ``unmask`` puts the spans back and reports every placeholder the engine
dropped, duplicated or mangled, so the pipeline can translate that segment again unmasked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import InvalidOperation
from enum import StrEnum

from translate.models import TermMatch, TermType


class SlotKind(StrEnum):
    """What a placeholder stands for."""

    TERM = "term"
    KEEP = "keep"
    URL = "url"
    EMAIL = "email"
    NUMBER = "number"
    MARKUP = "markup"


@dataclass(frozen=True)
class Slot:
    """One protected span: its placeholder token, the source text and its replacement."""

    token: str
    kind: SlotKind
    source: str
    replacement: str
    glue_left: bool = False
    glue_right: bool = False
    lead: str = ""  # for terms: the source word before the term, or "'s" after it


@dataclass(frozen=True)
class Masked:
    """A text with its protected spans replaced by placeholder tokens."""

    original: str
    text: str
    slots: tuple[Slot, ...]
    target_lang: str = ""


@dataclass(frozen=True)
class Unmasked:
    """The result of putting the spans back: the text and what went wrong, if anything."""

    text: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether every placeholder came back exactly once."""
        return not self.problems


_URL = r"(?:https?|ftp)://[^\s<>()\[\]\"“”]+[^\s<>()\[\]\"“”.,;:!?'’]"
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # tried from a word's start only
# Numbers: digits with optional thousands groups and decimals, an optional percent sign.
_NUMBER = r"(?<![\w.,])\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?:\s?%)?(?![\w])"
_PATTERNS: tuple[tuple[SlotKind, str], ...] = (
    (SlotKind.MARKUP, r"`[^`\n]+`"),  # inline code, kept whole
    # the end of a link: ](url); bounded so that "](x](x..." stays linear
    (SlotKind.MARKUP, r"\]\(\s*[^()\s]{1,2048}(?:\s+\"[^\"\n]{0,300}\")?\s*\)"),
    (SlotKind.MARKUP, r"\[\^[^\[\]\s]{1,64}\]"),  # a footnote reference, "[^1]"
    (SlotKind.MARKUP, r"(?<!\\)\[(?=[^\[\]\n]*\]\()"),  # the start of a link text
    (SlotKind.URL, r"<" + _URL + r">|" + _URL),
    (SlotKind.EMAIL, _EMAIL),
    (
        SlotKind.MARKUP,
        r"~~|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)",
    ),
    (SlotKind.NUMBER, _NUMBER),
)
_PROTECTED = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(_PATTERNS)))
_KINDS = {f"g{i}": kind for i, (kind, _) in enumerate(_PATTERNS)}
_TERMS = (SlotKind.TERM, SlotKind.KEEP)
# At most this many placeholders in one segment: unmasking looks for each in the whole text, so
# the work grows with placeholders times length. Spans past the limit go to the engine as they
# are (the checks still flag a missing term or number).
MAX_SLOTS = 200
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])\.[0-5]\d")
_BEFORE_CLOCK = re.compile(r"(?i:\b(?:at|by|until|till|from|before|after|since)\s+)\Z")


def mask(
    text: str,
    matches: Sequence[TermMatch],
    target_lang: str,
    placeholder: Callable[[int], str],
    *,
    source_lang: str = "en",
) -> Masked:
    """Replace glossary matches and protected spans of ``text`` by placeholders.

    ``matches`` are the glossary occurrences in ``text`` (non-overlapping). Terms without an
    approved rendering in ``target_lang`` are left for the engine.
    """
    spans: list[tuple[int, int, SlotKind, str]] = []
    for match in matches:
        rendering = _term_replacement(match, target_lang)
        if rendering is not None and len(spans) < MAX_SLOTS:
            kind = SlotKind.KEEP if match.term.type is TermType.KEEP else SlotKind.TERM
            spans.append((match.start, match.end, kind, rendering))
    terms = sorted((s, e) for s, e, _, _ in spans)
    next_term = 0  # both are in text order: one pass finds the overlaps
    for found in _PROTECTED.finditer(text):
        if len(spans) >= MAX_SLOTS:
            break
        start, end = found.span()
        while next_term < len(terms) and terms[next_term][1] <= start:
            next_term += 1
        if next_term < len(terms) and terms[next_term][0] < end:
            continue
        kind = _KINDS[found.lastgroup or ""]
        value = found.group()
        if kind is SlotKind.NUMBER:
            if _CLOCK.fullmatch(value) and _BEFORE_CLOCK.search(text[max(0, start - 12) : start]):
                value = value.replace(".", ":")  # a time of day, "at 7.30": 7:30
            else:
                value = localize_number(value, source_lang, target_lang)
        spans.append((start, end, kind, value))
    spans.sort()

    pieces: list[str] = []
    slots: list[Slot] = []
    cursor = 0
    for start, end, kind, replacement in spans:
        token = placeholder(len(slots))
        # Markup glued to a word ("*AFP*") gets spaces around its token so the engine sees
        # words; unmask removes them again.
        glue_left = kind is SlotKind.MARKUP and start > 0 and not text[start - 1].isspace()
        glue_right = kind is SlotKind.MARKUP and end < len(text) and not text[end].isspace()
        pieces.append(text[cursor:start])
        pieces.append(" " * glue_left + token + " " * glue_right)
        lead = _lead(text, start, end) if kind in _TERMS else ""
        slots.append(Slot(token, kind, text[start:end], replacement, glue_left, glue_right, lead))
        cursor = end
    pieces.append(text[cursor:])
    return Masked(text, "".join(pieces), tuple(slots), target_lang)


def _lead(text: str, start: int, end: int) -> str:
    """What the source says about a term's role: "'s" after it, else the word before it."""
    if re.match(r"['’]s\b", text[end : end + 3]):
        return "'s"
    before = re.search(r"([^\W\d_]+)\s+\Z", text[max(0, start - 40) : start])
    return before.group(1).lower() if before else ""


def _term_replacement(match: TermMatch, target_lang: str) -> str | None:
    term = match.term
    rendering = term.target(target_lang)
    if rendering is None:
        return None
    if term.type is TermType.KEEP and rendering == term.source:
        return match.text  # a name stays exactly as the writer wrote it
    return rendering


def unmask(translated: str, masked: Masked, *, use_source: bool = False) -> Unmasked:
    """Put every slot's replacement (or, with ``use_source``, its source text) back.

    A placeholder the engine dropped, duplicated or changed beyond a change of letter case is
    reported in ``problems``; the text then still has the others restored.
    """
    problems: list[str] = []
    lowered = translated.lower()
    for slot in masked.slots:
        found = lowered.count(slot.token.lower())  # as a case-insensitive search finds it
        if found != 1:
            what = "dropped" if not found else f"repeated {found} times"
            problems.append(f"placeholder for '{slot.source}' {what} by the engine")
    text = translated
    for slot in masked.slots:
        value = slot.source if use_source else slot.replacement
        lang = "" if use_source else masked.target_lang
        text = _replace_token(text, slot, value, capitalise=not use_source, lang=lang)
    return Unmasked(text=text, problems=tuple(problems))


def _replace_token(text: str, slot: Slot, value: str, *, capitalise: bool, lang: str) -> str:
    """``text`` with every occurrence of the slot's token (any letter case, with the white
    space around it for glued markup) replaced by ``value``; a term is put into the form the
    words before it need (``translate.glossary.inflection``), which may change the word
    before it too.

    Occurrences are found by plain string search, not a case-insensitive pattern: a segment
    has up to ``MAX_SLOTS`` placeholders and each is looked for in the whole text.
    """
    lowered = text.lower()
    token = slot.token.lower()
    if token not in lowered:
        return text
    if (slot.kind in _TERMS and lang) or len(lowered) != len(text):
        return _replace_token_by_pattern(text, slot, value, capitalise=capitalise, lang=lang)
    pieces: list[str] = []
    cursor = 0
    start = lowered.find(token)
    while start >= 0:
        left, right = start, start + len(token)
        while slot.glue_left and left > cursor and text[left - 1].isspace():
            left -= 1
        while slot.glue_right and right < len(text) and text[right].isspace():
            right += 1
        pieces.append(text[cursor:left])
        if capitalise and slot.kind in _TERMS and _at_sentence_start(text, left):
            pieces.append(value[:1].upper() + value[1:])
        else:
            pieces.append(value)
        cursor = right
        start = lowered.find(token, cursor)
    pieces.append(text[cursor:])
    return "".join(pieces)


_OPENING = frozenset('"“‘«([¿¡*_')
_ENDS = frozenset(".!?。！？")


def _at_sentence_start(text: str, index: int) -> bool:
    """Whether ``text[index]`` starts a sentence: only white space and opening quotes or
    brackets stand between it and the start of the text or a sentence mark and a space."""
    start = index
    while start > 0 and (text[start - 1].isspace() or text[start - 1] in _OPENING):
        start -= 1
    if start == 0:
        return True
    return text[start - 1] in _ENDS and text[start].isspace()


def _replace_token_by_pattern(
    text: str, slot: Slot, value: str, *, capitalise: bool, lang: str
) -> str:
    left = r"\s*" if slot.glue_left else ""
    right = r"\s*" if slot.glue_right else ""
    term = slot.kind in _TERMS and bool(lang)
    previous = r"(?:(?<!\w)(?P<prev>[^\W\d_]+)(?P<gap>\s+))?" if term else ""
    pattern = re.compile(previous + left + re.escape(slot.token) + right, re.IGNORECASE)

    def put(found: re.Match[str]) -> str:
        prev = found.group("prev") or "" if term else ""
        word, inserted = prev, value
        if term:
            from translate.glossary.inflection import fit

            word, inserted = fit(value, prev, lang, slot.lead)
        if prev:
            return word + found.group("gap") + inserted
        if capitalise and slot.kind in _TERMS and _at_sentence_start(text, found.start()):
            return inserted[:1].upper() + inserted[1:]
        return inserted

    return pattern.sub(put, text)


def contains_placeholder(text: str, masked: Masked) -> bool:
    """Whether any of ``masked``'s placeholder tokens is still in ``text``."""
    lowered = text.lower()
    return any(slot.token.lower() in lowered for slot in masked.slots)


_SEPARATED_NUMBER = re.compile(r"^(\d+(?:[.,\u00a0\u202f]\d{3})*)([.,]\d+)?(\s?%)?$")


def localize_number(number: str, source_lang: str, target_lang: str) -> str:
    """Write a number with thousands or decimal separators the target language's way.

    Plain digit runs ("2025", "28") and anything not clearly a number stay as written.
    """
    parsed = _SEPARATED_NUMBER.match(number)
    if parsed is None or not re.search(r"[.,\u00a0\u202f]", number):
        return number
    from babel import Locale, UnknownLocaleError, numbers

    percent = parsed.group(3) or ""
    body = number[: len(number) - len(percent)]
    try:
        value = numbers.parse_decimal(body, locale=source_lang, strict=True)
    except (numbers.NumberFormatError, ValueError, InvalidOperation):
        return number
    decimals = len(parsed.group(2)) - 1 if parsed.group(2) else 0
    try:
        # The target's own pattern with exactly the source's decimals: 712.40 -> 712,40.
        pattern = Locale.parse(target_lang.replace("-", "_")).decimal_formats[None].pattern
        pattern = re.sub(r"\.[0#]+", "." + "0" * decimals if decimals else "", pattern)
        text = numbers.format_decimal(value, format=pattern, locale=target_lang)
    except (ValueError, LookupError, UnknownLocaleError):
        return number
    return text + percent
