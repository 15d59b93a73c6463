// LadybugDB relationship tables: kg.graph.REL_TYPES with every (start, end) pair the graph model
// allows. `key` is the graph's multigraph key, as in Neo4j. `end` is a reserved word in
// LadybugDB's Cypher, hence the backticks (queries read it as r.`end`, which Neo4j accepts too).
CREATE REL TABLE PARTICIPATED_IN(
  FROM Person TO Meeting, FROM Country TO Meeting, FROM Organization TO Meeting,
  key STRING, role STRING, name STRING, title STRING
);
CREATE REL TABLE HELD_IN(FROM Meeting TO Place, key STRING);
CREATE REL TABLE MET(FROM Person TO Person, key STRING, meetings INT64, first STRING, last STRING, meeting_ids STRING[]);
CREATE REL TABLE REPRESENTS(FROM Person TO Country, FROM Person TO Organization, key STRING, title STRING, as_of STRING);
CREATE REL TABLE PART_OF(FROM Organization TO Country, FROM Organization TO Organization, key STRING);
CREATE REL TABLE PRODUCED(FROM Meeting TO Agreement, key STRING);
CREATE REL TABLE PARTY_TO(FROM Country TO Agreement, FROM Organization TO Agreement, FROM Person TO Agreement, key STRING, name STRING, role STRING);
CREATE REL TABLE CONCERNS(FROM Agreement TO Topic, key STRING);
CREATE REL TABLE REPORTS(FROM Article TO Meeting, FROM Article TO Agreement, key STRING, sentence STRING, start INT64, `end` INT64);
