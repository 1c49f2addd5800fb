"""The workspace lock and revision checks: how two tx commands share a workspace safely.

Every command that rewrites a workspace file (a work file, memory.tmx, a glossary, a review
document, an edition) holds the workspace lock while it writes. The lock is an exclusive
``fcntl.flock`` on ``.tx/lock`` in the workspace: the kernel releases it when the process
ends, so a killed command never leaves a stale lock behind. Commands that only read (tx
status) do not take it; they see whole files because every write is an atomic rename.

Long work (the engine run of ``tx translate``) happens outside the lock. A writer that read a
file before such work checks, under the lock, that the file is still what it read
(compare-and-swap on a fingerprint of its bytes); if not, it merges or refuses, and never
overwrites what another command wrote in between.

Taking the lock also removes the temporary files a killed command left behind: every tx
write happens under the lock, so a temporary file seen by the lock holder is a leftover.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from translate.errors import WorkspaceError

STATE_DIR = ".tx"
LOCK_NAME = "lock"
# Suffix of the temporary files atomic writes create beside their target.
TEMP_SUFFIX = ".tx-tmp"
# How long a command waits for another to finish writing (seconds); TX_LOCK_TIMEOUT overrides.
DEFAULT_TIMEOUT = 120.0
_POLL = 0.05

_guard = threading.RLock()
_held: dict[Path, tuple[int, int]] = {}  # workspace root -> (lock file descriptor, depth)
_tidied: set[Path] = set()  # workspaces whose leftovers this process has removed


def lock_path(root: Path) -> Path:
    """The lock file of the workspace at ``root``."""
    return root / STATE_DIR / LOCK_NAME


def _timeout() -> float:
    value = os.environ.get("TX_LOCK_TIMEOUT", "")
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


@contextmanager
def workspace_lock(root: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace's write lock; re-entrant within a process.

    Waits up to ``timeout`` seconds (default ``TX_LOCK_TIMEOUT`` or 120) for another command
    to finish, then raises ``WorkspaceError`` naming the lock file and who holds it.
    """
    root = root.resolve()
    with _guard:
        held = _held.get(root)
        if held is not None:
            _held[root] = (held[0], held[1] + 1)
            fd = -1
        else:
            fd = _acquire(root, _timeout() if timeout is None else timeout)
            _held[root] = (fd, 1)
    try:
        if fd >= 0 and root not in _tidied:
            _tidied.add(root)
            remove_leftovers(root)
        yield
    finally:
        with _guard:
            fd, depth = _held[root]
            if depth > 1:
                _held[root] = (fd, depth - 1)
            else:
                del _held[root]
                _release(fd)


def holds_lock(root: Path) -> bool:
    """Whether this process holds the lock of the workspace at ``root``."""
    with _guard:
        return root.resolve() in _held


def _acquire(root: Path, timeout: float) -> int:
    import fcntl

    path = lock_path(root)
    try:
        path.parent.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise WorkspaceError(
            f"cannot open the workspace lock: {error.strerror}",
            path=path,
            hint="tx needs to write in the workspace folder: check its permissions",
        ) from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise WorkspaceError(
                    f"another tx command{holder} is writing in this workspace; "
                    f"waited {timeout:g} s",
                    path=path,
                    hint="try again when it has finished (TX_LOCK_TIMEOUT sets the wait)",
                ) from None
            time.sleep(_POLL)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def _release(fd: int) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_leftovers(root: Path) -> list[Path]:
    """Delete temporary files that killed tx commands left in the workspace's folders."""
    removed: list[Path] = []
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                try:
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
                except OSError:
                    pass
            elif depth < 3 and entry.is_dir(follow_symlinks=False) and _walked(entry.name, depth):
                stack.append((Path(entry.path), depth + 1))
    return removed


def _walked(name: str, depth: int) -> bool:
    """The folders tx writes in: translations/<lang>, exports/[review|drafts/]<lang>,
    glossaries; never hidden folders or anything else a user keeps in the workspace."""
    if depth == 0:
        return name in ("translations", "exports", "glossaries", STATE_DIR)
    return not name.startswith(".")


def fingerprint(path: Path) -> str | None:
    """A fingerprint of a file's bytes (``None`` when it does not exist), for revision checks."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return digest(data)


def digest(data: bytes) -> str:
    """The fingerprint of bytes already read (see ``fingerprint``)."""
    return hashlib.sha256(data).hexdigest()
