"""What every graph database backend offers, and the plain values its rows hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

import networkx as nx

from kg.errors import DatabaseError
from kg.queries import NamedQuery

__all__ = ["DatabaseError", "GraphBackend", "LoadSummary", "QueryResult", "plain", "run_named"]


@dataclass
class LoadSummary:
    backend: str
    nodes: int
    relationships: int
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    seconds: float = 0.0
    dropped_properties: dict[str, list[str]] = field(default_factory=dict)
    """Graph properties a backend's schema has no column for (LadybugDB only), by label or type."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class GraphBackend(Protocol):
    dialect: str

    def load(self, graph: nx.MultiDiGraph) -> LoadSummary: ...

    def run(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult: ...

    def close(self) -> None: ...


def run_named(
    backend: GraphBackend, query: NamedQuery, given: Mapping[str, Any] | None = None
) -> QueryResult:
    """A named query with its parameters typed and defaulted, in the backend's dialect."""
    return backend.run(query.cypher_for(backend.dialect), query.bind(given))


def plain(value: Any) -> Any:
    """A value both backends return alike: dates as datetime.date, integral decimals as int,
    nodes and relationships as their properties (unset ones left out), paths as node lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items() if not str(k).startswith("_") and v is not None}
    if isinstance(value, Sequence):
        return [plain(v) for v in value]
    return value
