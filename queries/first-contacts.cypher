// First contacts: pairs of officials who met for the first time in the corpus on or after a date,
// with their countries, the date of that first meeting and how often they have met since.
// @param since: date = 2024-01-01   the earliest first meeting (ISO; partial dates allowed)
MATCH (a:Person)-[r:MET]->(b:Person)
WHERE r.first >= $since
OPTIONAL MATCH (a)-[:REPRESENTS]->(ca:Country)
OPTIONAL MATCH (b)-[:REPRESENTS]->(cb:Country)
RETURN a.name AS person, ca.name AS country, b.name AS other, cb.name AS other_country,
       r.first AS first_met, r.meetings AS meetings
ORDER BY first_met, person, other
