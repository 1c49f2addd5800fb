"""The checks of a QA pass that need no glossary: what a careful reviewer catches by eye.

Each compares the translation with its source, so that what the source does on purpose (a
quotation opened in one sentence and closed in the next, a heading without a full stop) is
not held against the translation:

- ``spacing``: a double space the source does not have;
- ``repeated-word``: a word written twice in a row ("de de") that the source does not repeat
  (a few repetitions a language writes on purpose, such as French "nous nous", are allowed);
- ``punctuation``: the sentence ends differently from its source (full stop, question or
  exclamation mark, colon, ellipsis), in the way the target language writes it: Chinese and
  Japanese with full-width marks (。？！：), Arabic, Persian and Urdu with ؟ for a question,
  Spanish with the opening ¿ and ¡ as well;
- ``brackets`` and ``quotes``: brackets or quotation marks left open or closed that the
  source leaves balanced (or the other way round), quotation marks counted as the target
  language pairs them (German „…“ and »…«, French and Spanish «…», Chinese “…” and 「…」);
- ``markup``: bold, italic, code, links or footnote references of the source's inline Markdown
  missing from the translation, or added to it.

Every check runs in time linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from translate.languages import base
from translate.models import Flag

_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_REPEATED = re.compile(r"\b(\w{1,50})\s+(\1)\b", re.IGNORECASE)
# Repetitions a language writes on purpose.
_ALLOWED_REPEATS = {
    "en": {"had", "that"},
    "fr": {"nous", "vous"},
    "de": {"die", "der", "das", "sie"},
    "nl": {"die", "dat"},
}
# What may follow a sentence's final mark: closing quotes and brackets, footnote marks.
_TRAILING = "\"'»«”“’‘)]}」』》〉›‹ \u00a0\u202f*_"

_PERIOD, _QUESTION, _EXCLAIM, _COLON, _ELLIPSIS, _SEMICOLON = (
    "full stop", "question mark", "exclamation mark", "colon", "ellipsis", "semicolon",
)  # fmt: skip
_ENDINGS = {
    ".": _PERIOD, "。": _PERIOD, "．": _PERIOD, "।": _PERIOD, "۔": _PERIOD,
    "?": _QUESTION, "？": _QUESTION, "؟": _QUESTION, ";": _SEMICOLON,
    "!": _EXCLAIM, "！": _EXCLAIM, ":": _COLON, "：": _COLON, "…": _ELLIPSIS,
    "；": _SEMICOLON, "؛": _SEMICOLON,
}  # fmt: skip
_FULL_WIDTH = {_PERIOD: "。", _QUESTION: "？", _EXCLAIM: "！", _COLON: "：", _SEMICOLON: "；"}
_ARABIC = {_QUESTION: "؟", _SEMICOLON: "؛"}
_FULL_WIDTH_LANGS = {"zh", "ja"}
_ARABIC_SCRIPT_LANGS = {"ar", "fa", "ur", "ps"}

_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"), ("（", "）"), ("【", "】"))
_QUOTE_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("„", "“"), ("»", "«")),
    "cs": (("„", "“"),),
    "zh": (("“", "”"), ("「", "」"), ("『", "』"), ("《", "》")),
    "ja": (("「", "」"), ("『", "』")),
    "default": (("“", "”"), ("«", "»")),
}


def check(source: str, target: str, source_lang: str, target_lang: str) -> tuple[Flag, ...]:
    """Every QA problem of ``target`` as a translation of ``source``."""
    flags: list[Flag] = []
    flags.extend(_spacing(source, target))
    flags.extend(_repeated_words(source, target, target_lang))
    flags.extend(_final_punctuation(source, target, target_lang))
    flags.extend(_balance(source, target, source_lang, target_lang))
    flags.extend(_markup(source, target))
    return tuple(flags)


def _spacing(source: str, target: str) -> list[Flag]:
    if _DOUBLE_SPACE.search(target) and not _DOUBLE_SPACE.search(source):
        found = _DOUBLE_SPACE.search(target)
        assert found is not None
        around = target[max(0, found.start() - 12) : found.end() + 12].strip()
        return [Flag("spacing", f"double space in the translation: '{around}'")]
    return []


def _repeated_words(source: str, target: str, lang: str) -> list[Flag]:
    allowed = _ALLOWED_REPEATS.get(base(lang), set())
    in_source = {m.group(1).casefold() for m in _REPEATED.finditer(source)}
    repeated = [
        m.group(0)
        for m in _REPEATED.finditer(target)
        if m.group(1).casefold() not in allowed | in_source and not m.group(1).isdigit()
    ]
    if not repeated:
        return []
    return [Flag("repeated-word", f"word repeated: '{repeated[0]}'")]


def _ending(text: str) -> tuple[str | None, str]:
    """The kind of a text's final mark (``None`` when it has none) and the mark itself."""
    stripped = text.rstrip(_TRAILING)
    if stripped.endswith("...") or stripped.endswith("……"):
        return _ELLIPSIS, stripped[-3:] if stripped.endswith("...") else "……"
    if not stripped:
        return None, ""
    mark = stripped[-1]
    return _ENDINGS.get(mark), mark


