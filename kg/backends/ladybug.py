"""The embedded graph database: LadybugDB (PyPI `ladybug`, the maintained fork of Kùzu), one file
under out/ that `kg query` reads with no server.

The tables are generated from kg.schema; the graph is bulk-loaded with COPY from CSV files,
one per label and per (start label, type, end label), which loads 100k relationships in well under
a second. Lists travel through the CSV joined by a unit separator and are split back by
`string_split`, because LadybugDB's own CSV list syntax keeps quote characters inside elements.
A build writes the database whole, or, when it replaces a build whose database has not been
written to since, patches a copy of that database by the nodes and relationships that changed
(kg.backends.ladybug_patch): the same rows, through the same CSV and casts, made by CREATE and SET.
"""

from __future__ import annotations

import csv
import logging
import shutil
import tempfile
import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from kg.backends.base import LoadSummary, QueryResult, plain
from kg.backends.ladybug_patch import apply, difference, part_count
from kg.backends.rows import EdgeGroup, EdgeRow, edge_rows, node_rows
from kg.errors import DatabaseError, NotBuilt, one_line
from kg.layout import EMBEDDED, BuildLayout
from kg.reuse import GraphDigests, Reuse
from kg.schema import NODES, RELATIONSHIPS, Prop

_SEPARATOR = "\x1f"
_CSV_DIALECT = "AUTO_DETECT=false, DELIM=',', QUOTE='\"', ESCAPE='\"'"
"""How csv.writer writes (quotes doubled inside quoted fields), for LadybugDB's COPY."""
_BUFFER_POOL = 256 * 1024 * 1024
_GROWTH_LIMIT = 2
"""How many times its size when written whole a database may grow by patches."""
_log = logging.getLogger(__name__)


_COLUMN_TYPES = {
    "string": "STRING",
    "string[]": "STRING[]",
    "int": "INT64",
    "int[]": "INT64[]",
    "float[]": "DOUBLE[]",
    "bool": "BOOLEAN",
    "date": "STRING",
}


def _columns(props: tuple[Prop, ...]) -> list[str]:
    # `end` is a reserved word in LadybugDB's Cypher: queries read it as r.`end`, as Neo4j allows.
    columns: list[str] = []
    for prop in props:
        columns.append(f"`{prop.name}` {_COLUMN_TYPES[prop.type]}")
        if prop.day:
            columns.append(f"{prop.day} DATE")
    return columns


def ddl_statements() -> list[str]:
    """The tables of kg.schema: a node table per label, a relationship table per type with every
    (start, end) pair, `key` (the multigraph key) on each; and the one-row Build table."""
    statements = [
        f"CREATE NODE TABLE {node.label}({', '.join(['id STRING PRIMARY KEY', *_columns(node.props)])})"
        for node in NODES
    ]
    for rel in RELATIONSHIPS:
        pairs = [f"FROM {start} TO {end}" for start, end in rel.pairs]
        statements.append(
            f"CREATE REL TABLE {rel.type}({', '.join([*pairs, 'key STRING', *_columns(rel.props)])})"
        )
    statements.append("CREATE NODE TABLE Build(id STRING PRIMARY KEY)")
    return statements


