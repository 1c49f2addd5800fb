"""Imported memories, indexes and caches are untrusted (issue 25, cases 3, 5 and 6).

A TMX from another tool with states tx does not know is mapped or refused with a count, and
one imported before that rule still lets every command run. The concordance index is opened
only when it is exactly tx's own (another schema, a trigger, a view: rebuilt, never run).
A fuzzy-index cache is measured, by its ZIP entries and NumPy headers, before any array is
read.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import SLUG
from typer.testing import CliRunner

from translate.cli import app
from translate.memory import database

WORK_FILE = f"translations/es/{SLUG}.json"
INDEX = "translations/.cache/memory.sqlite"  # the memory's store, which the search reads


def _tx(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--workspace", str(root), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _tmx(units: list[tuple[str, str, str]]) -> str:
    """A TMX of (state, English, Spanish) units; an empty state writes no x-state."""
    body = "".join(
        "<tu>"
        + (f'<prop type="x-state">{state}</prop>' if state else "")
        + f'<tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="es"><seg>{es}</seg></tuv></tu>'
        for state, en, es in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
        'creationtool="other" creationtoolversion="1" segtype="sentence" o-tmf="x" '
        f'adminlang="en" datatype="plaintext"/><body>{body}</body></tmx>\n'
    )


def _reviewed(root: Path) -> None:
    path = root / WORK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["segments"]:
        item["state"] = "final"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --- case 3: states of other tools ------------------------------------------------------------

MAPPED = ["approved", "Approved", "confirmed", "signed-off", "ApprovedSignOff", "final", "draft"]


@pytest.mark.parametrize("state", MAPPED)
def test_a_known_state_of_another_tool_is_mapped(hostile_workspace: Path, state: str) -> None:
    source = hostile_workspace.parent / "other.tmx"
    source.write_text(_tmx([(state, "A new sentence today.", "Una frase nueva hoy.")]), "utf-8")
    code, output = _tx(hostile_workspace, "memory", "import", str(source))
    assert code == 0, output
    for args in (
        ("translate", SLUG, "--to", "es", "--dry-run"),
        ("memory", "search", "new sentence"),
        ("count",),
        ("status",),
    ):
        code, output = _tx(hostile_workspace, *args)
        assert code == 0, (args, output)
    assert "Una frase nueva hoy" in _tx(hostile_workspace, "memory", "search", "new sentence")[1]


UNKNOWN = {
    "one unknown": [("bogus", "One.", "Uno.")],
    "unknown among known": [("approved", "One.", "Uno."), ("x-ok-by-boss", "Two.", "Dos.")],
    "three kinds": [("a1", "One.", "Uno."), ("a2", "Two.", "Dos."), ("a2", "Three.", "Tres.")],
    "a very long state": [("z" * 500, "One.", "Uno.")],
    "a number": [("7", "One.", "Uno.")],
}


@pytest.mark.parametrize("units", UNKNOWN.values(), ids=UNKNOWN.keys())
def test_an_unknown_state_is_refused_with_a_count(
    hostile_workspace: Path, units: list[tuple[str, str, str]]
) -> None:
    source = hostile_workspace.parent / "other.tmx"
    source.write_text(_tmx(units), encoding="utf-8")
    code, output = _tx(hostile_workspace, "memory", "import", str(source))
    assert code == 1 and output.startswith("error: ") and output.count("\n") == 1, output
    unknown = sum(1 for state, _, _ in units if state not in ("approved",))
    assert f"{unknown} of {len(units)} unit(s) have a state tx does not know" in output
    assert not (hostile_workspace / "translations" / "memories").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("translate", SLUG, "--to", "es", "--dry-run"),
        ("memory", "search", "sentence"),
        ("count",),
        ("memory", "export", "out.tmx"),
        ("status",),
    ],
    ids=["translate", "search", "count", "memory export", "status"],
)
def test_a_bad_memory_imported_before_breaks_no_command(
    hostile_workspace: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_workspace)  # `memory export out.tmx` writes beside the workspace
    folder = hostile_workspace / "translations" / "memories"
    folder.mkdir()
    units = [("approved-by-nobody", "Old sentence.", "Frase vieja."), ("", "Kept.", "Guardada.")]
    (folder / "old.tmx").write_text(_tmx(units), encoding="utf-8")
    code, output = _tx(hostile_workspace, *args)
    assert code == 0, output


def test_memory_tmx_with_an_unknown_state_never_advises_deleting_it(
    hostile_workspace: Path,
) -> None:
    path = hostile_workspace / "translations" / "memory.tmx"
    path.write_text(_tmx([("bogus", "Old.", "Vieja.")]), encoding="utf-8")
    code, output = _tx(hostile_workspace, "translate", SLUG, "--to", "es", "--dry-run")
    assert code == 1 and "memory.tmx" in output and "delete" not in output, output


# --- case 5: the concordance index ----------------------------------------------------------


def _database(statements: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / INDEX).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(root / INDEX) as db:
            db.executescript(statements)

    return write


def _file(content: bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (root / INDEX).write_bytes(content)

    return write


def _after_a_search(statements: str) -> Callable[[Path], None]:
    """tx's own index (made by a search), then ``statements`` run on it, then a work file
    touched so that the next search refreshes the index."""

    def write(root: Path) -> None:
        assert _tx(root, "memory", "search", "talks")[0] == 0
        with sqlite3.connect(root / INDEX) as db:
            db.executescript(statements)
        work = root / WORK_FILE
        work.write_bytes(work.read_bytes() + b"\n")

    return write


FORGE = (
    "INSERT INTO units (source, ordinal, key, src, tgt, src_lang, tgt_lang, prim, state, origin,"
    " segment, usable, ntok, tokens) VALUES (new.id, 0, 0, 'The talks were forged.', "
    "'FORGED FINAL', 'en', 'es', 1, 'final', 'reviewer', 'f1', 1, 0, x'');"
)
INDEXES: dict[str, Callable[[Path], None]] = {
    "another schema": _database("CREATE TABLE units (x INTEGER); INSERT INTO units VALUES (1);"),
    "no tables": _database("PRAGMA user_version = 7;"),
    "files without units": _database("CREATE TABLE files (path TEXT, stamp TEXT);"),
    "units as a view": _database(
        "CREATE TABLE files (path TEXT PRIMARY KEY, stamp TEXT NOT NULL);"
        "CREATE VIEW units AS SELECT 1 AS source;"
    ),
    "trigger on sources": _after_a_search(
        f"CREATE TRIGGER forge AFTER INSERT ON sources BEGIN {FORGE} END;"
    ),
    "trigger on delete": _after_a_search(
        f"CREATE TRIGGER forge AFTER DELETE ON sources BEGIN {FORGE} END;"
    ),
    "extra table": _after_a_search("CREATE TABLE notes (x TEXT);"),
    "extra index": _after_a_search("CREATE INDEX by_stamp ON sources (stamp);"),
    "extra view": _after_a_search("CREATE VIEW everything AS SELECT * FROM sources;"),
    "not SQLite": _file(b"SQLite format 3\0" + b"\xff" * 200),
    "empty file": _file(b""),
}


@pytest.mark.parametrize("plant", INDEXES.values(), ids=INDEXES.keys())
def test_a_foreign_concordance_index_is_rebuilt_never_run(
    hostile_workspace: Path, plant: Callable[[Path], None]
) -> None:
    plant(hostile_workspace)
    code, output = _tx(hostile_workspace, "memory", "search", "talks")
    assert code == 0, output
    assert "FORGED" not in output and "forged" not in output
    assert "ES The [talks] resumed on Monday." in output
    with sqlite3.connect(hostile_workspace / INDEX) as db:
        found = set(db.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master"))
    assert found == database._expected_schema(), found  # nothing of anyone else's


def test_a_folder_where_the_index_belongs_is_one_line(hostile_workspace: Path) -> None:
    (hostile_workspace / INDEX).mkdir(parents=True)
    code, output = _tx(hostile_workspace, "memory", "search", "talks")
    assert code == 1 and output.startswith("error: ") and output.count("\n") == 1, output
    assert "memory.sqlite" in output


def test_an_index_linked_out_of_the_workspace_is_not_opened(hostile_workspace: Path) -> None:
    outside = hostile_workspace.parent / "elsewhere.sqlite"
    with sqlite3.connect(outside) as db:
        db.execute("CREATE TABLE x (y TEXT)")
    before = outside.read_bytes()
    (hostile_workspace / INDEX).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, hostile_workspace / INDEX)
    code, output = _tx(hostile_workspace, "memory", "search", "talks")
    assert code == 1 and "outside the workspace" in output, output
    assert outside.read_bytes() == before


# --- case 6: the fuzzy-index cache --------------------------------------------------------------

GIB = 1 << 30


def _npy_header(shape: tuple[int, ...], dtype: str = "<u4") -> bytes:
    header = f"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape}, }}"
    header += " " * (63 - (len(header) + 10) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin-1")


def _archive(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ARRAYS = ("digest.npy", "words.npy", "encoded.npy", "keys.npy")
SMALL = {name: _npy_header((1,)) + b"\0\0\0\0" for name in ARRAYS}
CACHES = {
    "header shape of 4 GB": {**SMALL, "encoded.npy": _npy_header((GIB,)) + b"\0" * 16},
    "header shape of 4 GB in two dimensions": {
        **SMALL,
        "keys.npy": _npy_header((65536, 65536), "<i8") + b"\0" * 16,
    },
    "a fifth array": {**SMALL, "extra.npy": _npy_header((1,)) + b"\0" * 4},
    "an object array": {**SMALL, "words.npy": _npy_header((1,), "|O") + b"\0" * 8},
    "not NumPy": {**SMALL, "digest.npy": b"not an array"},
    "a missing array": {name: data for name, data in SMALL.items() if name != "keys.npy"},
}


@pytest.mark.parametrize("entries", CACHES.values(), ids=CACHES.keys())
def test_a_fuzzy_cache_is_measured_before_it_is_read(
    tmp_path: Path, entries: dict[str, bytes]
) -> None:
    from translate import workspace
    from translate.memory.index_cache import cache_path, fuzzy_index
    from translate.memory.store import MemoryUnit
    from translate.models import State

    workspace.init(tmp_path / "ws")
    ws = workspace.load(tmp_path / "ws")
    units = [
        MemoryUnit(f"Sentence {n} here.", f"Frase {n}.", State.REVIEWED, "memory") for n in range(9)
    ]
    path = cache_path(ws, "en", "es")
    path.parent.mkdir(parents=True)
    path.write_bytes(_archive(entries))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = fuzzy_index(ws, units, "en", "es", min_units=1)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200_000  # KB
    assert [m.unit.target for m in index.best("Sentence 3 here.", threshold=75)][:1] == ["Frase 3."]
    assert path.stat().st_size < 1_000_000  # rebuilt and saved over the bomb


def test_a_cache_whose_entries_claim_4_gb_is_not_inflated(tmp_path: Path) -> None:
    from translate import workspace
    from translate.memory.index_cache import _inflates_within, cache_path

    workspace.init(tmp_path / "ws")
    path = cache_path(workspace.load(tmp_path / "ws"), "en", "es")
    path.parent.mkdir(parents=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in SMALL.items():
            archive.writestr(name, data)
        with archive.open("pad.npy", "w", force_zip64=True) as stream:
            for _ in range(64):  # 64 MiB of zeros: a bomb in small, compressed as written
                stream.write(b"\0" * (1 << 20))
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 1 << 20
    assert not _inflates_within(path, 32 << 20)
