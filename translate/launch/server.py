"""The kept-warm command server: tx loaded once, one forked worker per run.

The ``tx`` client starts it in its own session when it finds none::

    python -P -m translate.launch.server SOCKET KEEP_WARM

It loads tx's modules (all but ``NOT_PRELOADED``), the ``LIBRARIES`` they use and Babel's
data for the ``LOCALES`` newsrooms use most, checks that its ``serving.material`` still names
``SOCKET`` (tx or the environment may have changed since the client looked), and serves: for
each run it checks the caller is its own user (``SO_PEERCRED``), reads the request (beside the
others' requests), compares the material and the limits, takes the client's descriptors and
forks a worker (``worker``) that becomes the run once the client gives it the go-ahead.
It passes each client's go-ahead on to its worker, kills a worker whose client was killed,
reaps its workers and reports each one's end to its client.

A lock file beside the socket holds the server's process id while it runs, so two servers
never serve one socket and a stale socket is replaced by the next server. It exits after
``KEEP_WARM`` seconds without a run (each run may set a new time), when tx's code or a
library folder changes, and on SIGTERM, after its running workers have ended and been
reported (``tx engines --stop`` may run as one of them).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib
import json
import os
import pkgutil
import selectors
import signal
import socket
import struct
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate import serving
from translate.launch import requests

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # translate/
READ_SECONDS = 5.0  # for a client to send its request and descriptors (others go on)
CHECK_SECONDS = 5.0  # how often an idle server looks at tx's files
# tx's modules the server does not load: the Argos engine and what it loads (CTranslate2,
# SentencePiece, Stanza, torch) are large and may start threads; the launcher is loaded.
NOT_PRELOADED = (
    "translate.translation.engines.argos",
    "translate.translation.engines.cluster",
    "translate.translation.engines.tokenizers",
    "translate.launch",
)
# Libraries tx's modules import only inside the functions that use them.
LIBRARIES = ("babel.dates", "babel.numbers", "babel.lists", "markdown_it", "docx", "msgpack",
             "pwd", "encodings.utf_8_sig")  # fmt: skip
# Babel's locale data read at start-up: the languages newsrooms publish in most.
LOCALES = (
    "en", "es", "fr", "de", "it", "pt", "nl", "uk", "ru", "pl", "tr", "ar", "fa", "he", "hi",
    "zh", "ja", "ko", "id", "vi", "sv", "el", "ro", "cs", "hu",
)  # fmt: skip
_PEER = struct.Struct("3i")  # SO_PEERCRED: pid, uid, gid


@dataclass
class Run:
    """A run taken: its request, the client's streams and working folder, and the pipe
    its go-ahead comes through (closed without it: the client runs the command itself)."""

    payload: dict[str, Any]
    fds: list[int]
    start: int


@dataclass
class Child:
    """A worker: its client's connection, and the pipe its go-ahead goes through (-1 once
    given)."""

    connection: socket.socket
    start: int


@dataclass
class Pending:
    """A connection whose run has not started: what it sent so far, its request once
    accepted (then its descriptors are to come) and its descriptors."""

    connection: socket.socket
    since: float
    data: bytearray = field(default_factory=bytearray)
    payload: dict[str, Any] | None = None
    fds: list[int] = field(default_factory=list)


def main() -> None:
    path, seconds = Path(sys.argv[1]), float(sys.argv[2])
    run = Server(path, seconds).serve()
    if run is not None:  # this process is the worker now
        from translate.launch import worker

        worker.become(run.payload, run.fds, run.start)


def preload() -> None:
    """Import tx's modules and the libraries its commands use, read the locale data of the
    common languages and build the ``tx`` command."""
    import translate

    for found in pkgutil.walk_packages(translate.__path__, "translate."):
        if not found.name.startswith(NOT_PRELOADED):
            with contextlib.suppress(Exception):  # a run importing it meets the error itself
                importlib.import_module(found.name)
    from translate import cli

    cli.load_commands()
    for name in LIBRARIES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    from babel import localedata

    for code in LOCALES:
        with contextlib.suppress(Exception):
            localedata.load(code)
    _prebuild_command()
    gc.collect()
    gc.freeze()  # the workers share these pages: no collection touches them


def _prebuild_command() -> None:
    """Build the whole ``tx`` command (click's objects for every command) once: typer builds
    it anew on each call of the app (some 35 ms), and a worker calls it once."""
    import typer.main

    from translate.cli import base

    built = typer.main.get_command(base.app)
    build = typer.main.get_command

    def get_command(typer_instance: typer.Typer) -> Any:
        return built if typer_instance is base.app else build(typer_instance)

    typer.main.get_command = get_command


class Server:
    def __init__(self, path: Path, keep_warm: float) -> None:
        self.path = path
        self.keep_warm = keep_warm
        self.owner = os.getpid()
        self.children: dict[int, Child] = {}
        self.retiring = False
        self.selector = selectors.DefaultSelector()
        self.listener: socket.socket | None = None
        self.lock = -1
        self.wake = (-1, -1)
        self.material = ""
        self.bound = (-1, -1)  # the socket file's device and inode
        try:
            self.world: list[str] | None = requests.world("self")
        except OSError:
            self.world = None  # no /proc: nothing to compare clients with

    def serve(self) -> Run | None:
        """Serve until idle or stopped (``None``); in a worker, its run."""
        os.chdir("/")
        signal.signal(signal.SIGTERM, self._retire)  # (tx engines --stop while it loads)
        self.lock = _locked(Path(serving.lock_file(str(self.path))))
        if self.lock < 0:
            return None  # another server has this socket
        try:
            preload()
            options = sys.orig_argv[1 : -len(serving.server_arguments(str(self.path), 0))]
            self.material = serving.material(PACKAGE, sys.path, dict(os.environ), options)
            if serving.socket_name(self.material) != self.path.name or self.retiring:
                return None  # tx or the environment changed since the client looked
            self._listen()
            return self._loop()
        finally:
            if os.getpid() == self.owner:
                self._close()

    def _listen(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(self.path))
        found = os.lstat(self.path)
        self.bound = (found.st_dev, found.st_ino)
        listener.listen(64)
        self.listener = listener
        self.selector.register(listener, selectors.EVENT_READ, "accept")
        self.wake = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        signal.set_wakeup_fd(self.wake[1], warn_on_full_buffer=False)
        self.selector.register(self.wake[0], selectors.EVENT_READ, "signal")
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    def _retire(self, *_: object) -> None:
        self.retiring = True

    def _loop(self) -> Run | None:
        quiet_since = checked = time.monotonic()
        seen = serving.code_fingerprint(PACKAGE, sys.path)
        while True:
            if self.retiring and self.listener is not None:
                self._stop_listening()
            if not self.children and (
                self.retiring or time.monotonic() - quiet_since >= self.keep_warm
            ):
                return None
            for key, _ in self.selector.select(timeout=1.0):
                if key.data == "accept":
                    self._accept()
                elif isinstance(key.data, Pending):
                    run = self._receive(key.data)
                    if os.getpid() != self.owner:
                        return run
                elif key.data == "signal":
                    with contextlib.suppress(OSError):
                        while os.read(self.wake[0], 512):
                            pass
                else:
                    self._heard(key.data)
            self._drop_late()
            if self._reap() or self.children:
                quiet_since = time.monotonic()
            if not self.children and time.monotonic() - checked >= CHECK_SECONDS:
                checked = time.monotonic()
                if serving.code_fingerprint(PACKAGE, sys.path) != seen:
                    self.retiring = True

    def _accept(self) -> None:
        """Take a connection of this user that sees the system as the server does (not from
        within a sandbox): its request is read as it comes, beside the others' (a client that
        connects and waits holds up no one)."""
        assert self.listener is not None
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        try:
            peer = _PEER.unpack(connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
            if peer[1] == os.getuid() and requests.same_world(peer[0], self.world):
                connection.setblocking(False)
                pending = Pending(connection, time.monotonic())
                self.selector.register(connection, selectors.EVENT_READ, pending)
                return
        except OSError:
            pass
        connection.close()

    def _receive(self, pending: Pending) -> Run | None:
        """Read what came on ``pending``: answer its request once whole; fork its worker
        when its descriptors come. In the worker, the run."""
        connection = pending.connection
        try:
            if pending.payload is None:
                payload = self._request(pending)
                if payload is None:
                    return None  # more to come
                if not requests.well_formed(payload, self.material):
                    _send(connection, serving.REFUSED, 0)
                    raise ValueError("refused")
                pending.payload = payload
                _send(connection, serving.ACCEPTED, 0)
                return None
            data, pending.fds, _, _ = socket.recv_fds(connection, 1, serving.STREAMS + 1)
            if data != serving.DESCRIPTORS or len(pending.fds) != serving.STREAMS + 1:
                raise ValueError("not the client's streams and folder")
            waiting, start = os.pipe2(os.O_CLOEXEC)
            pid = os.fork()
        except BlockingIOError:
            return None
        except (OSError, ValueError, RecursionError, struct.error):  # (JSON nested too deep)
            self._drop(pending)
            return None
        if pid == 0:
            os.close(start)
            self._leave(pending)
            return Run(pending.payload, pending.fds, waiting)
        os.close(waiting)
        self.selector.unregister(connection)
        for fd in pending.fds:
            os.close(fd)
        self.children[pid] = Child(connection, start)
        with contextlib.suppress(OSError):
            _send(connection, serving.STARTED, pid)
            self.selector.register(connection, selectors.EVENT_READ, pid)
        self.keep_warm = float(pending.payload["keep_warm"])
        return None

    def _heard(self, pid: int) -> None:
        """Read what worker ``pid``'s client sent: its go-ahead, passed on to the worker; or
        its hang-up. A client that hangs up before its go-ahead gave up waiting and runs the
        command itself: the worker ends without running it. One that hangs up after it was
        killed (SIGKILL cannot be forwarded): its run is killed too, as in its own process."""
        child = self.children.get(pid)
        if child is None:
            return
        try:
            data = child.connection.recv(64)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data and child.start >= 0 and data.startswith(serving.GO):
            with contextlib.suppress(OSError):
                os.write(child.start, serving.GO)
        elif data:
            return  # the client wrote out of turn
        elif child.start < 0:
            self.selector.unregister(child.connection)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        else:
            self.selector.unregister(child.connection)
        if child.start >= 0:
            os.close(child.start)
            child.start = -1

    def _request(self, pending: Pending) -> dict[str, Any] | None:
        """The request of ``pending`` once all of it came, else ``None``; ``ValueError`` when
        it is malformed or the client hung up before it ended."""
        data = pending.connection.recv(1 << 20)
        if not data:
            raise ValueError("hung up")
        pending.data += data
        if len(pending.data) < serving.HEADER.size:
            return None
        magic, version, size = serving.HEADER.unpack_from(pending.data)
        if magic != serving.MAGIC or version != serving.VERSION or size > serving.MAX_REQUEST:
            raise ValueError("not a request")
        if len(pending.data) < serving.HEADER.size + size:
            return None
        payload: dict[str, Any] = json.loads(bytes(pending.data[serving.HEADER.size :]))
        return payload

    def _drop(self, pending: Pending) -> None:
        """Close a connection whose run does not start, with the descriptors it sent."""
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(pending.connection)
        pending.connection.close()
        for fd in pending.fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        pending.fds = []

    def _drop_late(self) -> None:
        """Drop the connections that did not send their request and descriptors in time."""
        late = time.monotonic() - READ_SECONDS
        for key in list(self.selector.get_map().values()):
            if isinstance(key.data, Pending) and key.data.since < late:
                self._drop(key.data)

    def _reap(self) -> bool:
        """Report every worker that ended; whether one did."""
        reaped = False
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            reaped = True
            child = self.children.pop(pid, None)
            if child is None:
                continue
            connection = child.connection
            if child.start >= 0:
                os.close(child.start)
            if os.WIFSIGNALED(status):
                outcome = (serving.KILLED, os.WTERMSIG(status))
            else:
                outcome = (serving.EXITED, os.waitstatus_to_exitcode(status))
            with contextlib.suppress(OSError, KeyError, ValueError):
                self.selector.unregister(connection)
            with contextlib.suppress(OSError):
                _send(connection, *outcome)
            connection.close()
        return reaped

    def _stop_listening(self) -> None:
        assert self.listener is not None
        self.selector.unregister(self.listener)
        self._unlink_socket()
        self.listener.close()
        self.listener = None

    def _unlink_socket(self) -> None:
        """Remove the socket file if it is still this server's (a newer server may have
        replaced it)."""
        with contextlib.suppress(OSError):
            found = os.lstat(self.path)
            if (found.st_dev, found.st_ino) == self.bound:
                self.path.unlink()

    def _leave(self, mine: Pending) -> None:
        """In a new worker: close everything of the server's and of the clients, but its
        own client's descriptors (the worker sets every signal's disposition as its client
        has it)."""
        signal.set_wakeup_fd(-1)
        for key in list(self.selector.get_map().values()):
            if isinstance(key.data, Pending):
                key.data.connection.close()
                for fd in () if key.data is mine else key.data.fds:
                    os.close(fd)
        self.selector.close()
        if self.listener is not None:
            self.listener.close()
        for other in self.children.values():
            other.connection.close()
            if other.start >= 0:
                os.close(other.start)
        for fd in (*self.wake, self.lock):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _close(self) -> None:
        if self.listener is not None:
            self._stop_listening()
        for key in list(self.selector.get_map().values()):
            if isinstance(key.data, Pending):
                self._drop(key.data)
        self.selector.close()
        for fd in self.wake:
            if fd >= 0:
                os.close(fd)
        if self.lock >= 0:
            with contextlib.suppress(OSError):
                os.unlink(serving.lock_file(str(self.path)))
            if self.bound != (-1, -1) or self.retiring:  # the next client may start one now
                with contextlib.suppress(OSError):
                    os.unlink(serving.start_marker(str(self.path)))
            os.close(self.lock)


def _locked(path: Path) -> int:
    """``path`` opened and locked for this process, holding its id; -1 if another holds it
    (or it is not a regular file: then it is removed, and the next server takes its place)."""
    fd = serving.own_file(str(path), os.O_RDWR)
    if fd < 0:
        return -1
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return -1
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def _send(connection: socket.socket, kind: bytes, value: int) -> None:
    connection.sendall(serving.REPLY.pack(kind, value))


if __name__ == "__main__":
    main()
