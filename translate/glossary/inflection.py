"""Putting a glossary rendering that tx inserts into the form its sentence needs.

The engine translates around a placeholder, so the approved rendering comes back in the form
the glossary writes (the nominative). Where the sentence shows what it needs, tx inflects it:

- Ukrainian and Russian (pymorphy3): the case a preposition before the term governs ("до" +
  genitive: "до Білого дому"); where a preposition governs several cases, the source's own
  preposition decides ("with" the instrumental, "from" the genitive). With no preposition,
  an English "of"/"for" (or a possessive "'s") asks for the genitive ("речник Білого дому"),
  "by" for the instrumental. Otherwise the form stays as written.
- German: a rendering led by a definite article ("das Weiße Haus") is declined after a
  preposition with a fixed case ("mit dem Weißen Haus", contracted "im Weißen Haus") and, for
  an English "of"/"for", after a noun ("der Sprecher des Weißen Hauses").
- Spanish and French: an article fuses with the preposition before it ("del PCCh", "du PCC").

When tx replaces a wrong rendering the engine wrote (``replace_avoided``), the engine's form
tells the case: "Китаю (ККП)" becomes "Китаю (КПК)".
"""

from __future__ import annotations

import re

from translate.glossary import morphology, renderings
from translate.models import Glossary


