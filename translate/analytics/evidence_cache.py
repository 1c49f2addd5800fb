"""The evidence of each work file kept between runs of ``tx report``, so that a report over
thousands of unchanged work files parses none of them.

Kept in ``translations/.cache/report-evidence.txt`` (rebuildable, never versioned): a line
with the HMAC of the rest, a line naming the version of tx's reading code, then one line per
work file: its name (``es/story.json``), its fingerprint (size, modification time in
nanoseconds, SHA-256 of its bytes) and its records as JSON, each text and list of flags
written once and given by its number where it is used. A file's records are used again only
when the file on disk has the same size and time and its bytes the same digest.

The cache is untrusted: it is refused whole when it is larger than it could be, when its HMAC
under the workspace's key (``.tx/seal.key``, ``translate.checks.seal``) does not verify (a
hand edit, a copy from another workspace), or when another version of tx's reading code made
it; a line of another shape is refused alone. What is refused is read from the work files
again, and a cache that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from translate import __version__
from translate.analytics.evidence import Reviewed, Unreadable, hours_between, read_many
from translate.checks.seal import workspace_key
from translate.errors import TxError
from translate.workspace import Workspace, locking, write_bytes
from translate.workspace.limits import open_regular

CACHE_FILE = "report-evidence.txt"
MAX_BYTES = 512 << 20
# tx's code that decides the records (paths in the package): another version reads again.
READERS = (
    "analytics/evidence.py",
    "analytics/evidence_cache.py",
    "workspace/drafts.py",
    "workspace/workfiles.py",
    "workspace/limits.py",
    "models.py",
)


class Kept(NamedTuple):
    """A work file's line in the cache: its fingerprint and its encoded records."""

    size: int
    mtime_ns: int
    digest: str
    encoded: bytes

    def line(self, name: str) -> bytes:
        """The line of the cache that keeps this for the work file ``name``."""
        head = f"{name}\t{self.size}\t{self.mtime_ns}\t{self.digest}\t".encode()
        return head + self.encoded


def collect(ws: Workspace) -> tuple[list[Reviewed], list[Unreadable]]:
    """Every reviewed machine sentence of every work file, and the files that failed: kept
    from the last run for a file whose fingerprint is unchanged, read now for the others."""
    saved = load(ws)
    listed = [(f"{lang}/{path.name}", path) for lang, path in ws.work_files()]
    records: dict[str, Sequence[Reviewed]] = {}
    kept: dict[str, Kept] = {}
    fresh: list[tuple[str, Path, tuple[int, int]]] = []
    for name, path in listed:
        stamp, entry = _stamp(path), saved.get(name)
        if entry and stamp == entry[:2] and _digest(path) == entry.digest:
            found = decode(entry.encoded)
            if found is not None:
                records[name], kept[name] = found, entry
                continue
        fresh.append((name, path, stamp))
    failed: list[Unreadable] = []
    results = read_many([path for _, path, _ in fresh], encode)
    for (name, _, stamp), result in zip(fresh, results, strict=True):
        if isinstance(result, Unreadable):
            failed.append(result)
            continue
        decoded = decode(result.encoded)
        if decoded is None:  # never: the line was encoded a moment ago
            raise RuntimeError(f"the evidence of {name} does not read back")
        records[name] = decoded
        if stamp[0] >= 0:  # a file that cannot be stamped is read again next time
            kept[name] = Kept(*stamp, result.digest, result.encoded)
    if kept.keys() != saved.keys() or fresh:
        save(ws, kept)
    return [record for name, _ in listed for record in records.get(name, ())], failed


def cache_path(ws: Workspace) -> Path:
    """Where the evidence of a workspace's work files is kept."""
    return ws.translations_dir / ".cache" / CACHE_FILE


