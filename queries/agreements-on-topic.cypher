// Agreements on a topic, with their parties and date. The topic is an id (telecom-fraud) or its
// English or Chinese label (telecom fraud, 电信诈骗).
// @param topic: string = "telecom-fraud"
MATCH (ag:Agreement)-[:CONCERNS]->(t:Topic)
WHERE t.id = $topic OR t.id = 'topic:' + $topic OR toLower(t.name) = toLower($topic) OR t.label_zh = $topic
OPTIONAL MATCH (p)-[:PARTY_TO]->(ag)
RETURN ag.date AS date, ag.summary AS summary, collect(p.name) AS parties, ag.kind AS kind, ag.id AS agreement
ORDER BY date, agreement
