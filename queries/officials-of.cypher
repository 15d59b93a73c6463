// Officials of a country and their titles: the latest title (with its date) and every title seen.
// @param country: string = "China"   a name in any script (中国, 中國, China) or an id
MATCH (p:Person)-[r:REPRESENTS]->(c:Country)
WHERE c.id = $country OR toLower($country) IN c.names_lower
RETURN p.name AS person, p.name_zh_hans AS name_zh, r.title AS title, r.as_of AS as_of, p.titles AS titles_seen, p.id AS id
ORDER BY person
