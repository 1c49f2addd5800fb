"""The ``tx`` command server under attack: closed and odd standard streams, signal
dispositions a shell set, servers that stop, misbehave or sit in odd folders, many runs at
once, other users. Every served run must do what the same run does in its own process.

The helpers are ``test_command_server``'s.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_command_server import (
    ARTICLE,
    SCRIPT,
    WRITE,
    alone,
    gone,
    hold_lock,
    run,
    servers_of,
    started,
    warm,
)

from translate import serving
from translate.workspace import init


@pytest.fixture()
def tx(tmp_path: Path) -> Path:
    """The console script, as pip writes it."""
    path = tmp_path / "bin" / "tx"
    path.parent.mkdir()
    path.write_text(SCRIPT.format(python=sys.executable))
    path.chmod(0o755)
    return path


@pytest.fixture()
def served(apertium_servers: Path, request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """The environment of served runs, one server per test, stopped after it."""
    environment = {
        **os.environ,
        serving.SETTING: "60",
        "TX_TEST_CASE": request.node.name,
        "TX_LOCK_TIMEOUT": "60",
    }
    yield environment
    for pid in servers_of(environment):
        os.kill(pid, signal.SIGTERM)


@pytest.fixture()
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    init(root)
    (root / "articles" / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    return root


def shell(tx: Path, env: dict[str, str], line: str, cwd: Path) -> tuple[int, bytes, bytes]:
    """``line`` run by sh with ``"$TX"`` the console script (given as an argument: a variable
    would make another environment, another server): exit status, output, errors."""
    done = subprocess.run(
        ["sh", "-c", line.replace('"$TX"', '"$1"'), "sh", str(tx)],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def test_a_run_with_a_closed_standard_stream_does_what_it_does_in_its_own_process(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    warm(tx, served, ws)
    for line in (
        '"$TX" nosuch 2>&-',
        '"$TX" --help >&-; echo "$?"',
        '"$TX" status <&-',
        '"$TX" --version <&- >&- 2>&-; echo "$?"',
    ):
        got = shell(tx, served, line, ws)
        own = shell(tx, alone(served), line, ws)
        assert got == own, line
    (server,) = servers_of(served)
    assert not Path(f"/proc/{server}/task/{server}/children").read_text().split()


def signal_set(pid: int, field: str) -> set[int]:
    """The signals of ``/proc/PID/status``'s ``SigIgn`` or ``SigBlk`` line."""
    text = Path(f"/proc/{pid}/status").read_text()
    found = re.search(rf"^{field}:\s*([0-9a-f]+)$", text, re.MULTILINE)
    assert found, text
    bits = int(found.group(1), 16)
    return {number for number in range(1, 65) if bits >> (number - 1) & 1}


SHELL_IGNORED = {signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1}


def as_its_client(worker: int, nohup: bool) -> bool:
    """Whether ``worker`` ignores and blocks what a client under ``nohup`` (or not) does."""
    ignored, blocked = signal_set(worker, "SigIgn"), signal_set(worker, "SigBlk")
    if nohup:
        return ignored >= SHELL_IGNORED and signal.SIGUSR2 in blocked
    return not ignored & SHELL_IGNORED and signal.SIGUSR2 not in blocked


def test_the_worker_ignores_and_blocks_the_signals_its_client_ignores_and_blocks(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """``nohup tx ...`` and a background job of a script (SIGINT and SIGQUIT ignored) keep
    their signals ignored, and a server started by such a client passes nothing on."""

    def ignoring() -> None:
        for number in SHELL_IGNORED:
            signal.signal(number, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])

    subprocess.run([str(tx), "--version"], env=served, preexec_fn=ignoring, check=True)
    held = hold_lock(ws)
    clients = []
    try:
        for prepare in (None, ignoring):
            client, _, worker = started(tx, served, ws, *WRITE, prepare=prepare)
            clients.append(client)
            nohup = prepare is not None
            assert as_its_client(worker, nohup), Path(f"/proc/{worker}/status").read_text()
            if prepare is not None:
                client.send_signal(signal.SIGHUP)  # nohup: the run goes on
                time.sleep(0.5)
            os.close(held)
            held = -1
            client.communicate(timeout=60)
            assert client.returncode == 0, client.stderr
            held = hold_lock(ws)
    finally:
        if held >= 0:
            os.close(held)
        for client in clients:
            if client.poll() is None:
                client.kill()


