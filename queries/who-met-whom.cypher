// Who met whom: pairs of people who took part in the same meetings, with how many and when
// (first and last date). Optionally only the pairs of one person.
// @param actor: string = ""   a person: a name in any script (王毅, Wang Yi) or an id; empty for all pairs
// @param limit: int = 100
MATCH (a:Person)-[r:MET]->(b:Person)
WHERE $actor = ''
   OR a.id = $actor OR toLower($actor) IN a.names_lower
   OR b.id = $actor OR toLower($actor) IN b.names_lower
RETURN a.name AS person, b.name AS other, r.meetings AS meetings, r.first AS first, r.last AS last
ORDER BY meetings DESC, first, person, other
LIMIT $limit
