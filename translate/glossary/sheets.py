"""Glossary CSV files: reading them into terms with every problem found, writing rows back.

A glossary file (``glossaries/*.csv``, UTF-8, a BOM tolerated) has one row per concept and a
header row naming its columns: one per language code (the source language's column holds the
source term), plus the optional ``type`` (``term``, or ``keep`` for names that stay as written
unless a language column gives a rendering), ``case`` (``sensitive``/``insensitive``; terms
default to insensitive, keep entries to sensitive), ``note``, ``avoid:<lang>`` (renderings
known to be wrong, separated by ``|``) and ``variants:<lang>`` (further accepted forms,
separated by ``|``).

Writing keeps every existing row byte for byte: new rows are appended, and replaced rows are
rewritten in place.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import GlossaryError
from translate.languages import has_locale_file
from translate.models import Term, TermType
from translate.workspace import write_text
from translate.workspace.limits import forbidden_character

META_COLUMNS = ("type", "case", "note")
AVOID_PREFIX = "avoid:"
AVOID_SEPARATOR = "|"
VARIANTS_PREFIX = "variants:"
_LISTS = (AVOID_PREFIX, VARIANTS_PREFIX)
_LANG_SHAPE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*\Z")
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")
_BOM = "\ufeff"
_COLUMNS_HINT = "columns are language codes, type, case, note, avoid:<lang> and variants:<lang>"


@dataclass(frozen=True)
class GlossaryProblem:
    """One problem in a glossary file, where it is and how to fix it."""

    path: Path
    line: int | None
    message: str
    hint: str = ""

    def error(self) -> GlossaryError:
        """The problem as an exception."""
        return GlossaryError(self.message, path=self.path, line=self.line, hint=self.hint or None)

    def __str__(self) -> str:
        return str(self.error())


def lang_key(code: str) -> str:
    """A language code normalized for comparison: ``zh_Hans`` and ``zh-hans`` are the same."""
    return code.replace("_", "-").lower()


@functools.lru_cache(maxsize=256)
def language_problem(code: str) -> str | None:
    """Why ``code`` is not a language code known to CLDR (via babel), or ``None`` if it is."""
    if not _LANG_SHAPE.match(code):
        return f"'{code}' is not a language code"
    if has_locale_file(code):
        return None  # Locale.parse finds the locale by its file first: Babel is not loaded
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"unknown language code '{code}'"
    return None


def term_key(source: str) -> str:
    """The key under which two source terms count as the same entry."""
    return " ".join(source.split()).casefold()


# --- reading CSV files -------------------------------------------------------------------


@dataclass
class Record:
    """One CSV record of a glossary file: its first line, cells and span in the file's text."""

    line: int
    cells: list[str]
    start: int
    end: int  # before the record's line terminator


@dataclass
class Sheet:
    """A glossary file's text split into records (the first is the header)."""

    path: Path
    text: str
    bom: bool
    records: list[Record] = field(default_factory=list)

    @property
    def newline(self) -> str:
        """The line terminator the file uses."""
        if self.records and self.text[self.records[0].end : self.records[0].end + 2] == "\r\n":
            return "\r\n"
        return "\n"


def read_sheet(path: Path) -> tuple[Sheet | None, GlossaryProblem | None]:
    """Read a glossary file into records; a problem if it cannot be read or parsed."""
    from translate.workspace.limits import MAX_GLOSSARY_BYTES, read_capped

    try:
        data = read_capped(path, MAX_GLOSSARY_BYTES, GlossaryError, "glossary")
    except GlossaryError as exc:
        return None, GlossaryProblem(path, None, exc.message, exc.hint or "")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, GlossaryProblem(
            path, line, "not UTF-8 text", "save the file as UTF-8 (CSV UTF-8 in spreadsheets)"
        )
    sheet = Sheet(path, text, bom)
    chunks = [(m.start(), m.group()) for m in _LINES.finditer(text)]
    reader = csv.reader(chunk for _, chunk in chunks)
    consumed = 0
    try:
        for cells in reader:
            first, consumed = consumed, reader.line_num
            if not cells or all(not cell.strip() for cell in cells):
                continue
            start, last = chunks[first][0], chunks[consumed - 1]
            end = last[0] + len(last[1].rstrip("\r\n"))
            sheet.records.append(Record(first + 1, cells, start, end))
    except csv.Error as exc:
        return None, GlossaryProblem(path, consumed + 1, f"malformed CSV: {exc}", "check quotes")
    return sheet, None


