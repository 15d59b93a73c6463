"""What the index tells at a glance: country pairs ranked by contacts, first contacts between
officials and brokers, per year. The same figures as the named queries contacts-by-quarter,
first-contacts and brokers: pairs from the relations view's reading of the graph, first contacts
from MET `first`, brokers from the betweenness stored on Person nodes (kg.brokers)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.sinks.views.facts import GraphWalk
from kg.sinks.views.relations import Relations

TOP_PAIRS = 25
BROKERS_PER_YEAR = 10


def _country_of(walked: GraphWalk) -> dict[str, str]:
    nodes = walked.graph.nodes
    return {
        u: str(nodes[v].get("name") or v)
        for u, v, _ in walked.of_type("REPRESENTS")
        if nodes[v].get("label") == "Country"
    }


def ranked_pairs(relations: Relations) -> list[dict[str, Any]]:
    """Country pairs by the number of meetings people of both took part in, most first."""
    pairs = relations.pair_contacts
    top = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PAIRS]
    return [
        {
            "a": a,
            "b": b,
            "names": [relations.countries[a]["name"], relations.countries[b]["name"]],
            "meetings": count,
        }
        for (a, b), count in top
    ]


def first_contacts_by_year(walked: GraphWalk) -> dict[str, list[list[Any]]]:
    """Year -> pairs of officials whose first meeting in the corpus fell in that year, by date."""
    country = _country_of(walked)
    nodes = walked.graph.nodes
    years: dict[str, list[list[Any]]] = defaultdict(list)
    for u, v, d in walked.of_type("MET"):
        first = d.get("first")
        if not first:
            continue
        name_u, name_v = (str(nodes[n].get("name") or n) for n in (u, v))
        years[first[:4]].append([first, name_u, country.get(u), name_v, country.get(v), d.get("meetings")])
    return {year: sorted(rows, key=lambda r: (r[0], r[1], r[3])) for year, rows in years.items()}


def brokers_by_year(walked: GraphWalk) -> dict[str, list[list[Any]]]:
    """Year -> the people with the highest betweenness on that year's MET graph."""
    country = _country_of(walked)
    years: dict[str, list[list[Any]]] = defaultdict(list)
    for node, data in walked.graph.nodes(data=True):
        if data.get("label") != "Person":
            continue
        for year, value in zip(
            data.get("betweenness_years") or [], data.get("betweenness") or [], strict=True
        ):
            years[str(year)].append([str(data.get("name") or node), country.get(node), value])
    return {
        year: sorted(rows, key=lambda r: (-r[2], r[0]))[:BROKERS_PER_YEAR] for year, rows in years.items()
    }
