"""Outputs of the build being replaced, taken over when what they are made of has not changed.

A sink that writes its output in parts (a page per actor, a chunk of triples per node) gives each
part a digest of everything the part is made of. The build records the digests it wrote from in
`reuse.json`; the next build, finding the same digest for a part, takes the previous build's
part instead of making it again: a file by a hard link (the previous build folder is replaced,
and deleted, by the swap: the link keeps the bytes), a piece of text by reading it back.

The digests are valid for one `kg.cache.output_version` (code, templates, assets, dictionaries,
dependencies): after any change to these, nothing is taken over. `--no-cache` takes nothing over.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import shutil
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

REUSE = "reuse.json"
_FORMAT = 1


@dataclass
class ReuseLedger:
    """What a Reuse has recorded so far: enough for another process's Reuse to take it in."""

    parts: dict[str, str]
    values: dict[str, tuple[str, Any]]
    taken: int
    made: int

    def since(self, before: ReuseLedger) -> ReuseLedger:
        """What was recorded after `before` (the counts; the records, whole, are idempotent)."""
        return ReuseLedger(self.parts, self.values, self.taken - before.taken, self.made - before.made)


def digest(value: Any) -> str:
    """A digest of a tree of str, int, float, bool, None, bytes, tuples, lists and dicts (dict order
    counts); marshal's version 2 writes no back-references, so equal trees give equal bytes."""
    return digest_bytes(value).hex()


def digest_bytes(value: Any) -> bytes:
    """`digest`'s 16 bytes, not their hex."""
    return hashlib.blake2b(marshal.dumps(value, 2), digest_size=16).digest()


GRAPH_PARTS = "graph.parts"
"""What the parts of the build's graph were made of (GraphDigests.record), for the next build's."""

Record = dict[Any, tuple[str, bytes, bytes, bytes, bytes]]
"""Per node: its label, the digests of its id and properties, of its relationships out and of its
relationships in, and its `pairs` marshalled (read back only for the few nodes whose relationships
out changed: a tenth of the time of a rebuild's digests went to reading them all)."""