def sheet_terms(sheet: Sheet, source_lang: str) -> tuple[list[Term], list[GlossaryProblem]]:
    """The terms of a sheet and every problem found in it."""
    path, problems = sheet.path, []

    def problem(line: int, message: str, hint: str = "") -> None:
        problems.append(GlossaryProblem(path, line, message, hint))

    if not sheet.records:
        problem(1, "no header row", f"start the file with a header such as '{source_lang},es,note'")
        return [], problems
    header = sheet.records[0]
    kinds = _column_kinds(header.cells, header.line, problem)
    names = header.cells
    source_col = next(
        (i for i, n in enumerate(names) if kinds[i] == "lang" and same_lang(n, source_lang)), None
    )
    if source_col is None:
        problem(header.line, f"no '{source_lang}' column", "add a column for the source terms")
        return [], problems
    terms: list[Term] = []
    for record in sheet.records[1:]:
        cells, before = record.cells, len(problems)
        if len(cells) != len(names):
            problem(
                record.line,
                f"row has {len(cells)} cells but the header has {len(names)} columns",
                "quote cells that contain commas, and add empty cells for missing values",
            )
            continue
        for name, kind, cell in zip(names, kinds, cells, strict=True):
            if cell != cell.strip():
                problem(record.line, f"'{name}' cell '{cell}' has spaces around it", "remove them")
            elif kind != "note" and ("\n" in cell or "\r" in cell):
                problem(record.line, f"line break inside the '{name}' cell", "keep it on one line")
            elif (found := forbidden_character(cell)) is not None:
                problem(
                    record.line,
                    f"control character {found} in the '{name}' cell",
                    "delete it (XML, and so DOCX and HTML, cannot hold it)",
                )
        source = cells[source_col]
        values = dict(zip(names, cells, strict=True))
        if not source:
            problem(record.line, f"empty '{names[source_col]}' cell", "write the source term")
        if values.get("type", "") not in ("", "term", "keep"):
            problem(record.line, f"bad type '{values['type']}'", "use term or keep")
        if values.get("case", "") not in ("", "sensitive", "insensitive"):
            problem(record.line, f"bad case '{values['case']}'", "use sensitive or insensitive")
        if len(problems) > before:
            continue
        term_type = TermType.KEEP if values.get("type") == "keep" else TermType.TERM
        case = values.get("case") or ("sensitive" if term_type is TermType.KEEP else "")
        targets: dict[str, str] = {}
        lists: dict[str, dict[str, tuple[str, ...]]] = {p: {} for p in _LISTS}
        for i, (name, cell) in enumerate(zip(names, cells, strict=True)):
            kind = kinds[i]
            if kind == "lang" and i != source_col and cell:
                targets[name] = cell
            elif kind in lists and cell:
                items = tuple(p.strip() for p in cell.split(AVOID_SEPARATOR) if p.strip())
                lists[kind][name[len(kind) :]] = items
        terms.append(
            Term(
                source=source,
                targets=targets,
                type=term_type,
                case_sensitive=case == "sensitive",
                note=values.get("note", ""),
                avoid=lists[AVOID_PREFIX],
                file=path,
                line=record.line,
                variants=lists[VARIANTS_PREFIX],
            )
        )
    return terms, problems


def _column_kinds(
    names: list[str], line: int, problem: Callable[[int, str, str], None]
) -> list[str | None]:
    """What each header column holds: "lang", "type", "case", "note", "avoid:", "variants:",
    or None for a column with a problem (reported through ``problem``)."""
    kinds: list[str | None] = []  # "lang", "type", "case", "note", "avoid:", "variants:" or None
    seen: set[str] = set()
    for name in names:
        kind: str | None = None
        prefix = next((p for p in _LISTS if name.startswith(p)), "")
        lang = name[len(prefix) :]
        if name != name.strip():
            problem(line, f"column name '{name}' has spaces around it", "remove them")
        elif name in META_COLUMNS:
            kind = name
        elif not _LANG_SHAPE.match(lang):
            problem(line, f"unknown column '{name}'", _COLUMNS_HINT)
        elif (why := language_problem(lang)) is not None:
            problem(line, why, "use a code such as en, es, zh or zh-Hans")
        else:
            kind = prefix or "lang"
        if kind and lang_key(name) in seen:
            problem(line, f"column '{name}' appears twice", "merge the two columns")
            kind = None
        seen.add(lang_key(name))
        kinds.append(kind)
    return kinds


def same_lang(code: str, other: str) -> bool:
    """Whether two language codes name the same language and variant."""
    return lang_key(code) == lang_key(other)


# --- writing CSV files -------------------------------------------------------------------


def term_columns(term: Term, source_lang: str) -> list[str]:
    """The columns a glossary file needs to hold ``term``."""
    columns = [source_lang, *(lang for lang, text in term.targets.items() if text)]
    if term.type is TermType.KEEP:
        columns.append("type")
    if term.case_sensitive != (term.type is TermType.KEEP):
        columns.append("case")
    if term.note:
        columns.append("note")
    columns += [AVOID_PREFIX + lang for lang, items in term.avoid.items() if items]
    columns += [VARIANTS_PREFIX + lang for lang, items in term.variants.items() if items]
    return columns


def _same_column(one: str, other: str) -> bool:
    if one in META_COLUMNS or other in META_COLUMNS:
        return one == other
    prefix = next((p for p in _LISTS if one.startswith(p)), "")
    if prefix != next((p for p in _LISTS if other.startswith(p)), ""):
        return False
    return same_lang(one.removeprefix(prefix), other.removeprefix(prefix))


