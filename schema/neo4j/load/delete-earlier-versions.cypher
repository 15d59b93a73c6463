// An article loaded again after an edit has another id (its content hash changed): the node of
// its earlier version goes, so the facts only that version reported go with the unreported ones.
UNWIND $rows AS row
MATCH (old:Article {name: row.name})
WHERE old.id <> row.id
DETACH DELETE old
