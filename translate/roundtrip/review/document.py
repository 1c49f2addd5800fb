"""Reading a review DOCX back: its identity, its segment rows and the reviewer's comments.

Only what survives a re-save by Word or LibreOffice is read: the text of table cells (with
tracked changes resolved as accepted), comment authors and texts with the rows they are
anchored in, and the core properties as a fallback identity. Formatting, bookmarks and run
boundaries are ignored.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import ReviewError
from translate.formats.marks import normalise
from translate.roundtrip.review.comments import Comment, reading_order, reviewer_comments
from translate.roundtrip.review.format import (
    FIELD_ARTICLE,
    FIELD_DIGEST,
    FIELD_FORMAT,
    FIELD_REVISION,
    FIELD_SELECTION,
    FIELD_SOURCE_LANG,
    FIELD_TARGET_LANG,
    FLAG_MARK,
    FORMAT,
    HASH_LINE,
    IDENTITY_MARK,
    REVIEWER_MARK,
    SEGMENT_HEADER,
    TX_AUTHOR,
    cell_lines,
    cell_paragraphs,
    element_text,
    row_cells,
    table_rows,
    w,
)
from translate.roundtrip.review.markup import markdown_of
from translate.roundtrip.review.suggestions import INFO_MARK
from translate.roundtrip.review.wordtext import pieces, unmapped_symbols
from translate.source.inline import plain_text
from translate.workspace.limits import read_package

_KEYWORDS = re.compile(r"tx-review/[^;,\s]+[;,\s]+revision\s+(\d+)[;,\s]+([0-9a-f]+)")


@dataclass(frozen=True)
class Identity:
    """What a review document says it reviews."""

    format: str
    slug: str
    source_lang: str
    target_lang: str
    revision: int
    source_digest: str
    selection: str = ""  # a partial document's selection of segments ("" when it has all)


@dataclass(frozen=True)
class ReviewRow:
    """One segment row as the reviewer left it; ``number`` counts rows from 1 below the header.

    ``segment_id`` is the first line of the id cell (``None`` when empty); the hashes are those
    written at export, ``None`` when the id cell was edited so that they cannot be read;
    ``exported_state`` is the segment's state at export. ``target`` is the translation cell's
    text exactly as it reads (white space kept), its formatting as inline Markdown;
    ``source`` is the source cell's plain text; ``comments`` holds the reviewer's comments,
    footnotes and endnotes anchored in the row; ``unmapped`` names the symbols in the
    translation that have no Unicode character.
    """

    number: int
    segment_id: str | None
    source_hash: str | None
    target_hash: str | None
    exported_state: str | None
    source: str
    target: str
    status: str
    notes: tuple[str, ...]
    comments: tuple[str, ...]
    unmapped: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewDocument:
    """A parsed review document: identity, rows in document order, and problems met."""

    path: Path
    identity: Identity
    rows: tuple[ReviewRow, ...]
    warnings: tuple[str, ...]
    reviewer: str = ""  # the name written in the Reviewer table
    modified_by: str = ""  # the core properties' last-modified-by, when not tx's
    modified: dt.datetime | None = None  # when that person saved it (core properties)


def read_review_document(path: Path) -> ReviewDocument:
    """Parse a review DOCX; raises ``ReviewError`` when it is not a tx review document."""
    data = read_package(path, ReviewError, "DOCX file", hint=_HINT)
    problem = content_types_problem(data)
    if problem:
        raise ReviewError(f"not a readable DOCX file: {problem}", path=path, hint=_HINT)
    try:
        return _read(path, data)
    except ReviewError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, SyntaxError):
        # well-formed XML that is not what a DOCX holds (rels without targets, a document
        # part without a body, ...): python-docx and lxml give up in many ways, in words
        # about their own objects, which say nothing to a reviewer
        raise ReviewError(
            "not a readable DOCX file: its parts are not those of a Word document",
            path=path,
            hint=_HINT,
        ) from None


_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = (
    _MAIN,
    _MAIN.replace(".document.main", ".template.main"),
    "application/vnd.ms-word.document.macroEnabled.main+xml",
)


def content_types_problem(data: bytes) -> str:
    """What is wrong with a DOCX package's ``[Content_Types].xml``, in a reviewer's words
    ('' when nothing): python-docx's own errors name its internal objects."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "[Content_Types].xml" not in names:
            return "it has no [Content_Types].xml (the list of its parts' types)"
        text = package.read("[Content_Types].xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(text, parser)
    except etree.XMLSyntaxError:
        return "its [Content_Types].xml is not well-formed XML"
    if root.tag != f"{_TYPES}Types":
        return f"its [Content_Types].xml holds <{etree.QName(root).localname}>, not <Types>"
    overrides = {
        str(item.get("PartName", "")).lower(): str(item.get("ContentType", ""))
        for item in root.iter(f"{_TYPES}Override")
    }
    defaults = {
        str(item.get("Extension", "")).lower(): str(item.get("ContentType", ""))
        for item in root.iter(f"{_TYPES}Default")
    }
    for name in sorted(n for n in names if not n.endswith("/") and n != "[Content_Types].xml"):
        part = "/" + name.lower()
        if part not in overrides and part.rpartition(".")[2] not in defaults:
            return f"its [Content_Types].xml gives no type for the part {name}"
    main = overrides.get("/word/document.xml", defaults.get("xml", ""))
    if main not in _MAIN_TYPES:
        return "its [Content_Types].xml does not declare word/document.xml a Word document"
    return ""


_HINT = "pass the review document saved by Word or LibreOffice as .docx"


def _read(path: Path, data: bytes) -> ReviewDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from translate.roundtrip.review import strict

    if strict.is_strict(data):
        try:
            document = docx.Document(io.BytesIO(strict.transitional(data)))
        except (KeyError, ValueError, TypeError, AttributeError, SyntaxError) as exc:
            raise ReviewError(
                f"a Strict Open XML document that could not be read ({type(exc).__name__})",
                path=path,
                hint="save it in Word as 'Word Document (*.docx)', not 'Strict Open XML'",
            ) from None
    else:
        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, zipfile.BadZipFile) as exc:
            raise ReviewError(f"not a readable DOCX file ({exc})", path=path, hint=_HINT) from None
    body = document.element.body
    warnings: list[str] = []
    tables = list(body.iter(w("tbl")))
    identity = _identity(path, data, tables, warnings)
    segment_table = next((t for t in tables if _first_cell(t) == SEGMENT_HEADER), None)
    if segment_table is None:
        raise ReviewError(
            "the segment table (header 'Segment') is missing",
            path=path,
            hint=f"export a new review document with `tx review export {identity.slug} "
            f"--lang {identity.target_lang}`",
        )
    comments = reviewer_comments(document)
    comments.update({key: Comment(text) for key, text in _notes(document).items()})
    links = {
        rel_id: rel.target_ref for rel_id, rel in document.part.rels.items() if rel.is_external
    }
    used: set[str] = set()
    rows: list[ReviewRow] = []
    for number, row in enumerate(table_rows(segment_table)[1:], start=1):
        parsed = _row(path, number, row, comments, used, warnings, links)
        if parsed is not None:
            rows.append(parsed)
    for comment_id, comment in comments.items():
        if comment_id not in used:
            what = "comment" if comment_id.isdigit() else comment_id.split(":")[0]
            warnings.append(
                f"{path.name}: a {what} outside the segment rows was not imported: {comment.text}"
            )
    return ReviewDocument(
        path=path,
        identity=identity,
        rows=tuple(rows),
        warnings=tuple(warnings),
        reviewer=_reviewer_name(body),
        **_last_saved(data),
    )