class GraphDigests:
    """What the parts of a networkx graph are made of, digested once for every output that writes
    the graph in parts (graph.json, graph.ttl, the embedded database), each deriving the digest of
    a part from those of exactly what the part shows.

    nodes: per node, the digest of its id and properties; out: per node, of its id and its
    relationships out (their ends, keys and properties, in order); `into`, of its relationships in;
    `pairs`, per end of a node's relationships out, of those to that end. Digests are 16 bytes.
    Raises ValueError when a value is not plain.

    A rebuild digests every node's properties and relationships out, a node's relationships marshalled
    whole (a call per node, not per pair of ends). What did not change since the `previous` build's
    graph (its `record`) is not digested again: the pairs of a node whose relationships out are the
    same, the relationships in of a node no changed pair ends at (a pair is one node's relationships
    out: a change to it changes the node's digest `out`).

    `changed`: the nodes whose properties or relationships out may differ from the previous
    graph's (kg.graph.graph_and_change); the others' digests are the previous record's, not made
    again. None: any node may have changed."""

    def __init__(self, graph: Any, previous: Record | None = None, changed: set[Any] | None = None) -> None:
        self._nodes: dict[Any, dict[str, Any]] = graph._node
        self._out: dict[Any, dict[Any, Any]] = graph._succ
        self._in: dict[Any, dict[Any, Any]] = graph._pred
        self.previous: Record = previous or {}
        kept = {} if changed is None else self.previous
        self.nodes: dict[Any, bytes] = _digests(self._nodes, kept, changed or frozenset(), 1)
        self.out: dict[Any, bytes] = _digests(self._out, kept, changed or frozenset(), 2)
        self._pairs: dict[Any, dict[Any, bytes]] = {}

    def links(self, node: Any) -> str:
        """The node's id and its relationships out, with their ends in order."""
        return self.out[node].hex()

    def around(self, node: Any) -> str:
        """The node's id and properties, its relationships out and in, with their ends."""
        made_of = self.nodes[node] + self.out[node] + self.into[node]
        return hashlib.blake2b(made_of, digest_size=16).hexdigest()

    def pairs(self, node: Any) -> dict[Any, bytes]:
        """Per end of the node's relationships out, the digest of the relationships to that end
        (their keys, in order, and properties)."""
        before = self.previous.get(node)
        if before is not None and before[2] == self.out[node]:
            return _previous_pairs(before)
        pairs = self._pairs.get(node)
        if pairs is None:
            blake2b, dumps = hashlib.blake2b, marshal.dumps
            ends = self._out[node].items()
            pairs = {end: blake2b(dumps(keyed, 2), digest_size=16).digest() for end, keyed in ends}
            self._pairs[node] = pairs
        return pairs

    @functools.cached_property
    def relinked(self) -> dict[Any, tuple[list[Any], list[Any]]]:
        """Per node whose relationships out changed since the previous build's graph (or that it
        had not): the ends it no longer has the same relationships to, and those it has new ones to."""
        previous, relinked = self.previous, {}
        for node, made_of in self.out.items():
            before = previous.get(node)
            if before is None or before[2] != made_of:
                old, new = _previous_pairs(before) if before is not None else {}, self.pairs(node)
                gone = [end for end, pair in old.items() if new.get(end) != pair]
                relinked[node] = (gone, [end for end, pair in new.items() if old.get(end) != pair])
        return relinked

    @functools.cached_property
    def gone(self) -> dict[Any, str]:
        """The nodes of the previous build's graph that this one has not, with their labels."""
        return {node: before[0] for node, before in self.previous.items() if node not in self._nodes}

    @functools.cached_property
    def into(self) -> dict[Any, bytes]:
        """Per node, the digest of its relationships in (their starts, keys and properties); the
        previous build's where none of them changed. Their order alone may have changed then (a
        start that sorts elsewhere now): what reads this digest, the Turtle chunks (sorted) and
        the database, does not show the order."""
        changed = {end for gone, came in self.relinked.values() for end in (*gone, *came)}
        changed.update(end for node in self.gone for end in _previous_pairs(self.previous[node]))
        previous, blake2b, dumps = self.previous, hashlib.blake2b, marshal.dumps
        into = {}
        for node, starts in self._in.items():
            before = previous.get(node)
            if before is not None and node not in changed:
                into[node] = before[3]
            else:
                into[node] = blake2b(dumps(starts, 2), digest_size=16).digest()
        return into

    def record(self) -> Record:
        """What the next build's GraphDigests takes as `previous`."""
        previous, nodes, out, into, dumps = self.previous, self.nodes, self.out, self.into, marshal.dumps
        record: Record = {}
        for node, attrs in self._nodes.items():
            made_of, before = out[node], previous.get(node)
            pairs = before[4] if before is not None and before[2] == made_of else dumps(self.pairs(node), 2)
            record[node] = (attrs.get("label", ""), nodes[node], made_of, into[node], pairs)
        return record


def _digests(
    values: dict[Any, Any], kept: Record, changed: AbstractSet[Any], field: Literal[1, 2]
) -> dict[Any, bytes]:
    """Per node, the digest of its id and value: the `field` of its `kept` record where it has one
    and is not `changed`."""
    blake2b, dumps = hashlib.blake2b, marshal.dumps
    digests = {}
    for node, value in values.items():
        before = kept.get(node)
        if before is None or node in changed:
            digests[node] = blake2b(dumps((node, value), 2), digest_size=16).digest()
        else:
            digests[node] = before[field]
    return digests


def _previous_pairs(before: tuple[str, bytes, bytes, bytes, bytes]) -> dict[Any, bytes]:
    pairs: dict[Any, bytes] = marshal.loads(before[4])
    return pairs


