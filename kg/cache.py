"""A content-addressed cache of each article's extraction: a rebuild extracts only new or changed
articles and reads the others' events back.

Key: sha256 of the extractor's version, the article's name and path (both are in its events,
and its format follows the path's suffix) and the article's bytes. The extractor's version is a
hash of the code of the stages up to extraction (all of kg but the stages after it, which never
feed it: sinks, backends, cli, evaluate), of every file under kg/data (grammar, dictionaries,
vocabularies) and of the versions of Python and of kg's dependencies: a change to a rule is a
new version, and no entry made by another version is read.

Value: the article's DocumentEvents, or its Skipped, in kg.record_codec's form. An entry is
written to a temporary file and renamed into place, so an interrupted build leaves whole
entries or none; an entry that cannot be read back is reported as a warning and the
article extracted again.

On disk: `<folder>/<version>/<key[:2]>/<key>.kgr`, and `<folder>/<version>/known-files.json`,
the status of each article file when its key was made (kg.known_files): a file whose status has
not changed is not read again to find its key.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from importlib import metadata
from pathlib import Path

from kg.ingest import read_bytes
from kg.known_files import KnownFiles, file_status, write_whole
from kg.record_codec import ExtractionResult, RecordFormatError, decode_result, encode_result
from kg.records import ArticleFile, Skipped, Unchanged

ExtractMany = Callable[[list[ArticleFile], bool], Iterable[ExtractionResult]]
"""Extracts articles (any engine), yielding one result per article in their order; the flag says
whether the cache has entries to read meanwhile (kg.engines.run_ordered's `meanwhile`)."""
ExtractOne = Callable[[ArticleFile], ExtractionResult]
Unread = Callable[[list[str]], AbstractSet[str]]

log = logging.getLogger(__name__)
_PACKAGE = Path(__file__).resolve().parent
_SUFFIX = ".kgr"
_KNOWN_FILES = "known-files.json"
_DOWNSTREAM = frozenset(
    {"sinks", "backends", "cli", "evaluate"}
    | {f"{module}.py" for module in ("build", "build_cache", "graph", "brokers", "levels", "layout")}
    | {f"{module}.py" for module in ("reuse", "swap", "queries", "gc_policy")}
    | {f"{module}.py" for module in ("cache", "known_files", "engines")}
    | {f"{module}.py" for module in ("resolution_memo", "resolution_delta")}
)
"""Subpackages and modules of kg after extraction, or around it (where it runs, how its results
are stored and found; the stored form, kg.record_codec, counts): their code does not shape what
an article's extraction is (a change to them would otherwise make every build extract the corpus
again). The resolution memo's own version covers its two modules (kg.resolution_memo)."""


@cache
def extractor_version() -> str:
    """The version of this installation's extractor (see the module docstring)."""
    digest = hashlib.sha256(source_version(_PACKAGE).encode())
    digest.update(_environment().encode())
    return digest.hexdigest()


def source_version(package: Path) -> str:
    """A hash of the extraction's code (`*.py`) and data (`data/**`) in the package folder `package`."""
    code = [p for p in package.rglob("*.py") if p.relative_to(package).parts[0] not in _DOWNSTREAM]
    data = sorted(p for p in (package / "data").rglob("*") if p.is_file())
    return files_version(package, sorted(code) + data)


@cache
def output_version() -> str:
    """The version of everything that shapes a build's outputs: the extractor's, and the code,
    templates and assets of every stage after it, and the Cypher schema (kg.reuse reads it)."""
    from kg.resources import resource_dir

    package = _PACKAGE.parent
    files = [p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [p for p in resource_dir("schema").rglob("*") if p.is_file()]
    digest = hashlib.sha256(extractor_version().encode())
    digest.update(files_version(package, sorted(files)).encode())
    return digest.hexdigest()


def files_version(root: Path, files: list[Path]) -> str:
    """A hash of the names (relative to `root`) and bytes of `files`."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _environment() -> str:
    """Python's version and those of kg and its dependencies (OpenCC's tables, the HTML parser...)."""
    parts = [f"python=={platform.python_version()}"]
    try:
        parts.append(f"kg=={metadata.version('kg')}")
        requirements = metadata.requires("kg") or []
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        requirements = []
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement)
        if name and "extra ==" not in requirement:
            try:
                parts.append(f"{name.group(0)}=={metadata.version(name.group(0))}")
            except metadata.PackageNotFoundError:
                parts.append(f"{name.group(0)} missing")
    return ";".join(parts)


class ExtractionCache:
    """The cache in `folder`, for the extractor `version` (by default this installation's)."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.folder = folder
        self.version = version or extractor_version()
        self.entries = folder / self.version[:32]
        self._entries = str(self.entries)
        self.hits = 0
        """Articles whose extraction this cache gave back."""
        self._used: set[str] = set()
        self._writable = True

    def key(self, article: ArticleFile, data: bytes) -> str:
        digest = hashlib.sha256(f"{self.version}\0{article.name}\0{article.path}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def entry(self, key: str) -> Path:
        return Path(self._entry(key))

    def _entry(self, key: str) -> str:
        # a str, not a Path: a rebuild names 10,000 entries twice, and Path's joins cost 10 times more
        return f"{self._entries}{os.sep}{key[:2]}{os.sep}{key}{_SUFFIX}"

    def get(self, key: str) -> ExtractionResult | None:
        """The stored result, or None: not stored, or unreadable (a warning says which)."""
        path = self._entry(key)
        try:
            data = _read_whole(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("%s: cache entry cannot be read (%s); the article is extracted again", path, exc)
            return None
        try:
            return decode_result(data)
        except RecordFormatError as exc:
            log.warning("%s: corrupt cache entry (%s); the article is extracted again", path, exc)
            return None

    def put(self, key: str, result: ExtractionResult) -> None:
        """Store `result`; a cache that cannot be written (full disk, no permission) is one warning,
        and the build goes on without storing."""
        if not self._writable:
            return
        path = self.entry(key)
        data = encode_result(result)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(path, data)
        except OSError as exc:
            self._cannot_write(exc)

    def _cannot_write(self, exc: OSError) -> None:
        self._writable = False
        log.warning("%s: the cache cannot be written (%s); no more entries are stored", self.folder, exc)

    def extract(
        self,
        articles: Sequence[ArticleFile],
        extract_many: ExtractMany,
        extract_one: ExtractOne,
        unread: Unread | None = None,
    ) -> Iterator[tuple[str | None, ExtractionResult | Unchanged]]:
        """Each article's key (None: unreadable) and result, in the articles' order: from the cache
        when it holds the article's current bytes, else extracted (by `extract_many`, called once
        with the articles the cache lacks before any entry is read, so that it may run beside the
        reading; by `extract_one` in this process for an entry found unreadable) and stored.
        Results are stored before they are handed on, since the resolver merges into the records
        it gets. `unread`, given the keys of the articles the cache holds, names those whose
        results are not wanted (kg.resolution_delta): they come as Unchanged, not read."""
        plan: list[tuple[ArticleFile, str | Skipped, bool]] = []
        known = self._known_files()
        for article in articles:
            status = file_status(article.path)
            new_key = known.key(article, status) if known else None
            # A key the index knows was stored by the build that noted it (an entry gone since, or
            # damaged, is found when read, and the article extracted then): not looked for again.
            stored = new_key is not None
            if new_key is None:
                data = read_bytes(article.path)
                if isinstance(data, Skipped):  # unreadable: as cheap to find out again as to store
                    plan.append((article, data, False))
                    continue
                new_key = self.key(article, data)
                stored = os.path.isfile(self._entry(new_key))
            if known:
                known.note(article, status, new_key)
            plan.append((article, new_key, stored))
        if known:
            known.save()
        missing = [article for article, key, stored in plan if not stored and isinstance(key, str)]
        reading = any(stored for _, _, stored in plan)
        fresh = iter(extract_many(missing, reading) if missing else ())
        held = unread([k for _, k, stored in plan if stored and isinstance(k, str)]) if unread else set()
        for article, key_or_skipped, stored in plan:
            if isinstance(key_or_skipped, Skipped):
                yield None, key_or_skipped
                continue
            key = key_or_skipped
            self._used.add(key)
            if stored and key in held:
                self.hits += 1
                yield key, Unchanged(article, key)
                continue
            result = self.get(key) if stored else None
            if result is not None:
                self.hits += 1
                yield key, result
                continue
            result = next(fresh) if not stored else extract_one(article)
            if self._unchanged(article, key):
                self.put(key, result)
            yield key, result

    def _known_files(self) -> KnownFiles | None:
        """The index of the files read before (kg.known_files), None when the cache cannot be written."""
        try:
            self.entries.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return KnownFiles(self.entries / _KNOWN_FILES)

    def _unchanged(self, article: ArticleFile, key: str) -> bool:
        """Does the file still hold the bytes of `key`? (It may have been edited while it was
        extracted: its result is then not stored under its earlier bytes.)"""
        data = read_bytes(article.path)
        return not isinstance(data, Skipped) and self.key(article, data) == key

    def prune(self) -> None:
        """Drop what the last `extract` did not use: other versions' entries, entries of articles
        removed or changed, temporary files. Only for a cache that serves one build folder."""
        if not self.folder.is_dir():
            return
        for other in self.folder.iterdir():
            if other != self.entries:
                shutil.rmtree(other) if other.is_dir() else other.unlink()
        if not self.entries.is_dir():
            return
        for shard in os.scandir(self.entries):
            if not shard.is_dir():
                if shard.name != _KNOWN_FILES:  # a temporary file left by a killed build
                    os.unlink(shard.path)
                continue
            for entry in os.scandir(shard.path):
                if entry.name.removesuffix(_SUFFIX) not in self._used:
                    os.unlink(entry.path)


_MOST_ENTRIES = 1 << 16


def _read_whole(path: str) -> bytes:
    """The file's bytes, read without open()'s buffered file object: a rebuild reads 10,000 entries."""
    handle = os.open(path, os.O_RDONLY)
    try:
        data = os.read(handle, _MOST_ENTRIES)
        if len(data) < _MOST_ENTRIES:
            return data
        parts = [data]
        while part := os.read(handle, 1 << 20):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(handle)