def _reviewer_name(body: Any) -> str:
    """The name written on the line "Reviewer:" ('' when none was written)."""
    for paragraph in body.iterchildren(w("p")):
        label, colon, name = normalise(element_text(paragraph)).partition(":")
        if colon and label.strip() == REVIEWER_MARK:
            return name.strip()
    return ""


def _last_saved(data: bytes) -> dict[str, Any]:
    """Who saved the document last and when (core properties), unless tx or python-docx
    did: ``modified_by`` and ``modified`` for ``ReviewDocument``."""
    core = _core_properties(data)
    if core is None:
        return {}
    cp = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    name = " ".join((core.findtext(f"{cp}lastModifiedBy") or "").split())
    if name in ("", TX_AUTHOR, "python-docx"):
        return {}
    text = (core.findtext("{http://purl.org/dc/terms/}modified") or "").strip()
    try:
        when: dt.datetime | None = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        when = None
    return {"modified_by": name, "modified": when}


def _first_cell(table: Any) -> str:
    rows = table_rows(table)
    if not rows:
        return ""
    cells = row_cells(rows[0])
    return normalise(" ".join(cell_lines(cells[0]))) if cells else ""


def _identity(path: Path, data: bytes, tables: list[Any], warnings: list[str]) -> Identity:
    fields: dict[str, str] = {}
    table = next((t for t in tables if _first_cell(t) == IDENTITY_MARK), None)
    if table is not None:
        for row in table_rows(table):
            cells = row_cells(row)
            if len(cells) >= 2:
                fields[" ".join(cell_lines(cells[0]))] = " ".join(cell_lines(cells[1]))
    else:
        fields = _identity_from_properties(data)
        if fields:
            warnings.append(
                f"{path.name}: the identity table is missing; used the document properties"
            )
    fmt = fields.get(FIELD_FORMAT, "")
    if not fmt.startswith("tx-review/"):
        raise ReviewError(
            "not a tx review document (no identity table naming the article)",
            path=path,
            hint="import the DOCX written by `tx review export`",
        )
    if fmt != FORMAT:
        raise ReviewError(
            f"review document format {fmt} is not supported (this tx reads {FORMAT})",
            path=path,
            hint="export a new review document with this version of tx",
        )
    try:
        return Identity(
            format=fmt,
            slug=fields[FIELD_ARTICLE],
            source_lang=fields[FIELD_SOURCE_LANG],
            target_lang=fields[FIELD_TARGET_LANG],
            revision=int(fields[FIELD_REVISION]),
            source_digest=fields[FIELD_DIGEST],
            selection=fields.get(FIELD_SELECTION, ""),
        )
    except (KeyError, ValueError) as exc:
        raise ReviewError(
            f"the identity table is damaged ({type(exc).__name__}: {exc})",
            path=path,
            hint="export a new review document; the identity table must not be edited",
        ) from exc


