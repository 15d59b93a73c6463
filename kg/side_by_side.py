"""A build's outputs written by two processes side by side: this one and a child forked from it.

Each output (events and graph.json, RDF, views, the embedded database) is a function of the
resolved corpus alone, through its graph. A child forked once the corpus is resolved shares its
memory (copy-on-write) without serializing it; it shares the graph too when the build made it
before the fork (kg.build: a first build), or makes its own, beside the parent making the same
(a rebuild). It writes its outputs into the staging folder, and sends back only what the parent
must know: the seconds of its steps and what kg.reuse recorded while it wrote. Where
a fork is not safe (every platform but Linux; a parent already running other threads than the
main one, as a Dask client does), the steps run one after the other in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from kg.reuse import Reuse

Step = tuple[str, Callable[[], object]]
"""A step's name in report.json and what it does."""


class SideFailed(RuntimeError):
    """The child failed in a way the build cannot raise as it was: it died, or its error could not
    be sent back (the type's name, the message and the child's traceback are kept)."""


def can_fork() -> bool:
    """Is forking this process safe: Linux, and no thread but this one (a lock held by another
    thread at the fork would stay held forever in the child)?"""
    return sys.platform == "linux" and threading.active_count() == 1


def side_by_side(
    here: Sequence[Step], there: Sequence[Step], reuse: Reuse, *, fork: bool, either: Sequence[Step] = ()
) -> dict[str, float]:
    """Run `there` in a forked child while this process runs `here` (fork=False: all here, one
    after the other), then `either` in the process done first with its own steps (which side
    takes longer changes with what changed); the seconds of every step. An error of either side
    is raised here, once the child has stopped."""
    if not fork:
        return _run([*here, *there, *either])
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    claim = context.Value("b", 0)
    child = context.Process(target=_child, args=(there, either, claim, reuse, sending, os.getpid()))
    child.start()
    sending.close()
    try:
        seconds = _run(here)
        if _claimed(claim):
            seconds |= _run(either)
    except BaseException:
        child.kill()
        child.join()
        raise
    try:
        outcome = receiving.recv()
    except EOFError:
        outcome = None
    finally:
        child.join()
        receiving.close()
    if outcome is None:
        raise SideFailed(f"the process writing {_names(there)} died (exit code {child.exitcode})")
    if outcome[0] == "failed":
        raise outcome[1]
    _, their_seconds, ledger = outcome
    reuse.absorb(ledger)
    return seconds | their_seconds


def _claimed(claim: Any) -> bool:
    """Is this process the first to claim the steps either side may run?"""
    with claim.get_lock():
        first = not claim.value
        claim.value = 1
    return first


def _child(
    steps: Sequence[Step], either: Sequence[Step], claim: Any, reuse: Reuse, sending: Connection, parent: int
) -> None:
    _end_with(parent)
    before = reuse.ledger()
    try:
        seconds = _run(steps)
        if _claimed(claim):
            seconds |= _run(either)
        sending.send(("done", seconds, reuse.ledger().since(before)))
    except BaseException as exc:  # sent to the parent, which raises it
        sending.send(("failed", _sendable(exc)))
    finally:
        sending.close()


def _end_with(parent: int) -> None:
    """The child is killed when the build is (Linux's PR_SET_PDEATHSIG): left alone, it would go on
    writing into the staging folder that the next build deletes, and make it again."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the child ends when its steps do
        return
    if os.getppid() != parent:  # the build died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _sendable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        detail = "".join(traceback.format_exception(exc))
        failure = SideFailed(f"{type(exc).__name__}: {exc}")
        failure.__notes__ = [detail]
        return failure


def _run(steps: Sequence[Step]) -> dict[str, float]:
    seconds: dict[str, float] = {}
    for name, step in steps:
        started = time.perf_counter()
        step()
        seconds[name] = round(time.perf_counter() - started, 3)
    return seconds


def _names(steps: Sequence[Step]) -> str:
    return ", ".join(name for name, _ in steps)
