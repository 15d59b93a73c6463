// For a meeting or an agreement of the graph: relationships the graph no longer has, in either
// direction, except reports from articles the graph does not carry (they keep their facts).
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})-[r]-(m)
WHERE NOT (startNode(r).id + '|' + type(r) + '|' + coalesce(r.key, '') + '|' + endNode(r).id) IN row.keep
  AND NOT (type(r) = 'REPORTS' AND NOT m.id IN $articles)
DELETE r
