"""Python's cyclic garbage collector is paused while articles are extracted and a build runs, and
while RDF is exported (the pause nests: an inner one leaves the collector to the outer one).

A build makes millions of small records (events, sources, actor references, graph attributes)
that live until it ends and form almost no reference cycles: extracting a thousand articles with
the collector off leaves nothing for it to collect. With the collector on, its passes walked
those records again and again as they grew: a third of a rebuild's time. Reference counting still
frees every record that is dropped.

When the block ends, what it made joins the collector's oldest generation without being walked
(gc.freeze, then gc.unfreeze): else the first pass after the block would walk every record the
block made (a second, at 10,000 articles) only to find them alive. The few cycles a build leaves
(networkx graphs and their views) are collected with that generation, later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:  # nobody else's frozen objects to let go of
                gc.freeze()
                gc.unfreeze()
            gc.enable()
