"""A kept-warm apertium pipeline served over a Unix socket: started by file path, stdlib only.

Loading a pair's dictionaries costs apertium most of a one-article run, so the engine keeps the
pair's core pipeline (every stage of the mode, from ``lt-proc`` to ``lt-proc -p``) running here
in null-flush mode, as apertium-apy does, and sends it each batch. One server serves one user,
one apertium mode and one version of its mode file; it runs as::

    python apertium_server.py [--detach] SOCKET MODE_FILE IDENTITY KEEP_ALIVE

A request is the engine's HTML batch. The server runs ``apertium-deshtml`` over it (the
deformatter reads to the end of its input, so it cannot stay running), writes the result and a
``\\0`` to the pipeline, reads the pipeline's output up to its ``\\0``, and runs
``apertium-rehtml-noent`` over that: the same three steps, with the same stages and options,
as ``apertium -f html-noent MODE`` runs (the core with ``-g`` and no tagger option). Requests
are served one at a time, in the order they connect.

It exits after ``KEEP_ALIVE`` seconds without a request (each request may set a new time),
when its pipeline dies or fails a request, when the mode file, a file the mode names or a
program of the pipeline changes (a new package is never served by an old pipeline), and on
SIGTERM. Only connections from its own user are served (``SO_PEERCRED``); a request is at most
``MAX_REQUEST`` bytes. A lock file beside the socket holds the server's process id while it
runs, so two servers never serve one socket and a stale socket is replaced by the next server.

The engine's client (``apertium_client``) imports this module for the protocol: a request is
``REQUEST`` (magic, version, keep-alive seconds, timeout seconds, payload length) and the
payload; a reply is ``REPLY`` (magic, status, payload length) and the output, or an error text.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import selectors
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

MAGIC = b"TXAP"
VERSION = 1
REQUEST = struct.Struct("!4sBIdQ")
REPLY = struct.Struct("!4sBQ")
OK, FAILED = 0, 1
MAX_REQUEST = 16 * 1024 * 1024  # bytes of HTML in one request
MAX_REPLY = 8 * MAX_REQUEST  # bytes of output the client reads
MAX_KEEP_ALIVE = 86_400  # seconds
READ_SECONDS = 10.0  # for a client to send its request once connected
CHECK_SECONDS = 2.0  # how often an idle server looks at its pipeline and files
DEFORMATTER = "apertium-deshtml"  # as `apertium -f html-noent` runs them
REFORMATTER = "apertium-rehtml-noent"
CHUNK = 65536


class PipelineError(Exception):
    """The pipeline died, timed out or answered out of step: the server must stop."""


def identity(path: Path) -> str:
    """A short fingerprint of the file at ``path``: where it is, its inode, size and times."""
    found = path.stat()
    parts = (os.path.realpath(path), found.st_dev, found.st_ino, found.st_size)
    text = repr((*parts, found.st_mtime_ns, found.st_ctime_ns))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def private_folder(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user that no one else may enter."""
    try:
        found = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and not found.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def read_exact(connection: socket.socket, size: int) -> bytes:
    """Exactly ``size`` bytes from ``connection``; ``EOFError`` if it closes first."""
    data = bytearray()
    while len(data) < size:
        chunk = connection.recv(min(CHUNK * 4, size - len(data)))
        if not chunk:
            raise EOFError("the connection closed early")
        data += chunk
    return bytes(data)


def utf8_locale() -> str:
    """The first UTF-8 locale installed, as ``apertium`` chooses its LC_CTYPE."""
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "C.UTF-8"
    for line in listed.stdout.splitlines():
        if re.search(r"utf[.-]*8", line, re.IGNORECASE):
            return line.strip()
    return "C.UTF-8"


def pipeline_environment() -> dict[str, str]:
    """The environment ``apertium`` gives its stages: its PATH first and a UTF-8 LC_CTYPE."""
    env = dict(os.environ)
    env["PATH"] = pipeline_path(env)
    env["LC_CTYPE"] = utf8_locale()
    return env


def pipeline_path(environ: Mapping[str, str]) -> str:
    """The PATH the stages find their programs on: ``APERTIUM_PATH`` (``/usr/bin`` unless set)
    before the user's, as ``apertium`` sets it."""
    return f"{environ.get('APERTIUM_PATH') or '/usr/bin'}:{environ.get('PATH', '')}"


# Besides the PATH: what decides the pipeline's data (the folder of its mode files), the
# libraries its programs load, and a locale that would override its LC_CTYPE.
_DECIDING = ("APERTIUM_DATADIR", "LD_LIBRARY_PATH", "LD_PRELOAD", "LC_ALL")


def environment_identity(environ: Mapping[str, str]) -> str:
    """A short fingerprint of what ``environ`` decides of a pipeline started in it: which
    programs it runs, on which data (and nothing else: one server serves every run whose
    environment decides the same)."""
    decided = (pipeline_path(environ), *(environ.get(name, "") for name in _DECIDING))
    return hashlib.sha256(repr(decided).encode()).hexdigest()[:8]


