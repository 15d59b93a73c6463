// LadybugDB node tables: one per label of kg.graph.NODE_LABELS, columns for the properties
// kg.graph gives each label (see kg.backends.rows for `day` and `published_day`, native dates
// beside the ISO strings). Lists of names are STRING[] so `$name IN a.names_lower` works as in Neo4j.
CREATE NODE TABLE Person(
  id STRING PRIMARY KEY, name STRING, name_zh_hans STRING, name_zh_hant STRING, name_en STRING,
  aliases STRING[], names STRING[], names_lower STRING[], country STRING, titles STRING[], in_dictionary BOOLEAN
);
CREATE NODE TABLE Country(
  id STRING PRIMARY KEY, name STRING, name_zh_hans STRING, name_zh_hant STRING, name_en STRING,
  aliases STRING[], names STRING[], names_lower STRING[], country STRING, titles STRING[], in_dictionary BOOLEAN
);
CREATE NODE TABLE Organization(
  id STRING PRIMARY KEY, name STRING, name_zh_hans STRING, name_zh_hant STRING, name_en STRING,
  aliases STRING[], names STRING[], names_lower STRING[], country STRING, titles STRING[], in_dictionary BOOLEAN
);
CREATE NODE TABLE Meeting(
  id STRING PRIMARY KEY, name STRING, date STRING, day DATE, date_precision STRING, date_text STRING,
  mode STRING, kind STRING, place STRING, place_en STRING
);
CREATE NODE TABLE Agreement(
  id STRING PRIMARY KEY, name STRING, summary STRING, date STRING, day DATE, date_precision STRING,
  kind STRING, topics STRING[]
);
CREATE NODE TABLE Place(id STRING PRIMARY KEY, name STRING, name_zh STRING);
CREATE NODE TABLE Topic(id STRING PRIMARY KEY, name STRING, label_zh STRING);
CREATE NODE TABLE Article(
  id STRING PRIMARY KEY, name STRING, path STRING, title STRING, url STRING, published STRING, published_day DATE
);
// Not part of the graph model: the id of the build that wrote this database (see kg.build).
CREATE NODE TABLE Build(id STRING PRIMARY KEY);
