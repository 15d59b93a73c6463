"""The embedded graph database: LadybugDB (PyPI `ladybug`, the maintained fork of Kùzu), one file
under out/ that `kg query` reads with no server.

The tables are generated from kg.schema; the graph is bulk-loaded with COPY from CSV files,
one per label and per (start label, type, end label), which loads 100k relationships in well under
a second. Lists travel through the CSV joined by a unit separator and are split back by
`string_split`, because LadybugDB's own CSV list syntax keeps quote characters inside elements.
The database is always written whole: `write_embedded` replaces the previous file.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from kg.backends.base import LoadSummary, QueryResult, plain
from kg.backends.rows import EdgeGroup, edge_rows, node_rows
from kg.errors import DatabaseError, NotBuilt, one_line
from kg.layout import BuildLayout
from kg.reuse import Reuse
from kg.schema import NODES, RELATIONSHIPS, Prop

_SEPARATOR = "\x1f"
_CSV_DIALECT = "AUTO_DETECT=false, DELIM=',', QUOTE='\"', ESCAPE='\"'"
"""How csv.writer writes (quotes doubled inside quoted fields), for LadybugDB's COPY."""
_BUFFER_POOL = 256 * 1024 * 1024


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
        if "'" in str(csv_path):
            raise DatabaseError(f"cannot load from a path with a quote: {csv_path}")
        fields = ["src", "dst"] if pair else []
        expressions = list(fields) + [_column_expression(f"c{i}", t) for i, (_, t) in enumerate(columns)]
        options = f" (from='{pair.start}', to='{pair.end}')" if pair else ""
        # Every CSV column is read as text, so no type sniffing gets in the way of the casts above;
        # and the dialect is Python's csv, said outright: sniffed from the first rows, it misses
        # the quotes of a later row (a summary with a comma after 256 without one).
        declared = ", ".join(f"{name} STRING" for name in [*fields, *(f"c{i}" for i in range(len(columns)))])
        self.run(
            f"COPY {table} FROM (LOAD WITH HEADERS ({declared}) FROM '{csv_path}' "
            f"(HEADER=true, PARALLEL=false, {_CSV_DIALECT}) RETURN {', '.join(expressions)}){options}",
            {"sep": _SEPARATOR},
            write=True,
        )

    def load(self, graph: nx.MultiDiGraph) -> LoadSummary:
        """Bulk-load a graph into the (empty) tables; graph properties without a column are reported."""
        started = time.perf_counter()
        dropped: dict[str, list[str]] = {}
        with tempfile.TemporaryDirectory(prefix="kg-ladybug-") as tmp:
            for label, rows in node_rows(graph).items():
                columns = self._columns(label)
                names = [name for name, _ in columns]
                _note_dropped(dropped, label, rows, names)
                csv_path = Path(tmp) / f"{label}.csv"
                _write_csv(
                    csv_path, [f"c{i}" for i in range(len(names))], ([r.get(n) for n in names] for r in rows)
                )
                self._copy(label, csv_path, columns, None)
            for group, edges in edge_rows(graph).items():
                columns = self._columns(group.type)
                names = [name for name, _ in columns]
                _note_dropped(dropped, group.type, [e.props for e in edges], names)
                csv_path = Path(tmp) / f"{group.start}-{group.type}-{group.end}.csv"
                header = ["src", "dst", *(f"c{i}" for i in range(len(names)))]
                _write_csv(
                    csv_path, header, ([e.start, e.end, *(e.props.get(n) for n in names)] for e in edges)
                )
                self._copy(group.type, csv_path, columns, group)
        return LoadSummary(
            backend="ladybug",
            nodes=graph.number_of_nodes(),
            relationships=graph.number_of_edges(),
            nodes_created=graph.number_of_nodes(),
            relationships_created=graph.number_of_edges(),
            seconds=round(time.perf_counter() - started, 3),
            dropped_properties=dropped,
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
    with the graph's build id in its one Build node."""
    path = BuildLayout(out_dir).embedded
    backend = LadybugBackend.create(path)
    try:
        backend.load(graph)
        if graph.graph.get("build_id"):
            backend.run("CREATE (:Build {id: $id})", {"id": graph.graph["build_id"]}, write=True)
    finally:
        backend.close()
    return path


def open_embedded(out_dir: Path, *, write: bool = False) -> LadybugBackend:
    return LadybugBackend(BuildLayout(out_dir).embedded, read_only=not write)


def embedded_build_id(out_dir: Path) -> str | None:
    backend = open_embedded(out_dir)
    try:
        rows = backend.run("MATCH (b:Build) RETURN b.id").rows
    finally:
        backend.close()
    return str(rows[0][0]) if rows else None
