"""Where a build keeps its extraction cache, and how the cache survives the swap of build folders.

By default the cache is the build folder's own `cache/` (kg.layout). A build reads and adds
entries there while it extracts (each entry is written whole, so a killed build leaves a valid
cache); just before the staged build is swapped in, the cache, cleared of what this build did
not use, moves into the staged folder (a rename on the same file system), so the new build
folder holds it. Should the build die between that move and the swap, the next build takes the
cache back from the staging folder left behind. A first build, into a folder that holds no build
yet, writes its cache into its staging folder: a build that fails leaves nothing behind.

`--cache DIR` names a cache of one's own, outside the build folder, that builds only add to
(several corpora may share it); `--no-cache` extracts every article and keeps no cache.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.cache import ExtractionCache
from kg.errors import InputError
from kg.layout import BuildLayout


class BuildCache:
    """The cache of one build from `layout` staged in `staged`: `store` is None with no cache."""

    def __init__(self, layout: BuildLayout, staged: BuildLayout, folder: Path | None, enabled: bool) -> None:
        self.layout = layout
        self.staged = staged
        self.owned = enabled and (folder is None or _same(folder, layout.cache))
        self.store: ExtractionCache | None = None
        if not enabled:
            return
        if self.owned:
            home = layout.cache if layout.is_build() else staged.cache
            if home == layout.cache:
                _salvage(layout)
            self.store = ExtractionCache(home)
        else:
            assert folder is not None
            _check_outside(folder, layout)
            self.store = ExtractionCache(folder)

    @property
    def hits(self) -> int:
        return self.store.hits if self.store else 0

    @property
    def folder(self) -> Path | None:
        """Where the cache is once the build is in place."""
        if self.store is None:
            return None
        return self.layout.cache if self.owned else self.store.folder

    def carry(self) -> None:
        """Just before the swap: the build folder's own cache, pruned, moves into the staged build."""
        if not self.owned or self.store is None:
            return
        self.store.prune()
        if self.store.folder != self.staged.cache and self.store.folder.is_dir():
            os.rename(self.store.folder, self.staged.cache)

    def put_back(self) -> None:
        """After a swap that failed: the cache moved by `carry` goes back to the build folder."""
        moved = self.owned and self.staged.cache.is_dir()
        if moved and self.layout.is_build() and not self.layout.cache.exists():
            os.rename(self.staged.cache, self.layout.cache)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _salvage(layout: BuildLayout) -> None:
    """A build killed between `carry` and the swap left the cache in its staging folder."""
    if layout.cache.exists():
        return
    for leftover in reversed(layout.leftovers("staging")):
        cache = BuildLayout(leftover).cache
        if cache.is_dir():
            os.rename(cache, layout.cache)
            return


def _check_outside(folder: Path, layout: BuildLayout) -> None:
    inside = folder.resolve().is_relative_to(layout.root.resolve())
    if inside:
        raise InputError(
            f"--cache {folder} is inside the build folder {layout.root}, which each build replaces: "
            f"choose a folder outside it, or leave --cache out to keep the cache in {layout.cache}"
        )
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--cache {folder} is a file, not a folder")
