"""Saved fuzzy indexes: a later run over the same memory loads the index and finds exactly
what a freshly built one finds; anything else (other units, a damaged or hostile file, a
read-only folder) means building it again, never an error."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import numpy as np
import pytest

from translate import workspace
from translate.memory import index_cache
from translate.memory.fuzzy import FuzzyIndex
from translate.memory.store import MemoryUnit
from translate.models import State


def units(count: int, seed: int = 5) -> list[MemoryUnit]:
    rng = random.Random(seed)
    words = [f"w{n}" for n in range(60)] + ["the", "of", ",", ".", "港", "口", "Kyiv"]
    return [
        MemoryUnit(" ".join(rng.choices(words, k=rng.randint(2, 15))), f"t{n}", State.REVIEWED, "r")
        for n in range(count)
    ]


def queries(memory: list[MemoryUnit]) -> list[str]:
    rng = random.Random(9)
    found = []
    for _ in range(60):
        words = rng.choice(memory).source.split()
        words[rng.randrange(len(words))] = rng.choice(["w1", "new", "港"])
        found.append(" ".join(words))
    return [*found, "", "unknown words only", "\x00 w1 w2 w3"]


def test_a_saved_index_finds_what_a_built_one_finds() -> None:
    memory = units(500)
    built = FuzzyIndex(memory)
    loaded = FuzzyIndex.from_bytes(memory, built.to_bytes())
    assert loaded is not None and len(loaded) == 500
    for query in queries(memory):
        for threshold in (50, 75, 95):
            assert loaded.best(query, threshold=threshold, limit=5) == built.best(
                query, threshold=threshold, limit=5
            )


def test_an_empty_memory_round_trips() -> None:
    loaded = FuzzyIndex.from_bytes([], FuzzyIndex([]).to_bytes())
    assert loaded is not None and loaded.best("Ports reopened.", threshold=75) == []


def test_an_index_of_other_units_is_not_used() -> None:
    memory = units(100)
    data = FuzzyIndex(memory).to_bytes()
    assert FuzzyIndex.from_bytes(units(100, seed=6), data) is None
    assert FuzzyIndex.from_bytes(memory[:-1], data) is None
    assert FuzzyIndex.from_bytes(list(reversed(memory)), data) is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an archive",
        b"PK\x03\x04 truncated",
        "half",
        "pickled",
        "wrong dtype",
        "huge shape",
    ],
)
def test_a_damaged_or_hostile_file_is_not_used(data: bytes | str) -> None:
    memory = units(50)
    good = FuzzyIndex(memory).to_bytes()
    if data == "half":
        data = good[: len(good) // 2]
    elif data in ("pickled", "wrong dtype"):
        with np.load(io.BytesIO(good)) as saved:
            arrays = {name: saved[name] for name in saved.files}
        if data == "pickled":
            arrays["keys"] = np.array([object()], dtype=object)
        else:
            arrays["keys"] = arrays["keys"].astype(np.float64)
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        data = buffer.getvalue()
    elif data == "huge shape":  # a header that claims a petabyte: nothing to allocate
        header = "{'descr': '|u1', 'fortran_order': False, 'shape': (1000000000000000,), }"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            npy = b"\x93NUMPY\x01\x00v\x00" + header.encode().ljust(117) + b"\n"
            archive.writestr("digest.npy", npy)
        data = buffer.getvalue()
    assert isinstance(data, bytes)
    assert FuzzyIndex.from_bytes(memory, data) is None


def test_the_workspace_keeps_a_large_memory_index_between_runs(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    memory = units(300)
    first = index_cache.fuzzy_index(ws, memory, "en", "es", min_units=100)
    path = index_cache.cache_path(ws, "en", "es")
    assert path == tmp_path / "translations" / ".cache" / "fuzzy-en-es.npz" and path.is_file()
    stamp = path.stat().st_mtime_ns
    again = index_cache.fuzzy_index(ws, memory, "en", "es", min_units=100)
    assert path.stat().st_mtime_ns == stamp  # loaded, not rebuilt
    query = queries(memory)[0]
    assert again.best(query, threshold=60) == first.best(query, threshold=60)
    assert [lang for lang, _ in ws.work_files()] == []  # not taken for a language folder

    changed = [*memory, MemoryUnit("w1 w2 w3 new", "t", State.FINAL, "r")]
    index_cache.fuzzy_index(ws, changed, "en", "es", min_units=100)
    assert FuzzyIndex.from_bytes(changed, path.read_bytes()) is not None  # rebuilt, saved

    path.write_bytes(b"garbage")
    rebuilt = index_cache.fuzzy_index(ws, changed, "en", "es", min_units=100)
    assert rebuilt.best(query, threshold=60) == FuzzyIndex(changed).best(query, threshold=60)
    assert FuzzyIndex.from_bytes(changed, path.read_bytes()) is not None


def test_small_memories_are_not_saved_and_an_unwritable_cache_is_fine(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    index_cache.fuzzy_index(ws, units(50), "en", "es")
    folder = tmp_path / "translations" / ".cache"
    assert not folder.exists()
    folder.write_text("a file where the folder should be (works for root too)", encoding="utf-8")
    index = index_cache.fuzzy_index(ws, units(200), "en", "es", min_units=100)
    assert len(index) == 200 and folder.is_file()


def test_a_dry_run_uses_a_saved_index_but_saves_none(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    memory = units(300)
    index_cache.fuzzy_index(ws, memory, "en", "es", min_units=100, save=False)
    path = index_cache.cache_path(ws, "en", "es")
    assert not path.exists()
    index_cache.fuzzy_index(ws, memory, "en", "es", min_units=100)
    stamp = path.stat().st_mtime_ns
    index_cache.fuzzy_index(ws, [*memory, *units(5, seed=8)], "en", "es", min_units=100, save=False)
    assert path.stat().st_mtime_ns == stamp
