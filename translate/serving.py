"""What the ``tx`` client and its command server (``translate.launch``) share: sockets, names,
messages, and finding and stopping the servers that run.

A server serves one user with one Python, one ``sys.path``, one set of tx's source files and
one environment (less the variables a shell changes from one command to the next, listed in
``VOLATILE``): what it loaded at start-up is what a fresh ``tx`` of that client would load.
All of that is the server's ``material``; a socket is named by its checksum
(``command-<checksum>.sock`` in the user's socket folder) and the server compares a request's
material with its own in full, so a checksum collision or a stale server refuses the request
rather than run it with the wrong code. Only the standard library is imported here: the
client runs this on every ``tx``.

A request is ``HEADER`` (magic, version, payload length) and a JSON payload (``material``,
``argv``, ``orig_argv``, ``path``, ``env``, ``umask``, ``limits``, ``nice``, ``ignored`` and
``blocked`` signals, ``keep_warm``). Replies are ``REPLY`` records (a kind and a number). The
server answers ``REFUSED`` or ``ACCEPTED``; then the client sends ``DESCRIPTORS`` with its
standard input, output and error and its working folder as file descriptors (``SCM_RIGHTS``;
only now, so a server that is stopped or busy never holds them and a pipe from the client
still ends when the client does); the server forks a worker and answers ``STARTED`` with its
process id; the client sends ``GO``, and the worker runs the command only once the server
passed it on. A client that gave up waiting for an answer (``client.ANSWER_SECONDS``) runs
the command itself and never sends ``GO``: its worker, if any, ends without running it (a
command never runs twice, nor unwatched). A client that hangs up after ``GO`` was killed
(SIGKILL, which it cannot forward): the server kills its worker too. When the worker ends the
server sends ``EXITED`` with its exit status or ``KILLED`` with the signal that ended it.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import stat
import struct
import sys
import time
import zlib

MAGIC = b"TXCS"
VERSION = 2
HEADER = struct.Struct("!4sBI")
REPLY = struct.Struct("!ci")
ACCEPTED, STARTED, EXITED, KILLED, REFUSED = b"A", b"P", b"E", b"K", b"R"
DESCRIPTORS = b"D"  # the client's byte that carries its descriptors, after ACCEPTED
GO = b"G"  # the client's go-ahead after STARTED: from then on it waits for the worker
MAX_REQUEST = 4 * 1024 * 1024  # bytes of payload (the environment is most of it)
STREAMS = 3  # standard input, output and error (sent with the working folder)
DEFAULT_KEEP_WARM = 300.0  # seconds a server waits for the next run
MAX_KEEP_WARM = 86_400.0
SETTING = "TX_KEEP_WARM"  # seconds; 0 turns the server off
SOCKET_PATH_BYTES = 100  # AF_UNIX paths hold 107 bytes on Linux
# The resource limits a run takes with it (``ulimit``): its worker gets the client's.
LIMITS = (
    "RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_RSS", "RLIMIT_STACK", "RLIMIT_CPU", "RLIMIT_FSIZE",
    "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_CORE", "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE",
    "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING",
)  # fmt: skip

# Variables a shell sets anew for each command or each terminal: they may differ between a
# run and its server (the worker gets the run's own values). No module tx loads reads them
# when it is imported.
VOLATILE = frozenset(
    {
        "_", "PWD", "OLDPWD", "SHLVL", "COLUMNS", "LINES", SETTING,
        "TERM_SESSION_ID", "WINDOWID", "TMUX_PANE", "SSH_TTY", "SSH_CLIENT", "SSH_CONNECTION",
        "SSH_AUTH_SOCK", "GPG_TTY", "PS1", "PROMPT_COMMAND",
    }
)  # fmt: skip


class SettingError(ValueError):
    """``TX_KEEP_WARM`` is not a number of seconds."""


def keep_warm(environ: dict[str, str] | os._Environ[str] = os.environ) -> float:
    """Seconds a server stays up after a run, from ``TX_KEEP_WARM`` (0: no server)."""
    given = environ.get(SETTING, "").strip()
    if not given:
        return DEFAULT_KEEP_WARM
    try:
        seconds = float(given)
    except ValueError:
        raise SettingError(given) from None
    if not 0 <= seconds <= MAX_KEEP_WARM:  # also NaN
        raise SettingError(given)
    return seconds


def private_folder(folder: str) -> bool:
    """Whether ``folder`` is a real folder of this user that no one else may enter."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and not found.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def socket_folder(*, create: bool = True) -> str | None:
    """The user's private folder for tx's sockets (``$XDG_RUNTIME_DIR/tx``, else
    ``$TMPDIR/tx-<uid>``), created if need be (and asked); ``None`` when it is not private."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime.startswith("/"):
        folder = os.path.join(runtime, "tx")
    else:
        temporary = os.environ.get("TMPDIR", "")
        base = temporary if temporary.startswith("/") else "/tmp"
        folder = os.path.join(base, f"tx-{os.getuid()}")
    if create:
        try:  # noqa: SIM105 - contextlib costs the client an import
            os.mkdir(folder, 0o700)
        except OSError:
            pass
    return folder if private_folder(folder) else None


def code_fingerprint(package: str, paths: list[str]) -> list[str]:
    """What changes when tx or a library it loads changes: every source file of ``package``
    (path, inode, size, time) and every folder of ``paths`` (an install or removal changes
    the folder's time)."""
    found: list[str] = []
    folders = [package]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.name.endswith(".py"):
                found.append(_identity(entry.path))
    found.extend(_identity(path) for path in paths)
    return found


def _cgroup() -> str:
    """This process's control groups: their limits and accounting are the run's (a server is
    started in its first client's groups)."""
    try:
        with open("/proc/self/cgroup", "rb") as handle:
            return handle.read().decode("utf-8", "surrogateescape")
    except OSError:
        return ""


def _identity(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return f"{path}:-"
    return f"{path}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def material(
    package: str, paths: list[str], environ: dict[str, str], options: list[str] | None = None
) -> str:
    """Everything that decides what a server loaded, as text (see the module's note);
    ``options`` are Python's (``interpreter_options``)."""
    settled = {name: value for name, value in environ.items() if name not in VOLATILE}
    whole = {
        "version": VERSION,
        "python": [sys.executable, sys.version, _identity(sys.executable), options or []],
        "user": [os.getuid(), os.getgid(), sorted(os.getgroups()), _cgroup()],
        "path": paths,
        "environment": sorted(settled.items()),
        "code": code_fingerprint(package, paths),
    }
    return json.dumps(whole, ensure_ascii=True, separators=(",", ":"))


def interpreter_options() -> list[str] | None:
    """The options this Python was started with before its script or ``-c``/``-m``
    (``python -W error -X dev tx``): its server starts with the same, and the environment
    gives the rest of its flags. ``-X importtime`` is left out: it only reports what a run
    imports, and a served run imports little. ``None`` when Python does not tell."""
    given: list[str] | None = getattr(sys, "orig_argv", None)
    if not given or len(given) <= len(sys.argv):
        return None
    options = given[1 : len(given) - len(sys.argv)]
    if options and options[-1] in ("-c", "-m"):  # the code or module is the one argument more
        options = options[:-1]
    kept: list[str] = []
    for option in options:
        if option == "importtime" and kept[-1:] == ["-X"]:
            kept.pop()
        elif option != "-Ximporttime":
            kept.append(option)
    return kept


def server_arguments(socket_path: str, seconds: float) -> list[str]:
    """The arguments after the interpreter options that start the server of ``socket_path``."""
    return ["-P", "-m", "translate.launch.server", socket_path, repr(seconds)]


def catchable_signals() -> list[int]:
    """The signals a process may handle or ignore (all but SIGKILL and SIGSTOP)."""
    return [
        int(number)
        for number in signal.valid_signals()
        if number not in (signal.SIGKILL, signal.SIGSTOP)
    ]


def socket_name(whole: str) -> str:
    """``command-<checksum>.sock``: the socket of the server of ``whole`` (its material)."""
    return f"command-{zlib.crc32(whole.encode('ascii')):08x}.sock"


def pack_request(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return HEADER.pack(MAGIC, VERSION, len(body)) + body


def own_file(path: str, flags: int) -> int:
    """``path`` opened (created if need be) with ``flags``, or -1. Something else than a
    regular file there (a FIFO would block, a symlink leads elsewhere: tx never makes them)
    is removed and a file made in its place."""
    for _ in range(2):
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                         0o600)  # fmt: skip
        except OSError:
            fd = -1
        if fd >= 0 and stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            return -1
    return -1


def touch(path: str) -> bool:
    """Set the time of file ``path`` to now, creating it; whether it could."""
    fd = own_file(path, os.O_WRONLY)
    if fd < 0:
        return False
    try:
        os.utime(fd)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def start_marker(socket_path: str) -> str:
    """The file whose time is the last start of the server of ``socket_path`` by a client."""
    return socket_path.removesuffix(".sock") + ".started"


def lock_file(socket_path: str) -> str:
    """The lock file a server holds, with its process id, while it serves ``socket_path``."""
    return socket_path.removesuffix(".sock") + ".lock"


def running_servers() -> list[int]:
    """The process ids of this user's running command servers."""
    folder = socket_folder(create=False)
    if folder is None:
        return []
    found = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("command-") and name.endswith(".lock"):
            pid = _holder(os.path.join(folder, name))
            if pid and _is_server(pid):
                found.append(pid)
    return found


def stop_servers(wait: float = 10.0) -> int:
    """Stop this user's command servers (each ends when its running commands have ended, at
    most ``wait`` seconds later); how many were running. A command the server runs may call
    this: its own run is not cut short."""
    running = running_servers()
    for pid in running:
        try:  # noqa: SIM105
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    mine = os.getppid()
    deadline = time.monotonic() + wait
    for pid in running:
        while pid != mine and _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
    return len(running)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def _is_server(pid: int) -> bool:
    """Whether process ``pid`` runs the server (a lock may name a process id reused since)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"translate.launch.server" in handle.read()
    except OSError:
        return not os.path.exists("/proc/self")  # no /proc to ask: trust the lock


def _holder(lock: str) -> int:
    """The process id in ``lock`` if a process holds it locked, else 0."""
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return 0
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # held: a server runs
            text = os.read(fd, 32).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else 0
        return 0
    finally:
        os.close(fd)
