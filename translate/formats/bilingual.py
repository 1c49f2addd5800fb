"""Bilingual files from any tool read unit by unit for checking: TSV, TMX 1.1-1.4b, XLIFF 1.2
and 2.x.

Every unit the file holds is read and comes back as one or more ``Entry`` values (one per
segment where the file segments a unit: XLIFF 1.2 ``seg-source``/``mrk mtype="seg"``, XLIFF 2
``segment``), with its translation or ``None`` where the file holds none, its state as the
file says it (mapped to XLIFF 2's initial, translated, reviewed, final) and whether it is to be
translated at all (``translate="no"``). Text is kept as the file holds it: XML's whitespace
rules apply (``xml:space="preserve"`` keeps everything; otherwise only the line breaks and
indentation of a pretty-printed element are layout), so a double space, a leading or trailing
space and a no-break space stay what they are. Inline codes (TMX ``bpt``/``ept``/``it``/
``ph``/``ut``, XLIFF ``x``/``ph``/``bx``/``ex``/``bpt``/``ept``/``it``, XLIFF 2 ``ph``/``sc``/
``ec``) are left out of the text; text inside ``g``, ``mrk``, ``pc``, ``hi`` and ``sub`` is
kept. What the file holds that is not checked (``alt-trans``, XLIFF 2 match candidates) is
counted in ``Bilingual.reported``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.errors import BilingualError
from translate.languages import same_language
from translate.workspace.limits import MAX_MEMORY_BYTES, parse_xml, read_capped

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_HINT = "check that the file is what its suffix says"
_TEXT = frozenset({"g", "mrk", "pc", "hi", "sub"})  # elements whose text is the sentence's
_LAYOUT = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")  # a line break and the indentation around it

# XLIFF 1.2 target states (and tx's own 2.x values) as XLIFF 2's four.
STATES_12 = {
    "new": "initial",
    "needs-translation": "initial",
    "needs-l10n": "initial",
    "needs-adaptation": "initial",
    "translated": "translated",
    "needs-review-translation": "translated",
    "needs-review-l10n": "translated",
    "needs-review-adaptation": "translated",
    "signed-off": "reviewed",
    "final": "final",
}
STATES = ("initial", "translated", "reviewed", "final")
# Trados (SDLXLIFF) segment confirmation levels.
SDL_STATES = {
    "Draft": "initial",
    "Translated": "translated",
    "RejectedTranslation": "initial",
    "ApprovedTranslation": "reviewed",
    "RejectedSignOff": "translated",
    "ApprovedSignOff": "final",
}


@dataclass(frozen=True)
class Entry:
    """One segment of a unit: where it is, its source, its translation (``None``: the file
    holds none) and what the file says about it."""

    where: str
    source: str
    target: str | None
    state: str = "translated"  # initial, translated, reviewed or final
    file_state: str = ""  # the file's own word for it (needs-translation...)
    translate: bool = True
    skip: str = ""  # why the file gives nothing to check here, where it says why


@dataclass
class Bilingual:
    """A bilingual file as read: its languages as it declares them ('' where it does not),
    every unit's entries, how many units it holds and what it holds that is not checked."""

    path: Path
    kind: str
    source_lang: str = ""
    target_lang: str = ""
    units: int = 0
    entries: list[Entry] = field(default_factory=list)
    reported: Counter[str] = field(default_factory=Counter)
    languages: tuple[str, ...] = ()  # TMX: every variant language the file holds