def _identity_from_properties(data: bytes) -> dict[str, str]:
    """The identity from the core properties: subject ``FORMAT slug src tgt`` and keywords
    ``FORMAT; revision N; digest`` (LibreOffice turns the semicolons into spaces).

    The part is read from the package directly: LibreOffice names its relationship with a
    type python-docx does not recognise, so ``Document.core_properties`` comes back empty.
    """
    core = _core_properties(data)
    if core is None:
        return {}
    dc = "{http://purl.org/dc/elements/1.1/}"
    cp = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    subject = (core.findtext(f"{dc}subject") or "").split()
    keywords = _KEYWORDS.fullmatch((core.findtext(f"{cp}keywords") or "").strip())
    if len(subject) != 4 or keywords is None:
        return {}
    return {
        FIELD_FORMAT: subject[0],
        FIELD_ARTICLE: subject[1],
        FIELD_SOURCE_LANG: subject[2],
        FIELD_TARGET_LANG: subject[3],
        FIELD_REVISION: keywords.group(1),
        FIELD_DIGEST: keywords.group(2),
    }


def _core_properties(data: bytes) -> Any:
    """The core properties part, parsed (None when there is none)."""
    from docx.oxml.parser import parse_xml

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return parse_xml(package.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, SyntaxError):
        return None


