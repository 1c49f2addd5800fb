"""Strict Open XML documents read as the transitional ones python-docx knows.

Word's "Strict Open XML Document" (ISO/IEC 29500 strict) writes the same parts as a
transitional DOCX under other namespace names (``http://purl.oclc.org/ooxml/...`` instead of
``http://schemas.openxmlformats.org/...``), and names a few relationship types differently.
For what a review document holds (text, tables, comments, footnotes, hyperlinks) the elements
are the same, so the namespaces are renamed in every XML part and the package is read as usual.
"""

from __future__ import annotations

import io
import zipfile

_STRICT = "http://purl.oclc.org/ooxml/"
_TRANSITIONAL = "http://schemas.openxmlformats.org/"

# Longest first: each strict name and its transitional twin.
_RENAMES = (
    ("officeDocument/relationships/extendedProperties",
     "officeDocument/2006/relationships/extended-properties"),
    ("officeDocument/relationships", "officeDocument/2006/relationships"),
    ("officeDocument/extendedProperties", "officeDocument/2006/extended-properties"),
    ("officeDocument/customProperties", "officeDocument/2006/custom-properties"),
    ("officeDocument/docPropsVTypes", "officeDocument/2006/docPropsVTypes"),
    ("officeDocument/sharedTypes", "officeDocument/2006/sharedTypes"),
    ("officeDocument/customXml", "officeDocument/2006/customXml"),
    ("officeDocument/bibliography", "officeDocument/2006/bibliography"),
    ("officeDocument/math", "officeDocument/2006/math"),
    ("wordprocessingml/main", "wordprocessingml/2006/main"),
    ("drawingml/wordprocessingDrawing", "drawingml/2006/wordprocessingDrawing"),
    ("drawingml/picture", "drawingml/2006/picture"),
    ("drawingml/chart", "drawingml/2006/chart"),
    ("drawingml/diagram", "drawingml/2006/diagram"),
    ("drawingml/main", "drawingml/2006/main"),
    ("schemaLibrary/main", "schemaLibrary/2006/main"),
)  # fmt: skip
_MARK = (_STRICT + "officeDocument/relationships/officeDocument").encode()


def is_strict(data: bytes) -> bool:
    """Whether a DOCX package's main document is named by a strict relationship."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return _MARK in package.read("_rels/.rels")
    except (KeyError, zipfile.BadZipFile):
        return False


def transitional(data: bytes) -> bytes:
    """The package with every strict namespace and relationship type renamed to its
    transitional twin (the caller has bounded the package's size)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as package,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as renamed,
    ):
        for entry in package.infolist():
            part = package.read(entry)
            if entry.filename.endswith((".xml", ".rels")):
                part = rename(part)
            renamed.writestr(entry.filename, part)
    return out.getvalue()


def rename(part: bytes) -> bytes:
    """One XML part with strict names made transitional."""
    for strict, plain in _RENAMES:
        part = part.replace((_STRICT + strict).encode(), (_TRANSITIONAL + plain).encode())
    return part
