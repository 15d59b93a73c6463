// The per-row baseline of bench/load.py: one relationship, with its two nodes, per transaction.
MERGE (a:Person {id: $start})
MERGE (b:Meeting {id: $end})
MERGE (a)-[r:PARTICIPATED_IN {key: $key}]->(b)
SET r += $props
