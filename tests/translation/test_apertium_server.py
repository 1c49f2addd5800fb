"""The kept-warm apertium pipeline: the same bytes as one ``apertium`` process, its lifetime
and its safety, with the real apertium eng-spa (and spa-eng) pairs."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.wire_story import DATA, WIRE_STORY

from translate import workspace
from translate.translation.engines import apertium_client, apertium_server
from translate.translation.engines.apertium import ApertiumEngine, encode_batch
from translate.translation.engines.registry import create
from translate.workspace.engine_options import EngineOptions

REPOSITORY = Path(__file__).resolve().parents[2]
TX = [sys.executable, "-c", "from translate.cli import main; main()"]
_ENGINE = ApertiumEngine()
pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not _ENGINE.supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]

HOSTILE = [
    "About ~ 5 dollars, ~~ and ~x~.",
    "Tom &amp; Jerry & friends &lt;3 &#65; &nbsp; &unknown;",
    "The <b>dog</b> is <i>big</i> <p id='tx9'>inside</p> <!-- note --> <br/>.",
    "Stars *here and #tags and @people *#@ mixed.",
    "Brackets [x] {y} \\ back\\slash and C:\\path\\file and ]][[.",
    "Quotes “curly” ‘single’ «guillemets» and 'plain' \"double\".",
    "Accents: café, naïve, Zürich, Kyiv, Київ, 北京, مرحبا, emoji 🙂.",
    "Numbers 7770001 and 7770002's plan, 4.5% and $310 million on 1/1/2026.",
    "A sentence without a final stop",
    "Tabs\tand   spaces\u00a0and\u2009thin ones.",
    "Control \x01 and \x7f characters.",
    ".",
    "!!!",
    "",
    "   ",
]


def corpus() -> list[str]:
    """Varied texts: the wire story, the sample article, the training sentences, hostile ones
    and a very long text."""
    story = [p for p in WIRE_STORY.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    sample = REPOSITORY / "articles" / "ukraine-guarantees-talks.md"
    article = [p for p in sample.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    training = (DATA / "training.txt").read_text(encoding="utf-8").splitlines()
    long_text = " ".join(story) * 8
    return [*story, *article, *training, *HOSTILE, long_text]


def one_shot(html: str, mode: str = "eng-spa") -> str:
    """What today's one ``apertium -f html-noent`` process gives for ``html``."""
    done = subprocess.run(
        ["apertium", "-f", "html-noent", mode],
        input=html,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return done.stdout


@pytest.fixture()
def folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's own socket folder (``$XDG_RUNTIME_DIR/tx``); its servers are stopped after."""
    runtime = Path(tempfile.mkdtemp(prefix="tx-t-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield runtime / "tx"
    apertium_client.stop_servers(runtime / "tx")
    shutil.rmtree(runtime, ignore_errors=True)


def warm(html: str, mode: str = "eng-spa", keep_alive: float = 60) -> str | None:
    return apertium_client.translate(html, mode, keep_alive, 120.0)


def server_pid(folder: Path) -> int:
    [(_, pid)] = apertium_client.running_servers(folder)
    return pid


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the server's pipeline)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_the_kept_warm_pipeline_gives_apertiums_own_bytes(folder: Path) -> None:
    texts = corpus()
    whole = encode_batch(texts)
    assert warm(whole) == one_shot(whole)
    # Request after request, in other orders and sizes: nothing carries over between them.
    for batch in (texts[::-1], texts[:3], [texts[-1]], HOSTILE, texts[5:40:3]):
        html = encode_batch(batch)
        assert warm(html) == one_shot(html), batch[:2]
    for text in HOSTILE:
        html = encode_batch([text])
        assert warm(html) == one_shot(html), text
    assert warm('<p id="tx0">Raw <b>markup</b> &amp; ~ the dog.</p>') == one_shot(
        '<p id="tx0">Raw <b>markup</b> &amp; ~ the dog.</p>'
    )
    assert len(apertium_client.running_servers(folder)) == 1  # one server served them all


def test_the_other_direction_has_its_own_server(folder: Path) -> None:
    if not _ENGINE.supports("es", "en"):
        pytest.skip("apertium spa-eng is not installed")
    html = encode_batch(["El perro es grande.", "La casa de mi padre ~ *x."])
    assert warm(html, "spa-eng") == one_shot(html, "spa-eng")
    assert warm(encode_batch(["The dog."])) == one_shot(encode_batch(["The dog."]))
    names = sorted(path.name for path, _ in apertium_client.running_servers(folder))
    assert [name.split("-")[1:3] for name in names] == [["eng", "spa"], ["spa", "eng"]]


def test_the_engine_gives_the_same_outputs_both_ways(folder: Path) -> None:
    texts = [t for t in corpus() if t.strip()][:60]
    kept = ApertiumEngine(keep_alive=60).translate(texts, "en", "es")
    assert kept == ApertiumEngine().translate(texts, "en", "es")
    assert len(apertium_client.running_servers(folder)) == 1
    assert [o.text for o in ApertiumEngine(keep_alive=60).translate(["", " "], "en", "es")] == [
        "",
        "",
    ]


def test_two_clients_at_once_get_their_own_answers(folder: Path) -> None:
    texts = [t for t in corpus() if t.strip()]
    batches = [encode_batch(texts[i::4]) for i in range(4)]
    expected = [one_shot(html) for html in batches]
    warm(batches[0])  # the server is up
    answers: dict[int, list[str | None]] = {}

    def client(number: int) -> None:
        answers[number] = [warm(batches[(number + k) % 4]) for k in range(6)]

    threads = [threading.Thread(target=client, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for number, got in answers.items():
        assert got == [expected[(number + k) % 4] for k in range(6)]


def test_a_killed_server_means_one_shot_then_a_new_server(folder: Path) -> None:
    texts = ["The dog is big.", "I have a house."]
    engine = ApertiumEngine(keep_alive=60)
    expected = ApertiumEngine().translate(texts, "en", "es")
    assert engine.translate(texts, "en", "es") == expected
    first = server_pid(folder)
    pipeline = children(first)
    assert pipeline
    os.kill(first, signal.SIGKILL)
    assert wait_for(lambda: not alive(first))
    assert wait_for(lambda: not any(alive(pid) for pid in pipeline))  # stdin closed: they end
    assert list(folder.glob("*.sock"))  # the stale socket is still there
    assert engine.translate(texts, "en", "es") == expected
    second = server_pid(folder)
    assert second != first
    # Its pipeline killed, the server answers "failed", the engine runs apertium itself, and
    # the server goes.
    for pid in children(second):
        os.killpg(pid, signal.SIGKILL)
        break
    assert engine.translate(texts, "en", "es") == expected
    assert wait_for(lambda: not alive(second))


def test_keep_alive_zero_starts_no_server(folder: Path, tmp_path: Path) -> None:
    texts = ["The dog is big."]
    assert ApertiumEngine(keep_alive=0).translate(texts, "en", "es")[0].text == (
        "El perro es grande."
    )
    engine = create("apertium", EngineOptions(apertium_keep_alive=0))
    assert engine.translate(texts, "en", "es")[0].text == "El perro es grande."
    assert apertium_client.running_servers(folder) == []
    assert not folder.exists() or not list(folder.glob("*.sock"))
    workspace.init(tmp_path)
    config = tmp_path / "tx.toml"
    text = config.read_text("utf-8")
    assert "\napertium_keep_alive = 300\n" in text  # the template says what it does
    config.write_text(text.replace("apertium_keep_alive = 300", "apertium_keep_alive = 0"), "utf-8")
    (tmp_path / "articles" / "dog.txt").write_text("The dog is big.\n", "utf-8")
    command = ["translate", "dog", "--to", "es", "--engine", "apertium"]
    done = subprocess.run(
        [*TX, "--workspace", str(tmp_path), *command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert apertium_client.running_servers(folder) == []


def test_an_idle_server_exits_with_its_pipeline(folder: Path) -> None:
    assert warm(encode_batch(["The dog is big."]), keep_alive=1) is not None
    pid = server_pid(folder)
    pipeline = children(pid)
    assert wait_for(lambda: not alive(pid), 20)
    assert wait_for(lambda: not any(alive(p) for p in pipeline))
    assert not list(folder.glob("*.sock"))
    assert apertium_client.running_servers(folder) == []


@pytest.mark.parametrize("problem", ["loose", "symlink", "foreign"])
def test_an_unsafe_socket_folder_is_refused(
    problem: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="tx-u-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    try:
        if problem == "loose":
            (runtime / "tx").mkdir(mode=0o755)
            (runtime / "tx").chmod(0o755)
        elif problem == "symlink":
            (tmp_path / "elsewhere").mkdir(mode=0o700)
            (runtime / "tx").symlink_to(tmp_path / "elsewhere")
        else:
            if os.getuid() != 0:
                pytest.skip("giving a folder to another user needs root")
            (runtime / "tx").mkdir(mode=0o700)
            os.chown(runtime / "tx", 65534, 65534)
        assert apertium_client.socket_folder() is None
        assert warm(encode_batch(["The dog is big."])) is None
        outputs = ApertiumEngine(keep_alive=60).translate(["The dog is big."], "en", "es")
        assert outputs[0].text == "El perro es grande."  # one apertium process instead
        assert not list((runtime / "tx").glob("*.sock"))
        assert not list((tmp_path / "elsewhere").glob("*")) if problem == "symlink" else True
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_a_new_mode_file_gets_a_new_server_and_retires_the_old(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "apertium"
    (data / "modes").mkdir(parents=True)
    mode = data / "modes" / "eng-spa.mode"
    shutil.copyfile("/usr/share/apertium/modes/eng-spa.mode", mode)
    monkeypatch.setenv("APERTIUM_DATADIR", str(data))
    html = encode_batch(["The dog is big."])
    expected = one_shot(html)
    assert warm(html) == expected
    old = server_pid(folder)
    [(old_socket, _)] = apertium_client.running_servers(folder)
    # An upgrade: the package manager writes a new mode file in its place.
    replacement = data / "modes" / "eng-spa.new"
    replacement.write_text(mode.read_text("utf-8"), "utf-8")
    replacement.replace(mode)
    assert warm(html) == expected
    assert wait_for(lambda: not alive(old))  # it saw its mode file change
    [(new_socket, new)] = apertium_client.running_servers(folder)
    assert new != old and new_socket != old_socket


def test_a_server_checks_the_identity_it_is_started_for(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    mode = Path("/usr/share/apertium/modes/eng-spa.mode")
    path = folder / apertium_client.socket_name("eng-spa", "0000000000000000")
    script = apertium_server.__file__
    done = subprocess.run(
        [sys.executable, "-I", "-S", script, str(path), str(mode), "0000000000000000", "60"],
        timeout=30,
    )
    assert done.returncode == 0
    assert not path.exists()  # a server for another version of the mode file never listens


def test_requests_are_bounded_and_strangers_refused(folder: Path) -> None:
    assert warm("x" * (apertium_server.MAX_REQUEST + 1)) is None
    assert warm("a\0b") is None
    assert warm(encode_batch(["The dog."])) is not None
    [(path, _)] = apertium_client.running_servers(folder)
    assert path.stat().st_mode & 0o777 == 0o600
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(str(path))
        header = apertium_server.REQUEST.pack(
            apertium_server.MAGIC, apertium_server.VERSION, 60, 10.0, 1 << 40
        )
        connection.sendall(header)
        magic, status, _ = apertium_server.REPLY.unpack(
            apertium_server.read_exact(connection, apertium_server.REPLY.size)
        )
        assert (magic, status) == (apertium_server.MAGIC, apertium_server.FAILED)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(str(path))
        connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = apertium_server.read_exact(connection, apertium_server.REPLY.size)
        assert apertium_server.REPLY.unpack(reply)[1] == apertium_server.FAILED
    assert warm(encode_batch(["The dog."])) is not None  # still serving


def test_stopping_servers_leaves_nothing_behind(folder: Path) -> None:
    assert warm(encode_batch(["The dog."])) is not None
    pid = server_pid(folder)
    pipeline = children(pid)
    assert apertium_client.stop_servers(folder) == 1
    assert wait_for(lambda: not alive(pid) and not any(alive(p) for p in pipeline))
    assert apertium_client.running_servers(folder) == []
    assert not list(folder.glob("*.sock"))


def test_tx_engines_shows_a_kept_warm_pipeline(folder: Path) -> None:
    from translate.translation.engines import availability

    def settings() -> str:
        [row] = [r for r in availability.served() if r.models == "eng-spa"]
        return row.settings

    assert settings() == "rule-based"
    assert warm(encode_batch(["The dog."])) is not None
    assert settings() == f"rule-based, kept warm (pid {server_pid(folder)})"


def test_tx_engines_stop_ends_the_kept_warm_pipelines(folder: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from translate.cli import app

    assert warm(encode_batch(["The dog."])) is not None
    pid = server_pid(folder)
    pipeline = children(pid)
    runner = CliRunner()
    outside = ["--workspace", str(tmp_path), "engines", "--stop"]
    result = runner.invoke(app, outside)
    assert result.exit_code == 0
    assert result.output.startswith("stopped 1 kept-warm apertium pipeline(s) and ")
    assert wait_for(lambda: not alive(pid) and not any(alive(p) for p in pipeline))
    result = runner.invoke(app, outside)
    assert result.exit_code == 0 and result.output.startswith("stopped 0 ")


def test_stop_signals_only_a_server_process(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True)
    lock = folder / "apertium-eng-spa-0123456789abcdef-01234567.sock.lock"
    stranger = subprocess.Popen(["sleep", "30"])
    try:
        lock.write_text(str(stranger.pid))
        with lock.open() as held:  # a lock held, naming a process that is no server
            import fcntl

            fcntl.flock(held, fcntl.LOCK_EX)
            assert apertium_client.stop_servers(folder, wait=0.1) == 0
            assert stranger.poll() is None
    finally:
        stranger.kill()
        stranger.wait()
