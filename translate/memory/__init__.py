"""Translation memory: sentences people have reviewed, reused by the next run and the next
article (``store``: the memory of a workspace and memory.tmx)."""

from translate.memory.store import (
    MEMORY_FILE,
    Memory,
    MemoryUnit,
    keep_retired,
    normalize,
    read_tmx,
    unit_of,
)
from translate.memory.stored import load

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
