"""A build pauses Python's cyclic garbage collector (kg.gc_policy): safe only while extracting,
resolving and building the graph leave no reference cycles behind, which this checks."""

from __future__ import annotations

import gc
from pathlib import Path

from kg.gc_policy import collector_paused
from kg.graph import build_graph
from kg.pipeline import extract_corpus


def test_extraction_and_the_graph_leave_no_garbage_for_the_collector(examples_dir: Path) -> None:
    build_graph(extract_corpus([examples_dir]))  # what loads once (dictionaries, automata, lazy imports)
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            build_graph(extract_corpus([examples_dir]))
        assert gc.collect() == 0, "reference cycles: with the collector paused, a build would leak them"
    finally:
        if was_enabled:
            gc.enable()


def test_cycles_made_while_paused_are_collected_after_and_nothing_stays_frozen() -> None:
    class Node:
        pass

    with collector_paused():
        kept = [{"id": i} for i in range(1000)]
        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        del cycle
    assert gc.get_freeze_count() == 0, "frozen objects would never be collected"
    assert gc.collect() >= 1, "the cycle left by the block is found by the next full pass"
    assert len(kept) == 1000
