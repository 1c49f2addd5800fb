"""The memory's indexed store: one SQLite database per workspace, kept beside the work files
(``translations/.cache/memory.sqlite``), so that a run reads only the units it needs.

It holds every sentence pair of the work files, of memory.tmx and of the imported memories
(``translations/memories/*.tmx``), each file recorded with a stamp (modification time, size,
inode): a run re-indexes only the files that changed, appeared or disappeared since the last
one, and a TMX file is read as a stream (``translate.formats.tmx.TmxStream``), so indexing a
memory of a million units holds one chunk of units at a time, never the file. Per unit it
keeps a hash of the normalised source (exact matches), the words of the source as word ids
(fuzzy scoring) and, per word and chunk, the units holding it (the inverted index fuzzy
candidates come from). The concordance (``tx memory search``) is an FTS5 trigram index over
the same rows, filled the first time a file is searched.

memory.tmx stays the human-readable, versioned export; this database is only a cache, and it
is untrusted: it is opened with ``trusted_schema`` off, and its schema (tables, indexes, and
no trigger or view) must be exactly the one tx creates, with tx's application id and version;
a damaged, foreign or tampered file is deleted and built again from the files.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import WorkFileError
from translate.memory.fuzzy import _bulk_tokens
from translate.memory.rows import (
    Row,
    chunks,
    postings,
    postings_in_bulk,
    tmx_rows,
    tmx_unit_rows,
    work_file_rows,
)
from translate.memory.store import (
    INDEX_DIR,
    INDEX_NAME,
    MEMORY_FILE,
    external_memories,
    index_place,
    normalize,
)
from translate.workspace import Workspace, workfiles

CACHE_DIR, DB_NAME = INDEX_DIR, INDEX_NAME
APPLICATION_ID = 0x74784D31  # "txM1"
SCHEMA_VERSION = 1
WORK_FILE, OWN_MEMORY, IMPORTED = 0, 1, 2  # kinds of source file, in the order memory reads them
CHUNK = 20_000  # units indexed per batch: what indexing holds in memory at once
_BULK = 2_000  # chunks from this size are indexed with NumPy

SCHEMA = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, stamp TEXT NOT NULL,
    kind INTEGER NOT NULL, name TEXT NOT NULL, lang TEXT NOT NULL, source_lang TEXT NOT NULL,
    broken INTEGER NOT NULL, searchable INTEGER NOT NULL, date TEXT NOT NULL,
    others TEXT NOT NULL, directions TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL, ordinal INTEGER NOT NULL,
    key INTEGER NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL, src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL, prim INTEGER NOT NULL, state TEXT NOT NULL, origin TEXT NOT NULL,
    segment TEXT NOT NULL, usable INTEGER NOT NULL, ntok INTEGER NOT NULL, tokens BLOB NOT NULL,
    superseded TEXT NOT NULL, search_lang TEXT NOT NULL
);
CREATE INDEX units_key ON units (key);
CREATE INDEX units_source ON units (source);
CREATE TABLE words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);
CREATE TABLE postings (
    word INTEGER NOT NULL, source INTEGER NOT NULL, chunk INTEGER NOT NULL,
    n INTEGER NOT NULL, units BLOB NOT NULL, PRIMARY KEY (word, source, chunk)
) WITHOUT ROWID;
CREATE INDEX postings_source ON postings (source);
CREATE VIRTUAL TABLE concordance USING fts5(
    src, tgt, content = 'units', content_rowid = 'id', tokenize = 'trigram'
);
"""


@dataclass(frozen=True)
class Source:
    """A file the store indexes: a work file, memory.tmx or an imported memory."""

    id: int
    path: str  # relative to the workspace, POSIX
    kind: int
    name: str  # a work file's slug, an imported memory's name
    lang: str  # a work file's target language
    source_lang: str  # a work file's source language
    broken: bool  # a work file that could not be read (tx status reports it)
    date: str  # of the file's last change, for the concordance


def path_of(ws: Workspace) -> Path:
    """Where the store of a workspace lives."""
    return ws.translations_dir / CACHE_DIR / DB_NAME