def _lookup(values: Mapping[str, str], lang: str) -> str:
    return next((text for code, text in values.items() if same_lang(code, lang)), "")


def term_cells(term: Term, header: Sequence[str], source_lang: str) -> list[str]:
    """The cells of ``term``'s row in a file with this header."""
    cells = []
    for name in header:
        if name == "type":
            cells.append(term.type.value)
        elif name == "case":
            default = term.type is TermType.KEEP
            cells.append("" if term.case_sensitive == default else _case_name(term))
        elif name == "note":
            cells.append(term.note)
        elif prefix := next((p for p in _LISTS if name.startswith(p)), ""):
            lists = term.avoid if prefix == AVOID_PREFIX else term.variants
            lang = name.removeprefix(prefix)
            items = next((v for k, v in lists.items() if same_lang(k, lang)), ())
            cells.append(AVOID_SEPARATOR.join(items))
        elif same_lang(name, source_lang):
            cells.append(term.source)
        else:
            cells.append(_lookup(term.targets, name))
    return cells


def _case_name(term: Term) -> str:
    return "sensitive" if term.case_sensitive else "insensitive"


def csv_row(cells: Sequence[str]) -> str:
    """One CSV record without its line terminator."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def save_terms(
    path: Path, source_lang: str, *, add: Sequence[Term] = (), replace: Sequence[Term] = ()
) -> None:
    """Append ``add`` as new rows and rewrite the rows holding the source terms of ``replace``.

    The file is written atomically. Other rows keep their text byte for byte, except that
    columns the new rows need are added at the end of the header and each row gets an empty
    cell for them. Raises GlossaryError if the file has problems, if a term of ``add`` is
    already in it, or if a term of ``replace`` is not.
    """
    sheet, existing = Sheet(path, "", False), list[Term]()
    if path.exists():
        read, problem = read_sheet(path)
        if read is None:
            raise problem.error()  # type: ignore[union-attr]
        sheet = read
        existing, problems = sheet_terms(sheet, source_lang)
        if problems:
            raise problems[0].error()
    by_key = {term_key(t.source): t for t in existing}
    for term in add:
        if term_key(term.source) in by_key:
            old = by_key[term_key(term.source)]
            raise GlossaryError(
                f"'{term.source}' is already in the glossary",
                path=path,
                line=old.line,
                hint="edit that row instead of adding another",
            )
    replacements: dict[int | None, Term] = {}
    for term in replace:
        if term_key(term.source) not in by_key:
            raise GlossaryError(f"'{term.source}' is not in this file", path=path)
        replacements[by_key[term_key(term.source)].line] = term
    header = list(sheet.records[0].cells) if sheet.records else []
    added: list[str] = []
    for term in (*add, *replace):
        for column in term_columns(term, source_lang):
            if not any(_same_column(column, name) for name in (*header, *added)):
                added.append(column)
    full, text, newline = header + added, sheet.text, sheet.newline
    pieces, pos = [], 0
    for index, record in enumerate(sheet.records):
        if index and record.line in replacements:
            row = csv_row(term_cells(replacements[record.line], full, source_lang))
            pieces += [text[pos : record.start], row]
            pos = record.end
        elif added:
            extra = "," + csv_row(added) if index == 0 else "," * len(added)
            pieces += [text[pos : record.end], extra]
            pos = record.end
    pieces.append(text[pos:])
    if not sheet.records:
        pieces.append(csv_row(full) + newline)
    out = "".join(pieces)
    if add and not out.endswith("\n"):
        out += newline
    out += "".join(csv_row(term_cells(t, full, source_lang)) + newline for t in add)
    write_text(path, (_BOM if sheet.bom else "") + out)


def check_term(term: Term, path: Path) -> None:
    """Raise GlossaryError if ``term`` could not be written as a valid glossary row."""

    def fail(message: str, hint: str) -> None:
        raise GlossaryError(message, path=path, hint=hint)

    if not term.source.strip():
        fail("the source term is empty", "give the term to add")
    listed = [i for lists in (term.avoid, term.variants) for v in lists.values() for i in v]
    texts = [term.source, *term.targets.values(), *listed]
    for text in texts:
        if text != text.strip():
            fail(f"'{text}' has spaces around it", "remove them")
        if "\n" in text or "\r" in text:
            fail(f"line break inside '{text}'", "keep each term on one line")
        if (found := forbidden_character(text)) is not None:
            fail(
                f"control character {found} in {text!r}",
                "type the term again without it (XML, and so DOCX and HTML, cannot hold it)",
            )
    for item in listed:
        if AVOID_SEPARATOR in item:
            fail(f"'{item}' contains '{AVOID_SEPARATOR}'", "give each rendering apart")
    for lang in (*term.targets, *term.avoid, *term.variants):
        if (why := language_problem(lang)) is not None:
            fail(why, "use a code such as es, fr, de, uk, ru or zh")
