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
    if len(units) < min_units:
        return FuzzyIndex(units)
    path = ws.inside(cache_path(ws, source, target))
    try:
        if path.is_file() and path.stat().st_size <= _MAX_BYTES:
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
