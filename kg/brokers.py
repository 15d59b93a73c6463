"""Brokers: each person's betweenness centrality on the MET graph of each year (networkx).

Computed once when the graph is built and stored on the Person nodes (kg.schema's
`betweenness_years` and `betweenness`), so Neo4j, the embedded database and the views all read
the same figures and no graph-algorithm plugin is needed. A year's MET graph joins the principals
of that year's dated meetings, as MET does for the whole corpus (kg.graph).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

import networkx as nx

from kg.records import Meeting

EXACT_UP_TO = 600
"""Above this many people in one year's graph, betweenness is estimated from SAMPLES sources
(fixed seed, so a build is reproducible): exact betweenness is quadratic and the ranking of the
few real brokers is what a reader needs."""
SAMPLES = 200
DIGITS = 6


def year_pairs(
    meetings: Iterable[Meeting], principals_of: Callable[[Meeting], Iterable[str]]
) -> dict[int, list[tuple[str, str]]]:
    """Per year, every two principals of each dated meeting that year, meetings in the order of
    their ids: the edges of that year's graph in the order they are added, which its node order,
    and so sampling and the order of floating-point sums, follow."""
    pairs: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for meeting in sorted(meetings, key=lambda m: m.id):
        if meeting.date is None:
            continue
        pairs[meeting.date.year].extend(combinations(sorted(principals_of(meeting)), 2))
    return {year: found for year, found in pairs.items() if found}


def year_graph(pairs: list[tuple[str, str]]) -> nx.Graph:
    """One year's undirected graph: an edge for every two principals of a meeting that year."""
    graph = nx.Graph()
    graph.add_edges_from(pairs)
    return graph


YearBetweenness = Callable[[int, list[tuple[str, str]]], dict[str, float]]


def year_betweenness(year: int, pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Person id -> betweenness on one year's graph (made of its `year_pairs`), for those above zero."""
    graph = year_graph(pairs)
    sample = SAMPLES if graph.number_of_nodes() > EXACT_UP_TO else None
    centrality = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=0)
    rounded = {person: round(value, DIGITS) for person, value in centrality.items()}
    return {person: value for person, value in rounded.items() if value > 0}


def betweenness_by_person(
    pairs: dict[int, list[tuple[str, str]]], of_year: YearBetweenness = year_betweenness
) -> dict[str, list[tuple[int, float]]]:
    """Person id -> (year, betweenness) for every year in which the value is above zero, by year;
    of_year computes one year's from its `year_pairs` (kg.graph passes one that remembers the
    previous build's, keyed by a digest of the pairs: the graph is made only when they changed)."""
    values: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for year in sorted(pairs):
        for person, value in of_year(year, pairs[year]).items():
            values[person].append((year, value))
    return dict(values)
