"""TBX glossaries: TBX-Basic in TBX 2008 (``martif``, v2) and TBX v3 (``tbx``, DCA and DCT
styles) read with their administrative status; TBX-Basic 2008 written.

Reading, per entry (``termEntry`` or ``conceptEntry``) and language (``langSet``/``langSec``,
whose ``xml:lang`` is matched by lookup: ``en-US`` terms are English):

- the approved rendering is the ``preferredTerm-admn-sts`` term, else the first term without
  a status, else the first ``admittedTerm-admn-sts`` one;
- every other term that is not deprecated (synonyms, admitted terms, short forms) is kept as a
  variant (the ``variants:<lang>`` column);
- ``deprecatedTerm-admn-sts`` and ``supersededTerm-admn-sts`` terms are renderings to avoid
  (``avoid:<lang>``), except in the source language, where tx has no use for them: they are
  counted as not carried over;
- the entry's ``note`` is the term's note; a ``note`` of the source term starting ``tx:`` holds
  tx's own properties (``tx: type=keep; case=sensitive``), as TBX-Basic allows no new types.

The status is a ``termNote type="administrativeStatus"`` (TBX 2008 and v3 DCA) or an
``administrativeStatus`` element of any namespace (v3 DCT). Everything else an entry holds
(definitions, contexts, subject fields, part of speech, transactions, cross-references, ...)
has no place in a tx glossary and is counted by kind in ``TbxRead.dropped``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import GlossaryError
from translate.languages import normalized, same_language
from translate.models import Glossary, Term, TermType

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
TX_NOTE = "tx:"
_ENTRIES = ("termEntry", "conceptEntry")
_LANG_SETS = ("langSet", "langSec")
_TERM_SETS = ("tig", "ntig", "termSec")
# Elements whose kind is their ``type`` attribute (DCA style); in DCT style the kind is the
# element's own name.
_TYPED = frozenset(
    {"descrip", "termNote", "admin", "transac", "xref", "ref", "adminNote", "descripNote"}
)
_GROUPS = {"descripGrp": "descrip", "adminGrp": "admin", "termNoteGrp": "termNote"}


@dataclass(frozen=True)
class TbxRead:
    """The terms of a TBX file, the entries skipped (messages) and counts by kind of what the
    entries hold that a tx glossary cannot (definitions, contexts, transactions, ...)."""

    terms: tuple[Term, ...]
    skipped: tuple[str, ...] = ()
    dropped: tuple[tuple[str, int], ...] = ()


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _kind(element: Any) -> str:
    name = _local(element.tag)
    if name in _GROUPS:
        inner = next((c for c in element if _local(c.tag) == _GROUPS[name]), None)
        return _kind(inner) if inner is not None else name
    if name in _TYPED:
        return f"{name} {element.get('type') or '(no type)'}"
    if name == "transacGrp":
        return "transacGrp (transactions: who and when)"
    return name


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


@dataclass
class _Term:
    text: str
    status: str  # preferred, admitted, deprecated, unmarked
    tx_note: str = ""


def _status(value: str) -> str:
    value = value.strip()
    for status in ("preferred", "admitted", "deprecated", "superseded"):
        if value.startswith(status):
            return "deprecated" if status == "superseded" else status
    return "unmarked"


def _terms_of(term_set: Any, dropped: Counter[str]) -> _Term | None:
    """The term of a ``tig``/``ntig``/``termSec`` with its status; the rest is counted."""
    found: _Term | None = None
    status, tx_note = "", ""
    legacy: dict[str, str] = {}
    for child in term_set.iter():
        if child is term_set or not isinstance(child.tag, str):
            continue
        name, kind = _local(child.tag), _kind(child)
        if name == "term":
            if found is None:
                found = _Term(_text(child), "unmarked")
        elif name == "administrativeStatus" or kind == "termNote administrativeStatus":
            status = _text(child)
        elif kind.startswith("termNote x-tx-"):
            legacy[kind.split()[-1]] = _text(child)  # as older versions of tx wrote them
        elif name == "note" and _text(child).startswith(TX_NOTE):
            tx_note = _text(child)[len(TX_NOTE) :]
        elif (
            name not in ("termGrp", "hi")
            and (child.getparent() is term_set or _local(child.getparent().tag) == "termGrp")
            and "administrativeStatus" not in kind
            and not kind.startswith("termNote x-tx-")
        ):
            dropped[kind + " (of a term)"] += 1
    if found is None or not found.text:
        return None
    found.status = _status(status)
    if legacy:
        parts = [f"type={legacy['x-tx-type']}"] if "x-tx-type" in legacy else []
        parts += [f"case={legacy['x-tx-case']}"] if "x-tx-case" in legacy else []
        tx_note = "; ".join(parts)
    found.tx_note = tx_note
    return found


def _tx_properties(note: str) -> dict[str, str]:
    pairs = (part.partition("=") for part in re.split(r"[;,]", note))
    return {key.strip(): value.strip() for key, sep, value in pairs if sep}


def read_tbx(path: Path, source_lang: str) -> TbxRead:
    """The entries of a TBX file as terms, the entries skipped and what was not carried over."""
    from translate.workspace.limits import MAX_GLOSSARY_BYTES, parse_xml, read_capped

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
    dropped: Counter[str] = Counter()
    entries = [e for e in root.iter() if _local(e.tag) in _ENTRIES]
    for number, entry in enumerate(entries, 1):
        name = f"entry {number}" + (f" (id {entry.get('id')})" if entry.get("id") else "")
        term = _entry(entry, path, source_lang, dropped)
        if isinstance(term, str):
            skipped.append(f"{name}: {term}")
        else:
            terms.append(term)
    return TbxRead(tuple(terms), tuple(skipped), tuple(sorted(dropped.items())))


def _entry(entry: Any, path: Path, source_lang: str, dropped: Counter[str]) -> Term | str:
    """The term of an entry, or why it has none."""
    by_lang: dict[str, list[_Term]] = {}
    notes: list[str] = []
    for child in entry:
        name = _local(child.tag)
        if name in _LANG_SETS:
            raw = child.get(XML_LANG) or child.get("lang") or ""
            lang = normalized(raw)
            if lang is None:
                dropped[f"langSet without a valid language ('{raw[:20]}')"] += 1
                continue
            for item in child:
                if _local(item.tag) in _TERM_SETS:
                    found = _terms_of(item, dropped)
                    if found is not None:
                        by_lang.setdefault(lang, []).append(found)
                elif isinstance(item.tag, str):
                    dropped[_kind(item) + " (of a language)"] += 1
        elif name == "note":
            notes.append(_text(child))
        elif isinstance(child.tag, str):
            dropped[_kind(child) + " (of an entry)"] += 1
    source_key = next((k for k in by_lang if same_language(k, source_lang)), None)
    if source_key is None:
        return f"no {source_lang} term"
    source_terms = [t for k, ts in by_lang.items() if same_language(k, source_lang) for t in ts]
    usable = [t for t in source_terms if t.status != "deprecated"]
    if not usable:
        return f"its {source_lang} terms are all deprecated"
    source, source_variants = _choose(usable)
    if len(source_terms) > len(usable):
        dropped["deprecated source-language term"] += len(source_terms) - len(usable)
    props = _tx_properties(next((t.tx_note for t in source_terms if t.tx_note), ""))
    keep = props.get("type") == "keep"
    targets: dict[str, str] = {}
    variants: dict[str, tuple[str, ...]] = {}
    avoid: dict[str, tuple[str, ...]] = {}
    if source_variants:
        variants[source_lang] = tuple(dict.fromkeys(t.text for t in source_variants))
    for lang, in_lang in by_lang.items():
        if same_language(lang, source_lang):
            continue
        wrong = tuple(dict.fromkeys(t.text for t in in_lang if t.status == "deprecated"))
        if wrong:
            avoid[lang] = wrong
        good = [t for t in in_lang if t.status != "deprecated"]
        if good:
            approved, others = _choose(good)
            targets[lang] = approved.text
            extra = tuple(dict.fromkeys(t.text for t in others if t.text != approved.text))
            if extra:
                variants[lang] = extra
    case = props.get("case")
    return Term(
        source=source.text,
        targets=targets,
        type=TermType.KEEP if keep else TermType.TERM,
        case_sensitive=keep if case is None else case == "sensitive",
        note=" ".join(notes),
        avoid=avoid,
        file=path,
        variants=variants,
    )


def _choose(found: Sequence[_Term]) -> tuple[_Term, list[_Term]]:
    """The approved term of a language (preferred, else unmarked, else admitted) and the rest."""
    rank = {"preferred": 0, "unmarked": 1, "admitted": 2}
    best = min(found, key=lambda t: rank.get(t.status, 3))
    return best, [t for t in found if t is not best]


# --- writing -----------------------------------------------------------------------------


def tbx_text(glossary: Glossary) -> str:
    """A glossary as a TBX-Basic (TBX 2008) document: the approved rendering of each language
    is its preferred term, variants admitted terms, renderings to avoid deprecated terms; tx's
    own properties are a ``tx:`` note of the source term."""
    from xml.etree import ElementTree as ET

    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: glossary.source_lang})
    header = ET.SubElement(root, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = "Glossary exported by tx"
    ET.SubElement(
        ET.SubElement(header, "encodingDesc"), "p", type="XCSURI"
    ).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")

    def tig(parent: ET.Element, text: str, status: str, tx_note: str = "") -> None:
        element = ET.SubElement(parent, "tig")
        ET.SubElement(element, "term").text = text
        ET.SubElement(element, "termNote", type="administrativeStatus").text = status
        if tx_note:
            ET.SubElement(element, "note").text = f"{TX_NOTE} {tx_note}"

    for number, term in enumerate(glossary.terms, 1):
        entry = ET.SubElement(body, "termEntry", id=f"t{number}")
        if term.note:
            ET.SubElement(entry, "note").text = term.note
        props = ["type=keep"] if term.type is TermType.KEEP else []
        if term.case_sensitive != (term.type is TermType.KEEP):
            props.append("case=" + ("sensitive" if term.case_sensitive else "insensitive"))
        source_set = ET.SubElement(entry, "langSet", {XML_LANG: glossary.source_lang})
        tig(source_set, term.source, PREFERRED, "; ".join(props))
        source_key = next(
            (k for k in term.variants if same_language(k, glossary.source_lang)), None
        )
        for variant in term.variants.get(source_key or "", ()):
            tig(source_set, variant, ADMITTED)
        for lang in dict.fromkeys([*term.targets, *term.variants, *term.avoid]):
            if lang == source_key:
                continue
            lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
            if term.targets.get(lang):
                tig(lang_set, term.targets[lang], PREFERRED)
            for variant in term.variants.get(lang, ()):
                tig(lang_set, variant, ADMITTED)
            for wrong in term.avoid.get(lang, ()):
                tig(lang_set, wrong, DEPRECATED)
            if not len(lang_set):
                entry.remove(lang_set)
    ET.indent(root)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    doctype = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
    return declaration + doctype + ET.tostring(root, encoding="unicode") + "\n"
