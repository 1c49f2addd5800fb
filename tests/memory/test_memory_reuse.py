"""Memory that helps reviewers: a corrected source reuses the reviewer's repaired translation
and shows what changed; fuzzy matches are used when safe, shown otherwise, and taken by
number in the review document."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest
from support.fake_engine import FakeEngine
from support.reviewer import Reviewer, cell_text, paragraphs

from translate import workspace
from translate.models import ORIGIN_FUZZY, State, TranslatedSegment
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.roundtrip.review.suggestions import INFO_MARK, chosen_match, word_diff
from translate.translation.pipeline import translate
from translate.workspace import workfiles

# 20 words and marks: one number changed scores 95
VOTE = (
    "The bill passed with {n} votes in the lower chamber of parliament on Monday evening "
    "after a long debate."
)
REVIEWED = (
    "El proyecto se aprobó con {n} votos en la cámara baja del parlamento el lunes por la "
    "noche tras un largo debate."
)


def write(ws: workspace.Workspace, slug: str, *sentences: str) -> Path:
    path = ws.articles_dir / f"{slug}.md"
    path.write_text(f"---\ntitle: {slug.title()} story\n---\n\n" + " ".join(sentences) + "\n")
    return path


def approve(ws: workspace.Workspace, slug: str, source: str, target: str) -> None:
    """A reviewer's translation of one sentence, approved."""
    path = ws.work_file(slug, "es")
    translation = workfiles.load(path)
    items = tuple(
        item.with_changes(target=target, origin="reviewer", state=State.REVIEWED)
        if item.segment.source == source
        else item
        for item in translation.segments
    )
    workfiles.save(path, replace(translation, segments=items, revision=translation.revision + 1))


def item_of(ws: workspace.Workspace, slug: str, source: str) -> TranslatedSegment:
    found = [
        i for i in workfiles.load(ws.work_file(slug, "es")).segments if i.segment.source == source
    ]
    assert len(found) == 1
    return found[0]


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    return workspace.load(tmp_path)


def test_word_diff_marks_struck_and_inserted_words() -> None:
    assert word_diff("passed with 412 votes", "passed with 414 votes") == [
        ("same", "passed with "),
        ("deleted", "412"),
        ("inserted", "414"),
        ("same", " votes"),
    ]
    assert [chosen_match(s) for s in ("1", " 2 ", "#1", "Match 2", "3", "final")] == [
        1, 2, 1, 2, None, None,
    ]  # fmt: skip


def test_a_one_number_correction_reuses_the_reviewers_translation(
    ws: workspace.Workspace,
) -> None:
    article = write(ws, "vote", VOTE.format(n=412), "Russia said so.")
    engine = FakeEngine()
    translate(ws, [article], ["es"], choose_engine=lambda s, t: engine)
    approve(ws, "vote", VOTE.format(n=412), REVIEWED.format(n=412))
    write(ws, "vote", VOTE.format(n=414), "Russia said so.")
    engine.calls.clear()
    [result] = translate(ws, [article], ["es"], choose_engine=lambda s, t: engine)
    assert engine.calls == [] and result.from_memory == 1
    item = item_of(ws, "vote", VOTE.format(n=414))
    assert item.target == REVIEWED.format(n=414)
    assert (item.origin, item.state, item.score) == (ORIGIN_FUZZY, State.TRANSLATED, 95.0)
    assert item.previous is not None
    assert (item.previous.source, item.previous.target) == (
        VOTE.format(n=412),
        REVIEWED.format(n=412),
    )

    document = export_review(ws, "vote", "es")
    table = docx.Document(str(document)).tables[1]
    cell = next(
        row.cells[1] for row in table.rows if cell_text(row.cells[1]).startswith(VOTE.format(n=414))
    )
    lines = [p.text for p in paragraphs(cell)]
    assert lines[1].startswith(f"{INFO_MARK} Source changed (95%): ")
    assert lines[2] == f"{INFO_MARK} Approved before: {REVIEWED.format(n=412)}"
    runs = {run.text: run for run in paragraphs(cell)[1].runs}
    assert runs["412"].font.strike and runs["414"].font.underline
    report = import_review(ws, document)  # the lines under the source are not an edit
    assert report.skipped == () and not report.saved


def test_fuzzy_matches_are_used_when_safe_and_offered_otherwise(ws: workspace.Workspace) -> None:
    first = write(
        ws, "first", VOTE.format(n=412), "Officials in Kyiv said the talks would resume next week."
    )
    engine = FakeEngine()
    translate(ws, [first], ["es"], choose_engine=lambda s, t: engine)
    approve(ws, "first", VOTE.format(n=412), REVIEWED.format(n=412))
    talks = (
        "Los funcionarios de Kyiv dijeron que las conversaciones se reanudarían la semana próxima."
    )
    approve(ws, "first", "Officials in Kyiv said the talks would resume next week.", talks)

    other = "Officials in Kyiv said the talks would resume next month."
    second = write(ws, "second", VOTE.format(n=430), other)
    translate(ws, [second], ["es"], choose_engine=lambda s, t: engine)
    used = item_of(ws, "second", VOTE.format(n=430))
    assert (used.target, used.origin) == (REVIEWED.format(n=430), ORIGIN_FUZZY)  # 95: used
    offered = item_of(ws, "second", other)
    assert offered.origin.startswith("fake") and offered.matches[0].score == 90
    assert offered.matches[0].target == talks

    document = export_review(ws, "second", "es")
    reviewer = Reviewer(document)
    assert f"{INFO_MARK} Match 1 (90%): " in cell_text(reviewer.row(offered.id).cells[1])
    reviewer.retype(offered.id, "1", column=3)
    reviewer.save()
    report = import_review(ws, document)
    assert report.changed == (offered.id,)
    taken = item_of(ws, "second", other)
    assert (taken.target, taken.state, taken.matches) == (talks, State.REVIEWED, ())
