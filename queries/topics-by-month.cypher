// Topics by month: how many agreements concern each topic, per month (agreements dated to the year only are left out).
// @param from: date = 0001-01      earliest month
MATCH (ag:Agreement)-[:CONCERNS]->(t:Topic)
WHERE ag.date_precision IN ['day', 'month'] AND left(ag.date, 7) >= left($from, 7)
RETURN left(ag.date, 7) AS month, t.name AS topic, count(*) AS agreements
ORDER BY month, topic
