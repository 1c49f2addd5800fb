"""Finding a glossary term's renderings in a translation, as a native reader would.

- Scripts written without spaces (Chinese, Japanese, Korean, Thai) have no word boundaries: a
  rendering is found anywhere in running text ("（首发于人民报）").
- Languages that decline (Ukrainian, Russian, German, Polish, Czech and the other Slavic
  languages) accept any inflected form: a rendering is found where each of its words is a form
  of the same word ("з Китаю (КПК)" holds "Китай (КПК)", "im Weißen Haus" holds "das Weiße
  Haus", "w Białym Domu" holds "Biały Dom"); see ``translate.glossary.morphology``.
- German also finds a one-word rendering at the start or the head of a compound
  ("Kremlsprecher", "Bundestagsabgeordnete" hold "Kreml" and "Bundestag").
- Spanish, French, Italian and Portuguese accept an article fused with a preposition ("del
  PCCh" holds "el PCCh", "della Casa Bianca" "la Casa Bianca", "à Corte" "a Corte").
- Arabic accepts the proclitics و ف ب ك ل and the article before a rendering ("والكرملين",
  "بالبيت الأبيض", "للمحكمة" hold "الكرملين", "البيت الأبيض", "المحكمة").
- Everywhere else a rendering is found as written, at word boundaries, in any letter case,
  with at most a plural or possessive "s" after it.

A rendering is matched as a whole form, never as the start of a longer word: "Kremlina" is
not a form of "Kreml".

Several renderings are found longest first, and occurrences never overlap, so a short
rendering inside a longer one is not counted twice.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from translate.glossary import morphology

UNSPACED = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})
# The letters of scripts written without spaces, all from U+0E00 on.
_UNSPACED_CHARS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff"
)
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_DOTS = str.maketrans({"・": "·", "•": "·", "‧": "·", "’": "'", "ʼ": "'"})


@dataclass(frozen=True)
class Found:
    """One occurrence of a rendering in a text: ``text[start:end]``."""

    rendering: str
    start: int
    end: int
    text: str


def find(text: str, renderings: Iterable[str], lang: str) -> list[Found]:
    """Every occurrence of any of ``renderings`` in ``text``, longest rendering first, none
    overlapping another; sorted by position. German compounds come after every rendering
    found as words, longest word first ("Kremlinsprecher" holds "Kremlin", not "Kreml")."""
    words = _Words(text, lang)
    starts: list[int] = []  # the occurrences taken, by position (they never overlap)
    taken: list[Found] = []

    def place(rendering: str, start: int, end: int) -> None:
        at = bisect.bisect_left(starts, start)
        if (at and taken[at - 1].end > start) or (at < len(taken) and taken[at].start < end):
            return
        starts.insert(at, start)
        taken.insert(at, Found(rendering, start, end, text[start:end]))

    unique = sorted(set(renderings), key=lambda r: (-len(r), r))
    for rendering in unique:
        for start, end in _occurrences(text, rendering, lang, words):
            place(rendering, start, end)
    if morphology.base_lang(lang) == "de":
        for rendering in sorted(unique, key=lambda r: (-len(_compound_part(r)), r)):
            for start, end in _compounds(rendering, words, set(starts)):
                place(rendering, start, end)
    return taken


def count(text: str, rendering: str, lang: str) -> int:
    """How many times ``rendering`` occurs in ``text`` (occurrences not overlapping)."""
    return len(find(text, [rendering], lang))


class _Words:
    """A text's tokens, made once per search, with the positions of each word form."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang = text, lang
        self._tokens: list[re.Match[str]] | None = None
        self._at: dict[str, list[int]] = {}

    @property
    def tokens(self) -> list[re.Match[str]]:
        if self._tokens is None:
            self._tokens = list(_TOKEN.finditer(self.text))
            for index, token in enumerate(self._tokens):
                for key in _token_keys(token.group(), self.lang):
                    self._at.setdefault(key, []).append(index)
        return self._tokens

    def starts(self, first: str) -> list[int]:
        """Indexes of the tokens that may be a form of ``first``."""
        tokens = self.tokens
        found = {i for key in _token_keys(first, self.lang) for i in self._at.get(key, ())}
        return sorted(i for i in found if _same_token(tokens[i].group(), first, self.lang))


def _token_keys(token: str, lang: str) -> frozenset[str]:
    if not token[0].isalnum():
        return frozenset({token.translate(_DOTS)})
    return morphology.word_keys(token, lang)


