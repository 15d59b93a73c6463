// LadybugDB numbers list elements from 1.
MATCH (p:Person)
UNWIND range(1, size(coalesce(p.betweenness_years, CAST([] AS INT64[])))) AS i
WITH p, i
WHERE p.betweenness_years[i] = $year
OPTIONAL MATCH (p)-[:REPRESENTS]->(c:Country)
RETURN p.name AS person, c.name AS country, p.betweenness[i] AS betweenness
ORDER BY betweenness DESC, person
LIMIT $limit
