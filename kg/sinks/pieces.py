"""A big text file written as pieces, each piece the text of one part (kg.reuse): the next build
takes over the pieces of every part whose digest it finds again, copied from the previous build's
file, and makes only the others.

The pieces lie end to end and cover the whole file. Beside the file (`Reuse.keep_parts`) the build
saves the digest each piece was made from (None: a piece never taken over, such as a header) and
the size of each piece; the next build takes pieces over only when `Reuse.previous_parts` finds
them made by its own version and the file unchanged since.
"""

from __future__ import annotations

import mmap
import os
from array import array
from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate, compress
from operator import not_
from pathlib import Path
from typing import BinaryIO

from kg.reuse import Reuse

_FORMAT = 2

MakeListed = Callable[[int, bool], bytes]
"""The text of the item at an index of a JSON array or object, given whether it is the first."""


class PreviousPieces:
    """The previous build's file and its pieces: empty when there is nothing to take over."""

    def __init__(
        self,
        source: Path | None = None,
        text: bytes | mmap.mmap = b"",
        digests: list[str | None] | None = None,
        sizes: array | None = None,
    ) -> None:
        self.source = source
        self.text = text
        """The file's bytes, mapped: only the pages looked at are read."""
        self.digests: list[str | None] = digests or []
        self.sizes = sizes if sizes is not None else array("q")
        self.ends = array("q", accumulate(self.sizes))
        self._made_of: set[str | None] | None = None

    @classmethod
    def of(cls, reuse: Reuse | None, path: Path, suffix: str = "") -> PreviousPieces:
        """The pieces of the previous build's file at `path`'s place, when the same version
        wrote them (kg.reuse, recorded under the file's name and `suffix`) and the file has not
        changed since."""
        relative = _relative(reuse, path)
        found = (
            reuse.previous_parts(relative, relative + suffix)
            if reuse is not None and relative is not None
            else None
        )
        if found is None:
            return cls()
        source, parts = found
        try:
            if parts.get("format") != _FORMAT:
                return cls()
            names, which, sizes = list(parts["digests"]), array("i"), array("q")
            which.frombytes(parts["pieces"])
            sizes.frombytes(parts["sizes"])
            digests = list(map(names.__getitem__, which))
            with source.open("rb") as handle:
                text = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, AttributeError, IndexError, KeyError, TypeError, ValueError):
            return cls()
        if len(digests) != len(sizes) or sum(sizes) != len(text):
            return cls()
        return cls(source, text, digests, sizes)

    def __bool__(self) -> bool:
        return bool(self.digests)

    def __contains__(self, made_of: str) -> bool:
        if self._made_of is None:
            self._made_of = set(self.digests)
        return made_of in self._made_of

    def start(self, piece: int) -> int:
        return self.ends[piece - 1] if piece else 0

    def piece(self, index: int) -> bytes:
        return self.text[self.start(index) : self.ends[index]]

    def where(self) -> dict[str | None, int]:
        """The piece made from each digest."""
        return dict(zip(self.digests, range(len(self.digests)), strict=True))

    def pieces_not_made_of(self, made_of: set[str]) -> list[int]:
        """The pieces made from none of the digests `made_of` (or from no digest), in file order."""
        return list(compress(range(len(self.digests)), map(not_, map(made_of.__contains__, self.digests))))


