"""Glossary interchange: CSV, TBX-Basic and OmegaT glossaries in and out of a workspace.

- CSV: the house format (see ``translate.glossary``).
- TBX: TBX-Basic in TBX 2008 and TBX v3 (see ``translate.formats.tbx``).
- OmegaT: ``source<TAB>target<TAB>comment`` per line (``.txt``, ``.tab``, ``.tsv``,
  ``.utf8``), one target language per file, ``#`` comment lines, in UTF-8 or in UTF-8 or
  UTF-16 with a byte order mark; or OmegaT's CSV variant (``source,target,comment`` with CSV
  quoting, ``--format omegat-csv``, or a ``.csv`` file whose first row is not a house header
  naming the source language). A line whose target equals its source imports as a ``keep``
  entry, and keep entries without a rendering export with their source as the target.

Every reader reports, by kind, what the file holds that a tx glossary cannot
(``ImportResult.dropped``): definitions, contexts, transactions of TBX entries, deprecated
source terms, fields past the comment of an OmegaT line.

Import never overwrites silently: an entry whose source term is already in the glossary with
a different rendering is a conflict and is skipped unless ``replace`` is set; identical
entries are skipped as duplicates; entries that only add renderings or avoid items complete
the existing row; new entries are appended to the target file.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import GlossaryError
from translate.formats.tbx import TbxRead, read_tbx, tbx_text
from translate.glossary import load_glossary
from translate.glossary.sheets import (
    AVOID_PREFIX,
    META_COLUMNS,
    csv_row,
    same_lang,
    save_terms,
    term_cells,
    term_columns,
    term_key,
)
from translate.languages import same_language
from translate.models import Glossary, Term, TermType
from translate.workspace import write_text
from translate.workspace.limits import forbidden_character

FORMATS = ("csv", "tbx", "omegat", "omegat-csv")
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tbx": "tbx",
    ".txt": "omegat",
    ".tab": "omegat",
    ".tsv": "omegat",
    ".utf8": "omegat",
}
# Spreadsheet formula injection (OWASP "CSV injection"): Excel, LibreOffice and Google Sheets
# run a cell that starts with one of these as a formula. Exported CSV and OmegaT cells that
# start so get a single quote in front (the guard); import takes the guard off and says so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def guess_format(path: Path, fmt: str | None = None) -> str:
    """The format named by ``fmt``, else the one ``path``'s suffix implies."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise GlossaryError(
                f"unknown glossary format '{fmt}'", hint=f"use {', '.join(FORMATS)}"
            )
        return fmt
    found = SUFFIX_FORMATS.get(path.suffix.lower())
    if found is None:
        raise GlossaryError(
            f"cannot tell the format from the suffix '{path.suffix}'",
            path=path,
            hint="use .csv, .tbx or .txt/.tab/.tsv/.utf8 (OmegaT), or pass --format",
        )
    return found


def _need_lang(fmt: str, lang: str | None, path: Path) -> str:
    if lang is None:
        hint = "pass --lang xx"
        if fmt == "omegat-csv":
            hint += "; a house CSV glossary starts with a header row naming the source language"
        raise GlossaryError(
            f"an {fmt.replace('-csv', ' CSV')} glossary holds one target language",
            path=path,
            hint=hint,
        )
    return lang


# --- CSV ---------------------------------------------------------------------------------


def csv_text(glossary: Glossary) -> str:
    """A glossary as house CSV text: every language, type, case, note and avoid column used."""
    langs: list[str] = []
    extra: list[str] = []
    for term in glossary.terms:
        for column in term_columns(term, glossary.source_lang)[1:]:
            bucket = extra if column in META_COLUMNS or column.startswith(AVOID_PREFIX) else langs
            if column not in bucket:
                bucket.append(column)
    meta = [name for name in META_COLUMNS if name in extra]
    avoid = [name for name in extra if name.startswith(AVOID_PREFIX)]
    header = [glossary.source_lang, *langs, *meta, *avoid]
    rows = [csv_row([guard_cell(cell) for cell in header])]
    rows += [
        csv_row([guard_cell(cell) for cell in term_cells(t, header, glossary.source_lang)])
        for t in glossary.terms
    ]
    return "\n".join(rows) + "\n"


