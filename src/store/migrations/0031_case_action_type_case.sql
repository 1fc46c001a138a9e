-- Issue 18: the steering card reads each case's first assessment start, first decision, the month's
-- decisions and the date its service started over the whole action log (store/steering.ts
-- cardCaseRows). The start date is in the service_started payload; read there, it cost a visit to
-- every such row's page of the (large) action table. As a generated column, computed once when the
-- action is written, it sits in the index by type and case with the moment, and the card reads all
-- four from the index alone (an index-only scan once the append-only table is vacuumed).
ALTER TABLE case_action ADD COLUMN started_on text
  GENERATED ALWAYS AS (CASE WHEN type = 'service_started' THEN payload->>'startedOn' END) STORED;

CREATE INDEX case_action_type_case_idx ON case_action (municipality_id, type, case_id) INCLUDE (occurred_at, started_on);