_NOTE_KINDS = (("footnote", "footnoteReference"), ("endnote", "endnoteReference"))


def _notes(document: Any) -> dict[str, str]:
    """``footnote:ID`` or ``endnote:ID`` to ``"Footnote: text"`` for every footnote and
    endnote of the document (not the separators Word keeps among them)."""
    from docx.oxml.parser import parse_xml

    found: dict[str, str] = {}
    for rel in document.part.rels.values():
        kind = next((k for k, _ in _NOTE_KINDS if rel.reltype.endswith(f"/{k}s")), None)
        if kind is None or rel.is_external:
            continue
        root = parse_xml(rel.target_part.blob)
        for note in root.iter(w(kind)):
            if note.get(w("type")) not in (None, "normal"):
                continue
            paragraphs = [normalise(element_text(p)) for p in note.iter(w("p"))]
            text = " ".join(p for p in paragraphs if p)
            if text:
                found[f"{kind}:{note.get(w('id'))}"] = f"{kind.title()}: {text}"
    return found


def _row(
    path: Path,
    number: int,
    row: Any,
    comments: dict[str, Comment],
    used: set[str],
    warnings: list[str],
    links: dict[str, str],
) -> ReviewRow | None:
    cells = row_cells(row)
    anchored: list[str] = []
    marks = [(tag, "") for tag in ("commentRangeStart", "commentReference")]
    marks += [(tag, f"{kind}:") for kind, tag in _NOTE_KINDS]
    for tag, prefix in marks:
        for mark in row.iter(w(tag)):
            comment_id = prefix + (mark.get(w("id")) or "")
            if comment_id in comments and comment_id not in used:
                used.add(comment_id)
                anchored.append(comment_id)
    notes = [key for key in anchored if ":" in key]  # footnotes and endnotes after comments
    anchored = reading_order(row, [key for key in anchored if ":" not in key], comments) + notes
    if len(cells) < 5:
        text = " | ".join(" ".join(cell_lines(cell)) for cell in cells)
        warnings.append(
            f"{path.name}: row {number} has {len(cells)} cells instead of 5 and was ignored: {text}"
        )
        return None
    target_pieces = [pieces(p, links) for p in cell_paragraphs(cells[2])]
    unmapped = tuple(name for found in target_pieces for name in unmapped_symbols(found))
    id_lines = cell_lines(cells[0], hidden=True)
    hashes = HASH_LINE.match(id_lines[1]) if len(id_lines) > 1 else None
    segment_id = id_lines[0] if id_lines else None
    return ReviewRow(
        number=number,
        segment_id=segment_id,
        source_hash=hashes.group(1) if hashes else None,
        target_hash=hashes.group(2) if hashes else None,
        exported_state=hashes.group(3) if hashes else None,
        source=_source_text(cells[1]),
        target=" ".join(
            text for text in (markdown_of(found).strip() for found in target_pieces) if text
        ),
        status=" ".join(cell_lines(cells[3])),
        notes=tuple(line for line in cell_lines(cells[4]) if not line.startswith(FLAG_MARK)),
        comments=tuple(comments[key].text for key in anchored),
        unmapped=unmapped,
    )


def _source_text(cell: Any) -> str:
    """The source cell's sentence as plain text, as ``plain_text`` gives it from the work
    file: footnote marks left out (tx's marks, and the ``[^1]`` that documents of earlier
    versions show), the lines of suggestions under it too."""
    lines = (
        normalise(plain_text(markdown_of(pieces(p))))
        for p in cell_paragraphs(cell)
        if not normalise(element_text(p)).startswith(INFO_MARK)
    )
    return " ".join(line for line in lines if line)
