"""Shared fixtures: the network blocked in-process; Argos model packages built once per
session and a temporary packages folder."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.argos_builder import build_argos_package

BuildArgos = Callable[..., Path]


@pytest.fixture(scope="session")
def build_argos(tmp_path_factory: pytest.TempPathFactory) -> BuildArgos:
    """``build_argos(from_code, to_code, **options)``: a built .argosmodel, cached per session."""
    cache: dict[tuple[object, ...], Path] = {}

    def build(from_code: str = "en", to_code: str = "es", **options: object) -> Path:
        key = (from_code, to_code, *sorted(options.items()))
        if key not in cache:
            folder = tmp_path_factory.mktemp(f"argos-{from_code}-{to_code}")
            cache[key] = build_argos_package(folder, from_code, to_code, **options)
        return cache[key]

    return build


@pytest.fixture(scope="session")
def argos_package_file(build_argos: BuildArgos) -> Path:
    """The tiny en->es .argosmodel file (built once per session)."""
    return build_argos("en", "es")


@pytest.fixture()
def argos_packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty Argos packages folder, set as ``$ARGOS_PACKAGES_DIR`` for the test."""
    from translate.translation.engines.argos import unload_models

    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    yield folder
    unload_models()


@pytest.fixture(scope="session", autouse=True)
def apertium_servers() -> Iterator[Path]:
    """The session's own folder for kept-warm apertium pipelines and tx command servers
    (``$XDG_RUNTIME_DIR/tx``, also for the tx processes tests start), whose servers are
    stopped when the session ends: the suite leaves no server running."""
    import os
    import shutil
    import tempfile

    from translate import serving
    from translate.translation.engines import apertium_client

    runtime = Path(tempfile.mkdtemp(prefix="tx-tests-"))  # short: socket paths are bounded
    before = {name: os.environ.get(name) for name in ("XDG_RUNTIME_DIR", serving.SETTING)}
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    # The `tx` processes tests start run in their own process; tests/launch serves them.
    os.environ[serving.SETTING] = "0"
    try:
        yield runtime / "tx"
    finally:
        apertium_client.stop_servers(runtime / "tx")
        serving.stop_servers()
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture()
def network_blocked(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every network connection attempt fails with OSError, as offline; the list records the
    attempts. Unix sockets (apertium's kept-warm pipeline) are no network and still connect."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network blocked by the test")

    def connect(self: socket.socket, address: object) -> None:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address)  # type: ignore[arg-type]
        refuse(self, address)

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture(scope="session")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small workspace with an article, a glossary, a work file and a review document."""
    from support.hostile import build_template

    return build_template(tmp_path_factory.mktemp("hostile") / "ws")


@pytest.fixture()
def hostile_workspace(hostile_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of ``hostile_template`` for one test."""
    import shutil

    return Path(shutil.copytree(hostile_template, tmp_path / "ws"))


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for files people look at after a run (screenshots, rendered pages):
    ``$TX_ARTEFACTS`` when set (CI keeps it), else one under pytest's base temporary folder.
    Its path and files are printed at the end of the run."""
    import os

    chosen = os.environ.get("TX_ARTEFACTS", "")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    _ARTEFACTS.append(folder)
    return folder


_ARTEFACTS: list[Path] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the run's artefacts (screenshots, rendered documents) are."""
    for folder in _ARTEFACTS:
        names = sorted(path.name for path in folder.iterdir())
        terminalreporter.write_line(f"artefacts in {folder}: {', '.join(names)}")
