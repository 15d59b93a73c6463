// Agreements a country or organization is party to, with the other parties and the topics.
// @param party: string = "Cambodia"   a country or organization: a name in any script or an id
// @param from: date = 0001-01-01
MATCH (c)-[:PARTY_TO]->(ag:Agreement)
WHERE (c.id = $party OR toLower($party) IN c.names_lower) AND ag.date >= left($from, size(ag.date))
OPTIONAL MATCH (o)-[:PARTY_TO]->(ag)
WHERE o.id <> c.id
RETURN ag.date AS date, collect(o.name) AS other_parties, ag.topics AS topics, ag.summary AS summary, ag.id AS agreement
ORDER BY date, agreement