def load(ws: Workspace) -> dict[str, Kept]:
    """The lines of the cache per work file; {} when there is no cache that can be trusted."""
    key = workspace_key(ws)
    path = cache_path(ws)
    if not key or path.is_symlink():
        return {}
    try:  # a FIFO or device in its place is refused, never waited on
        with open_regular(path) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return {}
    if len(data) > MAX_BYTES:
        return {}
    mac, _, body = data.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(key, body).encode()):
        return {}
    readers, *lines = body.split(b"\n")
    if readers != _readers().encode():
        return {}
    found: dict[str, Kept] = {}
    for line in lines:
        try:
            name, size, mtime_ns, digest, encoded = line.split(b"\t", 4)
            found[name.decode()] = Kept(int(size), int(mtime_ns), digest.decode(), encoded)
        except (ValueError, UnicodeDecodeError):
            continue  # not a line tx wrote: that file is read again
    return found


def save(ws: Workspace, kept: dict[str, Kept]) -> None:
    """Keep the lines ``kept`` for the next run (atomically; skipped when it cannot be
    written)."""
    body = b"\n".join([_readers().encode(), *(entry.line(name) for name, entry in kept.items())])
    with contextlib.suppress(TxError, OSError):  # a read-only workspace: read again next time
        key = workspace_key(ws, create=True)
        if key:
            write_bytes(ws.inside(cache_path(ws)), _mac(key, body).encode() + b"\n" + body)


# The columns of a line: the fields of ``Reviewed`` but the hours, worked out again.
_TEXTS = (0, 1, 2, 3, 10, 11, 12)  # slug, lang, engine, model, by, drafted, approved
_FLAGS = 8
_KINDS: dict[int, set[type]] = {4: {int}, 5: {bool}, 6: {float}, 7: {float}, 9: {float, type(None)}}
_COLUMNS = len(Reviewed._fields) - 1


def encode(records: Sequence[Reviewed]) -> bytes:
    """A work file's records as one line of JSON, column by column: ``[values, columns]``,
    each text and list of flags in ``values`` once, given by its number in its column."""
    columns: list[Any] = list(zip(*records, strict=True))[:_COLUMNS] or [()] * _COLUMNS
    shared = [columns[i] for i in (*_TEXTS, _FLAGS)]
    values = list(dict.fromkeys(value for column in shared for value in column))
    number = {value: index for index, value in enumerate(values)}.__getitem__
    for i in (*_TEXTS, _FLAGS):
        columns[i] = list(map(number, columns[i]))
    return json.dumps([values, columns], ensure_ascii=False, separators=(",", ":")).encode()


def decode(encoded: bytes) -> list[Reviewed] | None:
    """The records of a line written by ``encode``; None for anything else."""
    try:
        values, columns = json.loads(encoded)
        if type(values) is not list or type(columns) is not list or len(columns) != _COLUMNS:
            return None
        if len({len(column) for column in columns}) != 1:  # every column a list, one length
            return None
        texts = {i: value for i, value in enumerate(values) if type(value) is str}.__getitem__
        codes = {
            i: tuple(value)
            for i, value in enumerate(values)
            if type(value) is list and all(type(code) is str for code in value)
        }.__getitem__
        for i in _TEXTS:
            columns[i] = list(map(texts, columns[i]))
        columns[_FLAGS] = list(map(codes, columns[_FLAGS]))
        for i, kinds in _KINDS.items():
            if not {*map(type, columns[i])} <= kinds:
                return None
        hours = map(hours_between, columns[11], columns[12])
        return list(map(Reviewed._make, zip(*columns, hours, strict=True)))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


def _stamp(path: Path) -> tuple[int, int]:
    """The size and modification time of a file; (-1, -1), never kept, when it has none."""
    try:
        stat = path.stat()
    except OSError:
        return -1, -1
    return stat.st_size, stat.st_mtime_ns


def _digest(path: Path) -> str:
    try:
        with open_regular(path) as handle:
            return locking.digest(handle.read())
    except OSError:
        return ""


def _mac(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _readers() -> str:
    """The version of tx and the stamps of the code that reads the records."""
    package = Path(__file__).parents[1]
    stamps = [__version__]
    for name in READERS:
        try:
            stat = (package / name).stat()
        except OSError:
            stamps.append(f"{name}:-")
            continue
        stamps.append(f"{name}:{stat.st_mtime_ns}:{stat.st_size}")
    return "|".join(stamps)
