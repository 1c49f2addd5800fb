"""Concordance: how was a phrase translated before? A search over every work file,
memory.tmx and the imported memories, source or target side, through the memory's indexed
store (``translate.memory.database``), which is kept up to date with the files before each
search.

The store's concordance is an SQLite FTS5 table over the store's own sentence pairs (no copy
of the text): FTS5's trigram tokenizer finds any substring in any script (Chinese has no
spaces between words), case-insensitively. ``--lang es`` finds the ``es`` and ``es-ES``
variants of a TMX too; superseded pairs (``translate.memory.store``) are found and say so. A
file is made searchable the first time a search covers it (``tx memory import`` does it for
an imported memory at once). A missing, damaged or foreign store is rebuilt.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from translate.memory import database
from translate.workspace import Workspace

MARK_START, MARK_END = "\x01", "\x02"  # around matched text in results
_SLUG = "CASE s.kind WHEN 0 THEN s.name WHEN 1 THEN '(memory)' ELSE '(memory:' || s.name || ')' END"
_LANG = "u.search_lang"


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
    """Where the index searched lives (the memory's store)."""
    return database.path_of(ws)


def search(
    ws: Workspace, phrase: str, *, lang: str | None = None, side: str = "both", limit: int = 50
) -> list[Hit]:
    """Sentence pairs whose source or target (``side``: source, target or both) contains
    ``phrase``, in ``lang`` only when given, newest first."""
    phrase = " ".join(phrase.split())
    if not phrase:
        return []
    store = database.Store.open(ws) or _scratch(ws)
    with store:
        store.refresh(None, search=True)
        wheres, values = ["u.prim = 1"], []
        if len(phrase) >= 3:
            columns = {"source": "src", "target": "tgt"}.get(side, "{src tgt}")
            quoted = '"' + phrase.replace('"', '""') + '"'
            tables = "concordance c JOIN units u ON u.id = c.rowid"
            wheres.append("concordance MATCH ?")
            values.append(f"{columns} : {quoted}")
        else:  # trigrams need three characters: scan for short phrases (two Chinese characters)
            wanted = ["src", "tgt"] if side == "both" else [{"source": "src"}.get(side, "tgt")]
            like = "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            tables = "units u"
            wheres.append("(" + " OR ".join(f"u.{c} LIKE ? ESCAPE '\\'" for c in wanted) + ")")
            values.extend([like] * len(wanted))
        if lang:  # es finds es-ES variants of a TMX too
            wheres.append(f"({_LANG} = ? OR {_LANG} LIKE ? ESCAPE '\\')")
            values += [lang, lang.replace("_", "\\_").replace("%", "\\%") + "-%"]
        rows = store.db.execute(
            f"SELECT {_SLUG} AS slug, {_LANG} AS lang, u.segment, u.state, s.date AS date, "
            f"u.src, u.tgt, u.superseded FROM {tables} JOIN sources s ON s.id = u.source WHERE "
            + " AND ".join(wheres)
            + " ORDER BY date DESC, slug, lang LIMIT ?",
            (*values, limit),
        ).fetchall()
    return [
        Hit(slug, code, segment, state, date, _mark(source, phrase), _mark(target, phrase), gone)
        for slug, code, segment, state, date, source, target, gone in rows
    ]


def _scratch(ws: Workspace) -> database.Store:
    """A store in memory, for a workspace where none can be written (read-only)."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(database.SCHEMA)
    return database.Store(ws, db)


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
