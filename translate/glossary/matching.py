"""The house glossary: loading and validating a workspace's glossaries, finding terms in text,
reporting where terms occur, adding terms.

The file format and its reading and writing live in ``glossary.sheets``. Matching
(``find_terms``) is leftmost-longest: scanning from the start of a text, the longest match
starting at the earliest position wins, and matches never overlap.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.sheets import (
    GlossaryProblem,
    check_term,
    read_sheet,
    save_terms,
    sheet_terms,
    term_key,
)
from translate.languages import base
from translate.models import Glossary, Segment, Term, TermMatch, TermType
from translate.workspace import Workspace

CJK_LANGS = frozenset({"zh", "ja", "ko"})
_WORD = re.compile(r"\w+")


def _collect(paths: Sequence[Path], source_lang: str) -> tuple[list[Term], list[GlossaryProblem]]:
    terms: list[Term] = []
    problems: list[GlossaryProblem] = []
    seen: dict[str, list[Term]] = {}
    for path in paths:
        sheet, problem = read_sheet(path)
        if sheet is None:
            problems.append(problem)  # type: ignore[arg-type]
            continue
        found, file_problems = sheet_terms(sheet, source_lang)
        for term in found:
            earlier = [t for t in seen.get(term_key(term.source), []) if _clash(t, term)]
            if earlier:
                first = earlier[0]
                file_problems.append(
                    GlossaryProblem(
                        path,
                        term.line,
                        f"duplicate source term '{term.source}' (also at {first.file}:"
                        f"{first.line})",
                        "merge the two rows into one, or delete one of them",
                    )
                )
                continue
            seen.setdefault(term_key(term.source), []).append(term)
            terms.append(term)
        problems += sorted(file_problems, key=lambda p: p.line or 0)
    return terms, problems


def _clash(one: Term, other: Term) -> bool:
    """Two entries clash unless both are case-sensitive and spelled differently."""
    return not (one.case_sensitive and other.case_sensitive and one.source != other.source)


def validate(paths: Sequence[Path], source_lang: str) -> list[GlossaryProblem]:
    """Every problem in the glossary files, in file and line order (empty when all is well)."""
    return _collect(paths, source_lang)[1]


def load_glossary(paths: Sequence[Path], source_lang: str) -> Glossary:
    """Read glossary CSV files into one Glossary; raises GlossaryError at the first problem."""
    terms, problems = _collect(paths, source_lang)
    if problems:
        raise problems[0].error()
    return Glossary(source_lang=source_lang, terms=tuple(terms))


def load_workspace_glossary(ws: Workspace, source_lang: str | None = None) -> Glossary:
    """The glossary of a workspace (its settings' glossary patterns) for articles written in
    ``source_lang`` (default: the workspace's source language); empty without files."""
    return load_glossary(ws.glossary_files(), source_lang or ws.settings.source_lang)


def glossary_target(ws: Workspace, path: Path) -> Path:
    """``path``, a file new terms are to be written to, after checking that they would become
    part of the workspace glossary: inside the workspace and named by its ``glossaries``
    patterns (tx.toml). ``GlossaryError`` otherwise: terms written elsewhere would be lost
    to every command that reads the glossary."""
    from pathlib import PurePosixPath

    resolved = ws.inside(path).resolve()
    relative = PurePosixPath(resolved.relative_to(ws.root.resolve()).as_posix())
    for pattern in ws.settings.glossaries:
        parts = len(PurePosixPath(pattern).parts)
        if relative.match(pattern) and ("**" in pattern or len(relative.parts) == parts):
            return path
    raise GlossaryError(
        "not a glossary file of the workspace (tx.toml glossaries = "
        f"{list(ws.settings.glossaries)})",
        path=path,
        hint="write terms to a file those patterns name, e.g. glossaries/house.csv",
    )


# --- matching ----------------------------------------------------------------------------


def _has_cjk_char(text: str) -> bool:
    """Whether ``text`` holds kana, an ideograph or hangul; the pattern (its ranges take
    milliseconds to compile) is built for a text with a character from U+3040 on."""
    return max(text, default="") >= "\u3040" and _cjk_char().search(text) is not None


@functools.cache
def _cjk_char() -> re.Pattern[str]:
    return re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _term_pattern(term: Term, cjk_text: bool) -> str:
    words = [re.escape(word) for word in term.source.split()]
    body = r"\s+".join(words)
    body = re.sub("['’ʼ]", "['’ʼ]", body)
    if not term.case_sensitive:
        body = f"(?i:{body})"
    if not cjk_text and not _has_cjk_char(term.source):
        if re.match(r"\w", term.source):
            body = r"(?<!\w)" + body
        if re.search(r"\w\Z", term.source):
            body += r"(?!\w)"
    return body


_Entry = tuple[Term, "re.Pattern[str]"]


class Matcher:
    """Finds the terms of one glossary in texts; build it once (``matcher``) and reuse it.

    Each term has its own compiled pattern, indexed by its first word (terms matched at word
    boundaries) or by its first character (CJK, and terms starting with punctuation), so the
    cost of a search grows with the text and the terms that could start in it, not with the
    size of the glossary.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        cjk_text = base(glossary.source_lang) in CJK_LANGS
        self._by_word: dict[str, list[_Entry]] = {}
        self._by_char: dict[str, list[_Entry]] = {}
        for term in glossary.terms:
            entry = (term, re.compile(_term_pattern(term, cjk_text)))
            head = _WORD.match(term.source)
            if head and not cjk_text and not _has_cjk_char(term.source):
                self._by_word.setdefault(head.group().lower(), []).append(entry)
            else:
                self._by_char.setdefault(term.source[0].lower(), []).append(entry)

    def find(self, text: str) -> list[TermMatch]:
        """Every occurrence of a term in ``text``, by position: leftmost-longest, no overlaps."""
        best: dict[int, tuple[int, Term]] = {}

        def attempt(pos: int, entries: list[_Entry]) -> None:
            for term, pattern in entries:
                match = pattern.match(text, pos)
                if match and match.end() > best.get(pos, (pos, term))[0]:
                    best[pos] = (match.end(), term)

        if self._by_word:
            for word in _WORD.finditer(text):
                if entries := self._by_word.get(word.group().lower()):
                    attempt(word.start(), entries)
        if self._by_char:
            for pos, char in enumerate(text):
                if entries := self._by_char.get(char.lower()):
                    attempt(pos, entries)
        found, reached = [], 0
        for pos in sorted(best):
            end, term = best[pos]
            if pos >= reached:
                found.append(TermMatch(term, pos, end, text[pos:end]))
                reached = end
        return found


_MATCHERS: dict[int, tuple[Glossary, Matcher]] = {}


def matcher(glossary: Glossary) -> Matcher:
    """The Matcher of a glossary, built on first use and cached for the glossary object."""
    entry = _MATCHERS.get(id(glossary))
    if entry is not None and entry[0] is glossary:
        return entry[1]
    built = Matcher(glossary)
    if len(_MATCHERS) >= 16:
        del _MATCHERS[next(iter(_MATCHERS))]
    _MATCHERS[id(glossary)] = (glossary, built)
    return built


def find_terms(glossary: Glossary, text: str) -> list[TermMatch]:
    """Every occurrence of a glossary term in ``text`` (see ``Matcher.find``)."""
    return matcher(glossary).find(text)


@dataclass(frozen=True)
class TermOccurrence:
    """A term found in a segment, with a little of the text around it."""

    segment_id: str
    block: int
    match: TermMatch
    context: str


@dataclass(frozen=True)
class TermReport:
    """Where the glossary's terms occur in some segments, and which renderings are missing.

    ``missing`` maps each target language to the occurring terms that have no approved
    rendering in it (empty tuples included, so every language asked for is present).
    """

    occurrences: tuple[TermOccurrence, ...]
    missing: Mapping[str, tuple[Term, ...]]

    @property
    def terms(self) -> tuple[Term, ...]:
        """The distinct terms that occur, in order of first occurrence."""
        unique: dict[int, Term] = {}
        for item in self.occurrences:
            unique.setdefault(id(item.match.term), item.match.term)
        return tuple(unique.values())


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    left = ("…" + left.split(" ", 1)[-1]) if start > width and " " in left else left
    right = (right.rsplit(" ", 1)[0] + "…") if end + width < len(text) and " " in right else right
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def term_report(
    glossary: Glossary, segments: Sequence[Segment], target_langs: Sequence[str]
) -> TermReport:
    """Which terms occur in which segments, and which target languages lack their renderings."""
    find = matcher(glossary).find
    occurrences = tuple(
        TermOccurrence(seg.id, seg.block, m, _context(seg.source, m.start, m.end))
        for seg in segments
        for m in find(seg.source)
    )
    report = TermReport(occurrences, {})
    missing = {
        lang: tuple(t for t in report.terms if t.target(lang) is None) for lang in target_langs
    }
    return TermReport(occurrences, missing)


def add_term(
    path: Path,
    source: str,
    targets: Mapping[str, str],
    *,
    source_lang: str = "en",
    type: TermType = TermType.TERM,
    case: str | None = None,
    note: str = "",
    avoid: Mapping[str, Sequence[str]] | None = None,
    known: Glossary | None = None,
    variants: Mapping[str, Sequence[str]] | None = None,
) -> Term:
    """Append a term to the glossary file ``path`` (created if missing) and return it.

    ``case`` is ``sensitive`` or ``insensitive`` (default: insensitive for terms, sensitive
    for keep entries). Raises GlossaryError if the term is already in the file or in
    ``known`` (the workspace glossary), or if any text is not a valid cell.
    """
    if case not in (None, "sensitive", "insensitive"):
        raise GlossaryError(f"bad case '{case}'", path=path, hint="use sensitive or insensitive")
    term = Term(
        source=source,
        targets={lang: text for lang, text in targets.items() if text},
        type=type,
        case_sensitive=(type is TermType.KEEP) if case is None else case == "sensitive",
        note=note,
        avoid={lang: tuple(items) for lang, items in (avoid or {}).items() if items},
        file=path,
        variants={lang: tuple(items) for lang, items in (variants or {}).items() if items},
    )
    check_term(term, path)
    for old in known.terms if known else ():
        if term_key(old.source) == term_key(source) and _clash(old, term):
            raise GlossaryError(
                f"'{source}' is already in the glossary",
                path=old.file,
                line=old.line,
                hint="edit that row instead of adding another",
            )
    save_terms(path, source_lang, add=[term])
    return term


def existing_term(glossary: Glossary, source: str) -> Term | None:
    """The row of ``glossary`` that a new entry for ``source`` would clash with, if any."""
    probe = Term(source=source, targets={})
    for old in glossary.terms:
        if term_key(old.source) == term_key(source) and _clash(old, probe):
            return old
    return None


def update_term(
    old: Term,
    targets: Mapping[str, str],
    *,
    source_lang: str = "en",
    keep: bool = False,
    note: str = "",
    avoid: Mapping[str, Sequence[str]] | None = None,
    variants: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Term, list[str]]:
    """Change the existing row ``old`` in its file: ``targets`` add or replace renderings,
    ``avoid`` and ``variants`` add forms to their lists, ``note`` replaces the note, ``keep``
    makes it a name kept as written. Returns the row as written and what changed, one line per
    change ("uk: 'Зеленський' added", "es: 'Zelensky' replaced by 'Zelenski'"); nothing is
    written when nothing changed. Other rows keep their text byte for byte."""
    from dataclasses import replace

    from translate.glossary.sheets import same_lang

    def lookup(lang: str, codes: Iterable[str]) -> str | None:  # the column of that very code
        return next((code for code in codes if same_lang(code, lang)), None)

    if old.file is None:
        raise GlossaryError(f"'{old.source}' has no glossary file to change")
    changes: list[str] = []
    new_targets = dict(old.targets)
    for lang, text in targets.items():
        key = lookup(lang, (code for code, value in new_targets.items() if value)) or lang
        before = new_targets.get(key, "")
        if before == text:
            continue
        new_targets.pop(key, None)
        new_targets[lang if not before else key] = text
        changes.append(
            f"{lang}: '{before}' replaced by '{text}'" if before else f"{lang}: '{text}' added"
        )
    lists = {"avoid": dict(old.avoid), "variants": dict(old.variants)}
    for name, given in (("avoid", avoid), ("variants", variants)):
        current = lists[name]
        for lang, items in (given or {}).items():
            key = lookup(lang, (code for code, value in current.items() if value)) or lang
            have = list(current.get(key, ()))
            added = [item for item in items if item and item not in have]
            if added:
                current[key] = (*have, *added)
                listed = ", ".join(f"'{item}'" for item in added)
                changes.append(f"{name}:{lang}: {listed} added")
    term_type = TermType.KEEP if keep else old.type
    if term_type is not old.type:
        changes.append("type: now keep (a name kept as written)")
    if note and note != old.note:
        changes.append(f"note: '{note}'" + (f" (was '{old.note}')" if old.note else ""))
    term = replace(
        old,
        targets=new_targets,
        type=term_type,
        note=note or old.note,
        avoid=lists["avoid"],
        variants=lists["variants"],
    )
    if changes:
        check_term(term, old.file)
        save_terms(old.file, source_lang, replace=[term])
    return term, changes
