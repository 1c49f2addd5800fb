"""tx status: states and flags per article and language, stale and missing work files."""

from __future__ import annotations

import json
from pathlib import Path

from support.fake_engine import FakeEngine

from translate import workspace
from translate.models import State
from translate.status import workspace_status
from translate.translation.pipeline import translate


def test_status_counts_states_flags_and_notices_changes(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    article = ws.articles_dir / "story.md"
    article.write_text(
        "---\ntitle: Talks\n---\n\nRussia is in Europe. It is 5.\n", encoding="utf-8"
    )
    translate(ws, [article], ["es"], choose_engine=lambda s, t: FakeEngine("normal"))
    rows = {(row.slug, row.lang): row for row in workspace_status(ws)}
    es = rows[("story", "es")]
    assert es.total == 3 and es.states[State.TRANSLATED] == 3 and not es.stale
    assert not es.publishable
    assert rows[("story", "fr")].missing and rows[("story", "de")].missing

    path = ws.work_file("story", "es")
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["segments"]:
        item["state"] = "reviewed"
    data["segments"][0]["flags"] = [{"code": "needs-work", "message": "check tone"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    es = {(r.slug, r.lang): r for r in workspace_status(ws)}[("story", "es")]
    assert es.flags["needs-work"] == 1 and not es.publishable

    article.write_text("---\ntitle: Talks\n---\n\nRussia is in Asia.\n", encoding="utf-8")
    es = {(r.slug, r.lang): r for r in workspace_status(ws)}[("story", "es")]
    assert es.stale