STREAMS = (
    "import sys\n"
    "def described():\n"
    "    return [(type(s.buffer).__name__, s.name, s.encoding, s.errors, s.line_buffering,\n"
    "             s.write_through) for s in (sys.stdin, sys.stdout, sys.stderr)]\n"
    "before = described()\n"
    "from translate.launch import worker\n"
    "worker._new_streams()\n"
    "print(before == described(), before, described())\n"
)


def test_the_workers_streams_are_made_as_python_makes_them() -> None:
    """Names, encodings, error handlers and buffering, with and without ``-u``."""
    for options in ([], ["-u"]):
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        done = subprocess.run(
            [sys.executable, *options, "-c", STREAMS],
            capture_output=True,
            text=True,
            env=environment,
            check=True,
        )
        assert done.stdout.startswith("True "), done.stdout


def test_pythons_options_reach_the_worker(tx: Path, served: dict[str, str], ws: Path) -> None:
    """``python -W error tx ...`` runs in an interpreter started with ``-W error``, not in
    a server started without it."""
    warm(tx, served, ws)
    command = [sys.executable, "-W", "error", str(tx)]
    deadline = time.monotonic() + 60
    while True:  # a served run does not import typer
        done = subprocess.run(
            [*command[:1], "-X", "importtime", *command[1:], "--version"],
            capture_output=True, text=True, env=served, cwd=ws, check=True,
        )  # fmt: skip
        if not re.search(r"\|\s+typer$", done.stderr, re.MULTILINE):
            break
        assert time.monotonic() < deadline, "no server for python -W error"
        time.sleep(0.2)
    held = hold_lock(ws)
    try:
        client = subprocess.Popen(
            [*command, *WRITE], cwd=ws, env=served, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        workers: list[int] = []
        deadline = time.monotonic() + 30
        while not workers and time.monotonic() < deadline:
            for server in servers_of(served):
                children = Path(f"/proc/{server}/task/{server}/children").read_text().split()
                workers += [int(child) for child in children]
            time.sleep(0.05)
        (worker,) = workers
        arguments = Path(f"/proc/{worker}/cmdline").read_bytes().split(b"\0")
        assert b"-W" in arguments and b"error" in arguments, arguments
    finally:
        os.close(held)
    client.communicate(timeout=60)
    assert client.returncode == 0


def test_clients_that_connect_and_wait_hold_up_no_run(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """Connections that send nothing, half a request, or a request and no go-ahead (a client
    stopped by Ctrl-Z) are read beside the others: a run that comes after them is served."""
    warm(tx, served, ws)
    (server,) = servers_of(served)
    path = Path(f"/proc/{server}/cmdline").read_bytes().split(b"\0")[-3].decode()
    request = serving.pack_request({"material": "?"})
    waiting = []
    try:
        for sent in (b"", request[:3], request[:-1], b"", b""):
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.connect(path)
            if sent:
                connection.sendall(sent)
            waiting.append(connection)
        done = run(tx, served, "status", cwd=ws)
        assert done.served and done.code == 0, done.err
    finally:
        for connection in waiting:
            connection.close()
    fds = len(os.listdir(f"/proc/{server}/fd"))
    done = run(tx, served, "status", cwd=ws)
    assert done.served and done.code == 0
    assert len(os.listdir(f"/proc/{server}/fd")) <= fds


def socket_of(server: int) -> str:
    return Path(f"/proc/{server}/cmdline").read_bytes().split(b"\0")[-3].decode()


def test_a_server_that_stops_answering_after_taking_a_run_leaves_it_to_the_client(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """A server stopped (or stuck) after it accepted a run and took its descriptors, before
    the worker started: the client runs the command itself after its wait for an answer."""
    warm(tx, served, ws)
    (server,) = servers_of(served)
    path = socket_of(server)
    os.kill(server, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    stuck = threading.Event()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(path)
        listener.listen(1)

        def serve_badly() -> None:
            connection, _ = listener.accept()
            with connection:
                data = b""
                while len(data) < serving.HEADER.size:
                    data += connection.recv(65536)
                size = serving.HEADER.unpack_from(data)[2]
                while len(data) < serving.HEADER.size + size:
                    data += connection.recv(65536)
                connection.sendall(serving.REPLY.pack(b"A", 0))  # accepted
                _, fds, _, _ = socket.recv_fds(connection, 1, 4)  # go-ahead or descriptors
                stuck.wait(60)
                for fd in fds:
                    os.close(fd)

        thread = threading.Thread(target=serve_badly, daemon=True)
        thread.start()
        try:  # output to files: the stuck server holds the client's descriptors
            done = subprocess.run(
                [str(tx), "status"], cwd=ws, env=served, timeout=40,
                stdout=(ws.parent / "out").open("wb"), stderr=(ws.parent / "err").open("wb"),
            )  # fmt: skip
        finally:
            stuck.set()
            thread.join(10)
    own = subprocess.run(
        [str(tx), "status"], cwd=ws, env=alone(served), capture_output=True, timeout=40
    )
    assert done.returncode == own.returncode == 0
    assert (ws.parent / "out").read_bytes() == own.stdout
    assert (ws.parent / "err").read_bytes() == own.stderr


def test_a_stopped_server_holds_up_neither_the_client_nor_its_pipe_and_runs_nothing_later(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    warm(tx, served, ws)
    (server,) = servers_of(served)
    os.kill(server, signal.SIGSTOP)
    try:
        client = subprocess.Popen(
            [str(tx), "glossary", "add", "Quay", "--to", "es=Muelle"],
            cwd=ws, env=served, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        out, err = client.communicate(timeout=40)  # the pipe ends with the client
    finally:
        os.kill(server, signal.SIGCONT)
    assert client.returncode == 0 and b"Quay" in out, err
    time.sleep(1)
    done = run(tx, served, "glossary", "add", "Quay", "--to", "es=Muelle", cwd=ws)
    assert done.served and done.code == 0 and "nothing changed" in done.out, done.out
    glossary = (ws / "glossaries" / "house.csv").read_text(encoding="utf-8")
    assert glossary.count("Quay") == 1
    assert not Path(f"/proc/{server}/task/{server}/children").read_text().split()


def test_garbage_requests_do_not_stop_the_server(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    warm(tx, served, ws)
    (server,) = servers_of(served)
    bombs = (
        b"[" * 200_000,
        b'{"material": ' * 100_000,
        b"\xff\xfe" * 1000,
        json_request({"material": 1, "argv": ["tx"]}),
    )
    for bomb in bombs:
        body = bomb if bomb.startswith(serving.MAGIC) else pack(bomb)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(socket_of(server))
            with contextlib.suppress(OSError):
                sent = socket.send_fds(connection, [body], [0, 1, 2, 0])  # as a client would
                connection.sendall(body[sent:])
                connection.settimeout(10)
                connection.recv(16)
    done = run(tx, served, "status", cwd=ws)
    assert done.served and done.code == 0, done.err
    assert servers_of(served) == [server]


def pack(body: bytes) -> bytes:
    return serving.HEADER.pack(serving.MAGIC, serving.VERSION, len(body)) + body


def json_request(payload: dict[str, object]) -> bytes:
    return serving.pack_request(payload)


def test_odd_files_in_place_of_the_lock_and_the_start_marker_are_replaced(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """A FIFO or a symlink where the server's lock file or the client's start marker goes:
    no run hangs on it, and a server comes up all the same."""
    warm(tx, served, ws)
    (server,) = servers_of(served)
    path = socket_of(server)
    lock, marker = Path(serving.lock_file(path)), Path(path.removesuffix(".sock") + ".started")
    elsewhere = ws.parent / "elsewhere"
    elsewhere.write_text("keep\n")
    for odd in ("fifo", "symlink"):
        os.kill(server, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while Path(f"/proc/{server}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        for target in (lock, marker):
            target.unlink(missing_ok=True)
            if odd == "fifo":
                os.mkfifo(target)
            else:
                target.symlink_to(elsewhere)
            os.utime(target, (0, 0), follow_symlinks=False)  # an old start
        done = run(tx, served, "status", cwd=ws)
        assert done.code == 0 and not done.served, done.err
        warm(tx, served, ws)
        (server,) = servers_of(served)
        assert lock.is_file() and not lock.is_symlink()
    assert elsewhere.read_text() == "keep\n"


def test_a_client_killed_by_sigkill_takes_its_run_with_it(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """SIGKILL cannot be forwarded: a run in its own process ends there, and so does the
    served run, rather than go on writing the workspace unwatched."""
    held = hold_lock(ws)
    try:
        client, _, worker = started(tx, served, ws, *WRITE)  # waiting for the workspace lock
        client.kill()
        client.wait(timeout=60)
        assert gone(worker)
    finally:
        os.close(held)
    time.sleep(0.5)
    glossary = ws / "glossaries" / "house.csv"
    assert not glossary.exists() or "Puerto" not in glossary.read_text(encoding="utf-8")
    done = run(tx, served, *WRITE, cwd=ws)
    assert done.served and done.code == 0, done.err
    assert "Puerto" in glossary.read_text(encoding="utf-8")


def test_the_worker_gets_every_resource_limit_of_its_client(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """Not only the common ones: a limit the client lowered is lowered in the worker, and one
    the client's server was started with is not kept."""
    import resource

    lowered = {
        "Max pending signals": (resource.RLIMIT_SIGPENDING, 100),
        "Max msgqueue size": (resource.RLIMIT_MSGQUEUE, 4096),
        "Max realtime timeout": (resource.RLIMIT_RTTIME, 1_000_000),
    }

    def lower() -> None:
        for number, value in lowered.values():
            resource.setrlimit(number, (value, value))

    held = hold_lock(ws)
    try:
        client, _, worker = started(tx, served, ws, *WRITE, prepare=lower)

        def limits() -> dict[str, str]:
            text = Path(f"/proc/{worker}/limits").read_text()
            return {name: text.split(name, 1)[1].split()[0] for name in lowered}

        want = {name: str(value) for name, (_, value) in lowered.items()}
        assert limits() == want
    finally:
        os.close(held)
    client.communicate(timeout=60)
    assert client.returncode == 0


def test_a_server_that_ends_leaves_no_file_behind(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    served[serving.SETTING] = "1"
    warm(tx, served, ws)
    (server,) = servers_of(served)
    path = socket_of(server)
    assert gone(server)
    stem = Path(path).name.removesuffix(".sock")
    assert not list(Path(path).parent.glob(stem + ".*"))


def test_a_client_in_a_sandbox_is_not_served_outside_it(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """``unshare -n tx ...`` (no network: offline for sure) runs in its namespace."""
    if subprocess.run(["unshare", "-n", "true"], check=False).returncode != 0:
        pytest.skip("cannot make a network namespace here")
    warm(tx, served, ws)
    command = ["unshare", "-n", sys.executable, "-X", "importtime", str(tx), "status"]
    for _ in range(3):
        done = subprocess.run(command, cwd=ws, env=served, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert re.search(r"\|\s+typer$", done.stderr, re.MULTILINE), "served outside"
        time.sleep(0.5)
    assert done.stdout == run(tx, alone(served), "status", cwd=ws).out


def test_a_client_in_another_control_group_has_a_server_in_it(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """A run's control groups (memory and process limits, accounting, a job killed as a
    group) are its worker's: a client in other groups is served by a server started in them."""
    group = Path("/sys/fs/cgroup/pids") / f"tx-test-{os.getpid()}"
    try:
        group.mkdir()
    except OSError:
        pytest.skip("cannot make a control group here")
    try:
        warm(tx, served, ws)

        def join() -> None:
            (group / "cgroup.procs").write_text(str(os.getpid()))

        deadline = time.monotonic() + 60
        while True:
            done = subprocess.run(
                [sys.executable, "-X", "importtime", str(tx), "--version"],
                cwd=ws, env=served, capture_output=True, text=True, preexec_fn=join,
            )  # fmt: skip
            if not re.search(r"\|\s+typer$", done.stderr, re.MULTILINE):
                break
            assert time.monotonic() < deadline, "no server in the group"
            time.sleep(0.2)
        servers = servers_of(served)
        assert len(servers) == 2
        inside = [
            pid for pid in servers if str(os.getpid()) in Path(f"/proc/{pid}/cgroup").read_text()
        ]
        assert len(inside) == 1
    finally:
        for pid in servers_of(served):
            os.kill(pid, signal.SIGTERM)
            gone(pid)
        with contextlib.suppress(OSError):
            group.rmdir()


def test_a_server_stopped_while_it_loads_leaves_no_file_behind(
    tx: Path, served: dict[str, str], ws: Path
) -> None:
    """``tx engines --stop`` may find a server that has only taken its lock."""
    done = run(tx, served, "--version", cwd=ws)  # starts a server in the background
    assert not done.served
    deadline = time.monotonic() + 30
    while not servers_of(served) and time.monotonic() < deadline:
        time.sleep(0.005)
    (server,) = servers_of(served)
    path = socket_of(server)
    os.kill(server, signal.SIGTERM)
    assert gone(server)
    stem = Path(path).name.removesuffix(".sock")
    assert not list(Path(path).parent.glob(stem + ".*"))
    warm(tx, served, ws)  # and the next one comes up
