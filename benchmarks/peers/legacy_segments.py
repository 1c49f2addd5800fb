"""The sentence splitter tx used before issue 12 (translate/segments.py of main at 5be168d,
with the linear-time fixes of the hostile-inputs work), kept unchanged as the "before"
contender of the segmentation benchmark: its speed, its accuracy on tests/cases/segments/,
and ``tx status`` with it patched in.

Not used by tx itself.
"""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

import re

from translate.languages import base

# Languages written without spaces between sentences.
NO_SPACE_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my"})

_CLOSERS = "\"'”’»)]}*_」』）】〕"
_OPENERS = "\"'“‘«([{*_¿¡—–-「『（【"
_CJK_END = "。！？．"
_CJK_QUOTATIVE = ("と", "って", "、", "，")
# Every pattern runs in time linear in the text, whatever the text (hostile input included):
# a repeated part never scans past the character that could start another attempt (no "[" in
# link text, no "<" in an autolink), runs of word characters and sentence marks are tried from
# their first character only, and the rest is bounded (schemes, link targets and titles).
_PROTECTED = re.compile(
    r"!?\[[^\[\]\n]*\]\([^()\s]{0,2048}(?:\s+\"[^\"\n]{0,300}\")?\)"  # Markdown link, image
    r"|`[^`\n]+`"  # inline code
    r"|<[a-z][a-z0-9+.-]{0,31}:[^<>\s]+>"  # autolink
    r"|\b(?:[a-z][a-z0-9+.-]{0,31}://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]’”'*_]"  # URL
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address
    re.IGNORECASE,
)
_BOUNDARY = re.compile(
    rf"(?<![.!?‽])(?:\.{{2,}}|[.!?‽]+)[{re.escape(_CLOSERS)}]*(?:\s+»)?(?=\s)"
    rf"|…[{re.escape(_CLOSERS)}]*(?:\s+»)?(?=\s)"
    rf"|[{_CJK_END}]+[{re.escape(_CLOSERS)}]*"
)


_SPACES = re.compile(r"\s*")


def _words(text: str) -> frozenset[str]:
    """The set of space-separated words in ``text``."""
    return frozenset(text.split())


# Abbreviations that never end a sentence (titles and the like: the next word belongs to them).
_ALWAYS: dict[str, frozenset[str]] = {
    "en": _words(
        "Mr. Mrs. Ms. Dr. Prof. Sr. Jr. St. Mt. Gen. Lt. Col. Maj. Capt. Sgt. Cmdr. Adm. Sen. "
        "Rep. Gov. Pres. Rev. Hon. Amb. Supt. Insp. No. Nos. Vol. Fig. vs. v. e.g. i.e. cf. "
        "approx. ca. Ph.D. Messrs."
    ),
    "es": _words("Sr. Sra. Srta. Dr. Dra. D. Dña. Ud. Uds. Lic. Ing. núm. pág. p. ej."),
    "fr": _words("M. MM. Mme. Mmes. Mlle. Dr. Pr. Me. St. Ste. p. ex. cf. env."),
    "de": _words(
        "Dr. Prof. Hr. Fr. Nr. S. z. B. d. h. u. a. bzw. vgl. ca. Str. St. i. A. usw. etc."
    ),
    "ru": _words("г. гг. ул. им. проф. акад. е. см. напр. тыс. млн. млрд."),
    "uk": _words("м. вул. ім. проф. акад. див. напр. тис. млн. млрд. р. рр."),
}
# Abbreviations that may end a sentence: they do only when a typical sentence opener follows.
_MAYBE: dict[str, frozenset[str]] = {
    "en": _words(
        "U.S. U.K. U.N. E.U. U.S.A. D.C. a.m. p.m. etc. Inc. Ltd. Co. Corp. Bros. Jan. Feb. "
        "Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Mon. Tue. Wed. Thu. Fri. Sat. "
        "Sun. al. min. km. ft."
    ),
    "es": _words("EE. UU. etc. a. C. d. C. ene. feb. mar. abr. jun. jul. ago. sept. oct."),
    "fr": _words("etc. av. J.-C. janv. févr. avr. juil. sept. oct. nov. déc."),
    "de": _words("etc. usw. Jan. Feb. Apr. Aug. Sept. Okt. Nov. Dez. Chr."),
    "ru": _words("т. д. п. др."),
    "uk": _words("т. д. п. ін. інш."),
}
# Abbreviations (one word or two) that usually end a clause: a capital after them starts a sentence.
_ENDING = frozenset({"etc.", "usw.", "т. д.", "т. п.", "и др.", "и пр.", "т. ін."})
# Capitalised words that typically open a sentence, for deciding after an ambiguous abbreviation.
_OPENER_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "The A An He She It They We I You This That These Those There Here But And Or So Yet "
        "In On At As After Before When While If Although Though Because Since Meanwhile "
        "However Still Then Now His Her Its Their Our My Your What Who Why How Where Many "
        "Some Most All Both No Not One Other Earlier Later Also Last Next Such Each Every "
        "Today Tomorrow Yesterday"
    ),
    "es": _words("El La Los Las Un Una Él Ella Ellos Este Esta Eso Pero Y En Cuando Si"),
    "fr": _words("Le La Les Un Une Il Elle Ils Elles Ce Cette Mais Et En Dans Quand Si"),
    "de": _words("Der Die Das Ein Eine Er Sie Es Wir Ich Aber Und In Als Wenn Dies"),
    "ru": _words("Он Она Они Это Но И В На Когда Если Мы Я"),
    "uk": _words("Він Вона Вони Це Але І В На Коли Якщо Ми Я"),
}
_GERMAN_MONTHS = _words(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember"
)


