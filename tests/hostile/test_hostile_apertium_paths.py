"""The kept-warm apertium pipeline's socket folder holding what no server can replace (a
folder at the socket's path, a lock that is a folder or a link): the engine runs apertium
itself at once, starting no server that cannot listen, and a server that never came up is
not waited for again by the same process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from translate.translation.engines import apertium_client, apertium_server
from translate.translation.engines.apertium import ApertiumEngine, encode_batch

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]
HTML = encode_batch(["The dog is big."])


@pytest.fixture()
def folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    runtime = Path(tempfile.mkdtemp(prefix="tx-h-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    folder = apertium_client.socket_folder()
    assert folder is not None
    yield folder
    apertium_client.stop_servers(folder)
    shutil.rmtree(runtime, ignore_errors=True)


def _socket(folder: Path) -> Path:
    identity = apertium_server.identity(apertium_client.mode_file("eng-spa"))
    return folder / apertium_client.socket_name("eng-spa", identity)


def _starts(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    started: list[Path] = []
    start = apertium_client._start

    def recording(path: Path, *rest: object) -> object:
        started.append(path)
        return start(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(apertium_client, "_start", recording)
    return started


@pytest.mark.parametrize("blocker", ["folder", "lock folder", "lock link"])
def test_what_no_server_can_replace_starts_none(
    blocker: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _socket(folder)
    if blocker == "folder":
        path.mkdir()
    elif blocker == "lock folder":
        Path(f"{path}.lock").mkdir()
    else:
        Path(f"{path}.lock").symlink_to(folder / "elsewhere")
    started = _starts(monkeypatch)
    assert apertium_client.translate(HTML, "eng-spa", 60, 60) is None
    assert started == []
    expected = ApertiumEngine().translate(["The dog is big."], "en", "es")
    assert ApertiumEngine(keep_alive=60).translate(["The dog is big."], "en", "es") == expected


def test_a_server_that_never_listens_is_started_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apertium_client, "READY_SECONDS", 0.5)
    monkeypatch.setattr(apertium_client, "_failed_starts", {})
    started: list[Path] = []

    def silent(path: Path, *rest: object) -> subprocess.Popen[bytes]:
        started.append(path)
        return subprocess.Popen(["true"])  # a server that exits before it listens

    monkeypatch.setattr(apertium_client, "_start", silent)
    for _ in range(3):
        assert apertium_client.translate(HTML, "eng-spa", 60, 60) is None
    assert started == [_socket(folder)]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_a_request_whose_client_went_away_is_not_finished_for_nobody(folder: Path) -> None:
    """A tx stopped with Ctrl-C while the server translates its batch: the server retires at
    once rather than translate a long batch for no one while the next run waits for it."""
    assert apertium_client.translate(HTML, "eng-spa", 60, 60) is not None
    [(path, pid)] = apertium_client.running_servers(folder)
    batch = encode_batch(["The government said the talks would resume next week. " * 60000])
    payload = batch.encode("utf-8")
    header = apertium_server.REQUEST.pack(
        apertium_server.MAGIC, apertium_server.VERSION, 60, 600.0, len(payload)
    )
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(str(path))
        connection.sendall(header + payload)
    deadline = time.monotonic() + 30  # the whole batch takes apertium over a minute
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
    assert apertium_client.translate(HTML, "eng-spa", 60, 60) is not None  # a new server
    expected = ApertiumEngine().translate(["The dog is big."], "en", "es")
    assert ApertiumEngine(keep_alive=60).translate(["The dog is big."], "en", "es") == expected


@pytest.mark.parametrize("keep_alive", [0.5, 1.5])
def test_a_fraction_of_a_second_keeps_the_pipeline_up_to_the_next_second(
    keep_alive: float, folder: Path
) -> None:
    """The engine's ``keep_alive`` is a float: a fraction is rounded up, never down to 0
    (a server told 0 seconds exits before it answers)."""
    assert apertium_client.translate(HTML, "eng-spa", keep_alive, 60) is not None


def test_a_keep_alive_that_is_not_a_number_runs_apertium_itself(folder: Path) -> None:
    assert apertium_client.translate(HTML, "eng-spa", float("nan"), 60) is None
    expected = ApertiumEngine().translate(["The dog is big."], "en", "es")
    engine = ApertiumEngine(keep_alive=float("nan"))
    assert engine.translate(["The dog is big."], "en", "es") == expected
    assert apertium_client.running_servers(folder) == []


def test_another_apertium_first_on_path_runs_by_itself(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An apertium built from source (programs in /usr/local/bin, modes in
    /usr/local/share/apertium) is what a one-shot run starts: the server, which runs Debian's
    programs and modes, must not stand in for it unless the environment names both."""
    local = tmp_path / "bin"
    local.mkdir()
    script = local / "apertium"
    script.write_text(
        "#!/usr/bin/env bash\n"
        'APERTIUM_PATH="${APERTIUM_PATH:-/usr/local/bin}"\n'
        'APERTIUM_DATADIR="${APERTIUM_DATADIR:-/usr/local/share/apertium}"\n'
        'exec /usr/bin/apertium "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{local}:{os.environ['PATH']}")
    assert apertium_client.translate(HTML, "eng-spa", 60, 60) is None
    assert apertium_client.running_servers(folder) == []
    monkeypatch.setenv("APERTIUM_PATH", "/usr/bin")
    monkeypatch.setenv("APERTIUM_DATADIR", "/usr/share/apertium")
    assert apertium_client.translate(HTML, "eng-spa", 60, 60) is not None


def test_an_engine_with_its_own_binary_is_not_served(folder: Path) -> None:
    engine = ApertiumEngine("/usr/bin/apertium", keep_alive=60)
    expected = ApertiumEngine().translate(["The dog is big."], "en", "es")
    assert engine.translate(["The dog is big."], "en", "es") == expected
    assert apertium_client.running_servers(folder) == []
