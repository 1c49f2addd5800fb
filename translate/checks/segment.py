"""Checks run on every translation, machine or human: each failure is a ``Flag``.

- glossary: each source occurrence of a term has its approved rendering (or a listed variant)
  in the target, in any inflected form where the language declines
  (``translate.glossary.renderings``);
- avoid: no rendering the glossary lists as wrong for the target language appears, in any form;
- agreement: no Spanish or French article disagrees with the gender of a term (``Un Casa
  Blanca``; ``translate.checks.agreement``);
- number: the quantities of the source are in the target, however the language writes them
  (``translate.checks.quantities``); url: its URLs and e-mail addresses are;
- empty, untranslated (identical to the source), repetition (runaway output);
- the QA pass of ``translate.checks.qa``: spacing, repeated-word, punctuation (per language),
  brackets, quotes (per language's pairs) and markup (inline formatting lost or added).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from translate.checks import agreement, qa, quantities
from translate.glossary import renderings
from translate.models import Flag, Glossary, Term, TermMatch

_URLISH = re.compile(
    r"(?:https?|ftp)://[^\s<>()\[\]\"“”]+[^\s<>()\[\]\"“”.,;:!?'’]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
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
    approved = _approved(matches, target_lang)
    wrong = _avoided(glossary.terms, target_lang)
    found = renderings.find(target, [*approved, *wrong], target_lang)
    flags.extend(_glossary_flags(matches, found, approved, target_lang))
    flags.extend(_avoid_flags(glossary.terms, found, approved, target_lang))
    flags.extend(agreement.flags(target, found, glossary, target_lang))
    flags.extend(_number_flags(source, target, glossary.source_lang, target_lang))
    flags.extend(_url_flags(source, target))
    if _untranslated(source, target, matches):
        flags.append(Flag("untranslated", "the translation is identical to the source"))
    repeated = _REPEAT.search(target)
    if repeated or len(target) > 3 * len(source) + 40:
        what = f"'{repeated.group(1)}' repeated" if repeated else "far longer than the source"
        flags.append(Flag("repetition", f"runaway output: {what}"))
    flags.extend(qa.check(source, target, glossary.source_lang, target_lang))
    return tuple(flags)


def _approved(matches: Sequence[TermMatch], lang: str) -> dict[str, str]:
    """Every accepted form of the terms found in the source, to its approved rendering."""
    forms: dict[str, str] = {}
    for match in matches:
        accepted = match.term.accepted(lang)
        for form in accepted:
            forms.setdefault(form, accepted[0])
    return forms


def _avoided(terms: Sequence[Term], lang: str) -> list[str]:
    return [wrong for term in terms for wrong in _wrong(term, lang) if wrong]


def _wrong(term: Term, lang: str) -> tuple[str, ...]:
    return term.avoided(lang)


def _glossary_flags(
    matches: Sequence[TermMatch],
    found: Sequence[renderings.Found],
    approved: dict[str, str],
    lang: str,
) -> list[Flag]:
    needed: Counter[str] = Counter()
    sources: dict[str, str] = {}
    for match in matches:
        rendering = match.term.target(lang)
        if rendering:
            needed[rendering] += 1
            sources.setdefault(rendering, match.term.source)
    present = Counter(approved[f.rendering] for f in found if f.rendering in approved)
    flags = []
    for rendering, count in needed.items():
        if present[rendering] < count:
            times = "" if count == 1 else f" ({present[rendering]} of {count} occurrences)"
            flags.append(
                Flag("glossary", f"glossary: '{sources[rendering]}' must be '{rendering}'{times}")
            )
    return flags


def _avoid_flags(
    terms: Sequence[Term], found: Sequence[renderings.Found], approved: dict[str, str], lang: str
) -> list[Flag]:
    """A wrong rendering found where no approved one is (longest first: 人民日报 is not 人民报,
    and an approved rendering holding a wrong one is not wrong)."""
    wrong_found = {f.rendering for f in found if f.rendering not in approved}
    flags = []
    for term in terms:
        for wrong in _wrong(term, lang):
            if wrong in wrong_found:
                right = term.target(lang) or term.source
                flags.append(
                    Flag(
                        "avoid",
                        f"glossary: '{wrong}' is a wrong rendering of '{term.source}'; "
                        f"use '{right}'",
                    )
                )
    return flags


def _number_flags(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    missing, extra = quantities.unmatched(
        quantities.quantities(source, source_lang),
        quantities.quantities(target, target_lang),
    )
    flags = []
    if missing:
        listing = ", ".join(sorted(q.text for q in missing))
        flags.append(Flag("number", f"number missing in the translation: {listing}"))
    if extra:
        listing = ", ".join(sorted(q.text for q in extra))
        flags.append(Flag("number", f"number not in the source: {listing}"))
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
