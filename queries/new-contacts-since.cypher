// New contacts: pairs of people whose first meeting was on or after a date, optionally for one person.
// @param since: date = 2024-01-01
// @param actor: string = ""   a person (a name in any script or an id); empty for everyone
MATCH (a:Person)-[r:MET]->(b:Person)
WHERE r.first >= $since
  AND ($actor = ''
       OR a.id = $actor OR toLower($actor) IN a.names_lower
       OR b.id = $actor OR toLower($actor) IN b.names_lower)
RETURN a.name AS person, b.name AS other, r.first AS first_met, r.meetings AS meetings
ORDER BY first_met, person, other
