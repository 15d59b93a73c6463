// Nodes of one label that the loaded graph does not have (articles removed, facts no longer read).
MATCH (n:__LABEL__)
WHERE NOT n.id IN $keep
DETACH DELETE n
