"""A worker of the command server: a fork of it that becomes one client's ``tx`` run.

``become`` gives the process the client's standard streams (as descriptors 0, 1 and 2, with
new ``sys.stdin``, ``sys.stdout`` and ``sys.stderr`` made as Python makes them at start-up:
line-buffered output on a terminal), working folder, umask, resource limits, niceness,
environment, arguments and ``sys.path``, then runs ``translate.cli.main``. The process ends
as a ``tx`` process ends (other threads joined, exit handlers run, streams flushed, the same
exit status, killed by SIGINT after Ctrl-C) but without tearing the server's modules down one
by one; the server reports its exit status, or the signal that ended it, to the client.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import resource
import signal
import sys
import threading
import traceback
import types
from typing import Any, NoReturn, TextIO

from translate import serving


def become(payload: dict[str, Any], fds: list[int], start: int) -> NoReturn:
    """Turn this process into the run of ``payload``, whose client sent ``fds`` (its standard
    input, output and error, and its working folder); the command runs once the client's
    go-ahead comes through pipe ``start`` (closed without it: the client runs the command
    itself, and this process ends)."""
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    os.fchdir(fds[3])
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.umask(payload["umask"])
    for name, (soft, hard) in payload["limits"].items():
        resource.setrlimit(getattr(resource, name), (soft, hard))
    os.setpriority(os.PRIO_PROCESS, 0, payload["nice"])
    _signals(set(payload["ignored"]), payload["blocked"])
    os.environ.clear()
    os.environ.update(payload["env"])
    sys.argv[:] = payload["argv"]
    sys.orig_argv[:] = payload["orig_argv"]
    sys.path[:] = payload["path"]
    _new_streams()
    # The run's main module is the client's script, as in a fresh ``tx`` (usage lines name
    # ``tx``, not the server's module).
    script = types.ModuleType("__main__")
    script.__file__ = payload["argv"][0]
    sys.modules["__main__"] = script
    from translate.cli import main

    try:
        if not _go_ahead(start):  # (a signal the client forwards may come first)
            os._exit(0)
        main()
        code = 0
    except SystemExit as stop:
        code = _exit_status(stop.code)
    except KeyboardInterrupt:
        traceback.print_exc()
        _finish()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)  # ends as Python ends on Ctrl-C: by the signal
        code = 128 + signal.SIGINT
    except BaseException:  # as Python reports an uncaught exception
        sys.excepthook(*sys.exc_info())
        code = 1
    _finish()
    os._exit(code)


def _go_ahead(start: int) -> bool:
    """Wait for the client's go-ahead (``serving.GO``) through pipe ``start``; ``False``
    when the client hung up instead."""
    try:
        answer = os.read(start, 1)
    except OSError:
        answer = b""
    os.close(start)
    return answer == serving.GO


def _signals(ignored: set[int], blocked: list[int]) -> None:
    """The client's signal dispositions as Python leaves them at start-up: what it ignores
    stays ignored (``nohup``), every other signal has its default action (SIGINT raises
    KeyboardInterrupt); and the client's signal mask. Nothing of the server's or of the
    client that started it remains."""
    for number in serving.catchable_signals():
        if number in ignored or number in (signal.SIGPIPE, signal.SIGXFSZ):
            signal.signal(number, signal.SIG_IGN)  # Python ignores these two itself
        elif number == signal.SIGINT:
            signal.signal(number, signal.default_int_handler)
        else:
            signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _exit_status(code: object) -> int:
    """The exit status ``SystemExit(code)`` gives, printing a message as Python does."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _finish() -> None:
    """What Python's exit does that a run can see: wait for its other threads, run the exit
    handlers, flush the streams. Tearing down the server's modules and objects (50 ms) it
    leaves to the kernel."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()


def _new_streams() -> None:
    """``sys.stdin``, ``sys.stdout`` and ``sys.stderr`` over descriptors 0, 1 and 2, made as
    Python makes them, with the encoding, error handlers and buffering (``-u``,
    ``PYTHONUNBUFFERED``) the server's streams have (same environment and options, same
    choice)."""
    template: tuple[TextIO, ...] = (sys.__stdin__ or sys.stdin, sys.__stdout__ or sys.stdout,
                                    sys.__stderr__ or sys.stderr)  # fmt: skip
    made = []
    for fd, old in enumerate(template):
        unbuffered = bool(getattr(old, "write_through", False))  # standard input stays buffered
        binary = open(fd, "rb" if fd == 0 else "wb", buffering=0 if unbuffered and fd else -1,  # noqa: SIM115
                      closefd=False)  # fmt: skip
        raw = binary if isinstance(binary, io.FileIO) else binary.raw  # type: ignore[attr-defined]
        raw.name = ("<stdin>", "<stdout>", "<stderr>")[fd]
        made.append(
            io.TextIOWrapper(
                binary,
                encoding=old.encoding,
                errors=old.errors,
                newline="\n",
                line_buffering=not unbuffered and (fd == 2 or os.isatty(fd)),
                write_through=unbuffered,
            )
        )
    sys.stdin, sys.stdout, sys.stderr = made  # sys.__stdout__ and the rest: the same fds
