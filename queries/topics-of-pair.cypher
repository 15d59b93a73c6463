// Topics of a country pair: what two countries, both party to agreements, agreed on: how many
// agreements per topic, and the first and last date.
// @param country_a: string = "China"      a country: a name in any script or an id
// @param country_b: string = "Cambodia"
MATCH (ca:Country)-[:PARTY_TO]->(ag:Agreement)<-[:PARTY_TO]-(cb:Country)
WHERE (ca.id = $country_a OR toLower($country_a) IN ca.names_lower)
  AND (cb.id = $country_b OR toLower($country_b) IN cb.names_lower)
  AND ca.id <> cb.id
MATCH (ag)-[:CONCERNS]->(t:Topic)
RETURN t.name AS topic, count(DISTINCT ag) AS agreements, min(ag.date) AS first, max(ag.date) AS last
ORDER BY agreements DESC, topic
