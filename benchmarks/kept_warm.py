"""Case 5's kept-warm apertium pipeline: the CPU its servers spend, so a warm run hides none.

A server is detached from the tx run that started it, so the run's own CPU time (``wait4``)
leaves out what the server and its pipeline did for it. ``server_cpu`` adds up the CPU seconds
of every running server's session (the server, its pipeline's stages, and the deformatter and
reformatter processes it ran and reaped); case 5 charges each run the growth of that sum.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from benchmarks.harness import Command, Sample, run_once, schedule
from translate.translation.engines import apertium_client

_TICK = os.sysconf("SC_CLK_TCK")


def server_cpu() -> float:
    """CPU seconds spent so far by the running apertium servers of this user."""
    sessions = {_fields(pid)[3]: pid for _, pid in apertium_client.running_servers()}
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
    """Stop this user's apertium servers (before a cold run)."""
    apertium_client.stop_servers()


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
