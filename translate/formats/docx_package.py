"""DOCX documents copied from a prepared template and saved with unchanged parts pre-packed.

python-docx reads and parses its default template (about 800 KB of XML, mostly styles) for
every new document and serializes and compresses every part again when it saves one. An
export writes thousands of documents from a few prepared templates (one per language), so
``DocumentTemplate`` keeps one prepared document and hands out copies that share the XML of
every part except the body and the core properties, the only parts an exporter may change
(a part added to a copy, such as comments, is its own). ``save`` writes a copy as
python-docx's ``Document.save`` does, the same members in the same order, except that each
part still shared with the template is written from bytes compressed once.
"""

from __future__ import annotations

import copy
import io
import struct
import time
import zlib
from dataclasses import dataclass
from typing import Any


class DocumentTemplate:
    """A prepared python-docx document that editions copy; its unchanging parts packed once.

    A copy shares the XML of every part but the document body and the core properties (the
    writer changes no other part), so copying is cheap, and ``save`` writes each shared part
    from the bytes compressed for the template unless its XML or blob was replaced.
    """

    def __init__(self, document: Any) -> None:
        from docx.opc.part import XmlPart
        from docx.opc.parts.coreprops import CorePropertiesPart
        from docx.parts.document import DocumentPart

        self.document = document
        self.style_ids: dict[str, str | None] = {}
        self.shared: dict[int, Any] = {}
        self.members: dict[str, tuple[Any, _Member]] = {}
        for part in document.part.package.iter_parts():
            if isinstance(part, DocumentPart | CorePropertiesPart):
                continue
            source = _source(part)
            if isinstance(part, XmlPart):
                self.shared[id(source)] = source
            self.members[part.partname.membername] = (source, _Member.of(part.blob))

    def copy(self) -> Any:
        """A new document to write an edition into."""
        return copy.deepcopy(self.document, dict(self.shared))

    def style_id(self, name: str) -> str | None:
        """The id of paragraph style ``name`` (``None`` for the default style, Normal)."""
        if name not in self.style_ids:
            from docx.enum.style import WD_STYLE_TYPE

            styles = self.document.styles
            self.style_ids[name] = styles.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self.style_ids[name]

    def save(self, document: Any) -> bytes:
        """The DOCX bytes of ``document`` (a copy of this template), as python-docx saves it."""
        from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
        from docx.opc.pkgwriter import _ContentTypesItem

        content_types: Any = _ContentTypesItem
        package = document.part.package
        parts = list(package.iter_parts())
        for part in parts:
            part.before_marshal()
        archive = _Zip()
        archive.add(CONTENT_TYPES_URI.membername, content_types.from_parts(parts).blob)
        archive.add(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            name = part.partname.membername
            known = self.members.get(name)
            if known is not None and known[0] is _source(part):
                archive.add_member(name, known[1])
            else:
                archive.add(name, part.blob)
            if len(part.rels):
                archive.add(part.partname.rels_uri.membername, part.rels.xml)
        return archive.close()


class Appender:
    """Paragraphs and comments added to the end of a python-docx document in constant time.

    ``Document.add_paragraph`` finds the body's closing ``w:sectPr`` by scanning every
    paragraph before it, and ``Document.add_comment`` reads every comment's id to choose the
    next one: each is linear in what the document already holds, so writing an article of
    many sentences was quadratic (5,000 sentences 46 s, 10,000 166 s). These make the same
    XML as python-docx does, keeping the ``w:sectPr`` and the next comment id at hand.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self.body = document._body
        self.end = self.body._element.sectPr  # paragraphs go before it
        self.next_comment = -1  # counted from the document's comments on first use

    def paragraph(self) -> Any:
        """A new empty paragraph at the end of the body (``Document.add_paragraph()``)."""
        from docx.text.paragraph import Paragraph

        p = self.body._element._new_p()
        if self.end is not None:
            self.end.addprevious(p)
        else:
            self.body._element.append(p)
        return Paragraph(p, self.body)

    def comment(self, runs: list[Any], text: str, author: str, initials: str) -> None:
        """``Document.add_comment(runs, text=text, author=author, initials=initials)``."""
        import datetime as dt

        from docx.comments import Comment
        from docx.oxml.parser import parse_xml

        comments = self.document.comments
        if self.next_comment < 0:
            used = comments._comments_elm.xpath("./w:comment/@w:id")
            self.next_comment = max((int(x) for x in used), default=-1) + 1
        number = self.next_comment
        self.next_comment += 1
        element = parse_xml(_COMMENT.format(id=number))
        comments._comments_elm.append(element)
        element.author, element.initials = author, initials
        element.date = dt.datetime.now(dt.UTC)
        Comment(element, comments._comments_part).paragraphs[0].add_run(text)
        runs[0].mark_comment_range(runs[-1], number)


# A new comment as python-docx's CT_Comments.add_comment makes it.
_COMMENT = (
    '<w:comment xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'w:id="{id}" w:author=""><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr>'
    '<w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r></w:p></w:comment>'
)


def _source(part: Any) -> Any:
    """What a part's bytes are made from: its XML element, or its blob."""
    from docx.opc.part import XmlPart

    return part.element if isinstance(part, XmlPart) else part.blob


@dataclass(frozen=True)
class _Member:
    """A compressed member of a zip archive."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, blob: bytes) -> _Member:
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return cls(packer.compress(blob) + packer.flush(), zlib.crc32(blob), len(blob))


class _Zip:
    """A zip archive written in memory from deflated members (as ``zipfile`` writes them)."""

    def __init__(self) -> None:
        now = time.localtime()
        self.time = now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2
        self.date = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday
        self.out = io.BytesIO()
        self.directory: list[bytes] = []

    def add(self, name: str, blob: bytes) -> None:
        self.add_member(name, _Member.of(blob))

    def add_member(self, name: str, member: _Member) -> None:
        raw = name.encode("ascii")
        fields = (20, 0, 0, 8, self.time, self.date, member.crc, len(member.data), member.size)
        offset = self.out.tell()
        self.out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *fields, len(raw), 0))
        self.out.write(raw)
        self.out.write(member.data)
        tail = (len(raw), 0, 0, 0, 0, 0o600 << 16, offset)  # read-write file, as zipfile
        central = struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, *fields, *tail)
        self.directory.append(central + raw)

    def close(self) -> bytes:
        start = self.out.tell()
        for entry in self.directory:
            self.out.write(entry)
        count, size = len(self.directory), self.out.tell() - start
        self.out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        return self.out.getvalue()
