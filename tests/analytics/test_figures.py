"""The sums of tx report on records written by hand: every figure computed on paper."""

from __future__ import annotations

import datetime as dt

import pytest

from translate.analytics.calibration import propose
from translate.analytics.evidence import Reviewed, hours_between
from translate.analytics.figures import Filters, build

UNTOUCHED = "la casa blanca dijo"


def rec(
    lang: str = "es",
    engine: str = "argos",
    *,
    draft: str = UNTOUCHED,
    final: str = UNTOUCHED,
    flags: tuple[str, ...] = (),
    score: float | None = None,
    by: str = "Ana",
    approved: str = "2026-12-01T12:00:00+00:00",
    slug: str = "story",
) -> Reviewed:
    return Reviewed(
        slug=slug, lang=lang, engine=engine, model=f"{engine}:x", words=4,
        edited=draft.split() != final.split(), char_distance=0.0 if draft == final else 0.5,
        word_edit_rate=0.0 if draft == final else 0.25, flags=flags, score=score, by=by,
        drafted="2026-12-01T10:00:00+00:00", approved=approved,
        hours=hours_between("2026-12-01T10:00:00+00:00", approved),
    )  # fmt: skip


def test_checks_precision_and_misses() -> None:
    items = [
        rec(flags=("glossary",), final="la Casa Blanca dijo"),  # flagged, edited
        rec(flags=("glossary", "number")),  # flagged twice, not edited
        rec(flags=("number",), final="otra cosa"),  # flagged, edited
        rec(final="cambiada"),  # edited, no flag: a miss
        rec(),  # untouched
    ]
    report = build(items)
    checks = {c.code: c for c in report.checks}
    assert (checks["glossary"].flagged, checks["glossary"].edited) == (2, 1)
    assert checks["glossary"].precision == 0.5
    assert (checks["number"].flagged, checks["number"].edited) == (2, 1)
    assert report.unflagged_edits == 1
    assert report.total.segments == 5 and report.total.unchanged == 2
    assert report.total.unchanged_share == pytest.approx(0.4)
    assert report.total.terms_corrected == 1  # the glossary flag followed by an edit
    assert report.total.words == 20
    assert report.total.char_distance == pytest.approx(3 * 0.5 / 5)
    assert report.total.hours_median == pytest.approx(2.0)


def test_bands_weeks_people_and_filters() -> None:
    items = [
        rec(score=-0.1),  # high, kept
        rec(score=-0.2, final="x"),  # high, edited
        rec(score=-0.5, final="x"),  # medium, edited
        rec(score=-2.0, final="x", by="Luc", lang="fr"),  # low, edited
        rec(engine="apertium", approved="2026-12-08T09:00:00+00:00"),  # no score, kept
    ]
    report = build(items, by_person=True)
    bands = {b.band: (b.segments, b.edited) for b in report.bands}
    assert bands == {"high": (2, 1), "medium": (1, 1), "low": (1, 1), "no score": (1, 0)}
    weeks = {g.key: g.segments for g in report.by_week}
    assert weeks == {("2026-W49", "es"): 3, ("2026-W49", "fr"): 1, ("2026-W50", "es"): 1}
    assert {g.key: g.segments for g in report.by_person} == {("Ana",): 4, ("Luc",): 1}
    assert build(items).by_person == ()
    since = build(items, Filters(since=dt.date(2026, 12, 5)))
    assert since.total.segments == 1
    assert build(items, Filters(lang="fr")).total.segments == 1
    assert build(items, Filters(engine="apertium")).total.segments == 1


def test_calibration_finds_where_edits_begin() -> None:
    items = [rec(score=-1.5 + i * 0.05, final="x" if i < 12 else UNTOUCHED) for i in range(30)]
    (proposal,) = propose(items)
    assert proposal.segments == 30 and proposal.note == ""
    # sentences below -0.9 (i < 12) were all edited: medium starts where edits stop being most
    assert -0.95 <= proposal.medium_from <= -0.5
    assert proposal.high_from >= proposal.medium_from
    few = propose(items[:5])[0]
    assert "at least 20" in few.note
