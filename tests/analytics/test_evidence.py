"""Reading the evidence of tx report: many work files read by two processes give the same
records as one process, and a damaged or hostile work file is named with its fix while the
others are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import tx
from support.reviewed_files import DRAFTED, reviewed_workspace

from translate import workspace
from translate.analytics import evidence, evidence_cache


@pytest.fixture
def ws(tmp_path: Path) -> workspace.Workspace:
    return reviewed_workspace(tmp_path)


def test_two_processes_give_the_records_of_one(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = evidence.read_files([path for _, path in ws.work_files()])
    monkeypatch.setattr(evidence, "CHUNK", 5)  # 24 files: two processes
    shared = evidence.collect(ws)
    assert shared == alone
    found, failed = shared
    assert len(found) == 24 * 4 and not failed
    assert sum(item.edited for item in found) == 48
    assert {item.drafted for item in found} == {DRAFTED.date}
    assert all(item.hours == pytest.approx(30.0) for item in found)


HOSTILE = {
    "story-00": "{not json",
    "story-01": '{"format": "tx-translation/1", "revision": ' + "9" * 5000 + "}",
    "story-02": "[" * 100_000,
}


def test_a_damaged_work_file_is_named_with_its_fix_and_the_rest_reported(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    for slug, text in HOSTILE.items():
        ws.work_file(slug, "es").write_text(text, encoding="utf-8")
    bell = json.loads(ws.work_file("story-03", "es").read_text(encoding="utf-8"))
    bell["segments"][0]["draft"]["target"] = "a bell \u0007"
    ws.work_file("story-03", "es").write_text(json.dumps(bell), encoding="utf-8")
    wrong = json.loads(ws.work_file("story-04", "es").read_text(encoding="utf-8"))
    wrong["segments"][1]["state"] = 5
    ws.work_file("story-04", "es").write_text(json.dumps(wrong), encoding="utf-8")
    for chunk in (10_000, 5):  # one process, then two
        monkeypatch.setattr(evidence, "CHUNK", chunk)
        evidence_cache.cache_path(ws).unlink(missing_ok=True)  # every file read
        code, output = tx(ws, "report")
        assert code == 1 and "Traceback" not in output
        named = [line for line in output.splitlines() if line.startswith("not read: ")]
        assert len(named) == 5
        for slug in (*HOSTILE, "story-03", "story-04"):
            line = next(line for line in named if f"{slug}.json" in line)
            assert "tx repair" in line and line.count(f"{slug}.json") == 1, line
        assert "control character U+0007" in output
        assert output.startswith(f"{(24 - 5) * 4} reviewed machine sentences")
