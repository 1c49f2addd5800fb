"""Where sentences end: candidate marks found by regular expressions, each decided by rules.

A candidate is a run of sentence marks (``. ! ? ‽ … । ॥ ؟``) with any closing quotes and
brackets, followed by white space; or a full-width mark (``。！？．``), or ``!?`` directly
before a Chinese or Japanese character, where no space is needed. Each candidate is decided
from the word it ends, the word before that and the next word, read from windows of at most
64 characters, so the whole split is linear in the length of the text whatever it holds.
Lists run into one line ("1.) ... 2.) ...", "• 9. ... • 10. ...") are cut before each item
(``lists``). A dialogue dash after a sentence end starts a new turn ("– спросила мама. –
Завтра"), except inside a quotation in «» still open, which stays one utterance.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from translate.source.segmentation.lists import list_cuts
from translate.source.segmentation.rules import LanguageRules, rules_for
from translate.source.segmentation.spans import CLOSERS, masked

OPENERS = "\"'“‘„‚«»‹›([{*_¿¡—–-「『（【〔"
_MARKS = ".!?‽…।॥؟"
_STRONG = frozenset("!?‽।॥؟")
_CJK_MARKS = "。！？．"
_IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WINDOW = 64

_C = re.escape(CLOSERS)
_CANDIDATE = re.compile(rf"(?<![{_MARKS}])[{_MARKS}]++[{_C}]*+(?=\s|$)")
_CJK_C = re.escape("\"'”’»)]}」』）】〕")  # no “ or «: after 。 they open the next sentence
# After a candidate: white space, a token of closers only (French "« Non. »"), the next token.
_NEXT = re.compile(rf"\s++(?:([{_C}]++)(?=\s|$)\s*+)?(\S{{1,{_WINDOW}}})?")
_TOKEN = re.compile(rf"\s*+(\S{{1,{_WINDOW}}})")
_QUOTATIVES = ("と", "って", "、", "，")
# Particles that go on with the sentence after a bracketed title or quotation:
# 映画『カメラを止めるな！』が話題に, 「你好！」的意思.
_PARTICLES = tuple("がをはにのでもやへ的")
_QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『", "’": "‘", "»": "«"}
_INITIAL = re.compile(r"\w\.")
_DOTTED = re.compile(r"(?:[^\s.\d]+\.)+[^\s.\d]+")
_ROMAN = re.compile(r"[IVXLC]{1,6}")
_NUMBER = re.compile(r"\d[\d.,]*")
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?")
_GUILLEMET = re.compile("[«»]")
_DASHES = ("– ", "— ", "― ", "- ")
_WORD_TRAILER = ".,;:!?”’\"'»)"


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` (one block) into sentences by the rules of the base language ``lang``
    ("en", "de", "zh"...). White space inside each sentence is normalised to single spaces."""
    rules = rules_for(lang)
    view = masked(text)
    last = len(view.rstrip())
    item_cuts, marker_ends = list_cuts(view)
    cuts = set(item_cuts)
    guillemets = [m.start() for m in _GUILLEMET.finditer(view)] if "«" in view else []
    for match in _CANDIDATE.finditer(view):
        if match.end() >= last or match.end() in marker_ends:
            continue
        cut = _decide(view, match.start(), match.end(), rules)
        if cut is not None and not (guillemets and _quote_resumes(view, cut, guillemets)):
            cuts.add(cut)
    if _has_cjk_marks(view):
        cuts.update(_cjk_cuts(view, last))
    if not cuts:
        whole = " ".join(text.split())
        return [whole] if whole else []
    pieces: list[str] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        piece = " ".join(text[start:cut].split())
        if piece:
            pieces.append(piece)
        start = cut
    return pieces


def _has_cjk_marks(view: str) -> bool:
    return any(mark in view for mark in _CJK_MARKS) or (
        ("!" in view or "?" in view)
        and max(view) >= "\u3040"  # no ideograph below: the pattern is not needed
        and _ideograph().search(view) is not None
    )


# The CJK patterns are compiled on first use: their ranges take milliseconds, and most text
# has no CJK character.
@functools.cache
def _ideograph() -> re.Pattern[str]:
    return re.compile(f"[{_IDEOGRAPHS}]")


@functools.cache
def _cjk_candidate() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![{_CJK_MARKS}!?])[{_CJK_MARKS}][{_CJK_MARKS}!?]*+[{_CJK_C}]*+"
        rf"|(?<![!?])[!?]++[{_CJK_C}]*+(?=[{_IDEOGRAPHS}])"
    )


def _quote_resumes(view: str, cut: int, guillemets: list[int]) -> bool:
    """Whether a dialogue dash after ``cut`` goes on with a quotation in «» still open:
    "«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»" is one utterance, its
    attribution inside. ``guillemets`` are the positions of « and » in ``view``."""
    if not view[cut : cut + _WINDOW].lstrip().startswith(_DASHES):
        return False
    before = bisect_left(guillemets, cut) - 1
    return before >= 0 and view[guillemets[before]] == "«"


def _decide(view: str, start: int, end: int, rules: LanguageRules) -> int | None:
    """Where the sentence ends for the candidate at ``view[start:end]``, or None."""
    following = _NEXT.match(view, end)
    if following is None or following.group(2) is None:
        return None
    cut = following.end(1) if following.group(1) else end
    token = following.group(2)
    word_after = token.lstrip(OPENERS)
    if not word_after:  # a dialogue dash or an opening quote on its own: "мама. – Завтра"
        further = _TOKEN.match(view, following.end())
        word_after = further.group(1).lstrip(OPENERS) if further else ""
        if not word_after:
            return cut
    first = word_after[0]
    if first.islower() or first == "/":  # a slash goes on: verse quoted "consuela. / [...]"
        return None
    marks = view[start:end].rstrip(CLOSERS)
    if marks == ".":
        return cut if _period_ends(view, start, word_after, rules) else None
    if not _STRONG.isdisjoint(marks):
        return cut
    return cut if first.isupper() else None  # an ellipsis: a new sentence before a capital


