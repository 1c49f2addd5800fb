"""OmegaT's own files: the project file (``omegat.project``), sentence pairs as OmegaT shows
them (tag shortcuts) in a TMX it matches exactly, and its segmentation rules
(``omegat/segmentation.conf``).

Why OmegaT did not match what tx knows (OmegaT 3.6, as Debian ships it):

- Segmentation: OmegaT cuts a paragraph into sentences with its own SRX rules, whose English
  exceptions know "Mr." or "e.g." but not "U.S.", so "U.S. President Donald Trump welcomed..."
  is two segments for OmegaT and one sentence for tx, and the memory's sentence never matches.
  A project tx writes gives OmegaT tx's XLIFF, one unit per sentence tx made, with sentence
  segmentation off, and ships rules that do not break after the abbreviations tx's splitter
  knows, in case a translator turns segmentation on.
- Codes: OmegaT shows the inline codes of a segment as tag shortcuts (``<g0>``...``</g0>``
  for XLIFF ``g``, ``<x1/>`` for ``x``, numbered in order from 0) and matches a memory only
  when its source holds the same shortcuts. It reads the TMX files of ``tm/`` at level 1 unless
  the translator changed a preference: their ``bpt``/``ept`` codes are left out, so no
  formatted sentence can match from a TMX with codes. A memory written with the shortcuts as
  text (as OmegaT's own project memory is) matches exactly: ``shortcut_pair``.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from translate.formats.xliff.codes import Close, Open, Piece, Standalone, align, split_codes

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>{source_tok}</source_tok>
    <target_tok>{target_tok}</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
# OmegaT's Lucene tokenizers by language (it falls back to its default one for the others).
_TOKENIZERS = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "hi": "Hindi", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "CJK", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "th": "Thai",
    "tr": "Turkish", "zh": "Smart Chinese",
}  # fmt: skip


def project_xml(source_lang: str, target_lang: str) -> str:
    """``omegat.project`` for a project from ``source_lang`` into ``target_lang``, with the
    default folders and sentence segmentation off (the units are tx's sentences)."""
    return PROJECT.format(
        source=escape(source_lang),
        target=escape(target_lang),
        source_tok=_tokenizer(source_lang),
        target_tok=_tokenizer(target_lang),
    )


def _tokenizer(lang: str) -> str:
    name = _TOKENIZERS.get(lang.split("-")[0].lower())
    if name is None:
        return "org.omegat.tokenizer.DefaultTokenizer"
    return f"org.omegat.tokenizer.Lucene{name.replace(' ', '')}Tokenizer"


def shortcut_pair(source: str, target: str) -> tuple[str, str] | None:
    """A sentence pair as OmegaT shows it in tx's XLIFF: each inline code of the source a tag
    shortcut numbered in order from 0 (``<g0>``...``</g0>`` around emphasis, strong and link
    text, ``<x1/>`` for a code span), the target's codes numbered as the source's that stand
    for the same Markdown; ``None`` when the target has a code the source lacks (OmegaT
    could not place it)."""
    pieces = split_codes(source)
    numbers = {
        piece.code.id: index
        for index, piece in enumerate(p for p in pieces if isinstance(p, Open | Standalone))
    }
    shown_target = _shortcuts(align(pieces, split_codes(target)), numbers)
    if shown_target is None:
        return None
    shown_source = _shortcuts(pieces, numbers)
    assert shown_source is not None
    return shown_source, shown_target


def _shortcuts(pieces: Iterable[Piece], numbers: dict[str, int]) -> str | None:
    parts: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        number = numbers.get(piece.code.id)
        if number is None:
            return None
        if isinstance(piece, Open):
            parts.append(f"<g{number}>")
        elif isinstance(piece, Close):
            parts.append(f"</g{number}>")
        else:
            parts.append(f"<x{number}/>")
    return "".join(parts)


def shortcut_tmx(
    pairs: Iterable[tuple[str, str]], source_lang: str, target_lang: str, tool_version: str
) -> bytes:
    """A TMX 1.4 memory of sentence pairs already in OmegaT's shortcut form
    (``shortcut_pair``), which OmegaT matches exactly against tx's XLIFF."""
    from lxml import etree

    from translate.formats.tmx import XML_LANG

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root, "header", creationtool="tx", creationtoolversion=tool_version,
        segtype="sentence", adminlang="en", srclang=source_lang, datatype="plaintext",
        **{"o-tmf": "tx"},
    )  # fmt: skip
    body = etree.SubElement(root, "body")
    segs = []
    for source, target in pairs:
        tu = etree.SubElement(body, "tu")
        for lang, text in ((source_lang, source), (target_lang, target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            segs.append((etree.SubElement(tuv, "seg"), text))
    etree.indent(root)
    for seg, text in segs:
        seg.text = text
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True)) + b"\n"
