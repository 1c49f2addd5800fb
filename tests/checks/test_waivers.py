"""Waivers: a reviewer waives a false-alarm flag with a reason; it is recorded, shown,
honoured by the gate and lifted when the translation changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from support.fake_engine import FakeEngine
from support.reviewer import Reviewer
from typer.testing import CliRunner

from translate import workspace
from translate.checks import waivers
from translate.cli import app
from translate.models import Flag, Segment, State, TranslatedSegment, text_hash
from translate.publish.publishing import publish
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.translation.pipeline import translate
from translate.workspace import workfiles

runner = CliRunner()
NUMBER = Flag("number", "number '43 billion' not found in the translation")


def flagged_item(target: str = "43.000 millones de euros.") -> TranslatedSegment:
    return TranslatedSegment(
        Segment("s1", 1, "43 billion euros."), target, "reviewer", State.REVIEWED, (NUMBER,)
    )


def test_a_waiver_note_is_read() -> None:
    assert waivers.parse_note("waive: 43.000 millones is 43 billion") == (
        None,
        "43.000 millones is 43 billion",
    )
    assert waivers.parse_note("Waive number:  right  as written ") == ("number", "right as written")
    assert waivers.parse_note("waive") is None
    assert waivers.parse_note("waive:") is None
    assert waivers.parse_note("we should not waive this") is None


def test_a_waived_flag_no_longer_blocks_until_the_text_changes() -> None:
    item = waivers.add(flagged_item(), "number", "scale word", by="Ana", date="2026-12-01")
    assert item.open_flags == () and item.flags == (NUMBER,)
    [waiver] = item.active_waivers
    assert (waiver.code, waiver.reason, waiver.by, waiver.date) == (
        "number",
        "scale word",
        "Ana",
        "2026-12-01",
    )
    assert waiver.target == text_hash(item.target)
    edited = item.with_changes(target="43 mil millones de euros.")
    assert edited.active_waivers == () and edited.open_flags == (NUMBER,)


def test_nothing_to_waive_or_no_reason_is_refused() -> None:
    with pytest.raises(ValueError, match="no open 'glossary' flag to waive \\(open: number\\)"):
        waivers.add(flagged_item(), "glossary", "x", by="a", date="d")
    with pytest.raises(ValueError, match="needs a reason"):
        waivers.add(flagged_item(), None, " ", by="a", date="d")


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "budget.md").write_text(
        "---\ntitle: Budget\n---\n\nThe fund holds 43 billion euros. Russia said so.\n", "utf-8"
    )
    ws = workspace.load(tmp_path)
    translate(ws, ws.article_files(), ["es"], choose_engine=lambda s, t: FakeEngine())
    return ws


def approve_with_flag(ws: workspace.Workspace) -> str:
    """Every segment reviewed; the first sentence carries a number flag."""
    path = ws.work_file("budget", "es")
    translation = workfiles.load(path)
    items = [item.with_changes(state=State.REVIEWED, flags=()) for item in translation.segments]
    target = "El fondo tiene 43.000 millones de euros."
    items[1] = items[1].with_changes(target=target, flags=(NUMBER,))
    workfiles.save(path, replace(translation, segments=tuple(items)))
    return items[1].id


def test_waived_in_the_review_document_and_honoured_by_the_gate(ws: workspace.Workspace) -> None:
    segment_id = approve_with_flag(ws)
    assert publish(ws, langs=["es"]).blocked  # the number flag blocks
    document = export_review(ws, "budget", "es", today=dt.date(2026, 12, 1))
    reviewer = Reviewer(document)
    reviewer.retype(segment_id, "waive number: 43.000 millones is how we write 43 billion", 4)
    reviewer.save()
    report = import_review(ws, document)
    assert report.waived == (segment_id,) and report.saved
    item = {i.id: i for i in workfiles.load(ws.work_file("budget", "es")).segments}[segment_id]
    assert item.open_flags == () and item.active_waivers[0].reason.startswith("43.000 millones")
    assert not publish(ws, langs=["es"]).blocked
    result = runner.invoke(app, ["--workspace", str(ws.root), "status"])
    assert "waived: number 1" in result.output and "ready to publish" in result.output
    again = export_review(ws, "budget", "es", force=True)
    comments = Reviewer(again).document.part.package.parts
    texts = b"".join(p.blob for p in comments if p.partname.endswith("comments.xml"))
    assert b"waived by reviewer on" in texts


def test_tx_review_waive(ws: workspace.Workspace) -> None:
    segment_id = approve_with_flag(ws)
    args = ["--workspace", str(ws.root), "review", "waive", "budget", segment_id[:8]]
    result = runner.invoke(app, [*args, "--lang", "ES", "--reason", "house style", "--by", "Ana"])
    assert result.exit_code == 0, result.output
    assert f"waived number on {segment_id}" in result.output
    assert not publish(ws, langs=["es"]).blocked
    result = runner.invoke(app, [*args, "--lang", "es", "--reason", "again"])
    assert result.exit_code == 1 and "no open flag to waive" in result.output
    translate(ws, ws.article_files(), ["es"], choose_engine=lambda s, t: FakeEngine())
    item = {i.id: i for i in workfiles.load(ws.work_file("budget", "es")).segments}[segment_id]
    assert item.waivers and item.open_flags == ()  # kept: the translation did not change