def _period_ends(view: str, mark: int, word_after: str, rules: LanguageRules) -> bool:
    """Whether the period at ``view[mark]``, followed by ``word_after``, ends a sentence."""
    window = view[max(0, mark - _WINDOW) : mark]
    if not window or window[-1].isspace():
        return True  # a period standing alone
    parts = window.split()
    word = parts[-1].lstrip(OPENERS)
    if "'" in word or "’" in word:  # French and Italian elision: "l'art. 4"
        word = word.replace("’", "'").rsplit("'", 1)[1] or word
    previous = parts[-2].lstrip(OPENERS) if len(parts) >= 2 else ""
    key = f"{word}.".lower()
    pair = f"{previous} {word}.".lower() if previous else ""
    first = word_after[0]
    bare_after = word_after.rstrip(_WORD_TRAILER).lower()
    opener = bare_after in rules.openers and not _INITIAL.fullmatch(word_after)

    if key in rules.ending or pair in rules.ending:
        return True
    if key in rules.eras and _NUMBER.fullmatch(previous):
        return True
    if first.isdigit() and (key in rules.numeric or pair in rules.numeric):
        return False
    if key in rules.times or pair in rules.times:  # "5 p.m.", Spanish "5 p. m."
        clock = parts if key in rules.times else parts[:-1]
        return bare_after not in rules.time_words and not _time_opens(clock, mark <= _WINDOW, rules)
    if key in rules.titles or pair in rules.titles:
        return False
    if first.isdigit() and key.endswith(rules.numeric_suffixes):  # "Hauptstr. 7"
        return False
    if key in rules.maybe or pair in rules.maybe:
        return opener
    if len(word) == 1 and word.isalpha():
        return _initial_ends(word, previous, opener)
    if rules.ordinal_numbers and (
        (word.isdigit() and len(word) <= 3) or _ROMAN.fullmatch(word)
    ):  # German ordinals: "am 12. Juni", "den 3. Platz", "Benedikt XVI."
        return opener
    if _NUMBER.fullmatch(word):  # "1.200.", "10.30."
        return True
    if _DOTTED.fullmatch(word):  # unlisted abbreviations: "S.N.C.F.", "ई.पू."
        return opener
    return True


def _time_opens(parts: list[str], at_start: bool, rules: LanguageRules) -> bool:
    """Whether the clock time ending ``parts`` (the words before its period: "At", "5",
    "a.m") is the opening phrase of its sentence ("At 5 a.m. Mr. Smith went"; "Shortly after
    5 p.m. Monday"), read back through ``time_openers`` and clock numbers to the sentence's
    start. ``at_start``: the words reach back to the start of the text."""
    index = len(parts) - 2
    if index < 1 or not _CLOCK.fullmatch(parts[index]):
        return False
    index -= 1
    stop = max(-1, index - 6)
    while index > stop:
        word = parts[index].lstrip(OPENERS).rstrip(",")
        if word.lower() not in rules.time_openers and not _CLOCK.fullmatch(word):
            break
        index -= 1
    opening = parts[index + 1].lstrip(OPENERS)
    if index + 1 == len(parts) - 2 or not opening[:1].isupper():
        return False  # no opening word, or not at a sentence's start: "he left at 6 p.m."
    if index < 0:
        return at_start
    return parts[index].rstrip(CLOSERS).endswith(tuple(_MARKS))


def _initial_ends(letter: str, previous: str, opener: bool) -> bool:
    """A single letter with a period: an initial ("J. R. R. Tolkien"), a unit ("10 h."), a
    grade ("plan B."), or the pronoun ("you and I. Did you")."""
    if not opener:
        return False
    if letter.islower():
        return True
    if not letter.isupper():
        return False  # scripts without case: Arabic "د." and the like are abbreviations
    if previous.rstrip(CLOSERS).endswith(tuple(_MARKS)):
        return False  # a letter after a finished sentence: "Q. What? A. Nobody knows."
    return bool(previous) and (
        previous[0].islower() or bool(_INITIAL.fullmatch(previous)) or previous[0].isdigit()
    )


def _cjk_cuts(view: str, last: int) -> list[int]:
    """Cuts after full-width sentence marks, and after ``!?`` touching CJK characters."""
    cuts: list[int] = []
    sentence_start = 0
    for match in _cjk_candidate().finditer(view):
        start, end = match.span()
        if end >= last:
            break
        if view[start] == "．" and end - start == 1 and _between_digits(view, start):
            continue  # a full-width decimal point
        if view.startswith(_QUOTATIVES, end):  # 「…。」と述べた stays whole
            continue
        if view[end - 1] in "」』" and view.startswith(_PARTICLES, end):
            continue
        closer = view[end - 1]
        if closer in _QUOTE_PAIRS and _opens_with(view, sentence_start, _QUOTE_PAIRS[closer]):
            after = view[end : end + _WINDOW].lstrip()
            if after and after[0] not in OPENERS:
                continue  # 「我们不会让步。」部长说。: the quote and its attribution
        cuts.append(end)
        sentence_start = end
    return cuts


def _between_digits(view: str, index: int) -> bool:
    return 0 < index < len(view) - 1 and view[index - 1].isdigit() and view[index + 1].isdigit()


def _opens_with(view: str, start: int, opener: str) -> bool:
    """Whether the sentence starting at ``start`` begins with ``opener``, spaces aside."""
    return view[start : start + _WINDOW].lstrip().startswith(opener)