def read_bilingual(path: Path, target_lang: str, source_lang: str) -> Bilingual:
    """Every unit of the bilingual file at ``path`` (by its suffix), for the translation into
    ``target_lang`` from ``source_lang`` (TMX picks its variants by them)."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise BilingualError(
            f"cannot check a {path.suffix or 'suffix-less'} file",
            path=path,
            hint="give a .tsv (source TAB target), .tmx, .xlf or .xliff file",
        )
    data = read_capped(path, MAX_MEMORY_BYTES, BilingualError, "bilingual file")
    return reader(path, data, target_lang, source_lang)


def _tsv(path: Path, data: bytes, target_lang: str, source_lang: str) -> Bilingual:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = data[: error.start].count(b"\n") + 1
        raise BilingualError(
            "not UTF-8 text", path=path, line=where, hint="save it as UTF-8"
        ) from None
    result = Bilingual(path, "TSV")
    for number, row in enumerate(text.split("\n"), 1):
        row = row.removesuffix("\r")
        if not row.strip():
            continue
        source, tab, target = row.partition("\t")
        if not tab:
            raise BilingualError(
                "no TAB between source and target", path=path, line=number, hint=_HINT
            )
        result.units += 1
        result.entries.append(Entry(str(number), source, _given(target)))
    return result


def _tmx(path: Path, data: bytes, target_lang: str, source_lang: str) -> Bilingual:
    from translate.formats.tmx import ALL_LANGUAGES

    root: Any = parse_xml(data, path, BilingualError, "TMX file", _HINT)
    if root.tag != "tmx":
        raise BilingualError(f"not a TMX file (root element <{root.tag}>)", path=path, hint=_HINT)
    header = root.find("header")
    declared = (header.get("srclang") if header is not None else None) or ""
    result = Bilingual(path, "TMX", "" if declared.lower() == ALL_LANGUAGES else declared)
    seen: set[str] = set()
    for number, tu in enumerate(root.iter("tu"), 1):
        result.units += 1
        variants = [
            (tuv.get(XML_LANG) or tuv.get("lang") or "", tuv.find("seg")) for tuv in tu.iter("tuv")
        ]
        seen.update(lang for lang, _ in variants if lang)
        own = tu.get("srclang") or declared
        wanted = source_lang if not own or own.lower() == ALL_LANGUAGES else own
        where = tu.get("tuid") or str(number)
        source = next((s for lang, s in variants if same_language(lang, wanted)), None)
        if source is None:
            result.entries.append(Entry(where, "", None, skip=f"no {wanted} variant"))
            continue
        target = next(
            (s for lang, s in variants if same_language(lang, target_lang)
             and not same_language(lang, wanted)),
            None,
        )  # fmt: skip
        text = _given(_text(target)) if target is not None else None
        state = next((p.text or "" for p in tu.findall("prop") if p.get("type") == "x-state"), "")
        result.entries.append(Entry(where, _text(source), text, state or "translated", state))
    result.languages = tuple(sorted(seen))
    return result


def _xliff(path: Path, data: bytes, target_lang: str, source_lang: str) -> Bilingual:
    root: Any = parse_xml(data, path, BilingualError, "XLIFF file", _HINT)
    if _local(root.tag) != "xliff":
        raise BilingualError(f"not an XLIFF file (root <{_local(root.tag)}>)", path=path)
    version = root.get("version", "")
    if version.startswith("2"):
        result = Bilingual(path, f"XLIFF {version}", root.get("srcLang", ""))
        result.target_lang = root.get("trgLang", "")
        for unit in (e for e in root.iter() if _local(e.tag) == "unit"):
            result.units += 1
            _unit_2(unit, result)
        return result
    result = Bilingual(path, f"XLIFF {version or '1.2'}")
    for file in (e for e in root if _local(e.tag) == "file"):
        result.source_lang = result.source_lang or file.get("source-language", "")
        result.target_lang = result.target_lang or file.get("target-language", "")
        for unit in (e for e in file.iter() if _local(e.tag) == "trans-unit"):
            result.units += 1
            _unit_12(unit, result)
    return result


def _unit_12(unit: Any, result: Bilingual) -> None:
    ident = unit.get("id") or str(result.units)
    translate = _inherited(unit, "translate", "yes") != "no"
    source, target = _child(unit, "source"), _child(unit, "target")
    alternatives = [c for c in unit if _local(c.tag) == "alt-trans"]
    if alternatives:
        result.reported["alt-trans alternative translations (reported, not checked)"] += len(
            alternatives
        )
    file_state = target.get("state", "") if target is not None else ""
    state = STATES_12.get(file_state, "translated" if target is not None else "initial")
    if unit.get("approved") == "yes" and state in ("initial", "translated"):
        state = "reviewed"
    segmented = _child(unit, "seg-source")
    marks = _segments(segmented) if segmented is not None else []
    if marks and target is not None and not _segments(target) and _given(_text(target)):
        marks = []  # a target the tool did not segment: the unit is checked whole
    if not marks:
        text = _given(_text(target))
        entry = Entry(ident, _text(source), text, state, file_state, translate)
        result.entries.append(entry)
        return
    in_target = {m.get("mid", ""): m for m in _segments(target)} if target is not None else {}
    confirmed = _trados_states(unit)
    for mark in marks:
        mid = mark.get("mid", "")
        found = in_target.get(mid)
        text = _given(_text(found))
        where = f"{ident}#{mid}"
        own_state, said = state, file_state
        if mid in confirmed:  # Trados: each segment's confirmation level
            said = confirmed[mid] or "not translated"
            own_state = SDL_STATES.get(confirmed[mid], "translated" if text else "initial")
        result.entries.append(Entry(where, _text(mark), text, own_state, said, translate))


def _trados_states(unit: Any) -> dict[str, str]:
    """SDLXLIFF's ``sdl:seg-defs``: each segment's ``conf`` by its id ('' when unset)."""
    found: dict[str, str] = {}
    for defs in (c for c in unit if _local(c.tag) == "seg-defs"):
        for seg in (s for s in defs if _local(s.tag) == "seg"):
            found[seg.get("id", "")] = seg.get("conf", "")
    return found


def _segments(element: Any) -> list[Any]:
    return [m for m in element.iter() if _local(m.tag) == "mrk" and m.get("mtype") == "seg"]


def _unit_2(unit: Any, result: Bilingual) -> None:
    ident = unit.get("id") or str(result.units)
    translate = _inherited(unit, "translate", "yes") != "no"
    segments = [c for c in unit if _local(c.tag) == "segment"]
    candidates = [c for c in unit.iter() if _local(c.tag) == "match"]
    if candidates:
        result.reported["match candidates (mtc:match, reported, not checked)"] += len(candidates)
    for number, segment in enumerate(segments, 1):
        source, target = _child(segment, "source"), _child(segment, "target")
        where = ident if len(segments) == 1 else f"{ident}#{segment.get('id') or number}"
        file_state = segment.get("state", "")
        text = _given(_text(target))
        state = file_state if file_state in STATES else "translated" if text else "initial"
        result.entries.append(Entry(where, _text(source), text, state, file_state, translate))


def _given(text: str) -> str | None:
    """A translation, or ``None`` for an empty or blank one: no translation."""
    return text if text.strip() else None


def _inherited(element: Any, name: str, default: str) -> str:
    """An attribute as the element or its nearest ancestor that says it (``translate``,
    ``xml:space``)."""
    while element is not None:
        value = element.get(name)
        if value is not None:
            return str(value)
        element = element.getparent()
    return default


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if _local(c.tag) == name), None)


def _text(element: Any) -> str:
    """The text of a source, target or seg as the file holds it, inline codes left out."""
    if element is None:
        return ""
    text = _inline(element)
    if _inherited(element, XML_SPACE, "default") == "preserve":
        return text
    return _LAYOUT.sub("\n", text).strip("\n").replace("\n", " ")


def _inline(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _local(child.tag) in _TEXT:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def languages_in(bilingual: Bilingual) -> str:
    """The languages a file declares, for messages: ``en -> es``."""
    return f"{bilingual.source_lang or '?'} -> {bilingual.target_lang or '?'}"


_READERS: dict[str, Callable[[Path, bytes, str, str], Bilingual]] = {
    ".tsv": _tsv,
    ".tab": _tsv,
    ".txt": _tsv,
    ".tmx": _tmx,
    ".xlf": _xliff,
    ".xliff": _xliff,
}
