"""Timing whole processes: one run, the median of several, and pairs run alternately.

Every contender is a ``Command``: one or more processes run one after another (three calls of
``tx translate`` count as one contender), each started with ``subprocess.Popen`` and reaped
with ``os.wait4``, which returns the resource usage of that child and of everything it waited
for. Time is wall-clock time from the first start to the last exit; peak memory is the largest
``ru_maxrss`` of the processes (for a shell pipeline such as ``apertium`` it is the largest
stage, not their sum); CPU time is user plus system time of the whole process tree.

``compare`` runs a warm-up of both contenders, then ``runs`` pairs A B A B ... so that a noisy
machine (other jobs, CPU frequency, page cache) slows both sides of every pair alike. The ratio
reported is the median of the per-pair ratios A/B; the medians of each side are reported too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Argv = Sequence[str]
REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Command:
    """A contender: ``argvs`` run in sequence; ``prepare`` runs untimed before each run."""

    label: str
    argvs: tuple[tuple[str, ...], ...]
    env: Mapping[str, str] | None = None
    cwd: Path | None = None
    prepare: Callable[[], None] | None = None
    stdin: Path | None = None


@dataclass(frozen=True)
class Sample:
    """One timed run of a command."""

    seconds: float
    max_rss_kb: int
    cpu_seconds: float


@dataclass
class Comparison:
    """Pairs of runs of ``a`` (tx) and ``b`` (its peer) and the target ``a/b <= target``."""

    case: str
    a: Command
    b: Command | None
    target_time: float | None = None
    target_memory: float | None = None
    a_samples: list[Sample] = field(default_factory=list)
    b_samples: list[Sample] = field(default_factory=list)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def a_median(self) -> float:
        """Median wall time of ``a`` in seconds."""
        return median([s.seconds for s in self.a_samples])

    @property
    def b_median(self) -> float | None:
        """Median wall time of ``b`` in seconds (None without a peer)."""
        return median([s.seconds for s in self.b_samples]) if self.b_samples else None

    @property
    def time_ratio(self) -> float | None:
        """Median of the pair-by-pair time ratios a/b."""
        return pair_ratio(self.a_samples, self.b_samples, "seconds")

    @property
    def memory_ratio(self) -> float | None:
        """Median of the pair-by-pair peak-memory ratios a/b."""
        return pair_ratio(self.a_samples, self.b_samples, "max_rss_kb")

    @property
    def passed(self) -> bool | None:
        """Whether every target is met (None when the case has no target)."""
        checks = []
        if self.target_time is not None and self.time_ratio is not None:
            checks.append(self.time_ratio <= self.target_time)
        if self.target_memory is not None and self.memory_ratio is not None:
            checks.append(self.memory_ratio <= self.target_memory)
        return all(checks) if checks else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary with every sample."""
        return {
            "case": self.case,
            "a": self.a.label,
            "b": self.b.label if self.b else None,
            "runs": len(self.a_samples),
            "a_median_s": self.a_median,
            "b_median_s": self.b_median,
            "a_max_rss_mb": max_rss_mb(self.a_samples),
            "b_max_rss_mb": max_rss_mb(self.b_samples),
            "time_ratio": self.time_ratio,
            "memory_ratio": self.memory_ratio,
            "target_time": self.target_time,
            "target_memory": self.target_memory,
            "passed": self.passed,
            "note": self.note,
            "extra": self.extra,
            "a_samples": [vars(s) for s in self.a_samples],
            "b_samples": [vars(s) for s in self.b_samples],
        }


def median(values: Sequence[float]) -> float:
    """The median of ``values`` (mean of the middle two for an even count)."""
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def ratio(a: float, b: float) -> float:
    """``a / b``, infinite when ``b`` is zero."""
    return a / b if b else float("inf")


def pair_ratio(a: Sequence[Sample], b: Sequence[Sample], attribute: str) -> float | None:
    """Median over pairs of ``a[i].attribute / b[i].attribute`` (None without pairs)."""
    if not a or not b:
        return None
    pairs = zip(a, b, strict=True)
    return median([ratio(getattr(x, attribute), getattr(y, attribute)) for x, y in pairs])


def max_rss_mb(samples: Sequence[Sample]) -> float | None:
    """Median peak RSS in MiB (None without samples)."""
    if not samples:
        return None
    return median([s.max_rss_kb / 1024 for s in samples])


