// LadybugDB spells shortest paths as [:MET* SHORTEST 1..6] and maps lists with list_transform.
MATCH (a:Person), (b:Person)
WHERE (a.id = $from_actor OR toLower($from_actor) IN a.names_lower)
  AND (b.id = $to_actor OR toLower($to_actor) IN b.names_lower)
  AND a.id <> b.id
MATCH p = (a)-[:MET* SHORTEST 1..6]-(b)
RETURN list_transform(nodes(p), n -> n.name) AS people, length(p) AS steps
