"""Review documents edited at the XML level, as Word writes constructs python-docx cannot make:
no-break hyphens, symbols, alternate content, footnotes, Strict Open XML packages."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
}
_DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def fragment(xml: str) -> list[Any]:
    """Elements parsed from XML written with the usual prefixes (w:, mc:, wps:, v: ...)."""
    holder = etree.fromstring(f"<holder {_DECLARATIONS}>{xml}</holder>".encode())
    return list(holder)


def rewrite_parts(path: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    """Let ``edit`` change the package's parts (name to bytes) and write the package back."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    edit(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


def edit_body(path: Path, edit: Callable[[Any], None]) -> Path:
    """Let ``edit`` change word/document.xml's root element."""

    def change(parts: dict[str, bytes]) -> None:
        root = etree.fromstring(parts["word/document.xml"])
        edit(root)
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    return rewrite_parts(path, change)


def segment_row(root: Any, segment_id: str) -> Any:
    for row in root.iter(w("tr")):
        cells = row.findall(w("tc"))
        texts = "".join(cells[0].itertext()) if cells else ""
        if texts.startswith(segment_id):
            return row
    raise KeyError(segment_id)


def translation_paragraph(root: Any, segment_id: str) -> Any:
    return segment_row(root, segment_id).findall(w("tc"))[2].find(w("p"))


def set_runs(path: Path, segment_id: str, runs_xml: str) -> Path:
    """Replace the runs of a segment's translation with ``runs_xml`` (its paragraph
    properties stay)."""

    def edit(root: Any) -> None:
        paragraph = translation_paragraph(root, segment_id)
        for child in list(paragraph):
            if child.tag != w("pPr"):
                paragraph.remove(child)
        paragraph.extend(fragment(runs_xml))

    return edit_body(path, edit)


def run(text: str, props: str = "") -> str:
    """A ``w:r`` with its text kept exactly (spaces preserved)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escaped}</w:t></w:r>'
