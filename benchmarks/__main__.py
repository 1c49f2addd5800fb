"""``python -m benchmarks`` (``make bench``): run every case, print the table, save JSON.

    python -m benchmarks [--runs 5] [--warmup 1]
                         [--only argos,apertium,startup,workspace,segmentation,memory,
                                 memory-scale,article-scale] [--full]
    python -m benchmarks --only memory-scale    (case 14: memories of 10k to 1M units; minutes)
    python -m benchmarks --only article-scale   (case 15: articles of 1k to 50k sentences)

TX_BENCH_MEMORY_SIZES and TX_BENCH_ARTICLE_SIZES (comma-separated) change the sizes of 14, 15.
    python -m benchmarks --only argos-es    (cases 1, 2 and 4 alone)
    python -m benchmarks --only backlog     (case 10, not in the default run: minutes)
    python -m benchmarks --only cluster     (case 11: Ray workers against local; minutes)
    python -m benchmarks --only report      (case 12: tx report, 1,000 articles x 3 languages)
    python -m benchmarks --only checks      (case 13: tx check lines/s, eleven languages)

Results go to ``benchmarks/results/bench-<time>.json`` and ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import (
    cases_backlog,
    cases_checks,
    cases_cluster,
    cases_memory,
    cases_report,
    cases_scale,
    cases_segmentation,
    cases_translate,
    cases_workspace,
)
from benchmarks.harness import Comparison, format_table
from translate import serving

RESULTS = Path(__file__).resolve().parent / "results"
REPO = Path(__file__).resolve().parents[1]
GROUPS = (
    "argos",
    "apertium",
    "startup",
    "workspace",
    "segmentation",
    "memory",
    "memory-scale",
    "article-scale",
)
# argos-es: cases 1, 2 and 4 alone
OPTIONAL_GROUPS = ("argos-es", "backlog", "cluster", "report", "checks")


def run(groups: list[str], runs: int, warmup: int, full: bool) -> list[Comparison]:
    """Run the chosen case groups in a scratch folder; returns every comparison.

    tx's modules are compiled to bytecode first, as pip does when it installs a package: an
    editable checkout run with PYTHONDONTWRITEBYTECODE set (as on CI machines) would otherwise
    compile some fifty modules again in every timed command (about 0.13 s each time).
    """
    compileall.compile_dir(REPO / "translate", quiet=1)
    # Every tx run is a whole process of its own (its CPU time and peak memory are what wait4
    # reports); cases 5 and 6 add runs served by tx's command server, named as such.
    os.environ[serving.SETTING] = "0"
    comparisons: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="tx-bench-") as tmp:
        work = Path(tmp)
        for group in groups:
            started = time.perf_counter()
            print(f"[bench] {group} ...", file=sys.stderr, flush=True)
            if group == "argos":
                comparisons += cases_translate.argos_cases(work / "argos", runs, warmup)
            elif group == "apertium":
                comparisons += cases_translate.apertium_case(work / "apertium", runs, warmup)
            elif group == "startup":
                comparisons += cases_workspace.startup_cases(runs, warmup)
            elif group == "memory":
                comparisons += cases_memory.memory_cases(work / "memory", runs, warmup)
            elif group == "memory-scale":
                comparisons += cases_scale.memory_cases(work / "memory-scale", min(runs, 3))
            elif group == "article-scale":
                comparisons += cases_scale.article_cases(work / "article-scale", min(runs, 3))
            elif group == "segmentation":
                comparisons += cases_segmentation.segmentation_cases(
                    work / "segmentation", runs, warmup
                )
            elif group == "argos-es":
                comparisons += cases_translate.argos_cases(
                    work / "argos", runs, warmup, three=False
                )
            elif group == "backlog":
                comparisons += cases_backlog.backlog_cases(work / "backlog")
            elif group == "report":
                comparisons += cases_report.report_cases(work / "report", runs, warmup)
            elif group == "checks":
                comparisons += cases_checks.check_cases(work / "checks", runs, warmup)
            elif group == "cluster":
                comparisons += cases_cluster.cluster_cases(work / "cluster", runs, warmup)
            elif group == "workspace":
                comparisons += cases_workspace.workspace_cases(
                    work / "workspace", runs, warmup, full=full
                )
            print(
                f"[bench] {group} done in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    return comparisons


def throughput_lines(comparisons: list[Comparison]) -> list[str]:
    """Sentences per second (wall) and per CPU-second, for the cases that record them."""
    lines = []
    for c in comparisons:
        if "sentences_per_cpu_second" in c.extra:
            lines.append(
                f"{c.case}: {c.extra['sentences_per_second_wall']:.2f} sentences/s wall, "
                f"{c.extra['sentences_per_cpu_second']:.2f} sentences per CPU-second "
                f"(per core), whole process; command: {c.a.label}"
            )
        if "large_sentences_per_second" in c.extra:
            lines.append(
                f"{c.case}: {c.extra['large_translations']} sentence translations at "
                f"{c.extra['large_sentences_per_second']:.0f} sentences/s, peak "
                f"{c.extra['large_peak_mb']:.0f} MB; {c.extra['small_translations']} at "
                f"{c.extra['small_sentences_per_second']:.0f} sentences/s, peak "
                f"{c.extra['small_peak_mb']:.0f} MB"
            )
    return lines


def main() -> None:
    """Parse the options, run, print and save."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument("--only", default=",".join(GROUPS), help="case groups, comma-separated")
    parser.add_argument("--full", action="store_true", help="run pandoc at 1,000 articles too")
    options = parser.parse_args()
    groups = [g.strip() for g in options.only.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS + OPTIONAL_GROUPS]
    if unknown:
        choices = ", ".join(GROUPS + OPTIONAL_GROUPS)
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {choices}")
    started = time.perf_counter()
    load_before = os.getloadavg()
    comparisons = run(groups, options.runs, options.warmup, options.full)
    total = time.perf_counter() - started
    table = format_table(comparisons)
    print(table)
    lines = throughput_lines(comparisons) + cases_cluster.cluster_lines(comparisons)
    for line in lines + cases_checks.check_lines(comparisons):
        print(line)
    for line in cases_scale.growth_lines(comparisons):
        print(line)
    for line in cases_translate.SKIPPED:
        print(line)
    print(
        f"total {total:.0f} s on {os.cpu_count()} cores; load average before "
        f"{load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    RESULTS.mkdir(exist_ok=True)
    report = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "total_seconds": total,
        "runs": options.runs,
        "warmup": options.warmup,
        "cases": [c.to_dict() for c in comparisons],
        "throughput": throughput_lines(comparisons) + cases_cluster.cluster_lines(comparisons),
        "skipped": cases_translate.SKIPPED,
    }
    text = json.dumps(report, indent=2) + "\n"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    print(f"results: {RESULTS / f'bench-{stamp}.json'}")


if __name__ == "__main__":
    main()