def guard_cell(text: str) -> str:
    """``text`` with a single quote in front when a spreadsheet would run it as a formula."""
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    """``text`` without the guard quote ``guard_cell`` puts in front of a formula start."""
    return text[1:] if text.startswith(GUARD) and text[1:].startswith(FORMULA_STARTS) else text


def _unguarded(term: Term) -> Term:
    """``term`` with the guard quotes of an exported spreadsheet taken off its texts."""
    return dataclasses.replace(
        term,
        source=unguard_cell(term.source),
        targets={lang: unguard_cell(text) for lang, text in term.targets.items()},
        note=unguard_cell(term.note),
        avoid={lang: tuple(unguard_cell(t) for t in items) for lang, items in term.avoid.items()},
    )


# --- OmegaT ------------------------------------------------------------------------------


def omegat_text(glossary: Glossary, lang: str) -> tuple[str, int]:
    """A glossary as an OmegaT glossary for one target language, and how many lines it has.

    Terms without a rendering in ``lang`` are left out.
    """
    lines = [f"# Glossary exported by tx: {glossary.source_lang} -> {lang}"]
    for term in glossary.terms:
        target = term.target(lang)
        if target is None:
            continue
        fields = [term.source, target] + ([term.note] if term.note else [])
        lines.append("\t".join(guard_cell(" ".join(field.split())) for field in fields))
    return "\n".join(lines) + "\n", len(lines) - 1


