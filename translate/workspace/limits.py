"""Limits on what tx reads: every input is hostile until checked (README, "Limits").

Sizes are checked before a file is parsed, and reads are capped so that a file that grows, or a
device that never ends, cannot exhaust memory. ZIP packages (review DOCX files) are checked
from their central directory first (entries, declared sizes, compression ratio) and then
inflated under a cap, since declared sizes can lie; every XML part must then parse with lxml
(no entities, no network). A limit that is hit is a ``TxError`` naming the file.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from translate.errors import TxError

if TYPE_CHECKING:
    import zipfile

MIB = 1024 * 1024

MAX_ARTICLE_BYTES = 2 * MIB
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_FRONT_MATTER_DEPTH = 20
MAX_GLOSSARY_BYTES = 20 * MIB
MAX_WORK_FILE_BYTES = 100 * MIB
MAX_MEMORY_BYTES = 200 * MIB

MAX_PACKAGE_BYTES = 25 * MIB  # the DOCX file itself, compressed
MAX_PACKAGE_ENTRIES = 2000
MAX_PART_BYTES = 50 * MIB  # one part, inflated
MAX_PACKAGE_INFLATED_BYTES = 200 * MIB  # every part together, inflated
MAX_RATIO = 100  # inflated / compressed size of a part larger than RATIO_FLOOR
RATIO_FLOOR = MIB

_CHUNK = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


# Characters a work file may not hold: those XML 1.0 cannot (review documents, XLIFF files and
# editions could not be written; tab, newline and carriage return are fine) and lone surrogates
# (no UTF-8 encoding). Every value that enters a work file is held to this one rule.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that a work file may not hold, as ``U+0007``, or
    ``None`` when there is none."""
    found = FORBIDDEN_CHARACTERS.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


# JSON text that may hold a character a work file may not: the character itself, or a JSON
# escape of one (backslash-b, backslash-f, backslash-u of 0000 to 001F, of a surrogate, of FFFE
# or FFFF). A file without any is read without checking each value: the same answer, several
# times faster on a large file (json.loads refuses raw control characters itself).
_ESCAPE = r"\\u(?:00[01][0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])"
_ESCAPED_FORBIDDEN = re.compile(_ESCAPE)
_ESCAPED_FORBIDDEN_UTF8 = re.compile(_ESCAPE.encode("ascii"))


def maybe_forbidden(text: str) -> bool:
    """Whether JSON ``text`` may hold a character a work file may not (see above): of the raw
    ones, U+FFFE, U+FFFF and lone surrogates (which alone have no UTF-8 encoding; ASCII text
    holds none of them)."""
    if "\\" in text and ("\\b" in text or "\\f" in text):
        return True
    if "\\u" in text and _ESCAPED_FORBIDDEN.search(text):
        return True
    if text.isascii():
        return False
    if "\ufffe" in text or "\uffff" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def maybe_forbidden_utf8(data: bytes) -> bool:
    """``maybe_forbidden`` of the text that valid UTF-8 ``data`` decodes to, faster (it
    holds no surrogate: the decoder refuses them)."""
    if b"\\" in data:  # one byte is searched many times faster than two or three
        if b"\\b" in data or b"\\f" in data:
            return True
        if b"\\u" in data and _ESCAPED_FORBIDDEN_UTF8.search(data):
            return True
    return b"\xef" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)  # FFFE, FFFF


def size_text(count: int) -> str:
    """A size as people read it: "2.0 MB", or "512 bytes" under a mebibyte."""
    return f"{count / MIB:.1f} MB" if count >= MIB else f"{count} bytes"


