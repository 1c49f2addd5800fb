"""The evidence kept between runs of tx report: used only for work files whose bytes did not
change, and never trusted blindly (a tampered, foreign, oversized or linked cache is refused
and rebuilt from the work files)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.reviewed_files import reviewed_workspace

from translate import workspace
from translate.analytics import evidence, evidence_cache
from translate.workspace import drafts


@pytest.fixture
def ws(tmp_path: Path) -> workspace.Workspace:
    return reviewed_workspace(tmp_path / "ws")


def _unread(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every work file read from now on."""
    read: list[Path] = []
    original = drafts.read

    def reading(path: Path) -> drafts.Drafts:
        read.append(path)
        return original(path)

    monkeypatch.setattr(drafts, "read", reading)
    return read


def test_a_second_run_reads_no_unchanged_work_file(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = evidence_cache.collect(ws)
    assert cold == evidence.collect(ws) and len(cold[0]) == 96
    assert evidence_cache.cache_path(ws).is_file()
    read = _unread(monkeypatch)
    assert evidence_cache.collect(ws) == cold
    assert read == []


def test_a_changed_work_file_is_read_again(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence_cache.collect(ws)
    path = ws.work_file("story-03", "es")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][0]["target"] = "otra cosa"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    read = _unread(monkeypatch)
    found, _ = evidence_cache.collect(ws)
    assert read == [path]
    assert found == evidence.collect(ws)[0]


def test_the_same_size_and_time_with_other_bytes_is_read_again(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence_cache.collect(ws)
    path = ws.work_file("story-05", "fr")
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace('"Ana Ruiz"', '"Ana Ruix"', 1)
    assert len(changed) == len(text) and changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    read = _unread(monkeypatch)
    found, _ = evidence_cache.collect(ws)
    assert read == [path]
    assert "Ana Ruix" in {item.by for item in found}


def _tampered(data: bytes) -> bytes:
    return data.replace(b'"Ana Ruiz"', b'"Mallory"')


@pytest.mark.parametrize(
    "damage",
    [
        _tampered,  # figures changed by hand: the HMAC no longer verifies
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"",
        lambda data: b"\x00\xff" * 1000,
        lambda data: data.replace(b"\t", b" "),
    ],
)
def test_a_damaged_or_tampered_cache_is_rebuilt(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    cold = evidence_cache.collect(ws)
    cache = evidence_cache.cache_path(ws)
    cache.write_bytes(damage(cache.read_bytes()))  # type: ignore[operator]
    read = _unread(monkeypatch)
    assert evidence_cache.collect(ws) == cold
    assert len(read) == 24  # every work file read again
    assert evidence_cache.load(ws)  # and the cache written anew


def test_a_cache_from_another_workspace_is_not_used(
    ws: workspace.Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = reviewed_workspace(tmp_path / "other", articles=12)
    evidence_cache.collect(other)
    evidence_cache.cache_path(ws).parent.mkdir(parents=True, exist_ok=True)
    evidence_cache.cache_path(ws).write_bytes(evidence_cache.cache_path(other).read_bytes())
    assert evidence_cache.load(ws) == {}  # another key


def test_a_line_of_another_shape_is_refused_alone(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = evidence_cache.collect(ws)
    saved = evidence_cache.load(ws)
    name = "es/story-01.json"
    values, columns = json.loads(saved[name].encoded)
    columns[4][0] = "many"  # a count of words given as text
    rows = [values, columns]
    saved[name] = saved[name]._replace(encoded=json.dumps(rows).encode())
    evidence_cache.save(ws, saved)  # signed, as a bug of tx's own would be
    read = _unread(monkeypatch)
    assert evidence_cache.collect(ws) == cold
    assert read == [ws.work_file("story-01", "es")]


def test_a_linked_or_oversized_cache_is_not_read(
    ws: workspace.Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence_cache.collect(ws)
    cache = evidence_cache.cache_path(ws)
    monkeypatch.setattr(evidence_cache, "MAX_BYTES", cache.stat().st_size - 1)
    assert evidence_cache.load(ws) == {}
    monkeypatch.undo()
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(cache.read_bytes())
    cache.unlink()
    cache.symlink_to(outside)
    assert evidence_cache.load(ws) == {}


def test_a_deleted_work_file_leaves_the_cache(ws: workspace.Workspace) -> None:
    evidence_cache.collect(ws)
    ws.work_file("story-02", "fr").unlink()
    found, _ = evidence_cache.collect(ws)
    assert "fr/story-02.json" not in evidence_cache.load(ws)
    assert found == evidence.collect(ws)[0] and len(found) == 92


def test_a_cache_that_cannot_be_written_is_skipped(ws: workspace.Workspace) -> None:
    evidence_cache.cache_path(ws).mkdir(parents=True)  # a folder where the cache belongs
    assert evidence_cache.collect(ws) == evidence.collect(ws)
    assert evidence_cache.collect(ws) == evidence.collect(ws)


def test_records_read_back_as_they_were_encoded(ws: workspace.Workspace) -> None:
    found, _ = evidence.collect(ws)
    odd = found[0]._replace(score=None, flags=("glossary", "number"), by="", drafted="")
    odd = odd._replace(hours=evidence.hours_between(odd.drafted, odd.approved))
    for records in ([], found[:7], [odd, *found[:3]]):
        assert evidence_cache.decode(evidence_cache.encode(records)) == records


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"[]",
        b"[[], []]",
        b'[["a"], [[0], [0]]]',  # two columns of thirteen
        b'[["a"], [[0],[0],[0],[0],[1],[false],[0.0],[0.0],[5],[null],[0],[0],[0]]]',
        b'[["a"], [[-1],[0],[0],[0],[1],[false],[0.0],[0.0],[0],[null],[0],[0],[0]]]',
        b'[["a",[]], [[0],[0],[0],[0],[true],[false],[0.0],[0.0],[1],[null],[0],[0],[0]]]',
        b'[["a",[]], [[0],[0],[0],[0],[1],[false],[0.0],[0.0],[1],[null],[0],[0]]]',
        b'[["a",[]], [[0],[0],[0],[0],[1],[false],[0.0],[0.0],[1],[null],[0],[0],[0,0]]]',
        b'[["a",[]], [[0],[0],[0],[1],[1],[false],[0.0],[0.0],[1],[null],[0],[0],[0]]]',
        b"[" * 100_000,
    ],
)
def test_a_line_of_another_shape_reads_as_nothing(line: bytes) -> None:
    assert evidence_cache.decode(line) is None
    good = b'[["a",[]], [[0],[0],[0],[0],[1],[false],[0.0],[0.0],[1],[null],[0],[0],[0]]]'
    assert evidence_cache.decode(good) is not None
