"""Word forms: which dictionary words a word of a translation can be a form of, and the forms
of a word in a given grammatical case.

Ukrainian and Russian use pymorphy3 with its OpenCorpora-style dictionaries
(``pymorphy3-dicts-uk``, ``pymorphy3-dicts-ru``); German uses simplemma's lemma tables, with
the articles and their contractions with prepositions (``im`` = ``in dem``) as a small table of
our own, and a word simplemma does not know is compared by its stem (its inflectional ending
taken off). Polish, Czech and the other Slavic languages simplemma covers compare words by
their stem: the inflectional ending taken off (``Domu``, ``Moskwy``, ``Macronem`` are forms
of ``Dom``, ``Moskwa``, ``Macron``), with Polish ó read as o (``Kijów``, ``Kijowa``). These
endings are our own rules, not simplemma's lemmas: reading simplemma's Polish table takes
seconds in every process (3.7 million forms), more than ``tx check`` spends on a whole
delivery, and the stems find the forms news copy uses. A longer word is never a form of a
term: ``Kremlina`` is not ``Kremla``. Spanish, French, Italian and
Portuguese contract an article with a preposition (``del`` = ``de el``, ``du`` = ``de le``,
``della`` = ``di la``, ``na`` = ``em a``, ``à`` = ``a a``). Every other language compares words
as written, ignoring case.

The libraries are imported on first use, so ``tx --help`` never loads a dictionary.
"""

from __future__ import annotations

import functools
from typing import Any

from translate.errors import LanguageError

PYMORPHY_LANGS = frozenset({"uk", "ru"})
# Slavic languages read with stems and simplemma's lemmas (its code for each).
SLAVIC = {"pl": "pl", "cs": "cs", "sk": "sk", "sl": "sl", "bg": "bg", "mk": "mk"}
SLAVIC.update(dict.fromkeys(("hr", "sr", "bs", "sh"), "hbs"))
DECLINING = frozenset({"uk", "ru", "de", *SLAVIC})
# Endings of Slavic declension, longest first; what is left must keep three letters.
_SLAVIC_ENDINGS = tuple(
    sorted(
        [
            "iego",
            "ymi",
            "imi",
            "owie",
            "ach",
            "ami",
            "ego",
            "emu",
            "iej",
            "iem",
            "owi",
            "ów",
            "om",
            "em",
            "ie",
            "ia",
            "iu",
            "ią",
            "ię",
            "ym",
            "im",
            "ej",
            "ou",
            "ě",
            "ą",
            "ę",
            "a",
            "u",
            "y",
            "i",
            "o",
            "e",
        ],
        key=len,
        reverse=True,
    )
)

# German: every definite and indefinite article form counts as its lemma; a contraction of a
# preposition and an article counts as both.
_GERMAN_ARTICLES = {
    **dict.fromkeys(("der", "die", "das", "des", "dem", "den"), "der"),
    **dict.fromkeys(("ein", "eine", "einen", "einem", "eines", "einer"), "ein"),
}
_GERMAN_CONTRACTIONS = {
    "im": "in",
    "ins": "in",
    "am": "an",
    "ans": "an",
    "aufs": "auf",
    "beim": "bei",
    "vom": "von",
    "zum": "zu",
    "zur": "zu",
    "durchs": "durch",
    "fürs": "für",
    "ums": "um",
}
_GERMAN_ENDINGS = ("es", "en", "em", "er", "e", "n", "s")
# Spanish, French, Italian and Portuguese: a preposition fused with the article that starts a
# rendering.
CONTRACTIONS = {
    "es": {"del": ("de", "el"), "al": ("a", "el")},
    "fr": {"du": ("de", "le"), "au": ("à", "le"), "des": ("de", "les"), "aux": ("à", "les")},
    "it": {
        prep + suffix: (base, article)
        for prep, base in (("de", "di"), ("a", "a"), ("da", "da"), ("ne", "in"), ("su", "su"))
        for suffix, article in (
            ("l", "il"), ("llo", "lo"), ("lla", "la"), ("ll", "l"),
            ("i", "i"), ("gli", "gli"), ("lle", "le"),
        )
    },
    "pt": {
        **{f"d{a}": ("de", a) for a in ("o", "a", "os", "as")},
        **{f"n{a}": ("em", a) for a in ("o", "a", "os", "as")},
        **{f"pel{a}": ("por", a) for a in ("o", "a", "os", "as")},
        "ao": ("a", "o"), "aos": ("a", "os"), "à": ("a", "a"), "às": ("a", "as"),
        "num": ("em", "um"), "numa": ("em", "uma"), "dum": ("de", "um"), "duma": ("de", "uma"),
    },
}  # fmt: skip


@functools.lru_cache(maxsize=256)
def base_lang(lang: str) -> str:
    """The language subtag of a tag: ``uk`` for ``uk-UA``."""
    return lang.replace("_", "-").split("-")[0].lower()


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'").replace("ʼ", "'").replace("ё", "е")


@functools.lru_cache(maxsize=4)
def analyzer(lang: str) -> Any:
    """pymorphy3's analyser for ``uk`` or ``ru``, loaded once; ``LanguageError`` when the
    library or its dictionary for ``lang`` is not installed."""
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError) as exc:
        raise LanguageError(
            f"no word forms for '{lang}': {exc}",
            hint=f"reinstall tx (make setup), or pip install pymorphy3 pymorphy3-dicts-{lang}",
        ) from exc


