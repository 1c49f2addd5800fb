"""The kept-warm apertium pipeline runs the programs and data the environment of its first run
chose (``APERTIUM_PATH`` before ``PATH``, ``APERTIUM_DATADIR``, ...): a run whose environment
chooses others is never served by it, but by a pipeline of its own, while runs in the same
environment share one."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from translate.translation.engines import apertium_client
from translate.translation.engines.apertium import ApertiumEngine, encode_batch

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]
HTML = encode_batch(["The dog is big."])
DEBIAN = '<p id="tx0">El perro es grande.</p>\n'
SHOUTING = '<p id="tx0">El PERRO es grande.</p>\n'


@pytest.fixture()
def folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    runtime = Path(tempfile.mkdtemp(prefix="tx-e-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("APERTIUM_PATH", raising=False)
    folder = apertium_client.socket_folder()
    assert folder is not None
    yield folder
    apertium_client.stop_servers(folder)
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture()
def programs(tmp_path: Path) -> Path:
    """Another folder of apertium programs: Debian's, but its reformatter writes "perro" in
    capitals, so whichever pipeline answers shows in its output."""
    folder = tmp_path / "apertium-bin"
    folder.mkdir()
    reformatter = folder / "apertium-rehtml-noent"
    reformatter.write_text(
        "#!/bin/sh\n/usr/bin/apertium-rehtml-noent \"$@\" | sed 's/perro/PERRO/g'\n",
        encoding="utf-8",
    )
    reformatter.chmod(0o755)
    return folder


def _warm() -> str | None:
    return apertium_client.translate(HTML, "eng-spa", 60, 60)


def test_another_apertium_path_gets_a_pipeline_of_its_own(
    folder: Path, programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _warm() == DEBIAN
    [(debian, debian_pid)] = apertium_client.running_servers(folder)
    monkeypatch.setenv("APERTIUM_PATH", str(programs))
    assert _warm() == SHOUTING  # what `apertium` itself gives with this APERTIUM_PATH
    assert _warm() == SHOUTING
    servers = dict(apertium_client.running_servers(folder))
    assert len(servers) == 2 and servers[debian] == debian_pid  # one more, and only one
    monkeypatch.setenv("APERTIUM_PATH", "/usr/bin")  # Debian's own default: the same programs
    assert _warm() == DEBIAN
    assert dict(apertium_client.running_servers(folder)) == servers


@pytest.mark.parametrize(
    "name", ["APERTIUM_PATH", "PATH", "APERTIUM_DATADIR", "LD_LIBRARY_PATH", "LD_PRELOAD"]
)
def test_the_socket_names_the_environment_that_chooses_programs_and_data(
    name: str, folder: Path, programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    identity = "0123456789abcdef"
    before = apertium_client.socket_name("eng-spa", identity)
    assert apertium_client.socket_name("eng-spa", identity) == before
    monkeypatch.setenv(name, f"{programs}:/usr/bin")
    assert apertium_client.socket_name("eng-spa", identity) != before


def test_the_socket_name_ignores_what_chooses_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = apertium_client.socket_name("eng-spa", "0123456789abcdef")
    monkeypatch.setenv("HOME", "/elsewhere")
    monkeypatch.setenv("APERTIUM_PATH", "/usr/bin")  # the default, said aloud
    assert apertium_client.socket_name("eng-spa", "0123456789abcdef") == before


def test_tx_engines_shows_the_pipeline_of_this_environment(
    folder: Path, programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _warm() == DEBIAN
    [(_, pid)] = apertium_client.running_servers(folder)
    assert apertium_client.kept_warm() == {"eng-spa": pid}
    monkeypatch.setenv("APERTIUM_PATH", str(programs))
    assert apertium_client.kept_warm() == {}
