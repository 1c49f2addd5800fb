"""Where sentences end: candidate marks found by regular expressions, each decided by rules.

A candidate is a run of sentence marks (``. ! ? ‽ … । ॥ ؟``) with any closing quotes and
brackets, followed by white space; or a full-width mark (``。！？．``), or ``!?`` directly
before a Chinese or Japanese character, where no space is needed. Each candidate is decided
from the word it ends, the word before that and the next word, read from windows of at most
64 characters, so the whole split is linear in the length of the text whatever it holds.
Runs of list markers ("1.) ... 2.) ...", "a) ... b) ...") are cut before each marker.
"""

from __future__ import annotations

import re

from translate.source.segmentation.rules import LanguageRules, rules_for
from translate.source.segmentation.spans import masked

CLOSERS = "\"'”’“‘»«›‹)]}*_」』）】〕"
OPENERS = "\"'“‘„‚«»‹›([{*_¿¡—–-「『（【〔"
_MARKS = ".!?‽…।॥؟"
_STRONG = frozenset("!?‽।॥؟")
_CJK_MARKS = "。！？．"
_IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WINDOW = 64
_IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")

_C = re.escape(CLOSERS)
_CANDIDATE = re.compile(rf"(?<![{_MARKS}])[{_MARKS}]++[{_C}]*+(?=\s|$)")
_CJK_C = re.escape("\"'”’»)]}」』）】〕")  # no “ or «: after 。 they open the next sentence
_CJK_CANDIDATE = re.compile(
    rf"(?<![{_CJK_MARKS}!?])[{_CJK_MARKS}][{_CJK_MARKS}!?]*+[{_CJK_C}]*+"
    rf"|(?<![!?])[!?]++[{_CJK_C}]*+(?=[{_IDEOGRAPHS}])"
)
# After a candidate: white space, a token of closers only (French "« Non. »"), the next token.
_NEXT = re.compile(rf"\s++(?:([{_C}]++)(?=\s|$)\s*+)?(\S{{1,{_WINDOW}}})?")
_TOKEN = re.compile(rf"\s*+(\S{{1,{_WINDOW}}})")
# A list marker: "1.)", "2)", "3.", "a)", "b.", "а)", at the start of the text or after space.
_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-zа-яґєії])(\.\)|\)|\.)(?=\s)")
_ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz",
    "абвгдежзиклмнопрстуфхцчшщэюя",
    "абвгдеєжзиіїклмнопрстуфхцчшщюя",
)
_QUOTATIVES = ("と", "って", "、", "，")
_QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『", "’": "‘", "»": "«"}
_INITIAL = re.compile(r"\w\.")
_DOTTED = re.compile(r"(?:[^\s.\d]+\.)+[^\s.\d]+")
_ROMAN = re.compile(r"[IVXLC]{1,6}")
_NUMBER = re.compile(r"\d[\d.,]*")
_WORD_TRAILER = ".,;:!?”’\"'»)"


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` (one block) into sentences by the rules of the base language ``lang``
    ("en", "de", "zh"...). White space inside each sentence is normalised to single spaces."""
    rules = rules_for(lang)
    view = masked(text)
    last = len(view.rstrip())
    list_cuts, marker_ends = _list_cuts(view)
    cuts = set(list_cuts)
    for match in _CANDIDATE.finditer(view):
        if match.end() >= last or match.end() in marker_ends:
            continue
        cut = _decide(view, match.start(), match.end(), rules)
        if cut is not None:
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
        ("!" in view or "?" in view) and _IDEOGRAPH.search(view) is not None
    )


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
    if first.islower():
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
    if key in rules.times:
        return bare_after not in rules.time_words
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
    for match in _CJK_CANDIDATE.finditer(view):
        start, end = match.span()
        if end >= last:
            break
        if view[start] == "．" and end - start == 1 and _between_digits(view, start):
            continue  # a full-width decimal point
        if view.startswith(_QUOTATIVES, end):  # 「…。」と述べた stays whole
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


def _list_cuts(view: str) -> tuple[list[int], set[int]]:
    """Cuts before the second and later markers of each list run, and the ends of all the
    markers of the runs (a marker itself never ends a sentence).

    A run starts with "1" or "a" at the start of the text or after a colon, and goes on
    with the next number or letter written the same way.
    """
    cuts: list[int] = []
    ends: set[int] = set()
    if _MARKER.search(view) is None:
        return cuts, ends
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            cuts.extend(marker.start() for marker in run[1:])
            ends.update(marker.end() for marker in run)

    for marker in _MARKER.finditer(view):
        label, style = marker.groups()
        if style == ".)":
            ends.add(marker.end())
        if run and style == run[-1].group(2) and _follows(run[-1].group(1), label):
            run.append(marker)
            continue
        flush()
        starts_list = label in ("1", "a", "а") and _list_can_start(view, marker.start())
        run = [marker] if starts_list else []
    flush()
    return cuts, ends


def _list_can_start(view: str, index: int) -> bool:
    before = view[max(0, index - _WINDOW) : index].rstrip()
    return not before or before.endswith(":")


def _follows(previous: str, label: str) -> bool:
    """Whether list label ``label`` comes right after ``previous`` ("2" after "1", "b" after
    "a", Ukrainian "є" after "е")."""
    if previous.isdigit():
        return label == str(int(previous) + 1)
    return any(previous + label in alphabet for alphabet in _ALPHABETS)
