// Timeline of a country pair: their meetings (people of both countries took part) and their
// agreements (both countries are parties), in date order.
// @param country_a: string = "China"      a country: a name in any script or an id
// @param country_b: string = "Cambodia"
MATCH (ca:Country), (cb:Country)
WHERE (ca.id = $country_a OR toLower($country_a) IN ca.names_lower)
  AND (cb.id = $country_b OR toLower($country_b) IN cb.names_lower)
  AND ca.id <> cb.id
MATCH (e:Meeting|Agreement)
WHERE EXISTS { MATCH (ca)<-[:REPRESENTS]-(:Person)-[:PARTICIPATED_IN]->(e)<-[:PARTICIPATED_IN]-(:Person)-[:REPRESENTS]->(cb) }
   OR EXISTS { MATCH (ca)-[:PARTY_TO]->(e)<-[:PARTY_TO]-(cb) }
RETURN e.date AS date, labels(e)[0] AS kind, e.name AS what, e.id AS id
ORDER BY date, kind, id
