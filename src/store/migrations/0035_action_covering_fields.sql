-- Issue 18: KOSTRA and the equal-treatment report look up, for every granted case, the decision_made
-- action behind its current decision (for a package's further services and the decider) and the
-- equal-treatment report also its request_received action (for the diagnosis group). Each lookup
-- found the action by the index by type and case and then read the (large) action row for the seq,
-- the actor and one field of the payload: on the Oslo set 23,000–30,000 row reads of 6–8 µs, about
-- 170–240 ms per lookup and report.
--
-- As generated columns, the two payload fields are computed once when the action is written (every
-- writer: the pipeline, the scale loader's COPY, a restore, a municipality's import), and the index
-- by type and case carries them with the seq and the actor, so each lookup is read from the index
-- alone once the append-only table is vacuumed (autovacuum, or the scale loader's VACUUM).
ALTER TABLE case_action
  ADD COLUMN package jsonb
    GENERATED ALWAYS AS (CASE WHEN type = 'decision_made' THEN payload -> 'package' END) STORED,
  ADD COLUMN diagnosis_group text
    GENERATED ALWAYS AS (CASE WHEN type = 'request_received' THEN payload ->> 'diagnosisGroup' END) STORED;

DROP INDEX case_action_type_case_idx;
CREATE INDEX case_action_type_case_idx ON case_action (municipality_id, type, case_id)
  INCLUDE (occurred_at, started_on, seq, actor_staff_id, package, diagnosis_group);
