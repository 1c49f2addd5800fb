"""Case 11: the same backlog translated locally and on a Ray cluster of one and two workers.

``tx translate --cluster ADDRESS`` sends the masked sentences to model workers (Ray actors)
and writes every work file itself. On a 2-core machine a cluster gains nothing; the case
measures what the cluster costs: connecting, starting workers and loading models there,
packing the model package into the object store, sending batches and results. The target is
one worker (both cores) within 1.3 times the local run's time; two workers of one core each
show how the work splits.

The benchmark starts a Ray instance of two CPUs (as `ray start --head` would) and the tx
runs connect to it by address, as on a real cluster; one more contender uses
``--cluster local`` and so pays for starting and stopping Ray itself. Contenders run in
rotation on copies of one backlog (``cases_backlog.backlog_workspace``): ``tx translate --to
es --engine argos`` locally, and on the cluster with ``cluster_workers`` x
``cluster_worker_cpus`` of 1 x 2 and 2 x 1. Times are whole tx processes; peak memory and CPU
time are the driver's alone (Ray's processes are not its children). The packages are the
benchmark's realistic builds (6+6 layers, d_model 512, int8; ``TX_BENCH_CLUSTER_MODEL=tiny``
for the test models).

The closing lines project the archive case (100,000 articles of 25 sentences into 6
languages, 15 million sentence translations) from the rate measured per worker core.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from benchmarks import packages
from benchmarks.cases_backlog import backlog_workspace
from benchmarks.harness import Command, Comparison, alternate

TX = str(Path(sys.executable).with_name("tx"))
ARTICLES = int(os.environ.get("TX_BENCH_CLUSTER_ARTICLES", "16"))
ARCHIVE = 100_000 * 25 * 6  # sentence translations in the archive case
# label, workers, CPUs each, address ("" local; "running": the benchmark's Ray instance)
SETUPS = (
    ("local", 0, 0, ""),
    ("1 worker x 2 CPUs", 1, 2, "running"),
    ("2 workers x 1 CPU", 2, 1, "running"),
    ("1 worker, Ray started by tx", 1, 2, "local"),
)
MAX_RUNS = 3  # every run translates the whole backlog: minutes each with the realistic model


def cluster_cases(work: Path, runs: int, warmup: int) -> list[Comparison]:
    """Case 11: local against one and two Ray workers, ``runs`` rounds in rotation."""
    size = os.environ.get("TX_BENCH_CLUSTER_MODEL", "realistic")
    pk = work / "packages"
    packages.install(pk, [("en", "es")], size=size)
    env = {"ARGOS_PACKAGES_DIR": str(pk), "RAY_USAGE_STATS_ENABLED": "0"}
    template = work / "backlog"
    sentences = backlog_workspace(template, ARTICLES)
    import logging

    import ray

    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR)
    try:
        running = ray.get_runtime_context().gcs_address
        commands = []
        for number, (label, workers, cpus, address) in enumerate(SETUPS):
            ws = work / f"setup-{number}"
            shutil.copytree(template, ws)
            argv: tuple[str, ...] = (TX, "translate", "--to", "es", "--engine", "argos")
            if workers:
                with (ws / "tx.toml").open("a", encoding="utf-8") as config:
                    config.write(f"cluster_workers = {workers}\ncluster_worker_cpus = {cpus}\n")
                argv += ("--cluster", running if address == "running" else address)
            commands.append(
                _command(f"{ARTICLES} articles ({sentences} sentences), {label}", ws, argv, env)
            )
        samples = alternate(commands, min(runs, MAX_RUNS), warmup)
    finally:
        ray.shutdown()
    comparisons = []
    for (label, workers, cpus, address), command, timed in zip(
        SETUPS[1:], commands[1:], samples[1:], strict=True
    ):
        comparison = Comparison(
            f"11 cluster {label} vs local",
            command,
            commands[0],
            target_time=1.3 if (workers, address) == (1, "running") else None,
            a_samples=timed,
            b_samples=samples[0],
            note=f"{size} models; the target is for one worker on a running cluster",
        )
        seconds = comparison.a_median
        local_seconds = comparison.b_median or seconds
        comparison.extra["sentences"] = sentences
        comparison.extra["sentences_per_second"] = sentences / seconds
        comparison.extra["local_sentences_per_second"] = sentences / local_seconds
        comparison.extra["sentences_per_second_per_core"] = sentences / seconds / (workers * cpus)
        comparison.extra["workers"] = workers
        comparison.extra["projection"] = address == "running" and workers == 1
        comparisons.append(comparison)
    return comparisons


def _command(label: str, ws: Path, argv: tuple[str, ...], env: dict[str, str]) -> Command:
    def reset() -> None:
        shutil.rmtree(ws / "translations", ignore_errors=True)
        (ws / "translations").mkdir()

    return Command(f"tx translate {label}", (argv,), env=env, cwd=ws, prepare=reset)


def cluster_lines(comparisons: list[Comparison]) -> list[str]:
    """Throughput of each setup and the archive projection from the per-core rate of one
    worker on a running cluster (on a machine of 16 cores, and on ten of them)."""
    lines = []
    for c in comparisons:
        if "sentences_per_second_per_core" not in c.extra:
            continue
        rate, per_core = c.extra["sentences_per_second"], c.extra["sentences_per_second_per_core"]
        lines.append(
            f"{c.case}: {c.extra['sentences']} sentences, {rate:.1f} sentences/s "
            f"({per_core:.1f} per worker core) against {c.extra['local_sentences_per_second']:.1f} "
            f"locally; time ratio {c.time_ratio:.2f}"
        )
        if c.extra["projection"]:
            days = ARCHIVE / (per_core * 16) / 86_400
            nodes = ARCHIVE / (per_core * 16 * 10) / 3_600
            lines.append(
                f"archive projection ({ARCHIVE:,} translations) at {per_core:.1f} sentences/s "
                f"per core: {days:.1f} days on one 16-core machine, {nodes:.0f} hours on ten"
            )
    return lines
