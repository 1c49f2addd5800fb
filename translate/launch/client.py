"""The ``tx`` console script: a run handed to the kept-warm command server, or run here.

``main`` looks for the server of this user, Python, code and environment
(``translate.serving``). When one answers, it sends the run (arguments, environment, working
folder, standard streams, umask, resource limits and niceness), forwards every signal it
receives to the worker the server started (Ctrl-C, a terminal's hang-up, ``kill``; Ctrl-Z
stops the worker with the client), and ends as the worker ended: its exit status, or killed by
the signal that killed it. When none answers, the run happens in this process
(``translate.cli.main``) and a server is started in the background for the next one, at most
once per ``START_SECONDS``. ``TX_KEEP_WARM`` is the seconds a server waits for the next run
(300 by default); 0 turns the server off.

Nothing here can change what a command does: the road is only taken when every step up to the
worker's start succeeded, and whatever fails before that runs the command in this process.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import struct
import sys
import time
from types import FrameType

from translate import serving

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # translate/
ANSWER_SECONDS = 10.0  # for a server to take a run
START_SECONDS = 10.0  # between two starts of the same server
FORWARDED = (
    signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
    signal.SIGUSR2, signal.SIGWINCH,
)  # fmt: skip
_PEER = struct.Struct("3i")  # SO_PEERCRED: pid, uid, gid


class Lost(Exception):
    """The server went away after it started the worker: the run's end is unknown."""


def main() -> None:
    """Entry point of the ``tx`` console script."""
    try:
        seconds = serving.keep_warm()
    except serving.SettingError as error:
        print(
            f"tx: {serving.SETTING}={error} is not a number of seconds from 0 to "
            f"{serving.MAX_KEEP_WARM:.0f} (0 turns the command server off); running without it",
            file=sys.stderr,
        )
        seconds = 0.0
    if seconds > 0 and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds"):
        try:
            ended = served(seconds)
        except Lost as error:
            print(f"tx: {error}", file=sys.stderr)
            raise SystemExit(1) from None
        if ended is not None:
            end_as(*ended)
    from translate.cli import main as run_here

    run_here()


def served(seconds: float) -> tuple[bytes, int] | None:
    """How the worker that ran this command ended (``EXITED`` or ``KILLED`` and the status or
    signal), or ``None`` when no server ran it."""
    options = serving.interpreter_options()
    if options is None or not _streams_open():
        return None
    folder = serving.socket_folder()
    if folder is None:
        return None
    whole = serving.material(PACKAGE, sys.path[1:], dict(os.environ), options)
    path = os.path.join(folder, serving.socket_name(whole))
    if len(os.fsencode(path)) > serving.SOCKET_PATH_BYTES:
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with connection:
        try:
            connection.settimeout(ANSWER_SECONDS)
            connection.connect(path)
        except OSError:
            start_server(path, seconds, options)
            return None
        pid = _handed(connection, whole, seconds)
        if pid is None:
            return None
        return _followed(connection, pid)


