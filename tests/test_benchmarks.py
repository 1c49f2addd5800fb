"""Smoke tests of the benchmark harness's logic: medians, ratios, run order (no timing)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness
from benchmarks.harness import Command, Comparison, Sample


def _samples(*seconds: float) -> list[Sample]:
    return [Sample(s, int(s * 1000), s) for s in seconds]


def test_median_odd_and_even() -> None:
    assert harness.median([3.0, 1.0, 2.0]) == 2.0
    assert harness.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        harness.median([])


def test_ratio_and_zero_denominator() -> None:
    assert harness.ratio(1.0, 4.0) == 0.25
    assert harness.ratio(1.0, 0.0) == float("inf")


def test_pair_ratio_is_median_of_pairwise_ratios() -> None:
    a = _samples(1.0, 2.0, 10.0)
    b = _samples(2.0, 2.0, 2.0)
    # pairwise 0.5, 1.0, 5.0: the median pair, not median(a) / median(b) (= 1.0 here too)
    assert harness.pair_ratio(a, b, "seconds") == 1.0
    a = _samples(1.0, 1.0, 9.0)
    b = _samples(4.0, 1.0, 1.0)
    assert harness.pair_ratio(a, b, "seconds") == 1.0
    assert harness.median([s.seconds for s in a]) / harness.median([s.seconds for s in b]) == 1.0
    assert harness.pair_ratio(a, [], "seconds") is None


def test_schedule_alternates_after_warmup() -> None:
    assert harness.schedule(2, runs=2, warmup=1) == [
        (0, False),
        (1, False),
        (0, True),
        (1, True),
        (0, True),
        (1, True),
    ]
    order = [index for index, _ in harness.schedule(3, runs=5, warmup=0)]
    assert order == [0, 1, 2] * 5


def test_alternate_runs_commands_in_rotation(tmp_path: Path) -> None:
    log = tmp_path / "log"
    commands = [
        Command(
            name,
            ((sys.executable, "-c", f"open({str(log)!r}, 'a').write({name!r})"),),
            prepare=(lambda: None),
        )
        for name in "AB"
    ]
    samples = harness.alternate(commands, runs=2, warmup=1)
    assert log.read_text() == "ABABAB"
    assert [len(s) for s in samples] == [2, 2]
    assert all(s.seconds > 0 and s.max_rss_kb > 0 for side in samples for s in side)


def test_failed_command_raises_with_its_stderr() -> None:
    failing = Command("boom", ((sys.executable, "-c", "import sys; sys.exit('broken')"),))
    with pytest.raises(RuntimeError, match="broken"):
        harness.run_once(failing)


def test_comparison_targets_and_table() -> None:
    tx = Command("tx", (("true",),))
    peer = Command("peer", (("true",),))
    comparison = Comparison(
        "case",
        tx,
        peer,
        target_time=0.5,
        target_memory=0.5,
        a_samples=_samples(1.0, 1.0, 1.0),
        b_samples=_samples(4.0, 4.0, 4.0),
    )
    assert comparison.time_ratio == 0.25
    assert comparison.memory_ratio == 0.25
    assert comparison.passed is True
    comparison.target_time = 0.2
    assert comparison.passed is False
    table = harness.format_table([comparison])
    assert "case" in table and "NO" in table
    assert comparison.to_dict()["time_ratio"] == 0.25
    assert Comparison("alone", tx, None, a_samples=_samples(1.0)).passed is None


def test_checks_case_builds_5000_lines_per_language(tmp_path: Path) -> None:
    from benchmarks import cases_checks

    root = cases_checks.workspace(tmp_path, ("de", "zh"))
    for lang in ("de", "zh"):
        lines = (root / f"{lang}.tsv").read_text(encoding="utf-8").splitlines()
        assert len(lines) == cases_checks.LINES == 5000
        assert all(line.count("\t") == 1 for line in lines)
    assert (root / "glossaries" / "house.csv").is_file()
    comparison = Comparison("13 tx check de, 5000 lines", Command("a", ()), None)
    comparison.extra.update(lines_per_second=1234.4, lines_per_second_before=1300.0)
    assert cases_checks.check_lines([comparison]) == [
        "13 tx check de, 5000 lines: 1,234 lines/s (before: 1,300 lines/s)"
    ]


def test_growth_per_tenfold() -> None:
    from benchmarks.cases_scale import per_tenfold

    assert per_tenfold([1_000, 10_000], [1.0, 10.0]) == pytest.approx(10.0)  # linear
    assert per_tenfold([1_000, 100_000], [1.0, 10_000.0]) == pytest.approx(100.0)  # quadratic
    assert per_tenfold([1_000, 50_000], [2.0, 2.0]) == pytest.approx(1.0)  # constant
    assert per_tenfold([1_000], [1.0]) is None
