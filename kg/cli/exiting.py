"""What a command leaves for the process's exit to drop, not freed one object at a time.

A build ends holding millions of small records (its corpus, graph and resolution memo): freeing
them took a quarter of a second of a one-article rebuild at 10,000 articles, in a process about
to end. A command hands them here; they sit in a list that refers to itself, so that only the
cyclic collector could free them, and `kg.cli.main` freezes the collector's objects before the
exit (gc.freeze: the exit's collection leaves frozen objects alone). Each command replaces what
the one before it left, so that a process running many commands (the tests) holds one build's.
"""

from __future__ import annotations

_LEFT: list[object] = []
_LEFT.append(_LEFT)


def left_for_exit(anything: object) -> None:
    _LEFT.append(anything)


def start_command() -> None:
    """Drop what an earlier command in this process left."""
    del _LEFT[1:]
