"""Kept-warm servers (apertium's pipelines, tx's command server): the CPU they spend, so a
warm run hides none.

A server is detached from the tx run that started it, so the run's own CPU time (``wait4``)
leaves out what the server did for it. ``server_cpu`` adds up the CPU seconds of every running
server's session (an apertium server, its pipeline's stages, and the deformatter and
reformatter processes it ran and reaped; the command server and the workers it forked and
reaped); cases 5 and 6 charge each run the growth of that sum. A served run's peak memory is
its client's: the worker's is not seen by ``wait4``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.harness import Command, Sample, run_once, schedule
from translate import serving
from translate.translation.engines import apertium_client

_TICK = os.sysconf("SC_CLK_TCK")


def server_cpu() -> float:
    """CPU seconds spent so far by this user's running apertium and command servers."""
    servers = [pid for _, pid in apertium_client.running_servers()] + serving.running_servers()
    sessions = {_fields(pid)[3]: pid for pid in servers if len(_fields(pid)) > 3}
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _fields(int(entry.name))
        if len(fields) > 14 and fields[3] in sessions:
            total += (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime
            if int(entry.name) == sessions[fields[3]]:
                total += (int(fields[13]) + int(fields[14])) / _TICK  # reaped children
    return total


def _fields(pid: int) -> list[str]:
    """``/proc/PID/stat`` after the command name: state, ppid, pgrp, session, ..."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def stop_servers() -> None:
    """Stop this user's apertium and command servers (before a cold run)."""
    apertium_client.stop_servers()
    serving.stop_servers()


SERVED = {serving.SETTING: "300"}  # the environment of a run tx's command server may serve
_TX = str(Path(sys.executable).with_name("tx"))
_REPO = Path(__file__).resolve().parents[1]


def wait_served(seconds: float = 60.0) -> None:
    """Wait until runs with ``SERVED`` (in the environment ``harness.run_once`` gives) are
    served: a cold run may have started the server, which may still be loading. A probe run
    is served when its client never imported typer."""
    env = {**os.environ, "PYTHONPATH": str(_REPO), **SERVED}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        probe = subprocess.run(
            [sys.executable, "-X", "importtime", _TX, "--version"],
            env=env,
            cwd=_REPO,
            capture_output=True,
            text=True,
        )
        if not re.search(r"\|\s+typer$", probe.stderr, re.MULTILINE):
            return
        time.sleep(0.1)
    raise RuntimeError("tx's command server did not come up")


def alternate_charged(commands: list[Command], runs: int, warmup: int) -> list[list[Sample]]:
    """As ``harness.alternate``, each sample's CPU time including what the apertium servers
    spent during its run (measured after the command's ``prepare``)."""
    samples: list[list[Sample]] = [[] for _ in commands]
    for index, timed in schedule(len(commands), runs, warmup):
        command = commands[index]
        if command.prepare is not None:
            command.prepare()
        before = server_cpu()
        sample = run_once(replace(command, prepare=None))
        spent = max(0.0, server_cpu() - before)
        if timed:
            samples[index].append(replace(sample, cpu_seconds=sample.cpu_seconds + spent))
    return samples
