"""Concordance: how was a phrase translated before? A search over every work file and
memory.tmx and the imported memories, source or target side (``--lang es`` finds the ``es``
and ``es-ES`` variants of a TMX too), through an index that is built once and kept up to date.
Superseded pairs (``translate.memory.store``) are found and say so.

The index is an SQLite database with an FTS5 table (SQLite ships with Python) at
``translations/concordance.sqlite``. FTS5's trigram tokenizer finds any substring in any
script (Chinese has no spaces between words), case-insensitively. Each indexed file is
recorded with its size and modification time; a search first re-indexes the files that
changed, appeared or disappeared since the last one. A missing or damaged index is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from translate import languages
from translate.errors import WorkFileError, WorkspaceError
from translate.memory.store import MEMORY_FILE, external_memories, read_tmx
from translate.workspace import Workspace, workfiles

INDEX_NAME = "concordance.sqlite"
MARK_START, MARK_END = "\x01", "\x02"  # around matched text in results
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stamp TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS units USING fts5(
    source, target, path UNINDEXED, slug UNINDEXED, lang UNINDEXED, segment UNINDEXED,
    state UNINDEXED, date UNINDEXED, superseded UNINDEXED, tokenize = 'trigram'
);
"""


@dataclass(frozen=True)
class Hit:
    """One sentence pair holding the phrase; the phrase is marked with MARK_START/MARK_END."""

    slug: str
    lang: str
    segment: str
    state: str
    date: str
    source: str
    target: str
    superseded: str = ""  # the corrected sentence that replaced this one, if any


def index_path(ws: Workspace) -> Path:
    """Where the concordance index of a workspace lives."""
    return ws.translations_dir / INDEX_NAME


def search(
    ws: Workspace, phrase: str, *, lang: str | None = None, side: str = "both", limit: int = 50
) -> list[Hit]:
    """Sentence pairs whose source or target (``side``: source, target or both) contains
    ``phrase``, in ``lang`` only when given, newest first."""
    phrase = " ".join(phrase.split())
    if not phrase:
        return []
    with closing(_open(ws)) as db:
        refresh(ws, db)
        columns = {"source": "source", "target": "target"}.get(side, "{source target}")
        wheres, values = [], []
        if len(phrase) >= 3:
            quoted = '"' + phrase.replace('"', '""') + '"'
            wheres.append("units MATCH ?")
            values.append(f"{columns} : {quoted}")
        else:  # trigrams need three characters: scan for short phrases (two Chinese characters)
            wanted = ["source", "target"] if side == "both" else [side]
            like = "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            wheres.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in wanted) + ")")
            values.extend([like] * len(wanted))
        if lang:  # es finds es-ES variants of a TMX too
            wheres.append("(lang = ? OR lang LIKE ? ESCAPE '\\')")
            values += [lang, lang.replace("_", "\\_").replace("%", "\\%") + "-%"]
        rows = db.execute(
            "SELECT slug, lang, segment, state, date, source, target, superseded FROM units "
            "WHERE " + " AND ".join(wheres) + " ORDER BY date DESC, slug, lang LIMIT ?",
            (*values, limit),
        ).fetchall()
    return [
        Hit(slug, code, segment, state, date, _mark(source, phrase), _mark(target, phrase), gone)
        for slug, code, segment, state, date, source, target, gone in rows
    ]


