"""Smoke tests of the segmentation benchmark (case 8): its corpus, contenders and workspace,
without timing anything."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import cases_segmentation
from translate import workspace


def test_both_contenders_split_the_golden_inputs() -> None:
    new = cases_segmentation.accuracy(cases_segmentation.splitter("new"))
    old = cases_segmentation.accuracy(cases_segmentation.splitter("old"))
    assert set(new) == set(old) >= {"en", "es", "fr", "de", "ru", "uk", "zh", "ar"}
    assert all(right == total for right, total in new.values())
    assert sum(r for r, _ in old.values()) < sum(r for r, _ in new.values())


def test_the_golden_rule_style_suite_is_scored() -> None:
    suite = [cases_segmentation.GOLDEN_RULES]
    new = cases_segmentation.accuracy(cases_segmentation.splitter("new"), suite)
    old = cases_segmentation.accuracy(cases_segmentation.splitter("old"), suite)
    assert set(new) == {"en"} and new["en"][1] >= 50
    assert old["en"][0] < new["en"][0]


def test_generated_workspace_has_articles_in_every_language(tmp_path: Path) -> None:
    from translate.status import workspace_status

    root = cases_segmentation.generated_workspace(tmp_path / "ws", count=16)
    rows = workspace_status(workspace.load(root))
    assert {row.source_lang for row in rows if not row.missing} >= {"en", "de", "zh", "ar"}
    assert not any(row.stale for row in rows if not row.missing)


def test_the_sample_article_keeps_its_segment_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences both splitters agree on keep their ids: the sample's work files stay valid."""
    from translate.source import segments
    from translate.source.articles import read_article

    sample = Path(__file__).resolve().parents[1] / "articles" / "ukraine-guarantees-talks.md"
    article = read_article(sample, default_lang="en")
    now = [s.id for s in segments.segment_article(article)]
    monkeypatch.setattr(segments, "split_sentences", cases_segmentation.splitter("old"))
    before = [s.id for s in segments.segment_article(article)]
    assert now == before
