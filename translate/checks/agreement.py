"""Spanish and French articles that disagree with the gender of a glossary term.

An engine never sees a term that tx protects with a placeholder, so it may put a masculine
article before a feminine term ("Un Casa Blanca oficial"). tx cannot always repair that (the
adjectives around may need changing too), so it flags it for the reviewer.

A term's gender is known when its rendering starts with an article ("la Casa Blanca") or
when another glossary rendering is the same words with an article (the house glossary writes
"White House" as "Casa Blanca" and "the White House" as "la Casa Blanca"). Otherwise tx does
not guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.glossary.morphology import base_lang
from translate.glossary.renderings import Found
from translate.models import Flag, Glossary

ARTICLES = {
    "es": {
        **dict.fromkeys(("el", "un", "este", "ese", "aquel", "del", "al"), "masculine"),
        **dict.fromkeys(("la", "una", "esta", "esa", "aquella"), "feminine"),
    },
    "fr": {
        **dict.fromkeys(("le", "un", "ce", "cet", "du", "au"), "masculine"),
        **dict.fromkeys(("la", "une", "cette"), "feminine"),
    },
}
_LAST_WORD = re.compile(r"(\w+)\s+\Z")  # searched in the 40 characters before a term


def gender(rendering: str, glossary: Glossary, lang: str) -> str | None:
    """``masculine`` or ``feminine`` when the glossary tells the gender of ``rendering``."""
    articles = ARTICLES.get(base_lang(lang), {})
    first, _, rest = rendering.partition(" ")
    if rest and first.casefold() in articles:
        return articles[first.casefold()]
    for term in glossary.terms:
        other = term.target(lang) or ""
        head, _, tail = other.partition(" ")
        if tail.casefold() == rendering.casefold() and head.casefold() in articles:
            return articles[head.casefold()]
    return None


def flags(target: str, found: Sequence[Found], glossary: Glossary, lang: str) -> list[Flag]:
    """An ``agreement`` flag for each term whose article before it has the wrong gender, or
    that gets a second article ("el la Casa Blanca")."""
    articles = ARTICLES.get(base_lang(lang))
    if not articles:
        return []
    result = []
    for item in found:
        before = _LAST_WORD.search(target[max(0, item.start - 40) : item.start])
        if before is None or before.group(1).casefold() not in articles:
            continue
        article = before.group(1)
        first = item.text.split()[0].casefold()
        if first in articles and " " in item.text:
            message = f"'{article} {item.text}': two articles before '{item.rendering}'"
        else:
            wanted = gender(item.rendering, glossary, lang)
            if wanted is None or wanted == articles[article.casefold()]:
                continue
            message = f"'{article} {item.text}': '{item.rendering}' is {wanted}; fix the article"
        result.append(Flag("agreement", f"agreement: {message} and the words agreeing with it"))
    return result
