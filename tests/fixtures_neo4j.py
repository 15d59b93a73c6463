"""Neo4j server fixture (being written)."""
