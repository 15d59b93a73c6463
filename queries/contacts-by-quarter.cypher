// Contacts of a country pair by quarter: meetings in which people of both countries took part,
// per quarter and mode (in_person, video, phone, letter); meetings dated to the year only are left out.
// @param country_a: string = "China"      a country: a name in any script (中国, 中國, China) or an id
// @param country_b: string = "Cambodia"
MATCH (ca:Country), (cb:Country)
WHERE (ca.id = $country_a OR toLower($country_a) IN ca.names_lower)
  AND (cb.id = $country_b OR toLower($country_b) IN cb.names_lower)
  AND ca.id <> cb.id
MATCH (ca)<-[:REPRESENTS]-(:Person)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(:Person)-[:REPRESENTS]->(cb)
WHERE m.date_precision IN ['day', 'month']
WITH DISTINCT m
WITH m, right(left(m.date, 7), 2) AS month
RETURN left(m.date, 4) + '-Q' + CASE WHEN month <= '03' THEN '1' WHEN month <= '06' THEN '2'
                                     WHEN month <= '09' THEN '3' ELSE '4' END AS quarter,
       m.mode AS mode, count(m) AS meetings
ORDER BY quarter, mode
