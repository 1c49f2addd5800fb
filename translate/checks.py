"""Checks run on every translation, machine or human: each failure is a ``Flag``.

- glossary: each source occurrence of a term has its approved rendering in the target;
- avoid: no rendering the glossary lists as wrong for the target language appears;
- number and url: the numbers, URLs and e-mail addresses of the source are in the target;
- empty, untranslated (identical to the source), repetition (runaway output).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from translate.models import Flag, Glossary, Term, TermMatch

_URLISH = re.compile(
    r"(?:https?|ftp)://[^\s<>()\[\]\"“”]+[^\s<>()\[\]\"“”.,;:!?'’]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words of at most 50 characters: a runaway repeats short words, and the bound keeps the search
# linear in the text.
_REPEAT = re.compile(r"(\b\S{1,50}(?:\s+\S{1,50}){0,3}?)(?:\s+\1){3,}", re.IGNORECASE)


def check_segment(
    source: str,
    target: str,
    glossary: Glossary,
    target_lang: str,
    matches: Sequence[TermMatch] | None = None,
) -> tuple[Flag, ...]:
    """Every problem found in ``target`` as a translation of ``source`` into ``target_lang``.

    ``matches`` are the glossary occurrences in ``source`` when the caller has them already.
    """
    if matches is None:
        from translate.glossary import find_terms

        matches = find_terms(glossary, source)
    if not target.strip():
        return (Flag("empty", "the translation is empty"),) if source.strip() else ()
    flags: list[Flag] = []
    flags.extend(_glossary_flags(matches, target, target_lang))
    flags.extend(_avoid_flags(glossary.terms, target, target_lang))
    flags.extend(_number_flags(source, target))
    flags.extend(_url_flags(source, target))
    if _untranslated(source, target, matches):
        flags.append(Flag("untranslated", "the translation is identical to the source"))
    repeated = _REPEAT.search(target)
    if repeated or len(target) > 3 * len(source) + 40:
        what = f"'{repeated.group(1)}' repeated" if repeated else "far longer than the source"
        flags.append(Flag("repetition", f"runaway output: {what}"))
    return tuple(flags)


@functools.lru_cache(maxsize=4096)
def term_pattern(rendering: str) -> re.Pattern[str]:
    """A case-insensitive pattern finding ``rendering`` in a text, spaces matching any space,
    starting at a word boundary (the end may carry an inflection such as German "-s")."""
    body = r"\s+".join(re.escape(part) for part in rendering.split())
    start = r"(?<!\w)" if rendering[:1].isalnum() else ""
    return re.compile(start + body, re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def avoid_pattern(wrong: str) -> re.Pattern[str]:
    """Like ``term_pattern``, but the whole word: a wrong rendering never matches inside a
    longer word ("PCC" is not found in "PCCh")."""
    return re.compile(term_pattern(wrong).pattern + r"(?!\w)", re.IGNORECASE)


def _glossary_flags(matches: Sequence[TermMatch], target: str, lang: str) -> list[Flag]:
    needed: Counter[str] = Counter()
    sources: dict[str, str] = {}
    for match in matches:
        rendering = match.term.target(lang)
        if rendering:
            needed[rendering] += 1
            sources.setdefault(rendering, match.term.source)
    flags = []
    for rendering, count in needed.items():
        found = len(term_pattern(rendering).findall(target))
        if found < count:
            times = "" if count == 1 else f" ({found} of {count} occurrences)"
            flags.append(
                Flag("glossary", f"glossary: '{sources[rendering]}' must be '{rendering}'{times}")
            )
    return flags


def _avoid_flags(terms: Sequence[Term], target: str, lang: str) -> list[Flag]:
    flags = []
    for term in terms:
        for wrong in term.avoided(lang):
            if wrong and avoid_pattern(wrong).search(target):
                approved = term.target(lang) or term.source
                flags.append(
                    Flag(
                        "avoid",
                        f"glossary: '{wrong}' is a wrong rendering of '{term.source}'; "
                        f"use '{approved}'",
                    )
                )
    return flags


def _digits(text: str) -> Counter[str]:
    return Counter(re.sub(r"\D", "", found) for found in _NUMBER.findall(_URLISH.sub(" ", text)))


def _number_flags(source: str, target: str) -> list[Flag]:
    missing = _digits(source) - _digits(target)
    extra = _digits(target) - _digits(source)
    flags = []
    if missing:
        flags.append(Flag("number", f"number missing in the translation: {_listing(missing)}"))
    if extra:
        flags.append(Flag("number", f"number not in the source: {_listing(extra)}"))
    return flags


def _url_flags(source: str, target: str) -> list[Flag]:
    missing = Counter(_URLISH.findall(source)) - Counter(_URLISH.findall(target))
    if not missing:
        return []
    return [Flag("url", f"link or address missing in the translation: {_listing(missing)}")]


def _listing(items: Counter[str]) -> str:
    return ", ".join(sorted(items.elements()))


def _untranslated(source: str, target: str, matches: Sequence[TermMatch]) -> bool:
    if " ".join(source.split()) != " ".join(target.split()):
        return False
    rest = source
    for match in sorted(matches, key=lambda m: m.start, reverse=True):
        rest = rest[: match.start] + " " + rest[match.end :]
    return len(_WORD.findall(_URLISH.sub(" ", rest))) >= 2
