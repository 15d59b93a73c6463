// Brokers: the people with the highest betweenness centrality on the MET graph of one year
// (who-met-whom among the principals of that year's meetings; computed when the graph is built).
// @param year: int = 2024
// @param limit: int = 10
MATCH (p:Person)
UNWIND range(0, size(coalesce(p.betweenness_years, [])) - 1) AS i
WITH p, i
WHERE p.betweenness_years[i] = $year
OPTIONAL MATCH (p)-[:REPRESENTS]->(c:Country)
RETURN p.name AS person, c.name AS country, p.betweenness[i] AS betweenness
ORDER BY betweenness DESC, person
LIMIT $limit
