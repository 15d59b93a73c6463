// One batch of relationships of one (start label, type, end label) group, whitelisted.
// `key` (the graph's multigraph key) tells apart several relationships of a type between two nodes.
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
SET r = row.props
