// The fields the named queries filter and sort on: dates (ISO strings, and native dates where
// known to the day) and names.
CREATE RANGE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date);
CREATE RANGE INDEX meeting_day IF NOT EXISTS FOR (n:Meeting) ON (n.day);
CREATE RANGE INDEX agreement_date IF NOT EXISTS FOR (n:Agreement) ON (n.date);
CREATE RANGE INDEX agreement_day IF NOT EXISTS FOR (n:Agreement) ON (n.day);
CREATE RANGE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE RANGE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name);
CREATE RANGE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE RANGE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE RANGE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);
