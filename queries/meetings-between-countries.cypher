// Meetings between people of two countries: date, place, who met, and the meeting id (for evidence).
// @param country_a: string = "China"      a country: a name in any script (中国, 中國, China) or an id
// @param country_b: string = "Cambodia"
MATCH (ca:Country), (cb:Country)
WHERE (ca.id = $country_a OR toLower($country_a) IN ca.names_lower)
  AND (cb.id = $country_b OR toLower($country_b) IN cb.names_lower)
  AND ca.id <> cb.id
MATCH (ca)<-[:REPRESENTS]-(pa:Person)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(pb:Person)-[:REPRESENTS]->(cb)
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
RETURN m.date AS date, pl.name AS place, pa.name AS person_a, pb.name AS person_b, m.kind AS kind, m.id AS meeting
ORDER BY date, meeting, person_a, person_b
