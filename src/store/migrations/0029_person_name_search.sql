-- tildel 0029: person search by name without reading every person of the municipality (issue 18:
-- "person search is a full scan"). store/persons.ts searchPersonsByName asks for persons whose full
-- name contains every word typed; on the Oslo-size set (40,000 persons) that was a sequential scan
-- with a sub-select per row, 554 ms. A trigram index answers "contains" (LIKE '%word%') from the
-- index. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so the database owner
-- may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX person_name_trgm_idx ON person USING gin (lower(given_name || ' ' || family_name) gin_trgm_ops);
