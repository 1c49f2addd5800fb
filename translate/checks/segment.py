"""Checks run on every translation, machine or human: each failure is a ``Flag``, and each
error gets one flag.

- glossary: each source occurrence of a term has its approved rendering (or a listed variant)
  in the target, in any inflected form where the language declines
  (``translate.glossary.renderings``). A name the glossary keeps is demanded as written in
  languages of its own script; in another script (Ukrainian, Arabic, Chinese...) only a form
  the glossary gives for that language (a column, or ``variants:<lang>``) is demanded;
- avoid: no rendering the glossary lists as wrong for the target language appears, in any
  form. A wrong rendering found where an approved one is missing is one flag (avoid), not
  two;
- agreement: no Spanish, French, Italian or Portuguese article disagrees with the gender of a
  term (``Un Casa Blanca``, ``en el Casa Blanca``; ``translate.checks.agreement``);
- number: the quantities of the source are in the target, however the language writes them
  (``translate.checks.quantities``), one flag for what is missing and what is extra; url: its
  URLs and e-mail addresses are;
- empty; untranslated: a sentence whose words are mostly still the source's (beyond glossary
  terms, names and numbers), or source words left in it that the target language does not
  have ("Los Estados guarantor"; an engine's unknown words, which apertium marks, as well);
- repetition: a sentence or phrase written twice, a run of the same Chinese or Japanese
  characters (小时小时小时小时), runaway output;
- the QA pass of ``translate.checks.qa``: spacing, repeated-word, punctuation (per language),
  brackets, quotes (per language's pairs) and markup (inline formatting lost or added).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from translate.checks import agreement, qa, quantities
from translate.glossary import renderings
from translate.glossary.morphology import base_lang
from translate.models import Flag, Glossary, Term, TermMatch, TermType

_URLISH = re.compile(
    r"(?:https?|ftp)://[^\s<>()\[\]\"“”]+[^\s<>()\[\]\"“”.,;:!?'’]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words, a run of Latin letters apart from a run of another script ("guarantor国家").
_WORDS = re.compile(r"[A-Za-zÀ-ɏ]+(?:['’][A-Za-zÀ-ɏ]+)*|[^\W\d_A-Za-zÀ-ɏ]+(?:['’][^\W\d_]+)*")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ]{2,}")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_MORE_THAN_LATIN = re.compile(r"[^\W\d_A-Za-zÀ-ɏ]")
# Words of at most 50 characters: a runaway repeats short words, and the bound keeps the search
# linear in the text.
_REPEAT = re.compile(r"(\b\S{1,50}(?:\s+\S{1,50}){0,3}?)(?:\s+\1){3,}", re.IGNORECASE)
# A phrase of two to seven words written twice in a row ("sin un acuerdo sin un acuerdo").
_PHRASE_TWICE = re.compile(
    r"(?<!\w)((?:\w{1,40}\W{1,3}){1,6}?\w{1,40})\W{1,3}\1(?!\w)", re.IGNORECASE
)


@functools.cache
def _cjk_run() -> re.Pattern[str]:
    """The same Chinese or Japanese characters over and over: one character four times or
    more, two to four characters three times or more (小时小时小时). Compiled on first use
    (its ranges take milliseconds), for a text holding a character from U+3040 on."""
    return re.compile(
        "([\u3040-\u30fb\u3400-\u4dbf\u4e00-\u9fff])\\1{3,}"
        "|([\u3040-\u30fb\u3400-\u4dbf\u4e00-\u9fff]{2,4}?)\\2{2,}"
    )


_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s*")
# A translation is mostly the source's words when more than half of its words (at least
# three, beyond terms and names) are words of the source.
_MOSTLY = 0.5


def check_segment(
    source: str,
    target: str,
    glossary: Glossary,
    target_lang: str,
    matches: Sequence[TermMatch] | None = None,
    unknown: Sequence[str] = (),
) -> tuple[Flag, ...]:
    """Every problem found in ``target`` as a translation of ``source`` into ``target_lang``.

    ``matches`` are the glossary occurrences in ``source`` when the caller has them already;
    ``unknown`` the words the engine marked as unknown (apertium's ``*word``).
    """
    if matches is None:
        from translate.glossary import find_terms

        matches = find_terms(glossary, source)
    if not target.strip():
        return (Flag("empty", "the translation is empty"),) if source.strip() else ()
    flags: list[Flag] = []
    lang = base_lang(target_lang)
    approved = _approved(matches, target_lang)
    bare = agreement.bare_forms(approved, target_lang)
    forms = _forms(glossary, target_lang)
    found = renderings.find(target, [*approved, *forms.wrong, *bare], target_lang)
    found, misfits = _article_misfits(target, found, approved, bare, forms, target_lang)
    still = _untranslated(source, target, matches, found)
    if still is not None:
        flags.append(still)  # the words are still the source's: nothing else to say of them
    else:
        avoid_flags, covered = _avoid_flags(forms, found, approved)
        flags.extend(_glossary_flags(matches, found, approved, target_lang, covered, misfits))
        flags.extend(avoid_flags)
        flags.extend(agreement.flags(target, found, glossary, target_lang))
        left = _left_words(source, target, found, lang, unknown)
        if left is not None:
            flags.append(left)
    repeated, cleaned = _repetition(source, target)
    if repeated is not None:
        flags.append(repeated)
    flags.extend(_number_flags(source, cleaned, glossary.source_lang, target_lang))
    flags.extend(_url_flags(source, target))
    checked = qa.check(source, target, glossary.source_lang, target_lang)
    if repeated is not None:  # a repeated word inside a repeated phrase is the same error
        checked = tuple(flag for flag in checked if flag.code != "repeated-word")
    if still is not None:  # the source's punctuation and quotes in a sentence left as it was
        checked = tuple(flag for flag in checked if flag.code not in ("punctuation", "quotes"))
    flags.extend(checked)
    return tuple(flags)


def _approved(matches: Sequence[TermMatch], lang: str) -> dict[str, str]:
    """Every accepted form of the terms found in the source, to its approved rendering."""
    forms: dict[str, str] = {}
    for match in matches:
        if not _demanded(match.term, lang):
            continue
        accepted = match.term.accepted(lang)
        for form in accepted:
            forms.setdefault(form, accepted[0])
    return forms


_DEMANDED: dict[tuple[int, str], tuple[Term, bool]] = {}


def _demanded(term: Term, lang: str) -> bool:
    """Whether the check demands a rendering of ``term`` in ``lang``: not for a name the
    glossary keeps as written when ``lang`` writes another script and the glossary gives no
    form of the name in it (Зеленський is not "Zelensky" left in Latin letters)."""
    known = _DEMANDED.get((id(term), lang))
    if known is not None and known[0] is term:
        return known[1]
    if len(_DEMANDED) > 65536:
        _DEMANDED.clear()
    answer = _is_demanded(term, lang)
    _DEMANDED[(id(term), lang)] = (term, answer)
    return answer


def _is_demanded(term: Term, lang: str) -> bool:
    if term.type is not TermType.KEEP or not term.accepted(lang):
        return True
    from translate.languages import lookup

    if lookup(lang, (code for code, text in term.targets.items() if text)) is not None:
        return True
    if len(term.accepted(lang)) > 1:  # variants:<lang> give its forms
        return True
    return not (_LATIN.search(term.source) and _writes_other_script(lang))


def _writes_other_script(lang: str) -> bool:
    from translate.languages import maximized

    try:
        return maximized(lang)[1] not in ("Latn", "")
    except Exception:  # an unknown tag: assume Latin
        return False


class _Forms:
    """What the checks need of a glossary in one language, worked out once: its wrong
    renderings (with their terms) and every accepted form of every term."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.glossary = glossary
        self.avoided = tuple(
            (term, wrongs) for term in glossary.terms if (wrongs := term.avoided(lang))
        )
        self.wrong = tuple(wrong for _, wrongs in self.avoided for wrong in wrongs if wrong)
        self.right = {term.source: term.target(lang) or term.source for term, _ in self.avoided}
        self.accepted = {
            form.casefold(): form for term in glossary.terms for form in term.accepted(lang)
        }


_FORMS: dict[tuple[int, str], _Forms] = {}


def _forms(glossary: Glossary, lang: str) -> _Forms:
    """The ``_Forms`` of a glossary in ``lang``, cached for the glossary object."""
    found = _FORMS.get((id(glossary), lang))
    if found is not None and found.glossary is glossary:
        return found
    if len(_FORMS) >= 32:
        del _FORMS[next(iter(_FORMS))]
    built = _FORMS[(id(glossary), lang)] = _Forms(glossary, lang)
    return built


def _article_misfits(
    target: str,
    found: list[renderings.Found],
    approved: dict[str, str],
    bare: dict[str, str],
    forms: _Forms,
    lang: str,
) -> tuple[list[renderings.Found], Counter[str]]:
    """The renderings found, with an approved rendering behind the wrong article made the
    rendering alone (so the agreement check sees the article before it, and the glossary
    check sees the term): an avoided "el Casa Blanca", or "Corte" of an approved "la Corte"
    after another article. Also: how many of each term's approved renderings they stand for."""
    articles = agreement.ARTICLES.get(base_lang(lang), {})
    accepted = forms.accepted
    kept: list[renderings.Found] = []
    misfits: Counter[str] = Counter()
    for item in found:
        if item.rendering in bare:  # "Corte" of "la Corte": only after an article
            if agreement.article_before(item, target, lang) is not None:
                kept.append(item)
                misfits[bare[item.rendering]] += 1
            continue
        head, _, rest = item.rendering.partition(" ")
        if item.rendering in approved or not rest or head.casefold() not in articles:
            kept.append(item)
            continue
        if rest.casefold() not in accepted:
            kept.append(item)
            continue
        first = re.match(r"\S+\s+", item.text)
        if first is None:
            kept.append(item)
            continue
        start = item.start + first.end()
        kept.append(
            renderings.Found(accepted[rest.casefold()], start, item.end, item.text[first.end() :])
        )
        for term, wrongs in forms.avoided:
            if item.rendering in wrongs:
                misfits[term.source] += 1
    return kept, misfits


def _glossary_flags(
    matches: Sequence[TermMatch],
    found: Sequence[renderings.Found],
    approved: dict[str, str],
    lang: str,
    covered: Counter[str],
    misfits: Counter[str],
) -> list[Flag]:
    needed: Counter[str] = Counter()
    sources: dict[str, str] = {}
    for match in matches:
        rendering = match.term.target(lang)
        if rendering and _demanded(match.term, lang):
            needed[rendering] += 1
            sources.setdefault(rendering, match.term.source)
    present = Counter(approved[f.rendering] for f in found if f.rendering in approved)
    flags = []
    for rendering, count in needed.items():
        source = sources[rendering]
        stand_ins = misfits[rendering] + sum(
            times
            for other, times in (*covered.items(), *misfits.items())
            if _related(other, source)
        )
        if present[rendering] + stand_ins >= count:
            continue
        times = "" if count == 1 else f" ({present[rendering]} of {count} occurrences)"
        if rendering == source:
            message = f"glossary: the name '{source}' is kept as written and is missing{times}"
        else:
            message = f"glossary: '{source}' must be '{rendering}'{times}"
        flags.append(Flag("glossary", message))
    return flags


def _related(one: str, other: str) -> bool:
    """Whether two source terms name the same thing, one inside the other ("White House",
    "the White House")."""
    a, b = one.casefold(), other.casefold()
    return a in b or b in a


def _avoid_flags(
    forms: _Forms, found: Sequence[renderings.Found], approved: dict[str, str]
) -> tuple[list[Flag], Counter[str]]:
    """A wrong rendering found where no approved one is (longest first: 人民日报 is not 人民报,
    and an approved rendering holding a wrong one is not wrong); and how many wrong renderings
    of each term were found (each stands in the place of an approved one)."""
    wrong_found = Counter(f.rendering for f in found if f.rendering not in approved)
    flags: list[Flag] = []
    covered: Counter[str] = Counter()
    if not wrong_found:
        return flags, covered
    for term, wrongs in forms.avoided:
        for wrong in wrongs:
            if wrong and wrong in wrong_found:
                covered[term.source] += wrong_found[wrong]
                right = forms.right[term.source]
                flags.append(
                    Flag(
                        "avoid",
                        f"glossary: '{wrong}' is a wrong rendering of '{term.source}'; "
                        f"use '{right}'",
                    )
                )
    return flags, covered


def _number_flags(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    missing, extra = quantities.unmatched(
        quantities.quantities(source, source_lang),
        quantities.quantities(target, target_lang),
    )
    if base_lang(target_lang) in quantities.DUAL:  # "two berths": سريران, no number word
        missing = [q for q in missing if not (q.word and q.readings == {"n:2"})]
    parts = []
    if missing:
        parts.append("number missing in the translation: " + _texts(missing))
    if extra:
        parts.append(
            ("not in the source: " if missing else "number not in the source: ") + _texts(extra)
        )
    return [Flag("number", "; ".join(parts))] if parts else []


def _texts(items: Iterable[quantities.Quantity]) -> str:
    return ", ".join(sorted(q.text for q in items))


def _url_flags(source: str, target: str) -> list[Flag]:
    missing = Counter(_URLISH.findall(source)) - Counter(_URLISH.findall(target))
    if not missing:
        return []
    return [Flag("url", f"link or address missing in the translation: {_listing(missing)}")]


def _listing(items: Counter[str]) -> str:
    return ", ".join(sorted(items.elements()))


def _untranslated(
    source: str, target: str, matches: Sequence[TermMatch], found: Sequence[renderings.Found]
) -> Flag | None:
    """A flag when the translation is the source, or mostly the source's words: more than
    half of its words (three at least) beyond glossary terms, names and numbers."""
    if " ".join(source.split()) == " ".join(target.split()):
        rest = source
        for match in sorted(matches, key=lambda m: m.start, reverse=True):
            rest = rest[: match.start] + " " + rest[match.end :]
        if len(_WORD.findall(_URLISH.sub(" ", rest))) >= 2:
            return Flag("untranslated", "the translation is identical to the source")
        return None
    words = _plain_words(target, found)
    if len(words) < 3:
        return None
    source_words = {word.casefold() for word in _WORDS.findall(source)}
    same = [word for word in words if word.casefold() in source_words]
    if len(same) <= _MOSTLY * len(words):
        return None
    return Flag(
        "untranslated",
        f"the translation is mostly still in the source language: '{' '.join(same[:6])}'",
    )


def _plain_words(target: str, found: Sequence[renderings.Found]) -> list[str]:
    """The words of a translation that are not glossary renderings, names (capitalised) or
    one letter long."""
    text = list(_URLISH.sub(" ", target))
    for item in found:
        text[item.start : item.end] = " " * (item.end - item.start)
    return [
        word for word in _WORDS.findall("".join(text)) if len(word) > 1 and not word[0].isupper()
    ]


def _left_words(
    source: str, target: str, found: Sequence[renderings.Found], lang: str, unknown: Sequence[str]
) -> Flag | None:
    """Source words left in a translation, and the engine's unknown words, that the target
    language does not have (wordfreq's word list of the language; in a language of another
    script, any Latin word): the reviewer has to translate them. An unknown word the
    language has ("drones" in Spanish) is not flagged."""
    words = _plain_words(target, found)
    if not words:
        return None
    source_words = {word.casefold() for word in _WORDS.findall(source)}
    marked = {word.casefold() for word in unknown if word[:1].islower()}
    other_script = _writes_other_script(lang)
    left: list[str] = []
    for word in words:
        folded = word.casefold()
        if folded in left or (
            folded not in marked and (folded not in source_words or len(word) < 4)
        ):
            continue
        if other_script:
            if _LATIN_WORD.fullmatch(word) and not _MORE_THAN_LATIN.search(word):
                left.append(folded)
        else:
            from translate.checks.lexicon import known

            if known(word, lang) is not True:  # an engine's unknown word may be the right one
                left.append(folded)
    if not left:
        return None
    return Flag("untranslated", f"words left untranslated: {', '.join(left)}")


def _repetition(source: str, target: str) -> tuple[Flag | None, str]:
    """A flag for repeated output the source does not have (a sentence or a phrase written
    twice, a run of the same characters, runaway output), and the target with the repeated
    copy taken out, for the checks that count things."""
    repeated = _REPEAT.search(target)
    if repeated or len(target) > 3 * len(source) + 40:
        what = f"'{repeated.group(1)}' repeated" if repeated else "far longer than the source"
        return Flag("repetition", f"runaway output: {what}"), target
    sentences = [s for s in _SENTENCE_END.split(target) if s.strip()]
    for first, second in itertools.pairwise(sentences):
        same = " ".join(first.split()).casefold() == " ".join(second.split()).casefold()
        if same and (len(first.split()) >= 3 or len(first.strip()) >= 6):
            if first.strip() in source and source.count(first.strip()) > 1:
                continue
            cleaned = target.replace(second, "", 1) if target.count(second) > 1 else target
            return Flag("repetition", f"sentence written twice: '{first.strip()}'"), cleaned
    for match in _PHRASE_TWICE.finditer(target):
        phrase = match.group(1)
        if not re.search(r"[^\W\d_]{2}", phrase) or match.group() in source:
            continue
        cleaned = target[: match.start()] + phrase + target[match.end() :]
        return Flag("repetition", f"phrase written twice: '{phrase}'"), cleaned
    run = _cjk_run().search(target) if max(target, default="") >= "\u3040" else None
    if run and run.group() not in source:
        unit = run.group(1) or run.group(2)
        cleaned = target[: run.start()] + unit + target[run.end() :]
        return Flag("repetition", f"'{unit}' repeated: '{run.group()}'"), cleaned
    return None, target