def _streams_open() -> bool:
    """Whether descriptors 0, 1 and 2 are open: a closed one would be taken by the socket
    (and sent as the worker's stream), and Python gives a run without one ``None`` for it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            return False
    return True


def _handed(connection: socket.socket, whole: str, seconds: float) -> int | None:
    """Send the run; the worker's process id once the server started it and it has the
    go-ahead, ``None`` if not (the server is another user's, refused, did not answer in
    ``ANSWER_SECONDS`` or hung up: then the worker, if any, ends without running the
    command)."""
    try:
        uid = _PEER.unpack(connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[1]
        if uid != os.getuid():
            return None
        mask = os.umask(0o022)
        os.umask(mask)
        request = serving.pack_request(
            {
                "material": whole,
                "argv": sys.argv,
                "orig_argv": sys.orig_argv,
                "path": sys.path,
                "env": dict(os.environ),
                "umask": mask,
                "limits": {
                    name: resource.getrlimit(getattr(resource, name))
                    for name in serving.LIMITS
                    if hasattr(resource, name)
                },
                "nice": os.getpriority(os.PRIO_PROCESS, 0),
                "ignored": _ignored(),
                "blocked": sorted(signal.pthread_sigmask(signal.SIG_BLOCK, ())),
                "keep_warm": seconds,
            }
        )
        connection.sendall(request)
        if _reply(connection) != (serving.ACCEPTED, 0):
            return None
        here = os.open(".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            socket.send_fds(connection, [serving.DESCRIPTORS], [0, 1, 2, here])
        finally:
            os.close(here)
        kind, pid = _reply(connection)
        if kind != serving.STARTED:
            return None
        connection.sendall(serving.GO)  # committed: the worker runs the command now
    except (OSError, struct.error):
        return None  # refused, no answer in time, or hung up: the worker runs nothing
    connection.settimeout(None)
    return pid


def _ignored() -> list[int]:
    """The signals this process ignores (``nohup``, a background job of a script): the
    worker ignores them too, and they are not forwarded."""
    return [
        number
        for number in serving.catchable_signals()
        if signal.getsignal(number) == signal.SIG_IGN
    ]


def _followed(connection: socket.socket, pid: int) -> tuple[bytes, int]:
    """Forward signals to worker ``pid`` until the server reports how it ended (all but
    those this process ignores)."""
    received: list[int] = []

    def forward(number: int, _frame: FrameType | None) -> None:
        received.append(number)
        _signal(pid, number)

    def suspend(_number: int, _frame: FrameType | None) -> None:
        _signal(pid, signal.SIGTSTP)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until the shell continues us
        signal.signal(signal.SIGTSTP, suspend)
        _signal(pid, signal.SIGCONT)

    for number in FORWARDED:
        if signal.getsignal(number) != signal.SIG_IGN:
            signal.signal(number, forward)
    if signal.getsignal(signal.SIGTSTP) != signal.SIG_IGN:
        signal.signal(signal.SIGTSTP, suspend)
    try:
        kind, value = _reply(connection)
    except (OSError, struct.error):
        kind, value = b"", 0
    if kind in (serving.EXITED, serving.KILLED):
        return kind, value
    _wait_gone(pid)
    raise Lost(
        f"the command server stopped before the command (process {pid}) ended; its outcome "
        "is unknown: check with `tx status`, and run the command again if it did not finish"
    )


def _signal(pid: int, number: int) -> None:
    try:  # noqa: SIM105 - contextlib costs the client an import
        os.kill(pid, number)
    except OSError:
        pass


def _wait_gone(pid: int) -> None:
    while True:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.05)


def _reply(connection: socket.socket) -> tuple[bytes, int]:
    data = b""
    while len(data) < serving.REPLY.size:
        chunk = connection.recv(serving.REPLY.size - len(data))
        if not chunk:
            raise OSError("the command server hung up")
        data += chunk
    kind, value = serving.REPLY.unpack(data)
    return kind, value


def end_as(kind: bytes, value: int) -> None:
    """End this process as the worker ended: exit status ``value``, or killed by it."""
    if kind == serving.KILLED:
        try:
            if value not in (signal.SIGKILL, signal.SIGSTOP):  # these have no handler
                signal.signal(value, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [value])
            os.kill(os.getpid(), value)
        except (OSError, ValueError):
            pass
        raise SystemExit(128 + value)  # a signal that does not end a process
    raise SystemExit(value)


def start_server(path: str, seconds: float, options: list[str]) -> None:
    """Start the server of ``path`` in the background, in its own session, unless one was
    started in the last ``START_SECONDS`` (so a server that cannot start costs a run little)."""
    marker = serving.start_marker(path)
    try:
        if time.time() - os.lstat(marker).st_mtime < START_SECONDS:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    if not serving.touch(marker):
        return
    try:
        quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
        arguments = [*options, *serving.server_arguments(path, seconds)]
        os.posix_spawn(
            sys.executable, [sys.executable, *arguments], os.environ, file_actions=quiet,
            setsid=True, setsigmask=(), setsigdef=serving.catchable_signals(),
        )  # fmt: skip
    except OSError:
        pass