def key_of(text: str) -> int:
    """The hash a normalised source is found by (64 bits, signed as SQLite stores it)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


@functools.cache
def _expected_schema() -> frozenset[tuple[str, str, str, str]]:
    """Every entry of ``sqlite_master`` that ``SCHEMA`` makes (FTS5's shadow tables too)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        db.executescript(SCHEMA)
        found = db.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master")
        return frozenset(found)


class Store:
    """An open store; ``open`` gives one, or None where none can be kept (read-only)."""

    def __init__(self, ws: Workspace, db: sqlite3.Connection) -> None:
        self.ws, self.db = ws, db

    @classmethod
    def open(cls, ws: Workspace) -> Store | None:
        """The workspace's store, checked (or built afresh); None when it cannot be written.
        ``WorkspaceError`` when a folder stands in its place or it links out of the
        workspace (nothing of it is read)."""
        path = index_place(ws)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = _connect(path)
            if db is not None:
                return cls(ws, db)
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            db = _connect(path, create=True)
            return cls(ws, db) if db is not None else None
        except (OSError, sqlite3.Error):
            return None

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- keeping it up to date -------------------------------------------------------------

    def refresh(self, lang: str | None = None, *, search: bool = False) -> list[Source]:
        """Index the files that changed since the last run: those a memory into ``lang``
        reads (its work files, memory.tmx, the imported memories), or every file when
        ``lang`` is None. With ``search``, their sentences are also made searchable (the
        concordance). Returns the sources in scope, in the order memory reads them."""
        wanted = _files(self.ws, lang)
        if self._stale(wanted, lang) or (search and self._unsearched(wanted)):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                known = self._known(lang)
                for path in [p for p in known if p not in wanted]:
                    self._forget(known[path][0])
                for path, (kind, name, file_lang, stamp) in wanted.items():
                    if path in known and known[path][1] == stamp:
                        continue
                    if path in known:
                        self._forget(known[path][0])
                    self._index(path, kind, name, file_lang, stamp)
                if search:
                    self._searchable(wanted)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return self.sources(wanted)

    def sources(self, wanted: dict[str, tuple[int, str, str, str]]) -> list[Source]:
        """The indexed sources among ``wanted`` (paths), in the order memory reads them."""
        rows = self.db.execute(
            "SELECT id, path, kind, name, lang, source_lang, broken, date FROM sources"
        ).fetchall()
        found = [
            Source(sid, path, kind, name, lang, source_lang, bool(broken), date)
            for sid, path, kind, name, lang, source_lang, broken, date in rows
            if path in wanted
        ]
        return sorted(found, key=lambda s: (s.kind, s.name if s.kind == IMPORTED else "", s.path))

    def _stale(self, wanted: dict[str, tuple[int, str, str, str]], lang: str | None) -> bool:
        known = self._known(lang)
        if set(known) != set(wanted):
            return True
        return any(known[path][1] != entry[3] for path, entry in wanted.items())

    def _unsearched(self, wanted: dict[str, tuple[int, str, str, str]]) -> bool:
        rows = self.db.execute("SELECT path FROM sources WHERE searchable = 0").fetchall()
        return any(path in wanted for (path,) in rows)

    def _known(self, lang: str | None) -> dict[str, tuple[int, str]]:
        rows = self.db.execute("SELECT id, path, stamp, kind, lang FROM sources").fetchall()
        return {
            path: (sid, stamp)
            for sid, path, stamp, kind, file_lang in rows
            if lang is None or kind != WORK_FILE or file_lang == lang
        }

    def _forget(self, source: int) -> None:
        db = self.db
        (searchable,) = db.execute(
            "SELECT searchable FROM sources WHERE id = ?", (source,)
        ).fetchone()
        if searchable:
            db.execute(
                "INSERT INTO concordance (concordance, rowid, src, tgt) "
                "SELECT 'delete', id, src, tgt FROM units WHERE source = ? AND prim = 1",
                (source,),
            )
        db.execute("DELETE FROM units WHERE source = ?", (source,))
        db.execute("DELETE FROM postings WHERE source = ?", (source,))
        db.execute("DELETE FROM sources WHERE id = ?", (source,))

    def _searchable(self, wanted: dict[str, tuple[int, str, str, str]]) -> None:
        rows = self.db.execute("SELECT id, path FROM sources WHERE searchable = 0").fetchall()
        for source, path in rows:
            if path not in wanted:
                continue
            self.db.execute(
                "INSERT INTO concordance (rowid, src, tgt) "
                "SELECT id, src, tgt FROM units WHERE source = ? AND prim = 1",
                (source,),
            )
            self.db.execute("UPDATE sources SET searchable = 1 WHERE id = ?", (source,))

    def _index(self, path: str, kind: int, name: str, lang: str, stamp: str) -> None:
        """Add one file's sentence pairs (in chunks of CHUNK), its words and postings; of a
        TMX file, the pairs from each unit's own source language (see ``directions``)."""
        full = self.ws.root / path
        source_lang, broken = "", False
        others: set[str] = set()
        rows: Iterable[Row]
        if kind == WORK_FILE:
            try:
                translation = workfiles.load(full)
            except WorkFileError:
                rows, broken = (), True
            else:
                source_lang = translation.source_lang
                rows = work_file_rows(translation)
        else:
            rows = tmx_rows(full, name if kind == IMPORTED else "", None, others)
        cursor = self.db.execute(
            "INSERT INTO sources (path, stamp, kind, name, lang, source_lang, broken, searchable,"
            " date, others, directions) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, '[]', '[]')",
            (path, stamp, kind, name, lang, "", int(broken), _date(stamp)),
        )
        source = cursor.lastrowid
        assert source is not None
        self._add_rows(source, rows)
        self.db.execute(
            "UPDATE sources SET source_lang = ?, others = ? WHERE id = ?",
            (source_lang, json.dumps(sorted(others)), source),
        )

    def add_memory(
        self, dest: Path, name: str, units: Iterable[Any], keep: Callable[[], bool]
    ) -> None:
        """Index an imported memory while it is read (``units``, TmxUnits), before it is
        kept: ``keep`` is called once they are read, writes ``dest`` and says whether it
        changed; the index is committed only then (searchable at once), else rolled back."""
        path = dest.relative_to(self.ws.root).as_posix()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            known = self.db.execute("SELECT id FROM sources WHERE path = ?", (path,)).fetchone()
            if known is not None:
                self._forget(known[0])
            others: set[str] = set()
            cursor = self.db.execute(
                "INSERT INTO sources (path, stamp, kind, name, lang, source_lang, broken,"
                " searchable, date, others, directions)"
                " VALUES (?, '', ?, ?, '', '', 0, 0, '', '[]', '[]')",
                (path, IMPORTED, name),
            )
            source = cursor.lastrowid
            assert source is not None
            self._add_rows(source, tmx_unit_rows(units, dest, name, None, others))
            if not keep():
                self.db.execute("ROLLBACK")
                return
            stat = dest.stat()
            stamp = f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"
            self.db.execute(
                "UPDATE sources SET stamp = ?, date = ?, others = ? WHERE id = ?",
                (stamp, _date(stamp), json.dumps(sorted(others)), source),
            )
            self._searchable({path: (IMPORTED, name, "", stamp)})
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def directions(self, sources: Sequence[Source], source_lang: str) -> None:
        """Make sure the TMX sources hold the pairs from ``source_lang`` too where some unit
        has a variant in it besides its own source language (a memory read backwards): they
        are indexed the first time a run asks for them, not for every file up front."""
        from translate import languages

        for source in sources:
            if source.kind == WORK_FILE:
                continue
            row = self.db.execute(
                "SELECT others, directions FROM sources WHERE id = ?", (source.id,)
            ).fetchone()
            others, done = json.loads(row[0]), json.loads(row[1])
            if source_lang in done or not any(
                languages.same_language(lang, source_lang) for lang in others
            ):
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                name = source.name if source.kind == IMPORTED else ""
                rows = tmx_rows(self.ws.root / source.path, name, source_lang, set())
                self._add_rows(source.id, rows)
                self.db.execute(
                    "UPDATE sources SET directions = ? WHERE id = ?",
                    (json.dumps(sorted({*done, source_lang})), source.id),
                )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _add_rows(self, source: int, rows: Iterable[Row]) -> None:
        for chunk in chunks(rows, CHUNK):
            self._add_chunk(source, chunk)

    def _add_chunk(self, source: int, chunk: list[Row]) -> None:
        db = self.db
        words = _bulk_tokens([row[1] for row in chunk])
        ids = self._word_ids(dict.fromkeys(words))
        ids["\x00"] = 0  # between two units' words
        (last,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM units").fetchone()
        first = last + 1
        every = list(map(ids.__getitem__, words))
        if len(chunk) >= _BULK:
            tokens, holders = postings_in_bulk(every, first, len(chunk))
        else:  # a work file: no NumPy to import for the few units a run changes
            tokens, holders = postings(every, first, len(chunk))
        db.executemany(
            "INSERT INTO units (id, source, ordinal, key, src, tgt, src_lang, tgt_lang, prim,"
            " state, origin, segment, usable, superseded, search_lang, ntok, tokens)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    first + i,
                    source,
                    row[0],
                    key_of(normalize(row[1])),
                    *row[1:],
                    len(tokens[i]) // 4,
                    tokens[i],
                )
                for i, row in enumerate(chunk)
            ],
        )
        db.executemany(
            "INSERT INTO postings (word, source, chunk, n, units) VALUES (?, ?, ?, ?, ?)",
            [(word, source, first, n, blob) for word, n, blob in holders],
        )

    def _word_ids(self, words: Iterable[str]) -> dict[str, int]:
        """Ids of ``words`` (``\\x00``, the separator, excluded), new words added."""
        wanted = [w for w in words if w != "\x00"]
        self.db.executemany("INSERT OR IGNORE INTO words (word) VALUES (?)", ((w,) for w in wanted))
        return self.word_ids(wanted)

    def word_ids(self, words: Sequence[str]) -> dict[str, int]:
        """The ids of those of ``words`` the store knows."""
        found: dict[str, int] = {}
        for at in range(0, len(words), 50_000):
            found.update(
                self.db.execute(
                    "SELECT word, id FROM words WHERE word IN (SELECT value FROM json_each(?))",
                    (json.dumps(list(words[at : at + 50_000])),),
                )
            )
        return found


