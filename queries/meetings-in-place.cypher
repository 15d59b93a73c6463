// Meetings held in a place (a name in English or Chinese: Beijing, 北京), with who took part.
// @param place: string = "Beijing"
MATCH (m:Meeting)-[:HELD_IN]->(pl:Place)
WHERE toLower(pl.name) = toLower($place) OR pl.name_zh = $place OR pl.id = $place
OPTIONAL MATCH (p:Person)-[:PARTICIPATED_IN]->(m)
RETURN m.date AS date, pl.name AS place, collect(p.name) AS participants, m.kind AS kind, m.id AS meeting
ORDER BY date, meeting
