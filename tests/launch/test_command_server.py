"""The ``tx`` console script with its kept-warm command server (``translate.launch``).

Every test runs the real console script (a copy of the one pip writes) in a subprocess, with
the server enabled, and compares what a served run does with what the same command does in
its own process (``TX_KEEP_WARM=0``): output, exit status, files, modes, signals. A run is
known to be served when the client never imported typer (``python -X importtime``).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from translate import serving
from translate.workspace import init

SCRIPT = """#!{python}
import sys
from translate.launch.client import main
if __name__ == "__main__":
    sys.argv[0] = sys.argv[0].removesuffix(".exe")
    sys.exit(main())
"""
ARTICLE = """---
title: Harbour opens
date: 2026-12-07
---

The new harbour opened on Monday. Ships from three countries arrived before noon.

The mayor thanked the workers who built it.
"""


@dataclass
class Done:
    code: int
    out: str
    err: str
    served: bool


@pytest.fixture()
def script(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    path = folder / "tx"
    path.write_text(SCRIPT.format(python=sys.executable))
    path.chmod(0o755)
    return path


@pytest.fixture()
def env(apertium_servers: Path, request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """The environment of served runs: the server kept warm, one server per test (a
    variable of the test's own), stopped after it."""
    environment = {
        **os.environ,
        serving.SETTING: "60",
        "TX_TEST_CASE": request.node.name,
        "TX_LOCK_TIMEOUT": "60",  # a writing command waits that long for the workspace lock
    }
    yield environment
    for pid in servers_of(environment):
        os.kill(pid, signal.SIGTERM)


def servers_of(environment: dict[str, str]) -> list[int]:
    """The running servers whose lock files hold a process with this test's variable."""
    found = []
    for pid in serving.running_servers():
        try:
            text = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if f"TX_TEST_CASE={environment['TX_TEST_CASE']}".encode() + b"\0" in text:
            found.append(pid)
    return found


def run(
    script: Path,
    env: dict[str, str],
    *args: str,
    cwd: Path | None = None,
    stdin: str = "",
    **options: object,
) -> Done:
    """Run the console script; ``served`` tells whether the client left the run to a server."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        env=env,
        timeout=120,
        **options,  # type: ignore[call-overload]
    )
    timings = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    err = "".join(
        line + "\n" for line in done.stderr.splitlines() if not line.startswith("import time:")
    )
    served = not any(re.search(r"\|\s+typer$", line) for line in timings)
    return Done(done.returncode, done.stdout, err, served)


def warm(script: Path, env: dict[str, str], cwd: Path) -> None:
    """Run once (which starts the server) and wait until a run is served."""
    run(script, env, "--version", cwd=cwd)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if run(script, env, "--version", cwd=cwd).served:
            return
        time.sleep(0.2)
    raise AssertionError("no command server came up")


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    init(root)
    (root / "articles" / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    return root


def alone(env: dict[str, str]) -> dict[str, str]:
    return {**env, serving.SETTING: "0"}


def test_served_runs_match_runs_in_their_own_process(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    warm(script, env, workspace)
    for args in (
        ("--version",),
        ("--help",),
        ("status",),
        ("translate", "--help"),
        ("nosuch",),
        ("translate", "harbour", "--to", "xx-not-a-language"),
        ("status", "--workspace", str(workspace / "missing")),
    ):
        served = run(script, env, *args, cwd=workspace)
        own = run(script, alone(env), *args, cwd=workspace)
        assert served.served and not own.served, args
        assert (served.code, served.out, served.err) == (own.code, own.out, own.err), args
    assert run(script, env, "nosuch", cwd=workspace).code == 2


@pytest.mark.apertium
def test_a_served_translation_writes_what_one_in_its_own_process_writes(
    script: Path, env: dict[str, str], workspace: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    init(other)
    (other / "articles" / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    warm(script, env, workspace)
    args = ("translate", "harbour", "--to", "es", "--engine", "apertium")
    served = run(script, env, *args, cwd=workspace / "articles")  # found from a subfolder
    own = run(script, alone(env), *args, cwd=other / "articles")
    assert served.served and served.code == own.code == 0, served.err
    assert served.out.replace(str(workspace), "WS") == own.out.replace(str(other), "WS")

    def sentences(root: Path) -> list[tuple[str, str]]:
        data = json.loads((root / "translations" / "es" / "harbour.json").read_text())
        return [(s["source"], s["target"]) for s in data["segments"]]

    assert sentences(workspace) == sentences(other)
    status = run(script, env, "status", cwd=workspace)
    assert status.served and "harbour" in status.out


def test_umask_standard_streams_and_narrow_terminals_reach_the_worker(
    script: Path, env: dict[str, str], workspace: Path, tmp_path: Path
) -> None:
    warm(script, env, workspace)
    served = run(script, env, "init", str(tmp_path / "private"), preexec_fn=lambda: os.umask(0o077))
    assert served.served and served.code == 0, served.err
    mode = stat.S_IMODE((tmp_path / "private" / "tx.toml").stat().st_mode)
    assert mode == 0o600
    narrow = {**env, "COLUMNS": "50"}  # a shell's variable: the same server serves it
    served = run(script, narrow, "--help", cwd=workspace)
    own = run(script, alone(narrow), "--help", cwd=workspace)
    assert served.served and served.out == own.out
    assert max(len(line) for line in served.out.splitlines()) <= 50
    written = tmp_path / "help.txt"  # output to a file, input from a closed pipe
    with written.open("w") as handle:
        done = subprocess.run(
            [str(script), "--help"], stdout=handle, env=env, cwd=workspace, timeout=60
        )
    assert done.returncode == 0
    assert written.read_text() == run(script, alone(env), "--help", cwd=workspace).out


def hold_lock(workspace: Path) -> int:
    """Take the workspace's write lock, so a writing command waits for it."""
    lock = workspace / ".tx" / "lock"
    lock.parent.mkdir(exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def worker_of(server: int, timeout: float = 30) -> int:
    """The process id of a worker of ``server`` once one runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{server}/task/{server}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise AssertionError("no worker started")


def started(
    script: Path,
    env: dict[str, str],
    workspace: Path,
    *args: str,
    prepare: Callable[[], None] | None = None,
) -> tuple[subprocess.Popen[str], int, int]:
    """A served ``tx ARGS`` waiting on the workspace lock (which the caller holds): the client
    (``prepare`` run in it before it starts), the server, and the worker, which has taken the
    run (the client's limits, signals and folder) by the time it waits for the lock."""
    warm(script, env, workspace)
    (server,) = servers_of(env)
    client = subprocess.Popen(
        [str(script), *args],
        cwd=workspace,
        env=env,
        preexec_fn=prepare,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    worker = worker_of(server)
    waiting_on(worker, workspace / ".tx" / "lock")
    return client, server, worker


def waiting_on(worker: int, lock: Path) -> None:
    """Wait until ``worker`` runs the command and has the workspace's lock file open (it
    waits for the lock): past the go-ahead, into the command."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            links = [os.readlink(entry) for entry in Path(f"/proc/{worker}/fd").iterdir()]
        except OSError:
            links = []
        if str(lock) in links:
            return
        time.sleep(0.05)
    raise AssertionError("the worker never reached the workspace lock")


def gone(pid: int) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


WRITE = ("glossary", "add", "Harbour", "--to", "es=Puerto")


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_signals_to_the_client_reach_the_worker_and_the_client_ends_as_it_did(
    script: Path, env: dict[str, str], workspace: Path, number: int
) -> None:
    held = hold_lock(workspace)
    try:
        client, _, worker = started(script, env, workspace, *WRITE)
        time.sleep(0.3)
        client.send_signal(number)
        client.communicate(timeout=60)
        assert gone(worker)
        own = subprocess.Popen(
            [str(script), *WRITE],
            cwd=workspace,
            env=alone(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)  # past Python's start-up, into the wait for the lock
        own.send_signal(number)
        own.communicate(timeout=60)
    finally:
        os.close(held)
    assert client.returncode == own.returncode != 0


def test_the_worker_gets_the_clients_resource_limits(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    def lower() -> None:
        os.setpriority(os.PRIO_PROCESS, 0, 7)
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (200, 300))

    held = hold_lock(workspace)
    try:
        client, _, worker = started(script, env, workspace, *WRITE, prepare=lower)
        limits = Path(f"/proc/{worker}/limits").read_text()
        assert re.search(r"Max open files\s+200\s+300\s", limits), limits
        assert os.getpriority(os.PRIO_PROCESS, worker) == 7
    finally:
        os.close(held)
    client.communicate(timeout=60)
    assert client.returncode == 0


def test_a_killed_worker_ends_its_client_by_the_same_signal(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    held = hold_lock(workspace)
    try:
        client, _, worker = started(script, env, workspace, *WRITE)
        os.kill(worker, signal.SIGKILL)
        client.communicate(timeout=60)
    finally:
        os.close(held)
    assert client.returncode == -signal.SIGKILL


def test_a_server_killed_mid_run_leaves_a_clear_message(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    held = hold_lock(workspace)
    try:
        client, server, worker = started(script, env, workspace, *WRITE)
        os.kill(server, signal.SIGKILL)
    finally:
        os.close(held)  # the worker finishes its write
    _, err = client.communicate(timeout=60)
    assert client.returncode == 1
    assert "the command server stopped before the command" in err and "Traceback" not in err
    assert gone(worker)
    assert "Puerto" in (workspace / "glossaries" / "house.csv").read_text(encoding="utf-8")


def test_tx_engines_stop_stops_the_server_even_from_one_of_its_runs(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    warm(script, env, workspace)
    (server,) = servers_of(env)
    done = run(script, env, "engines", "--stop", cwd=workspace)
    assert done.served and done.code == 0, done.err
    assert done.out.endswith("and 1 tx command server(s)\n")
    assert gone(server)
    done = run(script, env, "status", cwd=workspace)
    assert not done.served and done.code == 0  # run here; it starts a new server


def test_an_idle_server_exits_after_tx_keep_warm_seconds(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    env[serving.SETTING] = "1"
    warm(script, env, workspace)
    (server,) = servers_of(env)
    assert gone(server)


def test_without_a_usable_server_the_command_runs_in_its_own_process(
    script: Path, env: dict[str, str], workspace: Path, apertium_servers: Path
) -> None:
    off = run(script, alone(env), "status", cwd=workspace)
    time.sleep(0.5)
    assert not off.served and off.code == 0 and not servers_of(env)  # 0: no server
    wrong = run(script, {**env, serving.SETTING: "soon"}, "status", cwd=workspace)
    assert not wrong.served and wrong.code == 0 and wrong.out == off.out
    assert "TX_KEEP_WARM=soon is not a number of seconds" in wrong.err
    time.sleep(0.5)
    assert not servers_of(env)
    folder = apertium_servers
    folder.mkdir(exist_ok=True)
    folder.chmod(0o755)  # others may enter: not a place for sockets
    try:
        shared = run(script, env, "status", cwd=workspace)
        assert not shared.served and shared.out == off.out and shared.code == 0
    finally:
        folder.chmod(0o700)


def test_a_server_serves_only_its_own_environment(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    warm(script, env, workspace)
    other = {**env, "TX_TEST_OTHER": "1"}
    first = run(script, other, "--version", cwd=workspace)
    assert not first.served  # another environment: its own server, started now
    warm(script, other, workspace)
    assert len(servers_of(env)) == 2


def test_garbage_on_the_socket_does_not_stop_the_server(
    script: Path, env: dict[str, str], workspace: Path
) -> None:
    warm(script, env, workspace)
    (server,) = servers_of(env)
    sockets = list(Path(serving.socket_folder() or "/").glob("command-*.sock"))
    assert sockets
    for attack in (b"", b"junk" * 100, serving.HEADER.pack(serving.MAGIC, 1, 10**9)):
        for target in sockets:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                try:
                    connection.connect(str(target))
                    connection.sendall(attack)
                except OSError:
                    continue
    done = run(script, env, "status", cwd=workspace)
    assert done.served and done.code == 0
    assert not gone_now(server)


def gone_now(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


def test_material_changes_with_the_code_and_not_with_a_shells_variables(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    module = package / "mod.py"
    module.write_text("A = 1\n")
    environ = {"HOME": "/home/x", "PWD": "/a", "SHLVL": "1"}
    first = serving.material(str(package), [str(tmp_path)], environ)
    moved = serving.material(str(package), [str(tmp_path)], {**environ, "PWD": "/b", "_": "x"})
    assert moved == first
    assert serving.material(str(package), [str(tmp_path)], {**environ, "LANG": "C"}) != first
    module.write_text("A = 22\n")
    assert serving.material(str(package), [str(tmp_path)], environ) != first
    assert serving.socket_name(first).startswith("command-")
