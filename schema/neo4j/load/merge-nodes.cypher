// One batch of nodes of one label. __LABEL__ is replaced by a label from the kg.graph whitelist.
// SET n = props replaces every property, so a reload leaves none from the previous load.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n = row