def _files(ws: Workspace, lang: str | None) -> dict[str, tuple[int, str, str, str]]:
    """path -> (kind, name, language, stamp) of the files in scope, in reading order."""
    found: list[tuple[Path, int, str, str]] = []
    if lang is None:
        found += [(path, WORK_FILE, path.stem, code) for code, path in ws.work_files()]
    else:
        folder = ws.translations_dir / lang
        if folder.is_dir():
            found += [(p, WORK_FILE, p.stem, lang) for p in sorted(folder.glob("*.json"))]
    own = ws.translations_dir / MEMORY_FILE
    if own.exists():
        found.append((own, OWN_MEMORY, "", ""))
    found += [(path, IMPORTED, name, "") for name, path in external_memories(ws)]
    files = {}
    for path, kind, name, code in found:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp = f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"
        files[path.relative_to(ws.root).as_posix()] = (kind, name, code, stamp)
    return files


def _date(stamp: str) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(int(stamp.split(":")[0]) / 1e9).date().isoformat()


def _connect(path: Path, *, create: bool = False) -> sqlite3.Connection | None:
    """The database at ``path`` when it is tx's (or, with ``create``, a new one); None when
    it is not tx's, damaged, or tampered with (a trigger, a view, another schema)."""
    if not create and not path.is_file():
        return None
    if create:  # built aside and moved in whole: no other process sees it half made
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as fresh:
            fresh.executescript(SCHEMA)
            fresh.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            fresh.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        os.replace(tmp, path)
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        db.execute("PRAGMA trusted_schema = OFF")
        (app,) = db.execute("PRAGMA application_id").fetchone()
        (version,) = db.execute("PRAGMA user_version").fetchone()
        found = set(db.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master"))
        if app != APPLICATION_ID or version != SCHEMA_VERSION or found != _expected_schema():
            db.close()
            return None
        db.execute("PRAGMA cache_size = -32768")
        return db
    except sqlite3.DatabaseError:
        db.close()
        return None