def _csv_text(value: Any) -> str:
    if type(value) is str:  # most values: first, and without isinstance's walk of the class tree
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return _SEPARATOR.join(str(v).replace(_SEPARATOR, " ") for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _column_expression(column: str, column_type: str) -> str:
    if column_type.endswith("[]"):
        items = f"string_split({column}, $sep)"
        if column_type != "STRING[]":
            items = f"CAST({items} AS {column_type})"
        return f"CASE WHEN {column} IS NULL OR {column} = '' THEN CAST([] AS {column_type}) ELSE {items} END"
    if column_type == "STRING":
        return f"CASE WHEN {column} = '' THEN NULL ELSE {column} END"
    return f"CASE WHEN {column} = '' THEN NULL ELSE CAST({column} AS {column_type}) END"


def _remove_database(path: Path) -> None:
    for candidate in [path, *path.parent.glob(path.name + ".*")]:
        if candidate.is_dir():
            raise DatabaseError(f"{candidate} is a folder, not an embedded database file")
        candidate.unlink(missing_ok=True)


class LadybugBackend:
    dialect = "ladybug"

    def __init__(self, path: Path, *, read_only: bool = True) -> None:
        if read_only and not path.exists():
            raise NotBuilt(f"no embedded database at {path}: run `kg build` first")
        try:
            self.database = ladybug.Database(str(path), read_only=read_only, buffer_pool_size=_BUFFER_POOL)
            self.connection = ladybug.Connection(self.database)
        except RuntimeError as exc:
            raise DatabaseError(f"cannot open {path}: {one_line(exc)}") from None
        self.path = path
        self.read_only = read_only

    @classmethod
    def create(cls, path: Path) -> LadybugBackend:
        """A new, empty database with the tables of schema/ladybug, replacing any database at path."""
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_database(path)
        backend = cls(path, read_only=False)
        for statement in ddl_statements():
            backend.run(statement, write=True)
        return backend

    def _columns(self, table: str) -> list[tuple[str, str]]:
        result = self.run(f"CALL table_info('{table}') RETURN name, type")
        return [(str(name), str(column_type)) for name, column_type in result.rows]

    def _copy(
        self, table: str, csv_path: Path, columns: list[tuple[str, str]], pair: EdgeGroup | None
    ) -> None:
        fields = ["src", "dst"] if pair else []
        expressions = [*fields, *_values(columns)]
        options = f" (from='{pair.start}', to='{pair.end}')" if pair else ""
        self.run(
            f"COPY {table} FROM ({self._load_clause(csv_path, fields, len(columns))} "
            f"RETURN {', '.join(expressions)}){options}",
            {"sep": _SEPARATOR},
            write=True,
        )

    @staticmethod
    def _load_clause(csv_path: Path, fields: list[str], count: int) -> str:
        if "'" in str(csv_path):
            raise DatabaseError(f"cannot load from a path with a quote: {csv_path}")
        # Every CSV column is read as text, so no type sniffing gets in the way of the casts of
        # _column_expression; and the dialect is Python's csv, said outright: sniffed from the
        # first rows, it misses the quotes of a later row (a summary with a comma after 256 without one).
        declared = ", ".join(f"{name} STRING" for name in [*fields, *(f"c{i}" for i in range(count))])
        return (
            f"LOAD WITH HEADERS ({declared}) FROM '{csv_path}' (HEADER=true, PARALLEL=false, {_CSV_DIALECT})"
        )

    def load(self, graph: nx.MultiDiGraph) -> LoadSummary:
        """Bulk-load a graph into the (empty) tables; graph properties without a column are reported."""
        started = time.perf_counter()
        dropped: dict[str, list[str]] = {}
        self.add_rows(node_rows(graph), edge_rows(graph), dropped)
        return LoadSummary(
            backend="ladybug",
            nodes=graph.number_of_nodes(),
            relationships=graph.number_of_edges(),
            nodes_created=graph.number_of_nodes(),
            relationships_created=graph.number_of_edges(),
            seconds=round(time.perf_counter() - started, 3),
            dropped_properties=dropped,
        )

    def add_rows(
        self,
        nodes: dict[str, list[dict[str, Any]]],
        edges: dict[EdgeGroup, list[EdgeRow]],
        dropped: dict[str, list[str]] | None = None,
        *,
        bulk: bool = True,
    ) -> None:
        """Nodes (kg.backends.rows.node_rows), then relationships among the nodes the tables hold:
        by COPY (bulk: a whole graph into empty tables), else by CREATE (a few rows: a COPY into a
        table that holds rows costs as much as a large one), read from the same CSV with the same
        casts either way. Properties without a column are noted in `dropped`."""
        dropped = {} if dropped is None else dropped
        with tempfile.TemporaryDirectory(prefix="kg-ladybug-") as tmp:
            for label, rows in nodes.items():
                columns = self._columns(label)
                _note_dropped(dropped, label, rows, [name for name, _ in columns])
                csv_path = _node_csv(Path(tmp), label, rows, columns)
                if bulk:
                    self._copy(label, csv_path, columns, None)
                else:
                    self._load(csv_path, [], columns, f"CREATE (n:{label} {{{_properties(columns)}}})")
            for group, group_edges in edges.items():
                columns = self._columns(group.type)
                names = [name for name, _ in columns]
                _note_dropped(dropped, group.type, [e.props for e in group_edges], names)
                csv_path = Path(tmp) / f"{group.start}-{group.type}-{group.end}.csv"
                header = ["src", "dst", *(f"c{i}" for i in range(len(names)))]
                _write_csv(
                    csv_path,
                    header,
                    ([e.start, e.end, *(e.props.get(n) for n in names)] for e in group_edges),
                )
                if bulk:
                    self._copy(group.type, csv_path, columns, group)
                else:
                    # Both ends looked up by primary key: a WITH before the MATCHes, or one pattern
                    # of both, makes LadybugDB join every start with every end (the buffer pool fills).
                    self._load(
                        csv_path,
                        ["src", "dst"],
                        columns,
                        f"MATCH (a:{group.start}) WHERE a.id = src MATCH (b:{group.end}) WHERE b.id = dst "
                        f"CREATE (a)-[:{group.type} {{{_properties(columns)}}}]->(b)",
                    )

    def set_rows(self, nodes: dict[str, list[dict[str, Any]]]) -> None:
        """Give nodes the tables hold the properties of their rows (kg.backends.rows.node_rows),
        read from the same CSV with the same casts as add_rows."""
        with tempfile.TemporaryDirectory(prefix="kg-ladybug-") as tmp:
            for label, rows in nodes.items():
                columns = self._columns(label)
                csv_path = _node_csv(Path(tmp), label, rows, columns)
                key = next(i for i, (name, _) in enumerate(columns) if name == "id")
                assignments = ", ".join(
                    f"n.`{name}` = {value}"
                    for i, ((name, _), value) in enumerate(zip(columns, _values(columns), strict=True))
                    if i != key
                )
                self._load(csv_path, [], columns, f"MATCH (n:{label}) WHERE n.id = c{key} SET {assignments}")

    def _load(self, csv_path: Path, fields: list[str], columns: list[tuple[str, str]], then: str) -> None:
        """Each row of a CSV file, read as `_copy` reads it (the `fields`, then c0, c1... of the
        columns, whose values are `_values`), into the Cypher `then`."""
        self.run(
            f"{self._load_clause(csv_path, fields, len(columns))} {then}", {"sep": _SEPARATOR}, write=True
        )

    def run(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """`write` is enforced by how the file was opened: a read-only database refuses changes."""
        try:
            result = self.connection.execute(cypher, dict(params or {}))
        except RuntimeError as exc:
            raise DatabaseError(f"LadybugDB: {one_line(exc)}") from None
        if isinstance(result, list):
            result = result[-1]
        columns = result.get_column_names()
        rows: list[list[Any]] = []
        while result.has_next():
            rows.append([plain(v) for v in result.get_next()])
        return QueryResult(columns, rows)

    def close(self) -> None:
        self.connection.close()
        self.database.close()


def _values(columns: list[tuple[str, str]]) -> list[str]:
    return [_column_expression(f"c{i}", column_type) for i, (_, column_type) in enumerate(columns)]


def _properties(columns: list[tuple[str, str]]) -> str:
    return ", ".join(f"`{name}`: {value}" for (name, _), value in zip(columns, _values(columns), strict=True))


def _node_csv(folder: Path, label: str, rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> Path:
    names = [name for name, _ in columns]
    csv_path = folder / f"{label}.csv"
    _write_csv(csv_path, [f"c{i}" for i in range(len(names))], ([r.get(n) for n in names] for r in rows))
    return csv_path


def _write_csv(path: Path, header: list[str], rows: Any) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_csv_text(v) for v in row] for row in rows)


def _note_dropped(
    dropped: dict[str, list[str]], table: str, rows: list[dict[str, Any]], columns: list[str]
) -> None:
    missing = sorted(
        {name for row in rows for name, value in row.items() if value is not None} - set(columns)
    )
    if missing:
        dropped[table] = missing


def write_embedded(graph: nx.MultiDiGraph, out_dir: Path, *, reuse: Reuse | None = None) -> Path:
    """The embedded database for `kg query` in the build folder out_dir (replaced if present),
    with the graph's build id in its one Build node. With `reuse` of a previous build, a copy of
    its database patched by the difference (kg.backends.ladybug_patch), when that is less work."""
    path = BuildLayout(out_dir).embedded
    digests = reuse.graph_digests(graph) if reuse is not None else None
    patched = _patched(graph, path, digests, reuse) if reuse is not None and digests is not None else None
    backend = patched[0] if patched else LadybugBackend.create(path)
    try:
        if not patched:
            backend.load(graph)
        backend.run("MATCH (b:Build) DELETE b", write=True)
        if graph.graph.get("build_id"):
            backend.run("CREATE (:Build {id: $id})", {"id": graph.graph["build_id"]}, write=True)
    finally:
        backend.close()
    if reuse is not None and digests is not None:
        if not patched:
            reuse.made += part_count(graph)
        whole_size = patched[1] if patched else path.stat().st_size
        # The parts themselves are the graph's (kg.reuse.GRAPH_PARTS): the seal says the database
        # is still the one its build wrote from them.
        reuse.keep_parts(EMBEDDED, {"whole_size": whole_size})
    return path


def _patched(
    graph: nx.MultiDiGraph, path: Path, digests: GraphDigests, reuse: Reuse
) -> tuple[LadybugBackend, int] | None:
    """The previous build's database, copied to `path` and patched into that of `graph`, open, and
    the size of the database it was patched from when written whole; None when there is none to
    patch, or patching is more work than writing whole."""
    previous = reuse.previous_parts(EMBEDDED)
    if previous is None or not isinstance(previous[1], dict):
        return None
    source, kept = previous
    whole_size = kept.get("whole_size")
    # Patches leave unused pages behind: past some growth, a whole write compacts the file.
    if not isinstance(whole_size, int) or source.stat().st_size > _GROWTH_LIMIT * whole_size:
        return None
    diff = difference(digests, graph)
    if diff is None:
        return None
    _remove_database(path)
    shutil.copyfile(source, path)
    backend = LadybugBackend(path, read_only=False)
    try:
        apply(backend, graph, diff)
    except DatabaseError as exc:
        backend.close()
        _log.warning("the previous build's embedded database could not be patched (%s): written whole", exc)
        return None
    made = diff.parts_made()
    reuse.taken += part_count(graph) - made
    reuse.made += made
    return backend, whole_size


def open_embedded(out_dir: Path, *, write: bool = False) -> LadybugBackend:
    return LadybugBackend(BuildLayout(out_dir).embedded, read_only=not write)


def embedded_build_id(out_dir: Path) -> str | None:
    backend = open_embedded(out_dir)
    try:
        rows = backend.run("MATCH (b:Build) RETURN b.id").rows
    finally:
        backend.close()
    return str(rows[0][0]) if rows else None
