"""Hostile review documents, glossary spreadsheets and texts (see ``test_hostile_inputs.py``).

Review documents: ZIP bombs (a part declaring or inflating past the limits, a compression
ratio no document has, too many parts), packages that lie about their sizes, encrypted files,
and garbage in every part. Bombs are built from zeros, compressed as they are written: the
files are a few hundred kilobytes, and no test inflates them.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import SLUG, Case, run_case
from typer.testing import CliRunner

from translate.cli import app
from translate.source.segments import split_sentences
from translate.translation.masking import mask, unmask
from translate.workspace.limits import MAX_PART_BYTES, MIB

DOCX = "in/review.docx"
REVIEW = f"exports/review/es/{SLUG}.docx"
IMPORT = ("review", "import", DOCX)
Write = Callable[[Path], None]


def _parts(root: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(root / REVIEW) as package:
        return {name: package.read(name) for name in package.namelist()}


def _package(root: Path, parts: dict[str, bytes]) -> Path:
    path = root / DOCX
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _replaced(name: str, data: bytes) -> Write:
    """The exported review document with part ``name`` replaced by ``data``."""

    def write(root: Path) -> None:
        _package(root, {**_parts(root), name: data})

    return write


def _bytes(data: bytes) -> Write:
    def write(root: Path) -> None:
        path = root / DOCX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return write


def _zeros(name: str, size: int) -> Write:
    """The review document plus a part of ``size`` zero bytes, streamed into the ZIP."""

    def write(root: Path) -> None:
        path = _package(root, _parts(root))
        with (
            zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package,
            package.open(name, "w", force_zip64=True) as stream,
        ):
            for _ in range(size // MIB):
                stream.write(b"\0" * MIB)

    return write


def _many_parts(count: int) -> Write:
    def write(root: Path) -> None:
        extra = {f"customXml/item{n}.bin": b"" for n in range(count)}
        _package(root, {**_parts(root), **extra})

    return write


def _patched_headers(name: str, local: int, central: int, value: bytes) -> Write:
    """The review document with bytes of part ``name``'s local header (at offset ``local``)
    and central directory entry (at ``central``) overwritten by ``value``."""

    def write(root: Path) -> None:
        path = _package(root, _parts(root))
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as package:
            header = package.getinfo(name).header_offset
        entry = data.find(name.encode(), header + 30 + len(name)) - 46
        assert data[header : header + 4] == b"PK\x03\x04"
        assert data[entry : entry + 4] == b"PK\x01\x02"
        data[header + local : header + local + len(value)] = value
        data[entry + central : entry + central + len(value)] = value
        path.write_bytes(bytes(data))

    return write


# The document part declares 100 bytes (uncompressed size) but holds far more.
_lying_size = _patched_headers("word/document.xml", 22, 24, (100).to_bytes(4, "little"))
# The document part is marked encrypted (general purpose flag bit 0).
_encrypted_part = _patched_headers("word/document.xml", 6, 8, (1).to_bytes(2, "little"))


GARBAGE = b"<w:document><unclosed"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024

CASES = [
    Case("not a zip", IMPORT, _bytes(b"just some text"), "review.docx"),
    Case("empty file", IMPORT, _bytes(b""), "review.docx"),
    Case("encrypted Office file", IMPORT, _bytes(OLE), "review.docx"),
    Case(
        "truncated zip",
        IMPORT,
        lambda root: _bytes((root / REVIEW).read_bytes()[:2000])(root),
        "review.docx",
    ),
    Case(
        "part inflating past the limit",
        IMPORT,
        _zeros("word/media/bomb.bin", MAX_PART_BYTES + 4 * MIB),
        "review.docx",
    ),
    Case(
        "compression ratio of a bomb", IMPORT, _zeros("word/media/bomb.bin", 8 * MIB), "review.docx"
    ),
    Case("too many parts", IMPORT, _many_parts(2100), "review.docx"),
    Case("declared size is a lie", IMPORT, _lying_size, "review.docx"),
    Case("encrypted part", IMPORT, _encrypted_part, "review.docx"),
    Case("garbage document.xml", IMPORT, _replaced("word/document.xml", GARBAGE), "review.docx"),
    Case("garbage comments.xml", IMPORT, _replaced("word/comments.xml", GARBAGE), "review.docx"),
    Case("garbage styles.xml", IMPORT, _replaced("word/styles.xml", GARBAGE), "review.docx"),
    Case("garbage rels", IMPORT, _replaced("word/_rels/document.xml.rels", GARBAGE), "review.docx"),
    Case("garbage package rels", IMPORT, _replaced("_rels/.rels", GARBAGE), "review.docx"),
    Case("garbage content types", IMPORT, _replaced("[Content_Types].xml", GARBAGE), "review.docx"),
    Case("garbage core properties", IMPORT, _replaced("docProps/core.xml", GARBAGE), "review.docx"),
    Case(
        "document of another root", IMPORT, _replaced("word/document.xml", b"<x/>"), "review.docx"
    ),
    Case(
        "relationship without target",
        IMPORT,
        _replaced(
            "word/_rels/document.xml.rels",
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="x"/></Relationships>',
        ),
        "review.docx",
    ),
    Case(
        "entity in the document",
        IMPORT,
        _replaced(
            "word/document.xml", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
        ),
        "review.docx",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_review_document_is_refused(case: Case, hostile_workspace: Path) -> None:
    run_case(case, hostile_workspace)


def test_the_untouched_review_document_still_imports(hostile_workspace: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--workspace",
            str(hostile_workspace),
            "review",
            "import",
            str(hostile_workspace / REVIEW),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "nothing changed" in result.stdout


# --- spreadsheet formulas ------------------------------------------------------------------

FORMULAS = ("=HYPERLINK(A1)", "+1+1", "-2+3", "@SUM(A1)")


def _glossary_with_formulas(root: Path) -> None:
    rows = ["en,es,note"]
    rows += [f'"{formula}",Plain {n},"{formula}"' for n, formula in enumerate(FORMULAS)]
    (root / "glossaries" / "house.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", ["out.csv", "out.txt"])
def test_exported_formula_cells_are_guarded(hostile_workspace: Path, name: str) -> None:
    _glossary_with_formulas(hostile_workspace)
    out = hostile_workspace / name
    args = ["glossary", "export", str(out)] + (["--lang", "es"] if name.endswith("txt") else [])
    result = CliRunner().invoke(app, ["--workspace", str(hostile_workspace), *args])
    assert result.exit_code == 0, result.stderr
    cells = [
        cell.strip('"')
        for line in out.read_text(encoding="utf-8").splitlines()[1:]
        for cell in (line.split("\t") if name.endswith("txt") else line.split(","))
    ]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert f"'{FORMULAS[1]}" in cells


def test_import_takes_the_guard_off_and_says_so(hostile_workspace: Path) -> None:
    _glossary_with_formulas(hostile_workspace)
    out = hostile_workspace / "out.txt"
    tx = ["--workspace", str(hostile_workspace), "glossary"]
    CliRunner().invoke(app, [*tx, "export", str(out), "--lang", "es"])
    (hostile_workspace / "glossaries" / "house.csv").write_text("en,es\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*tx, "import", str(out), "--lang", "es"])
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert len(notes) == len(FORMULAS)
    assert "took the spreadsheet guard quote (') off" in notes[0]
    house = (hostile_workspace / "glossaries" / "house.csv").read_text(encoding="utf-8")
    assert "+1+1,Plain 1" in house and "'+1+1" not in house


# --- texts that used to take quadratic time ---------------------------------------------------

N = 200_000
SHAPES = {
    "one word": "a" * N,
    "all dots": "." * N,
    "all digits": "1" * N,
    "numbers": "1 " * (N // 2),
    "a long URL": "see https://example.org/" + "a/" * (N // 2) + " now.",
    "dots and spaces": ". " * (N // 2),
    "e-mail start": "a." * (N // 2) + "@",
    "brackets": "[" * N,
    "link starts": "[a](x" * (N // 5),
    "dashes": "-a" * (N // 2),
    "underscores": "_" * N,
    "quotes after marks": ('."' * 10 + "x ") * (N // 22),
}


@pytest.mark.slow
@pytest.mark.parametrize("text", SHAPES.values(), ids=list(SHAPES))
def test_segmentation_and_masking_finish_on_200k_characters(text: str) -> None:
    started = time.perf_counter()
    pieces = split_sentences(text, "en")
    masked = mask(text, [], "es", lambda index: f"ZX{index}Q")
    unmask(masked.text, masked)
    assert time.perf_counter() - started < 5  # quadratic versions took minutes
    assert " ".join(pieces) == " ".join(text.split())


def test_a_200k_word_article_is_segmented(hostile_workspace: Path) -> None:
    path = hostile_workspace / "articles" / "long.md"
    path.write_text("---\ntitle: Long\n---\n" + "x" * N + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["segments", str(path)])
    assert result.exit_code == 0
    assert time.perf_counter() - started < 5


BODIES = {
    "heading with spaces": "# a" + " " * N + "x\n",
    "heading with hashes": "# a" + " #" * (N // 2) + "x\n",
    "rule-like line": "- " * (N // 2) + "x\n",
    "quote marks": ">" * N + "\n",
    "parentheses": "(a) " * (N // 4) + "\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("body", BODIES.values(), ids=list(BODIES))
def test_articles_of_200k_characters_are_read(body: str, tmp_path: Path) -> None:
    from translate.source.articles import read_article

    for name, text in (("a.md", f"---\ntitle: T\n---\n{body}"), ("a.txt", f"T\n\n{body}")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        read_article(path)
        assert time.perf_counter() - started < 5  # a heading regex once took hours


def test_heading_closing_sequences_are_taken_off(tmp_path: Path) -> None:
    from translate.source.articles import read_article

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\n---\n## Two ##  \n\n# C# #\n\n# #\n\n# a#\n", encoding="utf-8")
    headings = [block.text for block in read_article(path).blocks[1:]]
    assert headings == ["Two", "C#", "a#"]  # "# #" is an empty heading (CommonMark)


INLINE = {
    "brackets": "[" * N,
    "link starts": "[a](" * (N // 4),
    "backticks": "`" * N,
    "unclosed emphasis": "*a " * (N // 3),
    "unclosed underscores": "_a " * (N // 3),
    "nested emphasis": "*_" * (N // 4) + "a" + "_*" * (N // 4),
    "markup soup": "*_[`" * (N // 4),
}


@pytest.mark.slow
@pytest.mark.parametrize("text", INLINE.values(), ids=list(INLINE))
def test_inline_markdown_of_200k_characters_is_parsed(text: str) -> None:
    from translate.source.inline import plain_text

    started = time.perf_counter()
    plain_text(text)
    assert time.perf_counter() - started < 5  # "[" * 20_000 alone once took 40 s