class PieceWriter:
    """Writes `out` piece by piece, made or taken from `previous`, and counts both in `reuse`."""

    def __init__(self, out: BinaryIO, previous: PreviousPieces, reuse: Reuse | None) -> None:
        self.out = out
        self.previous = previous
        self.reuse = reuse
        self.digests: list[str | None] = []
        self.sizes = array("q")
        self._copy_from = self._copy_to = 0  # previous text still to copy, in one write
        self._buffer: list[bytes | memoryview] = []
        self._next = 0  # the previous file's first piece not yet taken or passed over
        self._source: BinaryIO | None = None
        self._run: tuple[int, int] | None = None  # pieces to take, from first to last

    def write(self, made_of: str | None, text: bytes) -> None:
        """A piece made again from `made_of`."""
        self._take_run()
        self._flush()
        self._buffer.append(text)
        self.digests.append(made_of)
        self.sizes.append(len(text))
        if self.reuse is not None and made_of is not None:
            self.reuse.made += 1

    def write_listed(
        self, where: dict[str | None, int], count: int, made_of: list[str] | None, make: MakeListed
    ) -> None:
        """The `count` items of a JSON array or object, a piece each: per item its digest (`made_of`,
        by index; None: nothing is taken over) and how the text of the item at an index is made,
        given whether it comes first. The first item, with no separator before it, is made every
        time (not taken over, not kept). The previous pieces are looked up all at once and taken a
        run at a time: a rebuild takes over tens of thousands in a row."""
        if count:
            self.write(None, make(0, True))
        if made_of is None:
            for index in range(1, count):
                self.write(None, make(index, False))
            return
        found = list(map(where.get, made_of))
        index = 1
        while index < count:
            at = found[index]
            if at is None:
                self.write(made_of[index], make(index, False))
                index += 1
                continue
            end = index + 1
            while end < count and found[end] == at + end - index:
                end += 1
            self._take_run()
            self.take(at, at + end - index - 1)
            index = end

    def write_many(self, made_of: list[str | None], texts: list[str]) -> None:
        """Pieces made again, the text of each from the digest beside it."""
        self._take_run()
        self._flush()
        encoded = [text.encode() for text in texts]
        self._buffer.extend(encoded)
        self.digests.extend(made_of)
        self.sizes.extend(map(len, encoded))
        if self.reuse is not None:
            self.reuse.made += len(texts) - made_of.count(None)

    def take(self, first: int, last: int | None = None) -> None:
        """The previous file's pieces `first` to `last` (inclusive; default: `first` alone)."""
        last = first if last is None else last
        start, end = self.previous.start(first), self.previous.ends[last]
        if start != self._copy_to:
            self._flush()
            self._copy_from = start
        self._copy_to = end
        self.digests.extend(self.previous.digests[first : last + 1])
        self.sizes.extend(self.previous.sizes[first : last + 1])
        self._next = last + 1
        if self.reuse is not None:
            self.reuse.taken += last - first + 1

    def take_next(self, index: int) -> None:
        """The previous file's piece `index`: pieces taken one after the other are copied at once."""
        if self._run and index == self._run[1] + 1:
            self._run = (self._run[0], index)
            return
        self._take_run()
        self._run = (index, index)

    def _take_run(self) -> None:
        if self._run:
            first, last = self._run
            self._run = None
            self.take(first, last)

    def take_until(self, stop: int, passed_over: list[int]) -> None:
        """The previous file's pieces from the first not yet taken up to `stop` (exclusive), but
        those in `passed_over` (ascending)."""
        self._take_run()
        first = self._next
        # Walked from where `first` falls, not sliced from there: a rebuild that makes most pieces
        # again calls this once per piece, and each slice copied the rest of the list.
        at = bisect_left(passed_over, first)
        while at < len(passed_over) and (index := passed_over[at]) < stop:
            if index > first:
                self.take(first, index - 1)
            first = index + 1
            at += 1
        if stop > first:
            self.take(first, stop - 1)
        self._next = max(self._next, stop)

    def close(self) -> dict[str, object]:
        """Write what is left to copy; the pieces' digests and sizes, for `keep`: each digest
        once (a part may have many pieces), and for each piece the number of its digest."""
        self._take_run()
        self._flush()
        self.out.writelines(self._buffer)
        self._buffer.clear()
        if self._source is not None:
            self._source.close()
        names = list(dict.fromkeys(self.digests))
        number = {name: index for index, name in enumerate(names)}
        which = array("i", map(number.__getitem__, self.digests))
        return {"format": _FORMAT, "digests": names, "pieces": which.tobytes(), "sizes": self.sizes.tobytes()}

    def _flush(self) -> None:
        start, end = self._copy_from, self._copy_to
        self._copy_from = self._copy_to = 0
        if end <= start:
            return
        self.out.writelines(self._buffer)
        self._buffer.clear()
        self.out.flush()
        try:
            if self._source is None and self.previous.source is not None:
                self._source = self.previous.source.open("rb")
            # In the kernel, file to file: no trip through this process's memory.
            while start < end and self._source is not None:
                copied = os.copy_file_range(self._source.fileno(), self.out.fileno(), end - start, start)
                if not copied:
                    break
                start += copied
        except (OSError, AttributeError):  # no copy_file_range here, or not between these files
            pass
        if start < end:
            self.out.write(memoryview(self.previous.text)[start:end])


def keep(reuse: Reuse | None, path: Path, parts: dict[str, object], suffix: str = "") -> None:
    """Save the pieces of the file at `path` (closed) beside it, for the next build (kg.reuse,
    recorded under the file's name and `suffix`)."""
    relative = _relative(reuse, path)
    if reuse is not None and relative is not None:
        reuse.keep_parts(relative, parts, relative + suffix)


def _relative(reuse: Reuse | None, path: Path) -> str | None:
    """`path` under the staged build folder, as kg.reuse names it; None for a file outside it."""
    if reuse is None:
        return None
    try:
        return path.resolve().relative_to(reuse.staged.resolve()).as_posix()
    except ValueError:
        return None
