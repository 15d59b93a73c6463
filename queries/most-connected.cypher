// Most connected people: how many different people each met, and in how many meetings in all.
// @param limit: int = 20
MATCH (p:Person)-[r:MET]-(o:Person)
RETURN p.name AS person, count(DISTINCT o.id) AS contacts, sum(r.meetings) AS meetings, p.country AS country
ORDER BY contacts DESC, meetings DESC, person
LIMIT $limit
