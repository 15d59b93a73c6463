"""What a command leaves for the process's exit to drop, not freed one object at a time.

A build ends holding millions of small records (its corpus, graph and resolution memo): freeing
them took a quarter of a second of a one-article rebuild at 10,000 articles, in a process about
to end. A command hands them here; they sit in a list that refers to itself, so that only the
cyclic collector could free them, and `kg.cli.main` freezes the collector's objects before the
exit (gc.freeze: the exit's collection leaves frozen objects alone). Each command replaces what
the one before it left, so that a process running many commands (the tests) holds one build's.
`end_now` ends the process without tearing down its modules (what is left in them would be freed
one object at a time too).
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import sys
import threading

_LEFT: list[object] = []
_LEFT.append(_LEFT)


def left_for_exit(anything: object) -> None:
    _LEFT.append(anything)


def start_command() -> None:
    """Drop what an earlier command in this process left."""
    del _LEFT[1:]


def end_now(done: SystemExit) -> None:
    """End the process as `done` would, its exit handlers run (flushing, Dask's clean-up ...), but
    without tearing down its modules one object at a time; only when no other thread or child
    process runs (else returns, and the exit is Python's)."""
    if threading.active_count() != 1 or multiprocessing.active_children():
        return
    code = done.code
    if code is not None and not isinstance(code, int):  # as Python's exit shows it
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)
