// LadybugDB writes a label disjunction as (e:Meeting:Agreement) and reads the label with label(e).
MATCH (ca:Country), (cb:Country)
WHERE (ca.id = $country_a OR toLower($country_a) IN ca.names_lower)
  AND (cb.id = $country_b OR toLower($country_b) IN cb.names_lower)
  AND ca.id <> cb.id
MATCH (e:Meeting:Agreement)
WHERE EXISTS { MATCH (ca)<-[:REPRESENTS]-(:Person)-[:PARTICIPATED_IN]->(e)<-[:PARTICIPATED_IN]-(:Person)-[:REPRESENTS]->(cb) }
   OR EXISTS { MATCH (ca)-[:PARTY_TO]->(e)<-[:PARTY_TO]-(cb) }
RETURN e.date AS date, label(e) AS kind, e.name AS what, e.id AS id
ORDER BY date, kind, id