def _mark(text: str, phrase: str) -> str:
    """``text`` with every occurrence of ``phrase`` (any case) between the marks."""
    lowered, wanted = text.casefold(), phrase.casefold()
    if len(lowered) != len(text):
        return text
    pieces, cursor = [], 0
    start = lowered.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        pieces += [text[cursor:start], MARK_START, text[start:end], MARK_END]
        cursor = end
        start = lowered.find(wanted, cursor)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _open(ws: Workspace) -> sqlite3.Connection:
    """The index, opened only when it is exactly what tx creates: the file is untrusted (a
    trigger would run its SQL inside tx at each refresh, another schema would fail the
    search), so anything else is deleted and built again from the work files."""
    path = index_path(ws)
    ws.contained(path, "concordance index")
    ws.inside(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        raise WorkspaceError(
            "a folder stands where the concordance index belongs",
            path=path,
            hint="move the folder away; tx builds the index again",
        )
    if (path.exists() or path.is_symlink()) and not _is_own(path):
        path.unlink()  # it is only an index: built again below
    db = sqlite3.connect(path)
    _distrust(db)
    db.executescript(_SCHEMA)
    return db


def _distrust(db: sqlite3.Connection) -> None:
    """No function with side effects from the schema, no triggers even if some appear."""
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA recursive_triggers = OFF")


@functools.cache
def _own_schema() -> frozenset[tuple[str, str, str, str]]:
    """Every entry of ``sqlite_master`` that ``_SCHEMA`` makes (FTS5's shadow tables too)."""
    with closing(sqlite3.connect(":memory:")) as db:
        db.executescript(_SCHEMA)
        return frozenset(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _is_own(path: Path) -> bool:
    """Whether the file at ``path`` is an SQLite database holding exactly tx's schema: no
    trigger, view, index or table of anyone else's. Reading the schema runs nothing."""
    if path.is_dir() or path.is_symlink():
        return False
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            _distrust(db)
            found = frozenset(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    except sqlite3.Error:
        return False
    return found == _own_schema()


def refresh(ws: Workspace, db: sqlite3.Connection) -> int:
    """Re-index the files that changed since the last search; returns how many."""
    current = dict(_sources(ws))
    known = dict(db.execute("SELECT path, stamp FROM files").fetchall())
    changed = [path for path, stamp in current.items() if known.get(path) != stamp]
    gone = [path for path in known if path not in current]
    with db:
        for path in (*changed, *gone):
            db.execute("DELETE FROM units WHERE path = ?", (path,))
            db.execute("DELETE FROM files WHERE path = ?", (path,))
        for path in changed:
            db.executemany(
                "INSERT INTO units (source, target, path, slug, lang, segment, state, date, "
                "superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _rows(ws, path, current[path]),
            )
            db.execute("INSERT INTO files (path, stamp) VALUES (?, ?)", (path, current[path]))
    return len(changed) + len(gone)


def _sources(ws: Workspace) -> Iterator[tuple[str, str]]:
    """(path relative to the workspace, stamp) of every file the index covers."""
    paths = [path for _, path in ws.work_files()]
    tmx = ws.translations_dir / MEMORY_FILE
    if tmx.is_file():
        paths.append(tmx)
    paths += [path for _, path in external_memories(ws)]
    for path in paths:
        stat = path.stat()
        yield path.relative_to(ws.root).as_posix(), f"{stat.st_mtime_ns}:{stat.st_size}"


def _rows(ws: Workspace, relative: str, stamp: str) -> list[tuple[str, ...]]:
    path = ws.root / relative
    date = dt.datetime.fromtimestamp(int(stamp.split(":")[0]) / 1e9).date().isoformat()
    if path.suffix == ".tmx":
        name = "(memory)" if path.name == MEMORY_FILE else f"(memory:{path.stem})"
        external = "" if path.name == MEMORY_FILE else path.stem
        return [
            (
                unit.source,
                unit.target,
                relative,
                name,
                languages.normalized(unit.lang) or "",
                "",
                unit.state.value,
                date,
                unit.superseded,
            )
            for unit in read_tmx(path, memory=external)
        ]
    try:
        translation = workfiles.load(path)
    except WorkFileError:
        return []  # tx status reports a damaged work file; the search goes on without it
    return [
        (
            item.segment.source,
            item.target,
            relative,
            translation.slug,
            translation.target_lang,
            item.id,
            item.state.value,
            date,
            "",
        )
        for item in translation.segments
    ]
