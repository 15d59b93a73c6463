// Meetings or agreements no article reports any more.
MATCH (f:__LABEL__)
WHERE NOT ()-[:REPORTS]->(f)
DETACH DELETE f
