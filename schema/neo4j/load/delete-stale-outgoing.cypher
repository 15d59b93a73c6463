// Relationships leaving a node of the graph that the graph no longer has. The identity text is the
// one kg.backends.rows.EdgeRow.identity builds: start id | type | key | end id.
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})-[r]->(m)
WHERE NOT (n.id + '|' + type(r) + '|' + coalesce(r.key, '') + '|' + m.id) IN row.keep
DELETE r
