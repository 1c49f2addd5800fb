"""What a run may ask of the command server (``server``): its client sees the system as the
server does (namespaces, root folder: a client in a sandbox - ``unshare -n``, bubblewrap, a
chroot - is not served outside it), and its request is well formed, names the server's own
material, and asks for no more than the server has (resource limits, niceness) - a worker may
lower its limits and priority, never raise them."""

from __future__ import annotations

import math
import os
import resource
import signal

from translate import serving

NAMESPACES = ("mnt", "net", "pid", "user", "ipc", "uts", "cgroup", "time")


def world(pid: int | str) -> list[str]:
    """What process ``pid`` (or ``self``) sees: its namespaces and its root folder."""
    found = []
    for name in NAMESPACES:
        try:
            found.append(os.readlink(f"/proc/{pid}/ns/{name}"))
        except FileNotFoundError:
            found.append("")  # a namespace this kernel does not have
    root = os.stat(f"/proc/{pid}/root")
    return [*found, f"{root.st_dev}:{root.st_ino}"]


def same_world(pid: int, mine: list[str] | None) -> bool:
    """Whether client process ``pid`` sees what this process sees (``mine``, its ``world``;
    ``None`` where there is no /proc to tell)."""
    if mine is None:
        return True
    try:
        return pid > 0 and world(pid) == mine
    except OSError:  # (a client whose process this one cannot see)
        return False


def well_formed(payload: object, material: str) -> bool:
    if not isinstance(payload, dict) or payload.get("material") != material:
        return False
    argv, path, env = payload.get("argv"), payload.get("path"), payload.get("env")
    keep = payload.get("keep_warm")
    return (
        isinstance(argv, list)
        and bool(argv)
        and all(isinstance(item, str) for item in argv)
        and isinstance(path, list)
        and all(isinstance(item, str) for item in path)
        and isinstance(env, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
        and isinstance(payload.get("umask"), int)
        and 0 <= payload["umask"] <= 0o777
        and isinstance(keep, (int, float))
        and 0 < keep <= serving.MAX_KEEP_WARM
        and isinstance(payload.get("nice"), int)
        and payload["nice"] >= os.getpriority(os.PRIO_PROCESS, 0)
        and _within_limits(payload.get("limits"))
        and _signals(payload.get("ignored"), serving.catchable_signals())
        and _signals(payload.get("blocked"), signal.valid_signals())
        and isinstance(payload.get("orig_argv"), list)
        and all(isinstance(item, str) for item in payload["orig_argv"])
    )


def _signals(numbers: object, known: object) -> bool:
    """Whether ``numbers`` is a list of signal numbers among ``known``."""
    return isinstance(numbers, list) and all(
        isinstance(number, int) and number in known  # type: ignore[operator]
        for number in numbers
    )


def _within_limits(limits: object) -> bool:
    """Whether ``limits`` (a client's ``ulimit`` values by name) are well formed and no hard
    limit exceeds the server's (a worker may lower its limits, never raise them)."""
    if not isinstance(limits, dict):
        return False
    for name, pair in limits.items():
        number = getattr(resource, name, None) if name in serving.LIMITS else None
        if number is None or not isinstance(pair, list) or len(pair) != 2:
            return False
        if not all(isinstance(value, int) for value in pair):
            return False
        soft, hard = (_unbounded(value) for value in pair)
        if soft > hard or hard > _unbounded(resource.getrlimit(number)[1]):
            return False
    return True


def _unbounded(value: int) -> float:
    return math.inf if value == resource.RLIM_INFINITY else value
