"""Graph databases behind one small interface: load a graph; run Cypher with parameters -> rows.

Two backends: Neo4j (kg.backends.neo4j, through a driver the caller opens) and the embedded
LadybugDB file that `kg build` writes under out/ (kg.backends.ladybug). Both read the networkx
graph of kg.graph through kg.backends.rows, so they hold the same nodes, relationships and
properties; named queries (kg.queries) return the same rows on both.
"""

from kg.backends.base import DatabaseError, GraphBackend, LoadSummary, QueryResult, run_named

__all__ = ["DatabaseError", "GraphBackend", "LoadSummary", "QueryResult", "run_named"]