def _final_punctuation(source: str, target: str, lang: str) -> list[Flag]:
    kind, _ = _ending(source)
    found, mark = _ending(target)
    language = base(lang)
    flags = []
    if kind != found and not (kind is None and found in (_PERIOD, _COLON)):
        if kind is None:
            message = f"the translation ends with a {found} the source does not have"
        elif found is None:
            message = f"the {kind} at the end of the source is missing from the translation"
        else:
            message = f"the source ends with a {kind}, the translation with a {found}"
        flags.append(Flag("punctuation", message))
    elif found is not None and mark:
        expected = _expected_mark(found, language)
        if expected and mark != expected and found != _ELLIPSIS:
            flags.append(
                Flag(
                    "punctuation",
                    f"the {found} is written '{mark}'; {_name(language)} writes '{expected}'",
                )
            )
    if language == "es" and found in (_QUESTION, _EXCLAIM):
        opening = "¿" if found == _QUESTION else "¡"
        if opening not in target:
            flags.append(
                Flag("punctuation", f"the {found} has no opening '{opening}' (Spanish opens it)")
            )
    return flags


def _expected_mark(kind: str, language: str) -> str | None:
    if language in _FULL_WIDTH_LANGS:
        return _FULL_WIDTH.get(kind)
    if language in _ARABIC_SCRIPT_LANGS:
        return _ARABIC.get(kind)
    if kind == _QUESTION:
        return "?"
    if kind == _EXCLAIM:
        return "!"
    return None


def _name(language: str) -> str:
    return {"zh": "Chinese", "ja": "Japanese", "ar": "Arabic", "fa": "Persian"}.get(
        language, language
    )


def _balance(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    flags = []
    open_source = _open(source, _BRACKETS)
    open_target = _open(target, _BRACKETS)
    if sum(open_source.values()) != sum(open_target.values()):
        flags.append(Flag("brackets", f"unbalanced brackets: {_describe(open_target)}"))
    quotes_source = _open(source, _quote_pairs(source_lang))
    quotes_target = _open(target, _quote_pairs(target_lang))
    straight_source, straight_target = source.count('"') % 2, target.count('"') % 2
    if sum(quotes_source.values()) + straight_source != (
        sum(quotes_target.values()) + straight_target
    ):
        pairs = " ".join(f"{o}{c}" for o, c in _quote_pairs(target_lang))
        flags.append(
            Flag(
                "quotes",
                f"unbalanced quotation marks: {_describe(quotes_target)} "
                f"({_name(base(target_lang))} pairs {pairs})"
                if quotes_target
                else "unbalanced quotation marks: the source leaves one open or closes one "
                "the translation does not",
            )
        )
    return flags


def _quote_pairs(lang: str) -> tuple[tuple[str, str], ...]:
    return _QUOTE_PAIRS.get(base(lang), _QUOTE_PAIRS["default"])


def _open(text: str, pairs: tuple[tuple[str, str], ...]) -> Counter[str]:
    """How many of each pair ``text`` leaves open (positive) or closes unopened (negative),
    keyed by the pair written as its two marks."""
    found: Counter[str] = Counter()
    for opener, closer in pairs:
        balance = text.count(opener) - text.count(closer)
        if balance:
            found[opener + closer] = balance
    return found


def _describe(balance: Counter[str]) -> str:
    if not balance:
        return "all closed, where the source leaves one open"
    parts = []
    for pair, count in balance.items():
        if count > 0:
            parts.append(f"'{pair[0]}' opened {count} time(s) more than '{pair[1]}' closes")
        else:
            parts.append(f"'{pair[1]}' closes {-count} time(s) more than '{pair[0]}' opened")
    return "; ".join(parts)


_MARKUP_KINDS = (
    ("strong", "bold"),
    ("emphasis", "italic"),
    ("code", "code"),
    ("href", "link"),
    ("note", "footnote reference"),
)


def _markup(source: str, target: str) -> list[Flag]:
    from translate.source.inline import parse_inline

    source_spans, target_spans = parse_inline(source), parse_inline(target)
    flags = []
    for attribute, label in _MARKUP_KINDS:
        wanted = _stretches(source_spans, attribute)
        got = _stretches(target_spans, attribute)
        if got < wanted:
            flags.append(Flag("markup", f"inline formatting lost: {wanted - got} {label}"))
        elif got > wanted:
            flags.append(Flag("markup", f"inline formatting added: {got - wanted} {label}"))
    return flags


def _stretches(spans: tuple[Any, ...], attribute: str) -> int:
    """How many stretches of spans have ``attribute`` set (a link counts once per address)."""
    count, previous = 0, None
    for span in spans:
        value = getattr(span, attribute)
        if value and value != previous:
            count += 1
        previous = value
    return count
