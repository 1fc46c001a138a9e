-- Issue 18: the over-service report (hours without score change, app/changeReports.ts) compares every
-- decision's weekly hours with the case's decision before. It read every decision_made action's row
-- for one field of its payload: on the Oslo set 24,893 decisions from a 136 MB table, about 17,000
-- pages, 390–540 ms a call although no decision there rose.
--
-- As a generated column (as in 0035), the decision's hours are computed once when the action is
-- written, by every writer; NULL on every other action, and on a decision whose payload has no
-- number there (the schema makes it a number; a row from elsewhere is not refused for it). The
-- partial index holds the decisions with hours in the order the report compares them (case, seq),
-- so the report reads the index alone and returns only the rises.
ALTER TABLE case_action
  ADD COLUMN hours_per_week numeric
    GENERATED ALWAYS AS (
      CASE WHEN type = 'decision_made' AND jsonb_typeof(payload -> 'hoursPerWeek') = 'number' THEN (payload ->> 'hoursPerWeek')::numeric END
    ) STORED;

CREATE INDEX case_action_decision_hours_idx ON case_action (municipality_id, case_id, seq)
  INCLUDE (occurred_at, hours_per_week)
  WHERE type = 'decision_made' AND hours_per_week IS NOT NULL;