class Reuse:
    """The parts of the build in `previous` (None: a first build, or nothing to take over) that
    the build staged in `staged` may take over."""

    def __init__(self, previous: Path | None, staged: Path, version: str) -> None:
        self.previous = previous
        self.staged = staged
        self.version = version
        previous_body = _read(previous / REUSE, version) if previous else {}
        self._old = _parts(previous_body)
        self._new: dict[str, str] = {}
        self._old_values = _values(previous_body)
        self._new_values: dict[str, tuple[str, Any]] = {}
        self.taken = 0
        """Parts taken over from the previous build."""
        self.made = 0
        """Parts made again."""
        self._graph: tuple[Any, GraphDigests | None] | None = None
        self._graph_change: set[Any] | None = None

    def note_graph_change(self, changed: set[Any] | None) -> None:
        """The nodes of the graph about to be written that may differ from the previous build's
        (kg.graph.graph_and_change): the others' digests are taken over, not made again."""
        self._graph_change = changed

    def graph_digests(self, graph: Any) -> GraphDigests | None:
        """The digests of the parts of `graph` (a networkx graph, unchanged while this build writes
        it), made once for all outputs from those of the previous build's graph; None without a
        version (nothing is kept) or when a value is not plain (the outputs are written whole)."""
        if not self.keeps:
            return None
        if self._graph is None or self._graph[0] is not graph:
            try:
                self._graph = (graph, GraphDigests(graph, self._previous_record(), self._graph_change))
            except ValueError:
                self._graph = (graph, None)
        return self._graph[1]

    def keep_graph_digests(self, graph: Any) -> None:
        """Save the digests of the parts of `graph` for the next build's `graph_digests`."""
        digests = self.graph_digests(graph)
        if digests is not None:
            self.keep_record(GRAPH_PARTS, digests.record())

    def _previous_record(self) -> Record | None:
        """What the previous build's graph was made of, when its record is whole and its own."""
        record = self.previous_record(GRAPH_PARTS)
        return record if isinstance(record, dict) else None

    def keep_record(self, name: str, value: Any) -> None:
        """Save `value` (a tree of plain values) in the file `name` of the build, for the next
        build's `previous_record`."""
        if not self.keeps:
            return
        body = marshal.dumps(value, 2)
        self.staged.mkdir(parents=True, exist_ok=True)
        (self.staged / name).write_bytes(body)
        self._new[name] = hashlib.blake2b(body, digest_size=16).hexdigest()

    def previous_record(self, name: str) -> Any:
        """What the previous build saved with `keep_record(name, ...)`, when it is whole and its own
        (None otherwise)."""
        if self.previous is None or name not in self._old:
            return None
        try:
            body = (self.previous / name).read_bytes()
            if hashlib.blake2b(body, digest_size=16).hexdigest() != self._old[name]:
                return None
            return marshal.loads(body)
        except (OSError, ValueError, EOFError, TypeError):
            return None

    @property
    def keeps(self) -> bool:
        """Does this build record what its outputs are made of? Not without a version (--no-cache):
        then no digest is worth making."""
        return bool(self.version)

    @property
    def can_take_over(self) -> bool:
        """Did the previous build record parts this one may take over (the same output version)?"""
        return bool(self._old)

    def link(self, relative: str, made_of: str) -> bool:
        """Is the file `relative` (a path under the build folder) in place, hard-linked from the
        previous build, which wrote it from the digest `made_of`? When False, the caller writes it."""
        self._new[relative] = made_of
        if self.previous is None or self._old.get(relative) != made_of:
            self.made += 1
            return False
        source, target = self.previous / relative, self.staged / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:  # another file system, or links not allowed: a copy does as well
                if not source.is_file():
                    raise
                shutil.copyfile(source, target)
        except OSError:
            self.made += 1
            return False
        self.taken += 1
        return True

    def previous_parts(self, relative: str, record: str | None = None) -> tuple[Path, Any] | None:
        """The previous build's file `relative` and the digests of its parts that `keep_parts` saved
        beside it (under `record`, by default the file's name), when neither has changed since (a
        database written to after its build has); the caller patches a copy of the file by the
        difference. None: make the file whole."""
        record = record or relative
        if self.previous is None or record not in self._old:
            return None
        source, sidecar = self.previous / relative, self.previous / _parts_name(relative)
        try:
            body = sidecar.read_bytes()
            if _seal(source, body) != self._old[record]:
                return None
            return source, marshal.loads(body)
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def keep_parts(self, relative: str, parts: Any, record: str | None = None) -> None:
        """Save `parts` (a tree of plain values: the digest of each part of the file `relative`,
        already written) beside the file, sealed with the file's size and time, for the next
        build's `previous_parts`; recorded under `record` when the file's name records what
        `link` takes it over by."""
        if not self.keeps:
            return
        body = marshal.dumps(parts, 2)
        (self.staged / _parts_name(relative)).write_bytes(body)
        self._new[record or relative] = _seal(self.staged / relative, body)

    def link_parts(self, relative: str, record: str) -> None:
        """The parts saved under `record` beside the file `relative`, which `link` has just taken
        over: taken over with it, still sealed to it (a hard link is the same file), so that the
        next build can take over its parts when it makes the file again."""
        sealed = self._old.get(record)
        if self.previous is None or sealed is None:
            return
        name = _parts_name(relative)
        try:
            os.link(self.previous / name, self.staged / name)
        except OSError:
            return
        self._new[record] = sealed

    def ledger(self) -> ReuseLedger:
        return ReuseLedger(dict(self._new), dict(self._new_values), self.taken, self.made)

    def absorb(self, ledger: ReuseLedger) -> None:
        """Take in what another process recorded (kg.side_by_side: the outputs a child wrote)."""
        self._new.update(ledger.parts)
        self._new_values.update(ledger.values)
        self.taken += ledger.taken
        self.made += ledger.made

    def save(self) -> None:
        """Record what this build wrote from, for the next one."""
        if not self.keeps:
            return
        body = {
            "format": _FORMAT,
            "version": self.version,
            "parts": dict(sorted(self._new.items())),
            "values": {name: list(kept) for name, kept in sorted(self._new_values.items())},
        }
        (self.staged / REUSE).write_text(json.dumps(body, indent=0), encoding="utf-8")

    def had(self, name: str, made_of: str) -> bool:
        """Did the previous build compute the value `name` from the digest `made_of`?"""
        kept = self._old_values.get(name)
        return kept is not None and kept[0] == made_of

    def remember(self, name: str, made_of: str, compute: Callable[[], Any]) -> Any:
        """The JSON value `name` the previous build computed from the digest `made_of`, or
        compute()'s (kept for the next build): for a figure costly to compute and small to keep."""
        kept = self._old_values.get(name)
        value = kept[1] if kept and kept[0] == made_of else compute()
        self._new_values[name] = (made_of, value)
        return value


def _read(path: Path, version: str) -> dict[str, Any]:
    """What the build of `path` recorded, if it was made by `version`."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(body, dict) or body.get("format") != _FORMAT or body.get("version") != version:
        return {}
    return body


def _parts(body: dict[str, Any]) -> dict[str, str]:
    parts = body.get("parts")
    return {str(k): str(v) for k, v in parts.items()} if isinstance(parts, dict) else {}


def _values(body: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    values = body.get("values")
    if not isinstance(values, dict):
        return {}
    return {str(k): (str(v[0]), v[1]) for k, v in values.items() if isinstance(v, list) and len(v) == 2}


def _parts_name(relative: str) -> str:
    return relative + ".parts"


def _seal(path: Path, parts: bytes) -> str:
    """The parts' digest and the file's size and modification time: a file changed after its
    parts were saved (by a write to a database) no longer matches them."""
    status = path.stat()
    return f"{hashlib.blake2b(parts, digest_size=16).hexdigest()}:{status.st_size}:{status.st_mtime_ns}"
