"""Atomic file writes: readers see the old file or the new, never half of one."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from translate.errors import WorkspaceError
from translate.workspace import locking


def write_bytes(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed
    over the target. A rewritten file keeps its permissions; a new one gets the permissions
    the umask allows (as any file the user creates). A failure (read-only folder, full disk)
    raises ``WorkspaceError`` naming the file and leaves the old file as it was. ``data`` may
    also be chunks, written one by one (a large file copied without holding it whole).
    """
    import tempfile  # here: commands that only read (tx status, tx --help) start faster

    tmp = ""
    try:
        mode = _mode_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name[:64]}.", suffix=locking.TEMP_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            for chunk in (data,) if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        message = f"cannot write: {error.strerror or error}"
        raise WorkspaceError(message, path=path, hint=_write_hint(error)) from None


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what the
    umask allows for a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_hint(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space and run the command again; nothing was changed"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the folder writable for you; nothing was changed"
    if error.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return "a file stands where tx expects a folder (or the reverse): move it away"
    return "check the path, its permissions and the free disk space"


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see ``write_bytes``)."""
    write_bytes(path, text.encode("utf-8"))
