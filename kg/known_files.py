"""Article files the extraction cache has read before, known again by their status (size, times,
inode) instead of by reading and hashing their bytes: a rebuild of 10,000 articles reads only the
ones that changed.

As git's index does, a status is trusted only for a file that had not been modified for a while
when its status was taken (RACY_SECONDS before the build that took it started): a file edited
twice within one tick of a coarse file-system clock could otherwise keep its old times. Any
write changes the status time (ctime), which no tool can set back; a file replaced by another
has another inode. What is not trusted is read and hashed, as without this index.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path

from kg.records import ArticleFile

log = logging.getLogger(__name__)
RACY_SECONDS = 2
TEMPORARY = ".tmp-"
"""How files being written begin: what a killed build leaves behind is known by it."""
_FORMAT = 1
Status = tuple[int, int, int, int]
"""size, modification time, status change time (ns), inode."""


def file_status(path: Path) -> Status | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _name(article: ArticleFile) -> str:
    return f"{article.name}\0{article.path}"


class KnownFiles:
    """The files in `path` (a JSON index) with the cache key of the bytes they held."""

    def __init__(self, path: Path, started: int | None = None) -> None:
        """started: when the build started (ns since the epoch; default: now)."""
        self.path = path
        self.started = time.time_ns() if started is None else started
        self._trusted_before = self.started - RACY_SECONDS * 1_000_000_000
        self._known = _read(path)
        self._noted: dict[str, list[object]] = {}

    def key(self, article: ArticleFile, status: Status | None) -> str | None:
        """The cache key of the file's bytes, when its status is the one noted with the key."""
        known = self._known.get(_name(article))
        if status is None or known is None or tuple(known[:4]) != status:
            return None
        return str(known[4])

    def note(self, article: ArticleFile, status: Status | None, key: str) -> None:
        """The file had `status` when it was read and its key made (the status taken first)."""
        if status is not None and max(status[1], status[2]) < self._trusted_before:
            self._noted[_name(article)] = [*status, key]

    def save(self) -> None:
        """Keep the files noted by this build (those of the others are dropped); an index that cannot
        be written is a warning: the next build reads every file."""
        body = json.dumps({"format": _FORMAT, "files": self._noted}, ensure_ascii=False)
        try:
            write_whole(self.path, body.encode())
        except OSError as exc:
            log.warning("%s: cannot be written (%s); the next build reads every article", self.path, exc)


def write_whole(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: into a temporary file beside it (TEMPORARY), renamed over it.
    An error leaves no temporary file behind."""
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read(path: Path) -> dict[str, list[object]]:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(body, dict) or body.get("format") != _FORMAT or not isinstance(body.get("files"), dict):
        return {}
    files: dict[str, list[object]] = body["files"]
    return {name: entry for name, entry in files.items() if isinstance(entry, list) and len(entry) == 5}
