"""Checking a delivery: every tx check run over a bilingual file from any tool, the way
agencies check what translators send back (Xbench, pofilter).

Readers by suffix give sentence pairs with where they stand in the file:

- TSV (``.tsv``, ``.tab``, ``.txt``): ``source TAB target``, one pair a line (the line number);
- TMX (``.tmx``): each unit's source and its target in the language checked (``tuid`` or the
  unit's number);
- XLIFF 1.2 and 2.x (``.xlf``, ``.xliff``): ``trans-unit`` or ``unit``/``segment`` (their id).

Inline codes (TMX ``bpt``/``ept``/``ph``, XLIFF ``x``/``ph``/``bx``/``ex``) are left out of
the text; text inside ``g``, ``mrk``, ``pc``, ``hi`` and ``sub`` is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.checks.segment import check_segment
from translate.errors import BilingualError
from translate.formats.tmx import inline_text, variants
from translate.languages import same_language
from translate.models import Flag, Glossary
from translate.workspace.limits import MAX_MEMORY_BYTES, parse_xml, read_capped

# Elements holding text inside an XLIFF source or target; x, ph, bx, ex are codes.
_XLIFF_TEXT = frozenset({"g", "mrk", "pc", "sub"})
_HINT = "check that the file is what its suffix says"


@dataclass(frozen=True)
class Pair:
    """A source sentence and its translation, and where they are in the file."""

    where: str
    source: str
    target: str


@dataclass(frozen=True)
class Finding:
    """One flag on one pair."""

    pair: Pair
    flag: Flag


def check_file(path: Path, glossary: Glossary, target_lang: str, source_lang: str) -> list[Finding]:
    """Every flag of every pair of ``path``, in file order."""
    findings = []
    for pair in read_pairs(path, target_lang, source_lang):
        for flag in check_segment(pair.source, pair.target, glossary, target_lang):
            findings.append(Finding(pair, flag))
    return findings


def read_pairs(path: Path, target_lang: str, source_lang: str) -> list[Pair]:
    """The sentence pairs of a bilingual file (by its suffix)."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise BilingualError(
            f"cannot check a {path.suffix or 'suffix-less'} file",
            path=path,
            hint="give a .tsv (source TAB target), .tmx, .xlf or .xliff file",
        )
    data = read_capped(path, MAX_MEMORY_BYTES, BilingualError, "bilingual file")
    return list(reader(path, data, target_lang, source_lang))


def _tsv(path: Path, data: bytes, target_lang: str, source_lang: str) -> Iterator[Pair]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = data[: error.start].count(b"\n") + 1
        raise BilingualError(
            "not UTF-8 text", path=path, line=where, hint="save it as UTF-8"
        ) from None
    for number, row in enumerate(text.splitlines(), 1):
        if not row.strip():
            continue
        source, tab, target = row.partition("\t")
        if not tab:
            raise BilingualError(
                "no TAB between source and target", path=path, line=number, hint=_HINT
            )
        yield Pair(str(number), source.strip(), target.strip())


def _tmx(path: Path, data: bytes, target_lang: str, source_lang: str) -> Iterator[Pair]:
    root: Any = parse_xml(data, path, BilingualError, "TMX file", _HINT)
    if root.tag != "tmx":
        raise BilingualError(f"not a TMX file (root element <{root.tag}>)", path=path, hint=_HINT)
    header = root.find("header")
    default = (header.get("srclang") if header is not None else None) or source_lang
    for number, tu in enumerate(root.iter("tu"), 1):
        srclang, texts = variants(tu, default)
        source = next((t for lang, t in texts if same_language(lang, srclang)), None)
        target = next((t for lang, t in texts if same_language(lang, target_lang)), None)
        if source is not None and target is not None:
            yield Pair(tu.get("tuid") or str(number), source, target)


def _xliff(path: Path, data: bytes, target_lang: str, source_lang: str) -> Iterator[Pair]:
    root: Any = parse_xml(data, path, BilingualError, "XLIFF file", _HINT)
    if _local(root.tag) != "xliff":
        raise BilingualError(f"not an XLIFF file (root <{_local(root.tag)}>)", path=path)
    units = [e for e in root.iter() if _local(e.tag) in ("trans-unit", "segment")]
    for number, unit in enumerate(units, 1):
        source = _child(unit, "source")
        target = _child(unit, "target")
        if source is None or target is None:
            continue
        ident = unit.get("id") or (
            unit.getparent().get("id") if unit.getparent() is not None else None
        )
        yield Pair(ident or str(number), _text(source), _text(target))


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _child(element: Any, name: str) -> Any:
    return next((child for child in element if _local(child.tag) == name), None)


def _text(element: Any) -> str:
    return " ".join(inline_text(element, _XLIFF_TEXT).split())


_READERS: dict[str, Callable[[Path, bytes, str, str], Iterator[Pair]]] = {
    ".tsv": _tsv,
    ".tab": _tsv,
    ".txt": _tsv,
    ".tmx": _tmx,
    ".xlf": _xliff,
    ".xliff": _xliff,
}
