"""Replace a folder by another in one step, so a reader (or a crash) sees the old one or the new one.

On Linux `renameat2(RENAME_EXCHANGE)` swaps two folders atomically. Elsewhere the old folder is
renamed aside and the new one renamed into place: two renames, with a window between them in
which the target is missing but both folders are complete, and `recover` puts one back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from functools import cache
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@cache
def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def _exchange(a: Path, b: Path) -> bool:
    function = _renameat2()
    if function is None:
        return False
    done = function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
    return bool(done)


def swap_in(new: Path, target: Path, aside: Path) -> None:
    """Put the folder `new` at `target`; the folder that was there goes to `aside`, then is deleted."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now names the old folder
        return
    os.rename(target, aside)
    os.rename(new, target)
    shutil.rmtree(aside, ignore_errors=True)


def recover(target: Path, aside: list[Path], leftovers: list[Path]) -> None:
    """After a crash: a folder set aside between the fallback's two renames goes back to `target`,
    and what an interrupted swap left over is deleted."""
    if not target.exists() and aside:
        os.rename(aside[-1], target)
    for path in leftovers:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)
