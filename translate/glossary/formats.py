"""Glossary interchange: CSV, TBX-Basic and OmegaT glossaries in and out of a workspace.

- CSV: the house format (see ``translate.glossary``).
- TBX-Basic: ``martif/text/body/termEntry/langSet/tig/term``. The approved rendering is the
  ``preferredTerm-admn-sts`` term of a language, renderings to avoid are
  ``deprecatedTerm-admn-sts`` terms, the entry's ``note`` is the note; tx's own properties go
  in ``termNote`` elements of the source term: ``x-tx-type`` (``keep``) and ``x-tx-case``
  (``sensitive``/``insensitive``, written when not the default). TBX v3 files
  (``tbx/conceptEntry/langSec/termSec``) are read too.
- OmegaT: UTF-8 text, ``source<TAB>target<TAB>comment`` per line, one target language per
  file, ``#`` comment lines. A line whose target equals its source imports as a ``keep``
  entry, and keep entries without a rendering export with their source as the target.

Import never overwrites silently: an entry whose source term is already in the glossary with
a different rendering is a conflict and is skipped unless ``replace`` is set; identical
entries are skipped as duplicates; entries that only add renderings or avoid items complete
the existing row; new entries are appended to the target file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import GlossaryError
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
from translate.languages import normalized, same_language
from translate.models import Glossary, Term, TermType
from translate.workspace import write_text

FORMATS = ("csv", "tbx", "omegat")
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tbx": "tbx",
    ".txt": "omegat",
    ".tsv": "omegat",
    ".utf8": "omegat",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
# Spreadsheet formula injection (OWASP "CSV injection"): Excel, LibreOffice and Google Sheets
# run a cell that starts with one of these as a formula. Exported CSV and OmegaT cells that
# start so get a single quote in front (the guard); import takes the guard off and says so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_DEPRECATED = "deprecatedTerm-admn-sts"


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
            hint="use .csv, .tbx or .txt/.tsv/.utf8 (OmegaT), or pass --format",
        )
    return found


def _need_lang(fmt: str, lang: str | None, path: Path) -> str:
    if lang is None:
        raise GlossaryError(
            f"an {fmt} glossary holds one target language", path=path, hint="pass --lang xx"
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


# --- TBX ---------------------------------------------------------------------------------


def tbx_text(glossary: Glossary) -> str:
    """A glossary as a TBX-Basic document."""
    from xml.etree import ElementTree as ET

    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: glossary.source_lang})
    desc = ET.SubElement(
        ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc"
    )
    ET.SubElement(desc, "p").text = "Glossary exported by tx"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")

    def tig(
        parent: ET.Element, text: str, status: str, notes: Sequence[tuple[str, str]] = ()
    ) -> None:
        element = ET.SubElement(parent, "tig")
        ET.SubElement(element, "term").text = text
        ET.SubElement(element, "termNote", type="administrativeStatus").text = status
        for kind, value in notes:
            ET.SubElement(element, "termNote", type=kind).text = value

    for number, term in enumerate(glossary.terms, 1):
        entry = ET.SubElement(body, "termEntry", id=f"t{number}")
        if term.note:
            ET.SubElement(entry, "note").text = term.note
        notes = [("x-tx-type", "keep")] if term.type is TermType.KEEP else []
        if term.case_sensitive != (term.type is TermType.KEEP):
            notes.append(("x-tx-case", "sensitive" if term.case_sensitive else "insensitive"))
        tig(ET.SubElement(entry, "langSet", {_XML_LANG: glossary.source_lang}), term.source,
            _PREFERRED, notes)  # fmt: skip
        for lang in dict.fromkeys([*term.targets, *term.avoid]):
            lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
            if term.targets.get(lang):
                tig(lang_set, term.targets[lang], _PREFERRED)
            for wrong in term.avoid.get(lang, ()):
                tig(lang_set, wrong, _DEPRECATED)
    ET.indent(root)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    doctype = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
    return declaration + doctype + ET.tostring(root, encoding="unicode") + "\n"


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def read_tbx(path: Path, source_lang: str) -> tuple[list[Term], list[str]]:
    """The entries of a TBX file as terms, and messages about entries that were skipped."""
    from translate.limits import MAX_GLOSSARY_BYTES, parse_xml, read_capped

    data = read_capped(path, MAX_GLOSSARY_BYTES, GlossaryError, "glossary")
    root: Any = parse_xml(
        data, path, GlossaryError, "glossary", "fix the XML or export the glossary again"
    )
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(
            f"not a TBX file (its root element is <{_local(root.tag)}>, not <martif> or <tbx>)",
            path=path,
            hint="export TBX from your terminology tool, or pass --format for another format",
        )
    terms: list[Term] = []
    skipped: list[str] = []
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    for number, entry in enumerate(entries, 1):
        name = f"entry {number}" + (f" (id {entry.get('id')})" if entry.get("id") else "")
        source: str | None = None
        notes: dict[str, str] = {}
        targets: dict[str, str] = {}
        avoid: dict[str, list[str]] = {}
        for lang_set in (c for c in entry if _local(c.tag) in ("langSet", "langSec")):
            lang = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
            for tig in (c for c in lang_set if _local(c.tag) in ("tig", "ntig", "termSec")):
                words = [e for e in tig.iter() if _local(e.tag) == "term"]
                text = " ".join("".join(words[0].itertext()).split()) if words else ""
                tig_notes = {
                    n.get("type", ""): (n.text or "").strip()
                    for n in tig.iter()
                    if _local(n.tag) == "termNote"
                }
                status = tig_notes.get("administrativeStatus", "")
                if not text:
                    continue
                if status.startswith(("deprecated", "superseded")):
                    avoid.setdefault(lang, []).append(text)
                elif same_language(lang, source_lang):
                    if source is None:
                        source, notes = text, tig_notes
                elif lang and not targets.get(normalized(lang) or lang):
                    targets[normalized(lang) or lang] = text
        if source is None:
            skipped.append(f"{name}: no {source_lang} term")
            continue
        keep = notes.get("x-tx-type") == "keep"
        case = notes.get("x-tx-case")
        note = " ".join(
            word for e in entry if _local(e.tag) == "note" for word in "".join(e.itertext()).split()
        )
        terms.append(
            Term(
                source=source,
                targets=targets,
                type=TermType.KEEP if keep else TermType.TERM,
                case_sensitive=keep if case is None else case == "sensitive",
                note=note,
                avoid={lang: tuple(items) for lang, items in avoid.items()},
                file=path,
            )
        )
    return terms, skipped


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


def read_omegat(path: Path, lang: str) -> list[Term]:
    """The lines of an OmegaT glossary as terms with a rendering in ``lang``."""
    from translate.limits import MAX_GLOSSARY_BYTES, read_capped

    data = read_capped(path, MAX_GLOSSARY_BYTES, GlossaryError, "glossary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError("not UTF-8 text", path=path, line=where, hint="save as UTF-8") from exc
    terms = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [" ".join(field.split()) for field in line.split("\t")]
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise GlossaryError(
                "expected source<TAB>target<TAB>comment",
                path=path,
                line=number,
                hint="separate the fields with tab characters",
            )
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
    return terms


# --- import and export -------------------------------------------------------------------


def read_terms(
    path: Path, source_lang: str, *, fmt: str | None = None, lang: str | None = None
) -> tuple[list[Term], list[str]]:
    """The terms of a glossary file in any format, and messages about skipped entries."""
    terms, skipped = _read_as_written(path, source_lang, fmt=fmt, lang=lang)
    return [_unguarded(term) for term in terms], skipped


def _read_as_written(
    path: Path, source_lang: str, *, fmt: str | None = None, lang: str | None = None
) -> tuple[list[Term], list[str]]:
    fmt = guess_format(path, fmt)
    if fmt == "csv":
        return list(load_glossary([path], source_lang).terms), []
    if fmt == "tbx":
        return read_tbx(path, source_lang)
    return read_omegat(path, _need_lang(fmt, lang, path)), []


def export_glossary(
    glossary: Glossary, path: Path, *, fmt: str | None = None, lang: str | None = None
) -> int:
    """Write ``glossary`` to ``path`` (atomically) in a format; returns the entries written."""
    fmt = guess_format(path, fmt)
    if fmt == "csv":
        write_text(path, csv_text(glossary))
        return len(glossary.terms)
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
    merged = dataclasses.replace(
        old,
        targets=targets,
        avoid=avoid,
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
    fmt = guess_format(source, fmt)
    written, skipped = _read_as_written(source, source_lang, fmt=fmt, lang=lang)
    incoming = [_unguarded(term) for term in written]
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
        merged, conflict = _merge(old, term, replace=replace, with_type=fmt != "omegat")
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
    )
