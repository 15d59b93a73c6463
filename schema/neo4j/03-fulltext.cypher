// Full-text search over every spelling of a name (simplified and traditional Chinese, English,
// aliases): `names` is a list property. The CJK analyzer indexes Chinese by character bigrams,
// so 习近平 finds 习近平主席 too; Latin words are lower-cased as usual.
// Use: CALL db.index.fulltext.queryNodes('names', 'Wang Yi') YIELD node, score
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Person|Country|Organization|Place)
ON EACH [n.names, n.name, n.name_zh]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
