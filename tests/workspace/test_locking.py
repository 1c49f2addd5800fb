"""The workspace lock: exclusive between processes, re-entrant within one, released when a
process dies, and the place where leftovers of killed commands are removed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from translate import workspace
from translate.errors import WorkspaceError
from translate.workspace import locking

HOLD = """
import sys, time
from pathlib import Path
from translate.workspace.locking import workspace_lock
with workspace_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(root: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the workspace lock for ``seconds``."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    return workspace.load(tmp_path)


def test_a_second_process_waits_then_gives_a_clear_error(ws: workspace.Workspace) -> None:
    holder = hold_lock(ws.root, 30)
    try:
        with pytest.raises(WorkspaceError) as caught, locking.workspace_lock(ws.root, timeout=0.3):
            pass
        message = str(caught.value)
        assert f"another tx command (process {holder.pid}) is writing" in message
        assert str(locking.lock_path(ws.root.resolve())) in message
        assert "TX_LOCK_TIMEOUT" in message
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_free_again_when_its_holder_is_killed(ws: workspace.Workspace) -> None:
    holder = hold_lock(ws.root, 60)
    holder.kill()  # SIGKILL: no clean-up code runs
    holder.wait()
    with locking.workspace_lock(ws.root, timeout=1):
        assert locking.holds_lock(ws.root)
    assert not locking.holds_lock(ws.root)


def test_waiting_writers_proceed_when_the_holder_finishes(ws: workspace.Workspace) -> None:
    holder = hold_lock(ws.root, 0.5)
    started = time.monotonic()
    with locking.workspace_lock(ws.root, timeout=20):
        waited = time.monotonic() - started
    holder.wait()
    assert waited > 0.2


def test_the_lock_is_reentrant_within_a_process(ws: workspace.Workspace) -> None:
    with locking.workspace_lock(ws.root), ws.lock():
        assert locking.holds_lock(ws.root)
    assert not locking.holds_lock(ws.root)


def test_leftover_temporary_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path
    leftovers = [
        root / "translations" / "es" / ".story.json.abc123.tx-tmp",
        root / "translations" / ".memory.tmx.x1.tx-tmp",
        root / "exports" / "review" / "de" / ".story.docx.q9.tx-tmp",
        root / "glossaries" / ".house.csv.zz.tx-tmp",
    ]
    kept = [
        root / "translations" / "es" / "story.json",
        root / "articles" / ".draft.md.tx-tmp",  # tx never writes in articles/
        root / "exports" / "es" / "notes.tmp",
        root / "elsewhere" / ".x.tx-tmp",
    ]
    for path in (*leftovers, *kept):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    removed = locking.remove_leftovers(root)
    assert sorted(removed) == sorted(leftovers)
    assert all(path.exists() for path in kept)


def test_fingerprint_tells_a_changed_file(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    assert locking.fingerprint(path) is None
    path.write_text("one")
    first = locking.fingerprint(path)
    path.write_text("two")
    assert locking.fingerprint(path) not in (None, first)
