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
from kg.reuse import digest

EXACT_UP_TO = 600
"""Above this many people in one year's graph, betweenness is estimated from SAMPLES sources
(fixed seed, so a build is reproducible): exact betweenness is quadratic and the ranking of the
few real brokers is what a reader needs."""
SAMPLES = 200
DIGITS = 6


def year_graphs(
    meetings: Iterable[Meeting], principals_of: Callable[[Meeting], set[str]]
) -> dict[int, nx.Graph]:
    """One undirected graph per year: an edge for every two principals of a meeting that year."""
    graphs: dict[int, nx.Graph] = defaultdict(nx.Graph)
    for meeting in sorted(meetings, key=lambda m: m.id):
        if meeting.date is None:
            continue
        people = sorted(principals_of(meeting))
        graphs[meeting.date.year].add_edges_from(combinations(people, 2))
    return dict(graphs)


YearBetweenness = Callable[[int, nx.Graph], dict[str, float]]


def year_betweenness(year: int, graph: nx.Graph) -> dict[str, float]:
    """Person id -> betweenness on one year's graph, for those above zero."""
    sample = SAMPLES if graph.number_of_nodes() > EXACT_UP_TO else None
    centrality = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=0)
    rounded = {person: round(value, DIGITS) for person, value in centrality.items()}
    return {person: value for person, value in rounded.items() if value > 0}


def betweenness_by_person(
    graphs: dict[int, nx.Graph], of_year: YearBetweenness = year_betweenness
) -> dict[str, list[tuple[int, float]]]:
    """Person id -> (year, betweenness) for every year in which the value is above zero, by year;
    of_year computes one year's (kg.graph passes one that remembers the previous build's)."""
    values: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for year in sorted(graphs):
        for person, value in of_year(year, graphs[year]).items():
            values[person].append((year, value))
    return dict(values)


def graph_digest(graph: nx.Graph) -> str:
    """A digest of a year's graph: its people and edges in their order, on which sampling and the
    order of floating-point sums depend."""
    return digest((list(graph.nodes), list(graph.edges)))