def omegat_csv_text(glossary: Glossary, lang: str) -> tuple[str, int]:
    """A glossary in OmegaT's CSV variant for one target language (source, target, comment),
    cells guarded against spreadsheet formulas; and how many rows it has."""
    rows = []
    for term in glossary.terms:
        target = term.target(lang)
        if target is not None:
            fields = [term.source, target] + ([term.note] if term.note else [])
            rows.append(csv_row([guard_cell(" ".join(field.split())) for field in fields]))
    return "".join(row + "\n" for row in rows), len(rows)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def glossary_text(data: bytes, path: Path) -> str:
    """The text of a glossary file: UTF-8, or UTF-8 or UTF-16 with a byte order mark."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise GlossaryError(
                "NUL characters in the text (UTF-16 without a byte order mark?)",
                path=path,
                line=line,
                hint="save as UTF-8, or as UTF-16 with a byte order mark",
            )
        return text
    except UnicodeDecodeError as exc:
        where = data.count(b"\n", 0, exc.start) + 1 if encoding == "utf-8" else None
        raise GlossaryError(
            f"not {encoding.upper().replace('-SIG', '')} text",
            path=path,
            line=where,
            hint="save as UTF-8, or as UTF-16 with a byte order mark",
        ) from exc


def read_omegat(path: Path, lang: str, *, csv_variant: bool = False) -> TbxRead:
    """The lines of an OmegaT glossary as terms with a rendering in ``lang`` (tab-separated,
    or OmegaT's CSV variant), and counts of what they hold that tx cannot carry over."""
    import csv

    from translate.workspace.limits import MAX_GLOSSARY_BYTES, read_capped

    data = read_capped(path, MAX_GLOSSARY_BYTES, GlossaryError, "glossary")
    text = glossary_text(data, path)
    if csv_variant:
        try:
            rows = [(number, row) for number, row in enumerate(csv.reader(text.splitlines()), 1)]
        except csv.Error as exc:
            raise GlossaryError(f"malformed CSV: {exc}", path=path, hint="check quotes") from None
    else:
        rows = [(number, line.split("\t")) for number, line in enumerate(text.split("\n"), 1)]
    terms = []
    dropped: Counter[str] = Counter()
    separator = "commas" if csv_variant else "tab characters"
    for number, cells in rows:
        if not "".join(cells).strip() or cells[0].lstrip().startswith("#"):
            continue
        fields = [" ".join(field.split()) for field in cells]
        if len(fields) < 2 or not fields[0] or not fields[1]:
            layout = "source,target,comment" if csv_variant else "source<TAB>target<TAB>comment"
            raise GlossaryError(
                f"expected {layout}",
                path=path,
                line=number,
                hint=f"separate the fields with {separator}",
            )
        if any(fields[3:]):
            dropped["field after the comment (OmegaT line)"] += 1
        keep = fields[0] == fields[1]
        terms.append(
            Term(
                source=fields[0],
                targets={lang: fields[1]},
                type=TermType.KEEP if keep else TermType.TERM,
                case_sensitive=keep,
                note=fields[2] if len(fields) > 2 else "",
                file=path,
                line=number,
            )
        )
    return TbxRead(tuple(terms), (), tuple(sorted(dropped.items())))


def _house_csv(path: Path, source_lang: str) -> bool:
    """Whether a .csv file is a house glossary (a header row naming the source language)
    rather than an OmegaT CSV glossary (term rows only)."""
    import csv

    from translate.workspace.limits import MAX_GLOSSARY_BYTES, read_capped

    text = glossary_text(read_capped(path, MAX_GLOSSARY_BYTES, GlossaryError, "glossary"), path)
    first = next(csv.reader(text.lstrip("\ufeff").splitlines()[:1]), [])
    return any(same_language(cell.strip(), source_lang) for cell in first if cell.strip())


# --- import and export -------------------------------------------------------------------


def read_terms(
    path: Path, source_lang: str, *, fmt: str | None = None, lang: str | None = None
) -> TbxRead:
    """The terms of a glossary file in any format, skipped entries and what was not carried
    over; spreadsheet guard quotes taken off."""
    found = _read_as_written(path, source_lang, fmt=fmt, lang=lang)
    return dataclasses.replace(found, terms=tuple(_unguarded(term) for term in found.terms))


def file_format(path: Path, source_lang: str, fmt: str | None = None) -> str:
    """The format of a file to import: ``fmt``, else by suffix, a ``.csv`` file without a
    house header being OmegaT's CSV variant."""
    fmt = guess_format(path, fmt)
    if fmt == "csv" and not _house_csv(path, source_lang):
        return "omegat-csv"
    return fmt


def _read_as_written(
    path: Path, source_lang: str, *, fmt: str | None = None, lang: str | None = None
) -> TbxRead:
    fmt = file_format(path, source_lang, fmt)
    if fmt == "csv":
        return TbxRead(load_glossary([path], source_lang).terms)
    if fmt == "tbx":
        return read_tbx(path, source_lang)
    return read_omegat(path, _need_lang(fmt, lang, path), csv_variant=fmt == "omegat-csv")


def export_glossary(
    glossary: Glossary, path: Path, *, fmt: str | None = None, lang: str | None = None
) -> int:
    """Write ``glossary`` to ``path`` (atomically) in a format; returns the entries written."""
    fmt = guess_format(path, fmt)
    if fmt == "csv":
        write_text(path, csv_text(glossary))
        return len(glossary.terms)
    if fmt == "omegat-csv":
        text, count = omegat_csv_text(glossary, _need_lang(fmt, lang, path))
        write_text(path, text)
        return count
    if fmt == "tbx":
        write_text(path, tbx_text(glossary))
        return len(glossary.terms)
    text, count = omegat_text(glossary, _need_lang(fmt, lang, path))
    write_text(path, text)
    return count


@dataclass(frozen=True)
class ImportResult:
    """What an import did: entries added, completed, replaced; and what it skipped."""

    added: tuple[Term, ...] = ()
    completed: tuple[Term, ...] = ()
    replaced: tuple[Term, ...] = ()
    duplicates: tuple[Term, ...] = ()
    conflicts: tuple[tuple[Term, Term], ...] = ()  # (imported, existing)
    skipped: tuple[str, ...] = ()
    unguarded: tuple[str, ...] = ()  # cells whose spreadsheet guard quote was taken off
    dropped: tuple[tuple[str, int], ...] = ()  # (kind, count) of what was not carried over


def _merge(old: Term, new: Term, *, replace: bool, with_type: bool) -> tuple[Term, bool]:
    """``old`` with ``new``'s renderings and avoid items, and whether they conflict."""
    targets, conflict = dict(old.targets), False
    for lang, text in new.targets.items():
        key = next((k for k in targets if same_lang(k, lang)), lang)
        if targets.get(key) and targets[key] != text:
            conflict = True
            if not replace:
                continue
        targets[key] = text
    avoid = {lang: tuple(items) for lang, items in old.avoid.items()}
    for lang, items in new.avoid.items():
        key = next((k for k in avoid if same_lang(k, lang)), lang)
        avoid[key] = tuple(dict.fromkeys([*avoid.get(key, ()), *items]))
    variants = {lang: tuple(items) for lang, items in old.variants.items()}
    for lang, items in new.variants.items():
        key = next((k for k in variants if same_lang(k, lang)), lang)
        approved = targets.get(key) or targets.get(lang)
        extra = [item for item in items if item != approved]
        variants[key] = tuple(dict.fromkeys([*variants.get(key, ()), *extra]))
    merged = dataclasses.replace(
        old,
        targets=targets,
        avoid=avoid,
        variants={lang: items for lang, items in variants.items() if items},
        note=new.note if replace and new.note else (old.note or new.note),
        type=new.type if replace and with_type else old.type,
        case_sensitive=new.case_sensitive if replace and with_type else old.case_sensitive,
    )
    return merged, conflict


def import_glossary(
    source: Path,
    into: Path,
    glossary_files: Sequence[Path],
    source_lang: str,
    *,
    fmt: str | None = None,
    lang: str | None = None,
    replace: bool = False,
) -> ImportResult:
    """Import the glossary file ``source`` into the workspace glossary.

    ``glossary_files`` are the workspace's glossary files (``into`` is added when it exists).
    New entries are appended to ``into``; existing entries are completed or, with
    ``replace``, replaced in the file that holds them. Nothing is written when the import
    file or a glossary file has problems (GlossaryError).
    """
    fmt = file_format(source, source_lang, fmt)
    found = _read_as_written(source, source_lang, fmt=fmt, lang=lang)
    written, skipped = found.terms, found.skipped
    incoming = [_unguarded(term) for term in written]
    for term in incoming:  # what the workspace glossary would refuse is never written into it
        for text in (term.source, *term.targets.values()):
            if (found_char := forbidden_character(text)) is not None:
                raise GlossaryError(
                    f"control character {found_char} in {text!r}; nothing was imported",
                    path=source,
                    line=term.line,
                    hint="delete it in the file and import again (XML, and so DOCX and HTML, "
                    "cannot hold it)",
                )
    unguarded = [
        f"{source}:{term.line or '-'}: took the spreadsheet guard quote (') off a cell of "
        f"'{term.source}'"
        for term, before in zip(incoming, written, strict=True)
        if term != before
    ]
    paths = sorted({*glossary_files, *([into] if into.exists() else [])})
    known = {term_key(t.source): t for t in load_glossary(paths, source_lang).terms}
    added: dict[str, Term] = {}
    edits: dict[str, Term] = {}
    result: dict[str, list[Term]] = {"completed": [], "replaced": [], "duplicates": []}
    conflicts: list[tuple[Term, Term]] = []
    for term in incoming:
        key = term_key(term.source)
        old = edits.get(key) or known.get(key) or added.get(key)
        if old is None:
            added[key] = dataclasses.replace(term, file=into, line=None)
            continue
        merged, conflict = _merge(old, term, replace=replace, with_type=fmt in ("csv", "tbx"))
        if conflict and (not replace or key in added):
            conflicts.append((term, old))
        elif merged == old:
            result["duplicates"].append(term)
        elif key in added:
            added[key] = merged
        else:
            edits[key] = merged
            result["replaced" if conflict else "completed"].append(merged)
    by_file: dict[Path, list[Term]] = {}
    for term in edits.values():
        by_file.setdefault(term.file or into, []).append(term)
    for path, terms in by_file.items():
        save_terms(path, source_lang, add=list(added.values()) if path == into else (),
                   replace=terms)  # fmt: skip
    if added and into not in by_file:
        save_terms(into, source_lang, add=list(added.values()))
    return ImportResult(
        added=tuple(added.values()),
        completed=tuple(result["completed"]),
        replaced=tuple(result["replaced"]),
        duplicates=tuple(result["duplicates"]),
        conflicts=tuple(conflicts),
        skipped=tuple(skipped),
        unguarded=tuple(unguarded),
        dropped=found.dropped,
    )
