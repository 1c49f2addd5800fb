"""The workspace: its folders (``paths``), its settings in tx.toml (``settings``), atomic
file writes (``files``), the write lock (``locking``), input limits (``limits``) and the work
files (``workfiles``).

This module is the package's interface: ``workspace.load``, ``workspace.Workspace``,
``workspace.write_text`` and the other names below.
"""

from __future__ import annotations

from translate.workspace.files import write_bytes, write_text
from translate.workspace.paths import (
    CACHES_IGNORED,
    RESERVED_SLUGS,
    SLUG_HINT,
    Workspace,
    find_root,
    init,
    is_slug,
    load,
    reserved_slug,
)
from translate.workspace.settings import (
    CONFIG_NAME,
    DEFAULT_CONFIG,
    ENGINES,
    Settings,
    read_settings,
)

__all__ = [
    "CACHES_IGNORED",
    "CONFIG_NAME",
    "DEFAULT_CONFIG",
    "ENGINES",
    "RESERVED_SLUGS",
    "SLUG_HINT",
    "Settings",
    "Workspace",
    "find_root",
    "init",
    "is_slug",
    "load",
    "read_settings",
    "reserved_slug",
    "write_bytes",
    "write_text",
]
