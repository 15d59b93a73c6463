// The evidence for a meeting or an agreement: each sentence that states it, with its article.
// @param id: string   a meeting or agreement id, as other queries return it
MATCH (art:Article)-[r:REPORTS]->(e)
WHERE e.id = $id
RETURN art.name AS article, art.title AS title, art.url AS url, art.published AS published,
       r.sentence AS sentence, r.start AS start, r.`end` AS `end`
ORDER BY article, start