def schedule(contenders: int, runs: int, warmup: int = 1) -> list[tuple[int, bool]]:
    """The order of runs: rounds of every contender in turn (A B A B ..., or A B C A B C ...).

    The first ``warmup`` rounds are not timed. Each item is (contender index, timed?).
    """
    return [
        (index, round_number >= warmup)
        for round_number in range(warmup + runs)
        for index in range(contenders)
    ]


def run_once(command: Command) -> Sample:
    """Run ``command`` once (after its untimed ``prepare``) and measure it.

    The processes are started by a fresh, small measuring process (``python -m
    benchmarks.harness``), not by this one: on Linux a child's peak RSS starts at its parent's
    resident size when it is spawned, so measuring from a process that has built models would
    report that size for every command.
    """
    if command.prepare is not None:
        command.prepare()
    request = {
        "label": command.label,
        "argvs": [list(argv) for argv in command.argvs],
        "env": dict(command.env or {}),
        "cwd": str(command.cwd) if command.cwd else None,
        "stdin": str(command.stdin) if command.stdin else None,
    }
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.harness"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or f"{command.label}: measuring failed")
    return Sample(**json.loads(done.stdout))


def measure(request: dict[str, Any]) -> Sample:
    """Run the request's processes in sequence and measure them (see ``run_once``)."""
    env = {**os.environ, **request["env"]}
    peak, cpu = 0, 0.0
    start = time.perf_counter()
    for argv in request["argvs"]:
        with open(request["stdin"] or os.devnull, "rb") as stdin:
            process = subprocess.Popen(
                argv,
                cwd=request["cwd"],
                env=env,
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            assert process.stderr is not None
            errors = process.stderr.read()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(
                f"{request['label']}: {' '.join(argv)} exited with {process.returncode}:\n"
                + errors.decode(errors="replace")[-3000:]
            )
        peak = max(peak, usage.ru_maxrss)
        cpu += usage.ru_utime + usage.ru_stime
    return Sample(time.perf_counter() - start, peak, cpu)


def alternate(commands: Sequence[Command], runs: int, warmup: int = 1) -> list[list[Sample]]:
    """Run ``commands`` in rotation, ``warmup`` untimed rounds then ``runs`` timed ones.

    Returns the timed samples of each command, in the order of ``commands``.
    """
    samples: list[list[Sample]] = [[] for _ in commands]
    for index, timed in schedule(len(commands), runs, warmup):
        sample = run_once(commands[index])
        if timed:
            samples[index].append(sample)
    return samples


def compare(comparison: Comparison, runs: int, warmup: int = 1) -> Comparison:
    """Fill ``comparison``'s samples: warm-up, then ``runs`` alternating pairs (A B A B ...)."""
    commands = [comparison.a] + ([comparison.b] if comparison.b is not None else [])
    samples = alternate(commands, runs, warmup)
    comparison.a_samples = samples[0]
    comparison.b_samples = samples[1] if len(samples) > 1 else []
    return comparison


def format_table(comparisons: Sequence[Comparison]) -> str:
    """A plain-text table: one row per case."""
    header = (
        f"{'case':<44} {'runs':>4} {'tx s':>8} {'peer s':>8} {'ratio':>6} {'target':>7} "
        f"{'tx MB':>7} {'peer MB':>7} {'mem':>5} {'ok':>4}"
    )
    lines = [header, "-" * len(header)]
    for c in comparisons:
        target = f"<={c.target_time:g}" if c.target_time is not None else ""
        mem_target = f" m<={c.target_memory:g}" if c.target_memory is not None else ""
        ok = {True: "yes", False: "NO", None: "-"}[c.passed]
        lines.append(
            f"{c.case[:44]:<44} {len(c.a_samples):>4} {c.a_median:>8.3f} "
            f"{_num(c.b_median, '8.3f'):>8} {_num(c.time_ratio, '6.3f'):>6} {target:>7} "
            f"{_num(max_rss_mb(c.a_samples), '7.0f'):>7} "
            f"{_num(max_rss_mb(c.b_samples), '7.0f'):>7} "
            f"{_num(c.memory_ratio, '5.2f'):>5} {ok:>4}{mem_target}"
        )
        if c.b is not None:
            lines.append(f"    tx: {c.a.label}  |  peer: {c.b.label}")
        else:
            lines.append(f"    tx: {c.a.label}")
        if c.note:
            lines.append(f"    note: {c.note}")
    return "\n".join(lines)


def _num(value: float | None, spec: str) -> str:
    return "" if value is None else format(value, spec)


if __name__ == "__main__":
    try:
        print(json.dumps(vars(measure(json.load(sys.stdin)))))
    except RuntimeError as error:
        sys.exit(str(error))
