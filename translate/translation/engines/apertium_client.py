"""The engine's side of the kept-warm apertium pipeline (``apertium_server``).

``translate`` sends a batch to the server of the user's mode and mode file, starting the
server when there is none, and returns apertium's output, or ``None`` whenever that road fails
(no Unix sockets, an apertium on PATH other than Debian's, an unsafe socket folder, no server
after ``READY_SECONDS``, a refused or cut connection, a timeout, a failed request): the engine
then runs ``apertium`` itself, so results never depend on the server. No server is started
where none could listen (a folder at the socket's path, a lock that is not a file), and a
socket whose server did not come up is not tried again by the same process for
``RETRY_SECONDS`` (one wait per run, not one per batch).

Sockets live in ``$XDG_RUNTIME_DIR/tx``, else ``$TMPDIR/tx-<uid>`` (``/tmp/tx-<uid>``), a
folder created 0700 and refused unless it belongs to the user and no one else may enter it. A
socket is named by the mode, the identity of its mode file, what the environment decides of
the pipeline (``APERTIUM_PATH`` and ``PATH``, where its programs are found; ``APERTIUM_DATADIR``;
the libraries they load) and the identity of the server's code
(``apertium-eng-spa-<identity>-<environment>-<server>.sock``), so an upgraded pair is never
served by the pipeline of the old one, a run that would start other programs by the pipeline
of another environment, nor a new tx by an old server. Nothing here touches the network:
the sockets are Unix sockets.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

from translate import serving
from translate.translation.engines import apertium_server as server
from translate.translation.engines.apertium_server import (
    FAILED,
    MAGIC,
    MAX_REPLY,
    MAX_REQUEST,
    OK,
    REPLY,
    REQUEST,
    VERSION,
)

READY_SECONDS = 5.0  # for a new server to listen
RETRY_SECONDS = 60.0  # before a socket whose server did not come up is tried again
# Sockets whose server did not listen within READY_SECONDS, with when to try again: until then
# this process runs apertium itself for them instead of waiting again for every batch.
_failed_starts: dict[Path, float] = {}
_SOCKET_PATH_BYTES = 100  # AF_UNIX paths hold 107 bytes on Linux
_POLL_SECONDS = 0.005


def socket_folder(*, create: bool = True) -> Path | None:
    """The user's private folder for the servers' sockets (``translate.serving``'s, shared
    with tx's command server), created if need be (and asked); ``None`` when it is not
    private (someone else owns it, or others may enter it)."""
    found = serving.socket_folder(create=create)
    return Path(found) if found is not None else None


def mode_file(mode: str) -> Path:
    """The mode file ``apertium`` reads for ``mode`` (``$APERTIUM_DATADIR/modes/MODE.mode``)."""
    data = os.environ.get("APERTIUM_DATADIR") or "/usr/share/apertium"
    return Path(data) / "modes" / f"{mode}.mode"


def socket_name(mode: str, identity: str) -> str:
    """``apertium-eng-spa-<identity>-<environment>-<server>.sock``: the mode, its mode file's
    identity, what the environment decides of the pipeline (``APERTIUM_PATH`` and ``PATH``,
    ``APERTIUM_DATADIR``, ...: a run that would start other programs is never served by this
    one's) and the server's own identity (a new tx never talks to the server of an old one)."""
    environment = server.environment_identity(os.environ)
    code = server.identity(Path(server.__file__))[:8]
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", mode)
    return f"apertium-{name}-{identity}-{environment}-{code}.sock"


def _plain_apertium() -> bool:
    """Whether ``apertium -f html-noent`` runs the plain pipeline the server copies: no
    Transfuse and no stream variables set."""
    if os.environ.get("AP_SETVAR"):
        return False
    transfuse = os.environ.get("APERTIUM_TRANSFUSE", "")
    if transfuse not in ("0", "no") and shutil.which("tf-extract") is not None:
        return False
    return _known_apertium()


# Where the server looks for apertium's programs and modes when the environment does not say.
_DEFAULTS = {"APERTIUM_PATH": "/usr/bin", "APERTIUM_DATADIR": "/usr/share/apertium"}


def _known_apertium() -> bool:
    """Whether the ``apertium`` that runs a batch otherwise (the first on PATH) takes its
    programs and modes from where the server does: its script's own defaults (its first
    lines, ``APERTIUM_PATH="${APERTIUM_PATH:-/usr/bin}"``) are Debian's, or the environment
    sets both. Another build (from source, in /usr/local) is left to run by itself."""
    found = shutil.which("apertium")
    if found is None:
        return False
    try:
        with open(found, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    for name, default in _DEFAULTS.items():
        pattern = rf'^{name}="\$\{{{name}:-(.*)\}}"$'
        match = re.search(pattern, head, re.MULTILINE)
        if not os.environ.get(name) and (match is None or match.group(1) != default):
            return False
    return True


def translate(html: str, mode: str, keep_alive: float, timeout: float) -> str | None:
    """apertium's ``html-noent`` output for ``html`` from the kept-warm pipeline of ``mode``,
    which stays up ``keep_alive`` seconds after this request; ``None`` if that fails."""
    try:
        payload = html.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which encode_batch never leaves
        return None
    if not keep_alive > 0 or len(payload) > MAX_REQUEST or b"\0" in payload:
        return None
    if not hasattr(socket, "AF_UNIX") or not _plain_apertium():
        return None
    folder = socket_folder()
    file = mode_file(mode)
    try:
        identity = server.identity(file)
    except OSError:
        return None
    if folder is None:
        return None
    path = folder / socket_name(mode, identity)
    if len(os.fsencode(path)) > _SOCKET_PATH_BYTES:
        return None
    if time.monotonic() < _failed_starts.get(path, 0.0):
        return None
    connection = _connect(path, file, identity, keep_alive)
    if connection is None:
        return None
    with connection:
        try:
            return _exchange(connection, payload, keep_alive, timeout)
        except (OSError, EOFError, ValueError):
            return None


def _exchange(
    connection: socket.socket, payload: bytes, keep_alive: float, timeout: float
) -> str | None:
    deadline = time.monotonic() + timeout
    keep = _whole_seconds(keep_alive)
    connection.settimeout(timeout)
    connection.sendall(REQUEST.pack(MAGIC, VERSION, keep, timeout, len(payload)) + payload)
    magic, status, size = REPLY.unpack(_read(connection, REPLY.size, deadline))
    if magic != MAGIC or status not in (OK, FAILED) or size > MAX_REPLY:
        return None
    output = _read(connection, size, deadline)
    if status != OK:
        return None
    # As subprocess reads text: UTF-8, universal newlines.
    return output.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _whole_seconds(keep_alive: float) -> int:
    """``keep_alive`` (above 0) in whole seconds for the server, a fraction rounded up: a
    server told 0 would exit before it answers."""
    return max(1, math.ceil(min(keep_alive, server.MAX_KEEP_ALIVE)))


def _read(connection: socket.socket, size: int, deadline: float) -> bytes:
    data = bytearray()
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the apertium server took too long")
        connection.settimeout(left)
        chunk = connection.recv(min(1 << 20, size - len(data)))
        if not chunk:
            raise EOFError("the apertium server closed the connection")
        data += chunk
    return bytes(data)


def _connect(path: Path, file: Path, identity: str, keep_alive: float) -> socket.socket | None:
    """A connection to the server at ``path``, started first if none is listening."""
    started: subprocess.Popen[bytes] | None = None
    deadline = time.monotonic() + READY_SECONDS
    try:
        while True:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                connection.connect(str(path))
                return connection
            except (FileNotFoundError, ConnectionRefusedError):
                connection.close()
            except OSError:
                connection.close()
                return None
            if started is None:
                started = _start(path, file, identity, keep_alive) if _replaceable(path) else None
                if started is None:
                    return None
            elif time.monotonic() > deadline:
                _failed_starts[path] = time.monotonic() + RETRY_SECONDS
                return None
            time.sleep(_POLL_SECONDS)
    finally:
        if started is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                started.wait(timeout=READY_SECONDS)  # it forks the server and exits


def _replaceable(path: Path) -> bool:
    """Whether a server could listen at ``path``: no folder there (a stale socket, file or
    link it removes) and its lock a regular file or none (it opens it, never through a link)."""
    lock = _mode(Path(f"{path}.lock"))
    return not stat.S_ISDIR(_mode(path)) and (lock == 0 or stat.S_ISREG(lock))


def _mode(place: Path) -> int:
    """The ``st_mode`` of ``place`` itself (a link not followed); 0 when nothing is there."""
    try:
        return place.lstat().st_mode
    except OSError:
        return 0


def _start(
    path: Path, file: Path, identity: str, keep_alive: float
) -> subprocess.Popen[bytes] | None:
    """Start a server for ``path``, detached: its own session, no terminal, no output."""
    command = [sys.executable, "-I", "-S", server.__file__, "--detach"]
    command += [str(path), str(file), identity, str(_whole_seconds(keep_alive))]
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None


def kept_warm() -> dict[str, int]:
    """The modes whose pipeline is kept warm for this user now, with the server's process id
    (servers of the installed mode files, started in an environment that decides as this
    one's does, only)."""
    found = {}
    for path, pid in running_servers():
        match = re.fullmatch(r"apertium-(.+)-[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{8}\.sock", path.name)
        if match is None:
            continue
        with contextlib.suppress(OSError):
            if path.name == socket_name(match.group(1), server.identity(mode_file(match.group(1)))):
                found[match.group(1)] = pid
    return found


def running_servers(folder: Path | None = None) -> list[tuple[Path, int]]:
    """The sockets of ``folder`` (the user's socket folder) whose server runs, with its
    process id."""
    folder = folder or socket_folder(create=False)
    if folder is None:
        return []
    found = []
    for lock in sorted(folder.glob("*.sock.lock")):
        pid = _holder(lock)
        if pid:
            found.append((lock.with_suffix(""), pid))
    return found


def stop_servers(folder: Path | None = None, wait: float = 5.0) -> int:
    """Stop every server of ``folder`` (the user's socket folder); how many were running."""
    running = [(path, pid) for path, pid in running_servers(folder) if _is_server(pid)]
    for _, pid in running:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    for socket_path, _ in running:
        while _holder(Path(f"{socket_path}.lock")) and time.monotonic() < deadline:
            time.sleep(0.02)
    return len(running)


def _is_server(pid: int) -> bool:
    """Whether process ``pid`` runs the server's code (a lock read while a new server starts
    may still name an old one whose id another process took since)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return not Path("/proc/self").exists()  # no /proc to ask: trust the lock
    return Path(server.__file__).name.encode() in command


def _holder(lock: Path) -> int:
    """The process id of the server holding ``lock``, 0 if none holds it."""
    try:
        handle = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return 0
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text = os.read(handle, 32).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else 0
        return 0
    finally:
        os.close(handle)
