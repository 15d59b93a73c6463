// How a name resolves: the actors it names (any script), with all their spellings, country and
// titles, and how many meetings and agreements they appear in.
// @param name: string = "习近平"
MATCH (a:Person)
WHERE a.id = $name OR toLower($name) IN a.names_lower
OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(m:Meeting)
WITH a, count(m) AS meetings
OPTIONAL MATCH (a)-[:PARTY_TO]->(ag:Agreement)
RETURN a.id AS id, a.name AS name, a.names AS names, a.country AS country, a.titles AS titles,
       meetings, count(ag) AS agreements
ORDER BY id