def _each(words: str, cases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys(words.split(), cases)


# Target prepositions and the cases they govern (pymorphy3's names).
_GOVERNS = {
    "uk": {
        **_each("до для від без після біля серед щодо проти крім замість навколо", ("gent",)),
        **_each("з із зі", ("gent", "ablt")),
        **_each("у в на", ("loct", "accs")),
        **_each("про через", ("accs",)),
        **_each("при", ("loct",)),
        **_each("по", ("loct", "datv")),
        **_each("над перед між поміж", ("ablt",)),
        **_each("під за", ("ablt", "accs")),
        **_each("завдяки всупереч", ("datv",)),
    },
    "ru": {
        **_each("до для от без после около из среди против вместо кроме возле у", ("gent",)),
        **_each("с со", ("gent", "ablt")),
        **_each("в во на", ("loct", "accs")),
        **_each("к ко по благодаря", ("datv",)),
        **_each("про через", ("accs",)),
        **_each("о об при", ("loct",)),
        **_each("над перед между", ("ablt",)),
        **_each("под за", ("ablt", "accs")),
    },
}
# What an English preposition before the term asks of a Slavic case.
_SOURCE_HINTS = {
    "from": "gent",
    "of": "gent",
    "for": "gent",
    "without": "gent",
    "against": "gent",
    "'s": "gent",
    "with": "ablt",
    "by": "ablt",
    "between": "ablt",
    "in": "loct",
    "at": "loct",
    "on": "loct",
    "about": "accs",
    "into": "accs",
}
_GERMAN_CASES = {
    **dict.fromkeys(("mit", "nach", "bei", "seit", "von", "zu", "aus", "gegenüber"), "dat"),
    **dict.fromkeys(("wegen", "während", "trotz", "statt", "innerhalb", "außerhalb"), "gen"),
    **dict.fromkeys(("für", "durch", "gegen", "ohne", "um"), "acc"),
}
_GERMAN_TWO_WAY = frozenset(("in", "an", "auf"))
_GERMAN_ARTICLE = {"der": "m", "die": "f", "das": "n"}
_GERMAN_FORMS = {
    ("m", "gen"): "des",
    ("n", "gen"): "des",
    ("f", "gen"): "der",
    ("m", "dat"): "dem",
    ("n", "dat"): "dem",
    ("f", "dat"): "der",
    ("m", "acc"): "den",
}
_GERMAN_FUSED = {
    ("in", "dem"): "im",
    ("an", "dem"): "am",
    ("von", "dem"): "vom",
    ("zu", "dem"): "zum",
    ("zu", "der"): "zur",
    ("bei", "dem"): "beim",
}
_FUSED = {
    "es": {("de", "el"): "del", ("a", "el"): "al"},
    "fr": {("de", "le"): "du", ("à", "le"): "au", ("de", "les"): "des", ("à", "les"): "aux"},
}


def fit(value: str, before: str, lang: str, lead: str = "") -> tuple[str, str]:
    """The word before an inserted rendering and the rendering, in the forms the sentence
    needs. ``before`` is the target word before it ("" at the start), ``lead`` the source word
    before the term (or "'s" when the source term is possessive)."""
    base = morphology.base_lang(lang)
    word = before.casefold()
    if base in _GOVERNS:
        case = slavic_case(word, lang, lead)
        return before, morphology.inflect_phrase(value, lang, case) if case else value
    if base == "de":
        return _german(value, before, lead)
    fused = _FUSED.get(base, {})
    head, _, rest = value.partition(" ")
    joined = fused.get((word, head.casefold()))
    if joined and rest:
        return _like(joined, before), rest
    return before, value


def slavic_case(before: str, lang: str, lead: str = "") -> str | None:
    """The case a Ukrainian or Russian term needs after the word ``before``, if it can be
    known (see the module's description)."""
    governed = _GOVERNS.get(morphology.base_lang(lang), {}).get(before.casefold())
    hint = _SOURCE_HINTS.get(lead.casefold())
    if governed:
        if len(governed) == 1:
            return governed[0]
        return hint if hint in governed else None
    if (
        hint == "gent"
        and lead.casefold() in ("of", "for", "'s")
        and morphology.is_noun(before, lang)
    ):
        return hint  # a noun governs the genitive: речник Білого дому
    return None


def _german(value: str, before: str, lead: str) -> tuple[str, str]:
    word = before.casefold()
    case = _GERMAN_CASES.get(word)
    if case is None and word in _GERMAN_TWO_WAY and lead.casefold() in ("in", "at", "on"):
        case = "dat"
    if case is None and before[:1].isupper() and lead.casefold() in ("of", "for", "'s"):
        case = "gen"  # after a noun: der Sprecher des Weißen Hauses
    words = value.split()
    gender = _GERMAN_ARTICLE.get(words[0].casefold()) if len(words) > 1 else None
    if case is None or gender is None or (gender, case) not in _GERMAN_FORMS:
        return before, value
    article = _GERMAN_FORMS[(gender, case)]
    rest = [w + "n" if w.endswith("e") and w[:1].isupper() else w for w in words[1:-1]]
    noun = words[-1]
    if case == "gen" and gender != "f" and noun[-1:].islower():
        noun += "es" if noun.endswith(("s", "ß", "x", "z")) else "s"
    declined = " ".join([_like(article, words[0]), *rest, noun])
    fused = _GERMAN_FUSED.get((word, article))
    if fused:
        return _like(fused, before), declined.split(" ", 1)[1]
    return before, declined


def replace_avoided(text: str, glossary: Glossary, lang: str) -> str:
    """``text`` with every rendering the glossary lists as wrong, in any form, replaced by the
    approved rendering in the form the engine used (its case, for Ukrainian and Russian)."""
    base = morphology.base_lang(lang)
    wrong: dict[str, str] = {}
    for term in glossary.terms:
        approved = term.target(lang)
        for item in term.avoided(lang):
            if approved and item:
                wrong.setdefault(item, approved)
    if not wrong:
        return text
    approved_forms = [t for term in glossary.terms for t in term.accepted(lang)]
    pieces, cursor = [], 0
    for found in renderings.find(text, [*wrong, *approved_forms], lang):
        if found.rendering not in wrong or found.rendering in approved_forms:
            continue
        value = wrong[found.rendering]
        if base in _GOVERNS:
            before = re.search(r"(\w+)\s+\Z", text[max(0, found.start - 40) : found.start])
            value = morphology.inflect_phrase(value, lang, *_engine_form(found, before, lang))
        elif base == "de":
            value = _german_article_of(found.text, value)
        if found.text[:1].isupper():
            value = value[:1].upper() + value[1:]
        pieces += [text[cursor : found.start], value]
        cursor = found.end
    return "".join(pieces) + text[cursor:]


def _engine_form(
    found: renderings.Found, before: re.Match[str] | None, lang: str
) -> tuple[str, str]:
    """The case and number of the engine's rendering, read from its first declined word
    (the nominative when the engine wrote the rendering as the glossary does; singular
    readings first, as terms name one thing)."""
    if found.text.casefold() == found.rendering.casefold():
        return "nomn", "sing"
    governed = _GOVERNS[morphology.base_lang(lang)].get(
        before.group(1).casefold() if before else ""
    )
    for word in re.findall(r"[^\W\d_]+", found.text):
        readings = morphology.cases_of(word, lang)
        if governed:
            readings = [r for r in readings if r[0] in governed] or readings
        readings.sort(key=lambda reading: reading[1] != "sing")
        if readings:
            return readings[0]
    return "nomn", "sing"


def _german_article_of(engine: str, value: str) -> str:
    """``value`` with the article the engine used ("der CCP" gives "der KPCh")."""
    theirs, _, _ = engine.partition(" ")
    ours, _, rest = value.partition(" ")
    articles = ("der", "die", "das", "des", "dem", "den")
    if rest and theirs.casefold() in articles and ours.casefold() in articles:
        return theirs + " " + rest
    return value


def _like(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new
