"""Shared helpers of the graph-database tests: comparing rows across backends."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kg.backends import QueryResult
from kg.queries import NamedQuery


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        # collect() gives no order in Cypher; the lists are compared as multisets.
        return tuple(sorted((_hashable(v) for v in value), key=repr))
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def comparable(query: NamedQuery, result: QueryResult) -> Any:
    """Rows as a list where the query orders them, as a multiset where it does not."""
    rows = [tuple(_hashable(v) for v in row) for row in result.rows]
    return rows if "ORDER BY" in query.cypher.upper() else Counter(rows)


def column(result: QueryResult, name: str) -> list[Any]:
    return [record[name] for record in result.records()]