class Watch:
    """The files whose change retires the server: the mode file, the data files and the
    programs its pipeline names."""

    def __init__(self, mode_file: Path, script: str, env: dict[str, str]) -> None:
        paths = {mode_file}
        for quoted in re.findall(r"'([^']+)'", script):
            if Path(quoted).is_file():
                paths.add(Path(quoted))
        for stage in script.split("|"):
            words = stage.split()
            found = shutil.which(words[0], path=env["PATH"]) if words else None
            if found:
                paths.add(Path(found))
        for program in (DEFORMATTER, REFORMATTER):
            found = shutil.which(program, path=env["PATH"])
            if found:
                paths.add(Path(found))
        self.paths = sorted(paths)
        self.seen = self.now()

    def now(self) -> tuple[tuple[int, int, int, int] | None, ...]:
        found: list[tuple[int, int, int, int] | None] = []
        for path in self.paths:
            try:
                info = path.stat()
            except OSError:
                found.append(None)
                continue
            found.append((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns))
        return tuple(found)

    def changed(self) -> bool:
        return self.now() != self.seen


class Pipeline:
    """The core pipeline of a mode, running in null-flush mode (``-z`` on every stage)."""

    def __init__(self, script: str, env: dict[str, str]) -> None:
        self.env = env
        self.broken = False  # out of step after a failed exchange: stopped by a kill
        # $1 is -g (unknown words marked), $2 the tagger option: none, as `apertium` runs it.
        self.process = subprocess.Popen(
            ["bash", "-c", script, "bash", "-g", ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            process_group=0,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.input, self.output = self.process.stdin.fileno(), self.process.stdout.fileno()
        os.set_blocking(self.input, False)
        os.set_blocking(self.output, False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def translate(self, html: bytes, timeout: float, client: socket.socket | None = None) -> bytes:
        """``html`` deformatted, through the pipeline, reformatted; ``client`` is the
        connection that asks (see ``exchange``)."""
        deformatted = self._filter(DEFORMATTER, html, timeout)
        if b"\0" in deformatted:
            raise ValueError("the request holds a NUL character")
        core = self.exchange(deformatted, time.monotonic() + timeout, client)
        return self._filter(REFORMATTER, core, timeout)

    def _filter(self, program: str, data: bytes, timeout: float) -> bytes:
        done = subprocess.run(
            [program], input=data, capture_output=True, env=self.env, timeout=timeout
        )
        if done.returncode != 0:
            problem = done.stderr.decode("utf-8", "replace").strip()[-300:]
            raise ValueError(f"{program} exit status {done.returncode}: {problem}")
        return done.stdout

    def exchange(self, data: bytes, deadline: float, client: socket.socket | None = None) -> bytes:
        """Write ``data`` and a NUL; read the output up to the pipeline's NUL. When
        ``client`` hangs up meanwhile (a tx stopped with Ctrl-C), the pipeline is left mid-text:
        ``PipelineError``, the server retires rather than translate for no one while the next
        request waits."""
        self._check_quiet()
        pending = memoryview(data + b"\0")
        output = bytearray()
        with selectors.DefaultSelector() as selector:
            selector.register(self.output, selectors.EVENT_READ)
            selector.register(self.input, selectors.EVENT_WRITE)
            if client is not None:
                selector.register(client, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PipelineError("the pipeline took too long")
                for key, _ in selector.select(left):
                    if client is not None and key.fd == client.fileno():
                        _check_client(client, selector)
                        continue
                    if key.fd == self.input:
                        try:
                            pending = pending[os.write(self.input, pending[:CHUNK]) :]
                        except BlockingIOError:
                            continue
                        except OSError as error:
                            raise PipelineError(f"the pipeline stopped reading: {error}") from None
                        if not pending:
                            selector.unregister(self.input)
                        continue
                    chunk = self._read()
                    end = chunk.find(b"\0")
                    if end < 0:
                        output += chunk
                        if len(output) > MAX_REPLY:
                            raise PipelineError("the pipeline's output is too large")
                        continue
                    if end != len(chunk) - 1 or pending:
                        raise PipelineError("the pipeline answered out of step")
                    return bytes(output + chunk[:end])

    def _read(self) -> bytes:
        try:
            chunk = os.read(self.output, CHUNK)
        except BlockingIOError:
            return b""
        if not chunk:
            raise PipelineError("the pipeline ended")
        return chunk

    def _check_quiet(self) -> None:
        """Fail if the pipeline wrote anything between requests (it would be out of step)."""
        try:
            extra = os.read(self.output, CHUNK)
        except BlockingIOError:
            return
        raise PipelineError("the pipeline ended" if not extra else "stray output")

    def stop(self) -> None:
        """Close the pipeline's input and let its stages end (killed after 2 s); killed at
        once when it is out of step (``broken``: it would go on with a text no one waits for)."""
        with contextlib.suppress(OSError):
            os.close(self.input)
        try:
            self.process.wait(timeout=0 if self.broken else 2)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with contextlib.suppress(OSError):
            os.killpg(self.process.pid, signal.SIGKILL)  # stages that outlived bash


class Server:
    """The listening socket, the pipeline and the files it watches."""

    def __init__(self, listener: socket.socket, pipeline: Pipeline, watch: Watch) -> None:
        self.listener, self.pipeline, self.watch = listener, pipeline, watch

    def serve(self, keep_alive: float) -> None:
        """Answer requests until idle for ``keep_alive`` seconds or something retires it."""
        deadline = time.monotonic() + keep_alive
        while (left := deadline - time.monotonic()) > 0:
            self.listener.settimeout(min(left, CHECK_SECONDS))
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                if not self.pipeline.alive() or self.watch.changed():
                    return
                continue
            with connection:
                try:
                    kept = self.answer(connection)
                except PipelineError:
                    self.pipeline.broken = True
                    return
            if kept is not None:
                deadline = time.monotonic() + kept

    def answer(self, connection: socket.socket) -> float | None:
        """Serve one connection; the keep-alive it asks for (``None``: a refused request)."""
        if not _same_user(connection):
            return None
        connection.settimeout(READ_SECONDS)
        try:
            magic, version, keep_alive, timeout, size = REQUEST.unpack(
                read_exact(connection, REQUEST.size)
            )
            if magic != MAGIC or version != VERSION or size > MAX_REQUEST:
                _reply(connection, FAILED, b"not a request this server understands")
                return None
            html = read_exact(connection, size)
        except (OSError, EOFError, struct.error):
            return None
        if not self.pipeline.alive() or self.watch.changed():
            _reply(connection, FAILED, b"the pipeline is gone or its files changed")
            raise PipelineError("retired")
        try:
            output = self.pipeline.translate(html, max(1.0, min(timeout, 3600.0)), connection)
        except (ValueError, OSError, subprocess.SubprocessError) as error:
            _reply(connection, FAILED, str(error).encode())
            return float(min(keep_alive, MAX_KEEP_ALIVE))
        except PipelineError as error:
            _reply(connection, FAILED, str(error).encode())
            raise
        _reply(connection, OK, output)
        return float(min(keep_alive, MAX_KEEP_ALIVE))


def _check_client(client: socket.socket, selector: selectors.BaseSelector) -> None:
    """``PipelineError`` when ``client``, readable during a request, has hung up; anything
    it sends then is left unread (and no longer watched)."""
    try:
        gone = not client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return
    except OSError:
        gone = True
    if gone:
        raise PipelineError("the client went away")
    selector.unregister(client)


def _same_user(connection: socket.socket) -> bool:
    credentials = struct.Struct("3i")
    try:
        raw = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, credentials.size)
    except (OSError, AttributeError):
        return False
    _, uid, _ = credentials.unpack(raw)
    return bool(uid == os.getuid())


def _reply(connection: socket.socket, status: int, payload: bytes) -> None:
    connection.settimeout(READ_SECONDS)
    with contextlib.suppress(OSError):
        connection.sendall(REPLY.pack(MAGIC, status, len(payload)) + payload)


def _take(lock: int) -> bool:
    """Whether this process now holds ``lock``; a look of ``running_servers`` may hold it
    for an instant, a retiring server while it stops its pipeline (up to 2 s), a running
    server for good."""
    for _ in range(150):
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            time.sleep(0.02)
            continue
        return True
    return False


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def main(argv: list[str]) -> int:
    """Serve until idle; 0 when done or when another server already serves the socket."""
    if len(argv) != 4:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    socket_path, mode_file = Path(os.path.abspath(argv[0])), Path(os.path.abspath(argv[1]))
    expected = argv[2]
    keep_alive = min(float(argv[3]), MAX_KEEP_ALIVE)
    if not private_folder(socket_path.parent):
        return 2
    os.chdir("/")  # hold no workspace folder for the server's lifetime
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    lock = os.open(f"{socket_path}.lock", flags, 0o600)
    if not _take(lock):
        return 0  # another server holds the socket
    os.ftruncate(lock, 0)
    os.write(lock, f"{os.getpid()}\n".encode())
    if identity(mode_file) != expected:
        return 0
    env = pipeline_environment()
    script = subprocess.run(
        ["apertium-wblank-mode", "-z", str(mode_file)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stdout.strip()
    pipeline = Pipeline(script, env)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    bound = -1
    try:
        with contextlib.suppress(FileNotFoundError):
            socket_path.unlink()  # a stale socket: its server is gone, the lock was free
        old_mask = os.umask(0o177)
        try:
            listener.bind(str(socket_path))
        finally:
            os.umask(old_mask)
        bound = socket_path.stat().st_ino
        listener.listen(16)
        Server(listener, pipeline, Watch(mode_file, script, env)).serve(keep_alive)
    finally:
        with contextlib.suppress(OSError):
            if socket_path.stat().st_ino == bound:
                socket_path.unlink()
        listener.close()
        pipeline.stop()
        os.close(lock)
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--detach"]:
        arguments = arguments[1:]
        if os.fork():  # the starter's child exits at once; the server is nobody's child
            os._exit(0)
    sys.exit(main(arguments))
