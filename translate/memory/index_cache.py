"""Fuzzy indexes kept between runs, so that a large memory is indexed once, not per run.

A workspace with 100,000 reviewed sentences would otherwise tokenise and index all of them
in every ``tx translate`` and ``tx count``. The index of one language pair is saved beside
the work files (``translations/.cache/fuzzy-<source>-<target>.npz``, a NumPy archive without
pickles) with a digest of the sources it was built from; a run whose memory holds exactly
those sources loads it, any other rebuilds and saves it. It is only a cache: a missing,
damaged or foreign file is rebuilt, and one that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from translate.errors import WorkspaceError
from translate.memory.fuzzy import FuzzyIndex
from translate.memory.store import MemoryUnit
from translate.workspace import Workspace, write_bytes

CACHE_DIR = ".cache"
# Smaller memories index faster than a saved index loads: they are not saved.
MIN_UNITS = 5000
_MAX_BYTES = 1 << 30
# What an index of a memory can hold, inflated: its arrays grow with the units (words, keys,
# the encoded sentences), so a cache claiming more is not one tx wrote.
_BASE_BYTES = 64 << 20
_BYTES_PER_UNIT = 8 << 10
_ARRAYS = frozenset({"digest.npy", "words.npy", "encoded.npy", "keys.npy"})


def _inflates_within(path: Path, cap: int) -> bool:
    """Whether the archive at ``path`` holds only the index's arrays, and they inflate to at
    most ``cap`` bytes together, by their ZIP entries and by their NumPy headers (which
    say what ``np.load`` allocates), checked before any array is read. Reads stop at an
    entry's declared size, so a lying entry cannot inflate past it."""
    import zipfile

    import numpy as np

    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if {e.filename for e in entries} != _ARRAYS or len(entries) != len(_ARRAYS):
                return False
            if sum(e.file_size for e in entries) > cap:
                return False
            for entry in entries:
                with archive.open(entry) as stream:
                    version = np.lib.format.read_magic(stream)
                    if version == (1, 0):
                        shape, _, dtype = np.lib.format.read_array_header_1_0(stream)
                    elif version == (2, 0):
                        shape, _, dtype = np.lib.format.read_array_header_2_0(stream)
                    else:
                        return False
                count = 1
                for size in shape:
                    count *= int(size)
                if dtype.hasobject or count * dtype.itemsize > entry.file_size:
                    return False
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, RuntimeError):
        return False
    return True


def cache_path(ws: Workspace, source: str, target: str) -> Path:
    """Where the fuzzy index of a language pair is kept (languages are canonical tags)."""
    return ws.translations_dir / CACHE_DIR / f"fuzzy-{source}-{target}.npz"


def fuzzy_index(
    ws: Workspace,
    units: Sequence[MemoryUnit],
    source: str,
    target: str,
    *,
    min_units: int = MIN_UNITS,
    save: bool = True,
) -> FuzzyIndex:
    """The fuzzy index of ``units``: the saved one when it was built from them, otherwise
    built now (and saved, unless ``save`` is False, when there are at least ``min_units``)."""
    from translate.memory.stored import StoredUnits

    if isinstance(units, StoredUnits):  # a stored memory is indexed in its store already
        return units.fuzzy_index()
    if len(units) < min_units:
        return FuzzyIndex(units)
    path = ws.inside(cache_path(ws, source, target))
    try:
        cap = min(_MAX_BYTES, _BASE_BYTES + _BYTES_PER_UNIT * len(units))
        if path.is_file() and path.stat().st_size <= cap and _inflates_within(path, cap):
            with path.open("rb") as handle:
                saved = FuzzyIndex.from_file(units, handle)
            if saved is not None:
                return saved
    except OSError:
        pass  # unreadable: build it again
    index = FuzzyIndex(units)
    if not save:  # a dry run writes nothing
        return index
    with contextlib.suppress(WorkspaceError):  # read-only: the next run builds it again
        write_bytes(path, index.to_bytes())
    return index
