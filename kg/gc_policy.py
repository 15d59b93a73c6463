"""Python's cyclic garbage collector is paused while a build runs, and while RDF is exported.

A build makes millions of small records (events, sources, actor references, graph attributes)
that live until it ends and form no reference cycles: extracting a thousand articles with the
collector off leaves nothing for it to collect. With the collector on, its passes walked those
records again and again as they grew: a third of a rebuild's time. Reference counting still
frees every record that is dropped.

When the block ends, what it made is moved out of the collector's reach (gc.freeze) before the
collector resumes: else its first pass would walk every record the block made (a second, at
10,000 articles) only to find them alive. Cycles left from before the block are collected when
it starts, so that none is frozen with them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    if enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
