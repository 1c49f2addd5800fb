"""FIFOs where tx reads files of its own (today's tx report, its evidence cache and the seal
key): refused or set aside at once, never waited on (a FIFO's open blocks until someone
writes to it)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from support.reviewed_files import reviewed_workspace

from translate import workspace
from translate.analytics import evidence_cache
from translate.checks import seal
from translate.errors import WorkFileError
from translate.workspace import workfiles

T = TypeVar("T")


def _promptly(call: Callable[[], T], fifo: Path) -> T:
    """``call()``'s result; fails (and frees the call by opening ``fifo`` to write) when it
    waits on the FIFO."""
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as error:  # handed to the test below
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail(f"waited on the FIFO {fifo.name}")
    if errors:
        raise errors[0]
    return result[0]


@pytest.fixture
def ws(tmp_path: Path) -> workspace.Workspace:
    return reviewed_workspace(tmp_path / "ws")


def test_a_fifo_for_the_evidence_cache_is_refused_not_waited_on(
    ws: workspace.Workspace,
) -> None:
    expected = evidence_cache.collect(ws)
    cache = evidence_cache.cache_path(ws)
    cache.unlink()
    os.mkfifo(cache)
    assert _promptly(lambda: evidence_cache.load(ws), cache) == {}
    assert _promptly(lambda: evidence_cache.collect(ws), cache) == expected


def test_a_fifo_for_the_seal_key_is_no_key(ws: workspace.Workspace) -> None:
    key = ws.root / ".tx" / seal.KEY_NAME
    key.parent.mkdir(exist_ok=True)
    key.unlink(missing_ok=True)
    os.mkfifo(key)
    assert _promptly(lambda: seal.workspace_key(ws), key) == b""


def test_a_fifo_for_a_work_file_is_named_with_its_fix(ws: workspace.Workspace) -> None:
    path = ws.work_file("story-03", "es")
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(WorkFileError, match="a FIFO, socket or device stands where"):
        _promptly(lambda: workfiles.load(path), path)
    records, failed = _promptly(lambda: evidence_cache.collect(ws), path)
    assert [item.path for item in failed] == [str(path)] and records