@functools.lru_cache(maxsize=65536)
def word_keys(word: str, lang: str) -> frozenset[str]:
    """The dictionary words ``word`` can be a form of in ``lang`` (itself included, folded):
    two words that share a key may be forms of one word."""
    lang = base_lang(lang)
    folded = _fold(word)
    keys = {folded}
    if lang in PYMORPHY_LANGS and any(ch.isalpha() for ch in word):
        keys.update(_fold(parse.normal_form) for parse in analyzer(lang).parse(word))
    elif lang == "de":
        keys.update(_german_keys(word, folded))
    elif lang in SLAVIC:
        plain = folded.replace("ó", "o")  # Kijów, Kijowa
        keys.update((slavic_stem(folded), slavic_stem(plain), "~" + plain))
    elif lang in CONTRACTIONS and folded in CONTRACTIONS[lang]:
        keys.update(CONTRACTIONS[lang][folded])
    return frozenset(keys)


def _german_keys(word: str, folded: str) -> set[str]:
    if folded in _GERMAN_ARTICLES:
        return {_GERMAN_ARTICLES[folded]}
    if folded in _GERMAN_CONTRACTIONS:
        return {_GERMAN_CONTRACTIONS[folded], "der"}
    import simplemma

    keys = {_fold(simplemma.lemmatize(form, lang="de")) for form in (word, folded)}
    keys.add(_german_stem(folded))
    return keys


def _german_stem(folded: str) -> str:
    for ending in _GERMAN_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 4:
            return "~" + folded[: -len(ending)]
    return "~" + folded


def slavic_stem(folded: str) -> str:
    """A Slavic word without its inflectional ending (``~moskw`` for ``moskwy``)."""
    for ending in _SLAVIC_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return "~" + folded[: -len(ending)]
    return "~" + folded


def same_word(one: str, other: str, lang: str) -> bool:
    """Whether two words may be forms of the same word in ``lang``."""
    return bool(word_keys(one, lang) & word_keys(other, lang))


# --- inflecting (Ukrainian and Russian) ---------------------------------------------------

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INFLECTED_POS = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})


def cases_of(word: str, lang: str) -> list[tuple[str, str]]:
    """The (case, number) readings of a word form, most likely first (pymorphy3 languages)."""
    if base_lang(lang) not in PYMORPHY_LANGS:
        return []
    found: list[tuple[str, str]] = []
    for parse in analyzer(base_lang(lang)).parse(word):
        reading = (parse.tag.case, parse.tag.number or "sing")
        if parse.tag.POS in _INFLECTED_POS and reading[0] in CASES and reading not in found:
            found.append(reading)
    return found


def is_noun(word: str, lang: str) -> bool:
    """Whether ``word`` is most likely a noun (pymorphy3 languages)."""
    if base_lang(lang) not in PYMORPHY_LANGS or not word.isalpha():
        return False
    parses = analyzer(base_lang(lang)).parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN"


def inflect_phrase(phrase: str, lang: str, case: str, number: str = "sing") -> str:
    """``phrase`` (a glossary rendering, in the nominative) with each declinable word put into
    ``case`` and ``number``; words the dictionary does not know, abbreviations and words not
    in the nominative stay as written."""
    import re

    if base_lang(lang) not in PYMORPHY_LANGS or case == "nomn":
        return phrase
    morph = analyzer(base_lang(lang))

    words = list(re.finditer(_WORDS, phrase))
    persons = all(found.group()[:1].isupper() for found in words)
    chosen = {
        found.start(): _reading(morph, found.group(), found is words[-1], persons)
        for found in words
    }
    nouns = [p for p in chosen.values() if p is not None and p.tag.POS == "NOUN"]
    animacy = nouns[-1].tag.animacy if nouns else None

    def one(found: re.Match[str]) -> str:
        parse = chosen.get(found.start())
        if parse is None:
            return found.group()
        wanted = {case}
        if (parse.tag.number or "sing") != number:
            wanted.add(number)
        adjective = parse.tag.POS in ("ADJF", "PRTF") or "ADJF" in str(parse.tag)
        if adjective and case == "accs" and animacy == "inan" and parse.tag.gender != "femn":
            return found.group()  # the accusative of an inanimate noun's adjective: Білий дім
        if adjective and case == "loct" and base_lang(lang) == "uk":
            wanted = (wanted - {"loct"}) | {"datv"}  # у Білому домі, not Білім
        forms = [form.word for form in parse.lexeme if wanted <= set(form.tag.grammemes)]
        if case == "loct" and animacy == "inan":  # у Китаї, not Китаєві
            forms.sort(key=lambda form: form.endswith(("ові", "еві", "єві")))
        return _like(forms[0], found.group()) if forms else found.group()

    return re.sub(_WORDS, one, phrase)


_WORDS = r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*"


def _reading(morph: Any, word: str, last: bool, persons: bool) -> Any:
    """The reading of a nominative word to inflect, or ``None`` to leave the word alone."""
    parses = morph.parse(word)
    if not parses or not parses[0].is_known or {"Abbr", "Fixd"} & set(parses[0].tag.grammemes):
        return None
    options = [p for p in parses if p.tag.POS in _INFLECTED_POS and p.tag.case == "nomn"]
    return min(options, key=lambda p: _preference(p.tag, last, persons), default=None)


def _preference(tag: Any, last: bool, persons: bool) -> int:
    """An adjective before the last word (Білий дім); in a name (every word capitalised) a
    person over a thing spelled alike (Володимир the man, not the town)."""
    if not last and tag.POS in ("ADJF", "PRTF"):
        return 0
    if persons and "anim" in set(tag.grammemes):
        return 1
    return 2


def _like(new: str, old: str) -> str:
    """``new`` written with the capitals of ``old``."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
