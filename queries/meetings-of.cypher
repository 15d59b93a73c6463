// Meetings of one actor in a date range: date, kind, mode, place and the other participants.
// Dates compare as ISO text, so a meeting known only to the month (2024-04) is in a range that
// reaches into that month.
// @param actor: string = "Wang Yi"   a name in any script (王毅, Wang Yi) or an actor id
// @param from: date = 0001-01-01     earliest date (YYYY-MM-DD, YYYY-MM or YYYY)
// @param until: date = 9999-12-31    latest date, inclusive (2024 means up to the end of 2024)
MATCH (a)-[:PARTICIPATED_IN]->(m:Meeting)
WHERE (a.id = $actor OR toLower($actor) IN a.names_lower)
  AND m.date >= left($from, size(m.date))
  AND left(m.date, size($until)) <= $until
OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
OPTIONAL MATCH (o:Person)-[:PARTICIPATED_IN]->(m)
WHERE o.id <> a.id
RETURN m.date AS date, m.kind AS kind, m.mode AS mode, pl.name AS place, collect(o.name) AS participants, m.id AS meeting
ORDER BY date, meeting
