// Agreements two countries are both party to: date, topics, summary.
// @param country_a: string = "China"      a country: a name in any script or an id
// @param country_b: string = "Cambodia"
MATCH (ca:Country)-[:PARTY_TO]->(ag:Agreement)<-[:PARTY_TO]-(cb:Country)
WHERE (ca.id = $country_a OR toLower($country_a) IN ca.names_lower)
  AND (cb.id = $country_b OR toLower($country_b) IN cb.names_lower)
RETURN ag.date AS date, ag.topics AS topics, ag.summary AS summary, ag.id AS agreement
ORDER BY date, agreement