class NotRegularFile(OSError):
    """A FIFO, socket or device where tx reads a file of its own (``open_regular``)."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file (a link to one is followed).

    Opened without waiting (a FIFO would block the command until someone writes to it), then
    refused with ``IsADirectoryError`` for a folder and ``NotRegularFile`` for a FIFO, socket
    or device.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_capped(
    path: Path, limit: int, error: type[TxError], what: str, *, hint: str | None = None
) -> bytes:
    """The bytes of ``path``, refused with ``error`` when there are more than ``limit``.

    The size on disk is checked first, and the read itself stops past the limit (a file that
    grows or a device that never ends is refused just the same).
    """
    advice = hint or f"split the {what} or trim it below {size_text(limit)}"
    try:
        if path.stat().st_size > limit:
            raise error(f"{what} is larger than {size_text(limit)}", path=path, hint=advice)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{what} not found", path=path, hint="check the path") from None
    except IsADirectoryError:
        raise error(
            f"{what} is a folder, not a file",
            path=path,
            hint="give the path of a file, or move the folder away",
        ) from None
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", path=path) from None
    if len(data) > limit:
        raise error(f"{what} is larger than {size_text(limit)}", path=path, hint=advice)
    return data


def read_package(path: Path, error: type[TxError], what: str, *, hint: str) -> bytes:
    """The bytes of a ZIP package (a DOCX) after checking that it is safe to open.

    Refused with ``error``: a file that is not a ZIP (an encrypted Office file is an OLE
    compound file), too many entries, an encrypted entry, a part or a total larger than the
    limits (declared or actually inflated), a part that inflates more than ``MAX_RATIO`` times,
    and XML parts that are not well-formed.
    """
    import zipfile

    data = read_capped(path, MAX_PACKAGE_BYTES, error, what, hint=hint)
    if data.startswith(_OLE_MAGIC):
        # an encrypted package is an OLE compound file holding these two streams
        if _ENCRYPTED_STREAM in data and _ENCRYPTION_INFO in data:
            raise error(
                f"a password-protected (encrypted) file, not a {what} tx can read",
                path=path,
                hint="open it, remove the password (File > Info > Protect Document > "
                "Encrypt with Password, clear it) and save it again",
            )
        raise error(
            f"a legacy Office file (Word 97-2003), not a {what}",
            path=path,
            hint="save it as .docx (Word 2007 or later)",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
            _check_directory(path, entries, error, what, hint)
            for entry in entries:
                part = _inflate(package, entry, path, error, what, hint)
                if entry.filename.endswith((".xml", ".rels")):
                    _check_xml(part, entry.filename, path, error, what, hint)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise error(f"not a readable {what} ({exc})", path=path, hint=hint) from None
    return data


def _check_directory(
    path: Path, entries: list[zipfile.ZipInfo], error: type[TxError], what: str, hint: str
) -> None:
    if len(entries) > MAX_PACKAGE_ENTRIES:
        raise error(
            f"{what} has {len(entries)} parts (at most {MAX_PACKAGE_ENTRIES})",
            path=path,
            hint=hint,
        )
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise error(
                f"{what} part {entry.filename} is encrypted",
                path=path,
                hint="remove the password and save again",
            )
        _check_part_size(entry.file_size, entry.compress_size, entry.filename, path, error, what)
        total += entry.file_size
        if total > MAX_PACKAGE_INFLATED_BYTES:
            raise error(
                f"{what} inflates to more than {size_text(MAX_PACKAGE_INFLATED_BYTES)}",
                path=path,
                hint=hint,
            )


def _check_part_size(
    size: int, compressed: int, name: str, path: Path, error: type[TxError], what: str
) -> None:
    if size > MAX_PART_BYTES:
        raise error(
            f"{what} part {name} inflates to more than {size_text(MAX_PART_BYTES)}",
            path=path,
            hint="this is not a document a reviewer saved; ask for the review file again",
        )
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise error(
            f"{what} part {name} inflates {size // max(compressed, 1)} times "
            f"(at most {MAX_RATIO}): a ZIP bomb",
            path=path,
            hint="this is not a document a reviewer saved; ask for the review file again",
        )


def _inflate(
    package: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    path: Path,
    error: type[TxError],
    what: str,
    hint: str,
) -> bytes:
    """A part's bytes, read in chunks and refused as soon as it passes its declared size."""
    import zipfile
    import zlib

    chunks: list[bytes] = []
    read = 0
    try:
        with package.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                _check_part_size(read, entry.compress_size, entry.filename, path, error, what)
                if read > entry.file_size:
                    raise error(
                        f"{what} part {entry.filename} is larger than its declared size",
                        path=path,
                        hint=hint,
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise error(
            f"{what} part {entry.filename} is damaged ({exc})", path=path, hint=hint
        ) from None
    return b"".join(chunks)


def _check_xml(
    data: bytes, name: str, path: Path, error: type[TxError], what: str, hint: str
) -> None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise error(
            f"{what} part {name} is not well-formed XML (line {exc.lineno}: {exc.msg})",
            path=path,
            hint=hint,
        ) from None


def parse_xml(data: bytes, path: Path, error: type[TxError], what: str, hint: str) -> object:
    """The root element of an XML file, parsed by lxml without entities or network access."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = " ".join(str(exc.msg).split())  # libxml2's messages may hold line breaks
        if data[:2] in (b"<\x00", b"\x00<"):
            message = "UTF-16 without a byte order mark"
            hint = "save the file as UTF-8, or as UTF-16 with a byte order mark"
        raise error(
            f"not well-formed XML: {message}", path=path, line=exc.lineno, hint=hint
        ) from None
