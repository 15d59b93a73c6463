// The shortest chain of meetings linking two people (each step: the two met), up to 6 steps.
// @param from_actor: string = "Hun Sen"        a person: a name in any script or an id
// @param to_actor: string = "Donald Trump"
MATCH (a:Person), (b:Person)
WHERE (a.id = $from_actor OR toLower($from_actor) IN a.names_lower)
  AND (b.id = $to_actor OR toLower($to_actor) IN b.names_lower)
  AND a.id <> b.id
MATCH p = shortestPath((a)-[:MET*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS people, length(p) AS steps
