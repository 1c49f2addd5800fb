"""Spanish, French, Italian and Portuguese articles that disagree with the gender of a
glossary term.

An engine never sees a term that tx protects with a placeholder, so it may put a masculine
article before a feminine term ("Un Casa Blanca oficial", "en el Casa Blanca", "El Autoridad
Portuaria"). tx cannot always repair that (the adjectives around may need changing too), so it
flags it for the reviewer.

The gender of a term comes from the glossary where it can: its rendering starts with an
article ("la Casa Blanca"), or another rendering is the same words with an article (the house
glossary writes "White House" as "Casa Blanca" and "the White House" as "la Casa Blanca"), or
another rendering with an article has the same head noun ("la Corte" tells the gender of "Corte
Internacional de Justicia"). Otherwise the head noun's ending tells it, by the grammars'
rules (Spanish -dad, -ción, -a feminine, -o masculine, with the -ma words of Greek origin
masculine; French -tion, -té, -ure feminine, -ment, -age, -isme masculine...); a noun no rule
covers is not guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from translate.glossary.morphology import base_lang
from translate.glossary.renderings import Found
from translate.models import Flag, Glossary

_M, _F = "masculine", "feminine"
ARTICLES = {
    "es": {
        **dict.fromkeys(("el", "un", "este", "ese", "aquel", "del", "al", "los", "unos"), _M),
        **dict.fromkeys(("la", "una", "esta", "esa", "aquella", "las", "unas"), _F),
    },
    "fr": {
        **dict.fromkeys(("le", "un", "ce", "cet", "du", "au"), _M),
        **dict.fromkeys(("la", "une", "cette"), _F),
    },
    "it": {
        **dict.fromkeys(
            [
                "il",
                "lo",
                "un",
                "uno",
                "del",
                "dello",
                "al",
                "allo",
                "dal",
                "dallo",
                "nel",
                "nello",
                "sul",
                "sullo",
                "questo",
                "quel",
            ],
            _M,
        ),
        **dict.fromkeys(
            ["la", "una", "della", "alla", "dalla", "nella", "sulla", "questa", "quella"], _F
        ),
    },
    "pt": {
        **dict.fromkeys(
            [
                "o",
                "um",
                "do",
                "ao",
                "no",
                "pelo",
                "num",
                "dum",
                "este",
                "esse",
                "aquele",
                "os",
                "dos",
                "aos",
                "nos",
            ],
            _M,
        ),
        **dict.fromkeys(
            [
                "a",
                "uma",
                "da",
                "à",
                "na",
                "pela",
                "numa",
                "duma",
                "esta",
                "essa",
                "aquela",
                "as",
                "das",
                "às",
                "nas",
            ],
            _F,
        ),
    },
}
# Articles that are also a preposition: they tell a rendering's gender ("a Casa Branca"), but
# before a term they may be the preposition ("a Washington"), so they are not checked there.
_PREPOSITIONS = {"pt": frozenset({"a"})}
# Endings of the head noun that tell its gender, longest first within each language.
_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (
        ("ción", _F), ("sión", _F), ("dad", _F), ("tad", _F), ("tud", _F), ("umbre", _F),
        ("ema", _M), ("ama", _M), ("día", _M), ("mapa", _M), ("aje", _M), ("or", _M),
        ("a", _F), ("o", _M),
    ),
    "pt": (
        ("ção", _F), ("são", _F), ("dade", _F), ("tude", _F), ("agem", _F), ("ema", _M),
        ("ama", _M), ("dia", _M), ("mapa", _M), ("or", _M), ("a", _F), ("o", _M),
    ),
    "it": (
        ("zione", _F), ("sione", _F), ("tà", _F), ("tù", _F), ("ema", _M), ("amma", _M),
        ("ore", _M), ("a", _F), ("o", _M),
    ),
    "fr": (
        ("tion", _F), ("sion", _F), ("té", _F), ("ure", _F), ("ance", _F), ("ence", _F),
        ("ette", _F), ("elle", _F), ("euse", _F), ("ment", _M), ("isme", _M), ("eau", _M),
        ("page", _F), ("plage", _F), ("image", _F), ("age", _M), ("oir", _M),
    ),
}  # fmt: skip
# Feminine nouns that take "el"/"un" before a stressed a- (el agua, el águila).
_STRESSED_A = frozenset(
    ["agua", "águila", "alma", "arma", "área", "aula", "hacha", "hambre", "habla", "ala", "ave"]
)
_LAST_WORD = re.compile(r"(\w+)\s+\Z")  # searched in the 40 characters before a term


def gender(rendering: str, glossary: Glossary, lang: str) -> str | None:
    """``masculine`` or ``feminine`` when the glossary, or the head noun's ending, tells the
    gender of ``rendering``."""
    base = base_lang(lang)
    articles = ARTICLES.get(base, {})
    first, _, rest = rendering.partition(" ")
    if rest and first.casefold() in articles:
        return articles[first.casefold()]
    head = first.casefold()
    by_head = None
    for term in glossary.terms:
        other = term.target(lang) or ""
        article, _, tail = other.partition(" ")
        if article.casefold() not in articles or not tail:
            continue
        if tail.casefold() == rendering.casefold():
            return articles[article.casefold()]
        if by_head is None and tail.split()[0].casefold() == head:
            by_head = articles[article.casefold()]
    if by_head is not None:
        return by_head
    if not first[:1].isupper() and base != "fr":
        return None  # a lower-case word that is not a name's head: not guessed at
    for ending, kind in _ENDINGS.get(base, ()):
        if head.endswith(ending) and len(head) > len(ending) + 1:
            return kind
    return None


def bare_forms(approved: Mapping[str, str], lang: str) -> dict[str, str]:
    """The approved renderings that start with an article, without it ("Corte" for "la
    Corte"), to the approved rendering: found after another article ("al Corte"), the term is
    there with the wrong article."""
    articles = ARTICLES.get(base_lang(lang), {})
    bare = {}
    for form, rendering in approved.items():
        head, _, rest = form.partition(" ")
        if rest and head.casefold() in articles and rest not in approved:
            bare[rest] = rendering
    return bare


def article_before(item: Found, target: str, lang: str) -> str | None:
    """The article right before a rendering found in ``target``, if any."""
    before = _LAST_WORD.search(target[max(0, item.start - 40) : item.start])
    base = base_lang(lang)
    if before is None or before.group(1).casefold() not in ARTICLES.get(base, {}):
        return None
    if before.group(1).casefold() in _PREPOSITIONS.get(base, ()):
        return None
    return before.group(1)


def flags(target: str, found: Sequence[Found], glossary: Glossary, lang: str) -> list[Flag]:
    """An ``agreement`` flag for each term whose article before it has the wrong gender, or
    that gets a second article ("el la Casa Blanca")."""
    articles = ARTICLES.get(base_lang(lang))
    if not articles:
        return []
    result = []
    for item in found:
        article = article_before(item, target, lang)
        if article is None:
            continue
        first = item.text.split()[0].casefold()
        if first in articles and " " in item.text:
            message = f"'{article} {item.text}': two articles before '{item.rendering}'"
        else:
            wanted = gender(item.rendering, glossary, lang)
            if wanted is None or wanted == articles[article.casefold()]:
                continue
            if wanted == _F and first in _STRESSED_A and article.casefold() in ("el", "un"):
                continue
            message = f"'{article} {item.text}': '{item.rendering}' is {wanted}; fix the article"
        result.append(Flag("agreement", f"agreement: {message} and the words agreeing with it"))
    return result
