"""Translation memory: sentences people have reviewed, reused by the next run and the next
article (``store``: the memory of a workspace and memory.tmx; ``stored``: read from its
indexed store)."""

from __future__ import annotations

from collections.abc import Iterable

from translate.memory.store import (
    MEMORY_FILE,
    Memory,
    MemoryUnit,
    is_empty,
    keep_retired,
    normalize,
    read_tmx,
    unit_of,
)
from translate.workspace import Workspace

__all__ = [
    "MEMORY_FILE",
    "Memory",
    "MemoryUnit",
    "keep_retired",
    "load",
    "normalize",
    "read_tmx",
    "unit_of",
]


def load(
    ws: Workspace,
    target_lang: str,
    *,
    skip_slugs: Iterable[str] = (),
    source_lang: str | None = None,
) -> Memory:
    """The memory for ``target_lang`` (``translate.memory.stored.load``). A memory that is
    empty with nothing to index (``store.is_empty``: a workspace's first run) is given as it
    is, without the indexed store, whose code and SQLite are then never loaded."""
    if is_empty(ws, target_lang):
        return Memory(target_lang)
    from translate.memory import stored

    return stored.load(ws, target_lang, skip_slugs=skip_slugs, source_lang=source_lang)