def split_sentences(text: str, lang: str) -> list[str]:
    """Split ``text`` (one block) into sentences, by the rules of the source language ``lang``.

    White space inside each sentence is normalised to single spaces; for space-separated
    languages ``" ".join(split_sentences(text, lang))`` equals ``" ".join(text.split())``.
    """
    code = base(lang)
    masked = _mask(text)
    cuts: list[int] = []
    last = len(masked.rstrip())
    for match in _BOUNDARY.finditer(masked):
        end = match.end()
        if end >= last:
            continue
        if masked[match.start()] in _CJK_END:
            if not masked.startswith(_CJK_QUOTATIVE, end):  # 「…。」と述べた stays whole
                cuts.append(end)
        elif _ends_sentence(masked, match.start(), end, code):
            cuts.append(end)
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = " ".join(text[start:cut].split())
        if piece:
            pieces.append(piece)
        start = cut
    return pieces


def _mask(text: str) -> str:
    """``text`` with links, URLs, e-mail addresses and code replaced by letters of equal length."""
    return _PROTECTED.sub(_masked, text)


def _masked(match: re.Match[str]) -> str:
    """Letters standing in for a protected span, capitalised as the span's first letter."""
    first = next((char for char in match.group().lstrip("![") if char.isalnum()), "x")
    return ("X" if first.isupper() else "x") * len(match.group())


def _ends_sentence(text: str, mark: int, end: int, lang: str) -> bool:
    """Whether the sentence mark at ``text[mark:end]`` (followed by white space) ends one."""
    spaces = _SPACES.match(text, end)  # only the next word matters: never copy the rest
    start = spaces.end() if spaces else end
    following = text[start : start + 200].lstrip(_OPENERS).split(maxsplit=1)
    next_word = following[0] if following else ""
    if not next_word:
        return False
    first = next_word[0]
    if first.islower():
        return False  # "e.g. the", "said… and", "“Stop!” he said"
    if text[mark] != ".":
        return True  # ! ? and ellipses before a capital or digit
    if text[mark:end].startswith(".."):
        return first.isupper() or not first.isalnum()
    word = _word_before(text, mark)
    words = text[max(0, mark - 100) : mark].split()  # the last words are enough
    pair = f"{words[-2]} {word}" if len(words) >= 2 and word else ""
    bare_next = next_word.rstrip(".,;:!?”’\"'")
    opener = not re.fullmatch(r"\w\.", next_word) and (  # "В. В. Путин": an initial, no opener
        bare_next in _table(_OPENER_WORDS, lang) or bare_next in _OPENER_WORDS["en"]
    )
    if _known(word, pair, _ENDING):
        return True
    if _known(word, pair, _table(_ALWAYS, lang)):
        return False
    if _known(word, pair, _table(_MAYBE, lang)):
        return opener
    bare = word.rstrip(".")
    if len(bare) == 1 and bare.isalpha():  # an initial: "J. R. R. Tolkien", "Oleh I. Ivashchenko"
        previous = words[-2].lstrip(_OPENERS) if len(words) >= 2 else ""
        return opener and bool(previous) and previous[0].islower() and bare.isupper()
    if re.fullmatch(r"(?:\w\.)+\w\.", word):  # unlisted dotted abbreviations: "U.N.", "a.s.a.p."
        return opener
    if lang == "de" and bare.isdigit():  # German ordinals: "am 28. Februar"
        return next_word not in _GERMAN_MONTHS
    return True


def _word_before(text: str, mark: int) -> str:
    """The word ending at the sentence mark, with its final period and without opening quotes."""
    start = mark
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:mark].lstrip(_OPENERS) + "."


def _table(tables: dict[str, frozenset[str]], lang: str) -> frozenset[str]:
    """The language's list, or the English one for languages without their own."""
    return tables.get(lang, tables["en"])


def _known(word: str, pair: str, table: frozenset[str]) -> bool:
    """Whether ``word`` (or the two-word ``pair`` ending in it, such as "z. B.") is listed."""
    for candidate in (word, pair):
        if candidate and (candidate in table or candidate.lower() in table):
            return True
    return False
