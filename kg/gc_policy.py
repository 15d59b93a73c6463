"""When Python's cyclic garbage collector runs during a build.

A build makes millions of small records (events, sources, actor references, graph attributes)
that live until the build ends and form almost no reference cycles. With the default threshold
(a collection every 700 allocations), the collector walked those records again and again: a
third of a rebuild's time. Reference counting still frees everything that is not a cycle at
once; cycles are still collected, only less often. (Extraction alone gains nothing from it: it
keeps few records alive, so `extract_corpus` leaves the collector as it is.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

ALLOCATIONS_PER_COLLECTION = 100_000
"""Allocations between two collections of the youngest generation (Python's default: 700)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often while the block runs, then as before."""
    before = gc.get_threshold()
    gc.set_threshold(ALLOCATIONS_PER_COLLECTION, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def long_lived(enabled: bool = True) -> Iterator[None]:
    """Everything alive when the block starts (a resolved corpus) is left out of the collector's
    passes while the block runs (gc.freeze), so writing the outputs does not walk it again."""
    if not enabled:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
