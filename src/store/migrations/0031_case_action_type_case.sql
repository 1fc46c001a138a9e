-- Issue 18: the steering card reads each case's first assessment start and first decision, and the
-- month's decisions, over the whole action log (store/steering.ts cardCaseRows). Ordered by type and
-- case with the moment included, those come from this index alone (an index-only scan once the
-- append-only table is vacuumed) instead of every such action's row.
CREATE INDEX case_action_type_case_idx ON case_action (municipality_id, type, case_id) INCLUDE (occurred_at);
