"""A build pauses Python's cyclic garbage collector (kg.gc_policy): safe only while extracting,
resolving and building the graph leave no reference cycles behind, which this checks."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

from kg.gc_policy import collector_paused

NO_CYCLES = """
import gc, sys
from pathlib import Path
from kg.graph import build_graph
from kg.pipeline import extract_corpus

articles = [Path(sys.argv[1])]
build_graph(extract_corpus(articles))  # what loads once (dictionaries, automata, lazy imports)
gc.collect()
gc.disable()
for _ in range(3):
    build_graph(extract_corpus(articles))
print(gc.collect())
"""


def test_extraction_and_the_graph_leave_no_garbage_for_the_collector(examples_dir: Path) -> None:
    # A fresh interpreter: threads other tests leave running (a driver, a browser) make garbage
    # of their own while the collector is off.
    done = subprocess.run(
        [sys.executable, "-c", NO_CYCLES, str(examples_dir)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0", "reference cycles: with the collector paused, a build would leak them"


def test_cycles_made_while_paused_are_collected_after_and_nothing_stays_frozen() -> None:
    class Node:
        pass

    with collector_paused():
        kept = [{"id": i} for i in range(1000)]
        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        left = weakref.ref(cycle)
        del cycle
    assert gc.get_freeze_count() == 0, "frozen objects would never be collected"
    assert gc.collect() >= 1, "the cycle left by the block is found by the next full pass"
    assert left() is None, "the cycle made inside the block, not other garbage, was collected"
    assert len(kept) == 1000