def _has_unspaced_char(text: str) -> bool:
    """Whether ``text`` holds a letter of a script written without spaces; the pattern (its
    ranges take milliseconds to compile) is only built for a text with a character that far."""
    return max(text, default="") >= "\u0e00" and _unspaced_char().search(text) is not None


@functools.cache
def _unspaced_char() -> re.Pattern[str]:
    return re.compile(f"[{_UNSPACED_CHARS}]")


def _occurrences(text: str, rendering: str, lang: str, words: _Words) -> list[tuple[int, int]]:
    base = morphology.base_lang(lang)
    if base in UNSPACED or _has_unspaced_char(rendering):
        return [m.span() for m in _unspaced_pattern(rendering).finditer(text.translate(_DOTS))]
    if base == "ar":
        return [m.span() for m in _arabic_pattern(rendering).finditer(text)]
    if base in morphology.DECLINING or base in morphology.CONTRACTIONS:
        return _by_words(rendering, words)
    return [m.span() for m in _spaced_pattern(rendering).finditer(text)]


@functools.lru_cache(maxsize=4096)
def _unspaced_pattern(rendering: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in rendering.translate(_DOTS).split()]
    return re.compile(r"\s*".join(parts), re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _spaced_pattern(rendering: str) -> re.Pattern[str]:
    """As written, spaces matching any space, at word boundaries (the end may carry an
    ending such as a plural or genitive "-s")."""
    body = r"\s+".join(re.escape(part) for part in rendering.split())
    start = r"(?<!\w)" if rendering[:1].isalnum() else ""
    end = r"(?:['’]?s|es)?(?!\w)" if rendering[-1:].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


# Arabic proclitics: a conjunction (و "and", ف "so"), a preposition (ب "with", ك "like",
# ل "for") and the article ال, which after ل is written لل.
_ARABIC_ARTICLE = "ال"


@functools.lru_cache(maxsize=4096)
def _arabic_pattern(rendering: str) -> re.Pattern[str]:
    """A rendering with the proclitics Arabic writes attached to its first word."""
    first, *rest = rendering.split()
    if first.startswith(_ARABIC_ARTICLE) and len(first) > 3:
        head = rf"[وف]?(?:[بك]?ال|لل){re.escape(first[2:])}"
    else:
        head = rf"[وف]?[بكل]?{re.escape(first)}"
    body = r"\s+".join([head, *(re.escape(word) for word in rest)])
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _compound_part(rendering: str) -> str:
    """What of a German rendering may start or end a compound: the word without its article
    ("der Kreml": Kremlsprecher)."""
    return re.sub(r"\A(?:der|die|das)\s+", "", rendering.casefold())


def _compounds(rendering: str, words: _Words, taken: set[int]) -> list[tuple[int, int]]:
    """German: a one-word rendering at the start of a compound ("Kremlsprecher", with a
    linking "s": "Bundestagsabgeordnete") or at its head ("Strafgerichtshofs"), the other
    part three letters or more."""
    wanted = _compound_part(rendering)
    if len(wanted) < 4 or not wanted.isalpha() or wanted not in words.text.casefold():
        return []
    found = []
    for token in words.tokens:
        if token.start() in taken:
            continue
        folded = token.group().casefold()
        if len(folded) < len(wanted) + 3:
            continue
        if folded.startswith(wanted) or re.search(rf"..{re.escape(wanted)}(?:e?s|e?n)?\Z", folded):
            found.append(token.span())
    return found


@functools.lru_cache(maxsize=4096)
def _rendering_tokens(rendering: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _TOKEN.finditer(rendering.translate(_DOTS)))


def _by_words(rendering: str, words: _Words) -> list[tuple[int, int]]:
    """Where the words of ``rendering`` occur in order, each as any form of itself."""
    wanted = _rendering_tokens(rendering)
    if not wanted:
        return []
    tokens, lang = words.tokens, words.lang
    found = []
    for i in words.starts(wanted[0]):
        if i + len(wanted) > len(tokens):
            break
        rest = zip(tokens[i + 1 : i + len(wanted)], wanted[1:], strict=True)
        if all(_same_token(token.group(), want, lang) for token, want in rest):
            found.append((tokens[i].start(), tokens[i + len(wanted) - 1].end()))
    return found


def _same_token(token: str, want: str, lang: str) -> bool:
    if not want[0].isalnum() or not token[0].isalnum():
        return token.translate(_DOTS) == want
    if token.casefold() == want.casefold():
        return True
    return any(ch.isalpha() for ch in want) and morphology.same_word(token, want, lang)
