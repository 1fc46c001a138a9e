-- Issue 18: the steering card counts, of every active case of each team, those with a
-- service-responsible person (tjenesteansvarlig) and those with a primary contact (primærkontakt);
-- the leader's reassignments find the cases whose responsible or contact is away. Both read the two
-- fields out of every case's state (on the Oslo set 46,000 states of some 1.4 kB each), and the
-- reassignments scanned every active case's state for a few (34–36 ms in psql; under 1 ms by index).
--
-- As generated columns (as in 0034 and 0043) they are computed once, when the projection writes the
-- case, by every writer. They hold exactly what `state->>'…'` gave the queries that read them (the
-- staff member's id as text, NULL when absent or JSON null), so every answer stays the same. The
-- state stays the one source.
ALTER TABLE case_file
  ADD COLUMN service_responsible_staff_id text GENERATED ALWAYS AS (state ->> 'serviceResponsibleStaffId') STORED,
  ADD COLUMN primary_contact_staff_id text GENERATED ALWAYS AS (state ->> 'primaryContactStaffId') STORED;

-- A staff member's cases as responsible or contact (the reassignments of someone away, the
-- adjustments a service-responsible person reviews), found by index instead of by every state.
CREATE INDEX case_file_service_responsible_idx ON case_file (municipality_id, service_responsible_staff_id)
  WHERE service_responsible_staff_id IS NOT NULL;
CREATE INDEX case_file_primary_contact_idx ON case_file (municipality_id, primary_contact_staff_id)
  WHERE primary_contact_staff_id IS NOT NULL;

-- The card's goals followed up on time (domain/reports/steering.ts goalsOnTime) read the follow-up
-- dates of the goals in every completed assessment's content, and the card read every completed
-- assessment up to the month's end (on the Oslo set 32,000 contents taken apart for an empty list each).
-- The dates as a generated column, computed as that query computed them (the `followUpOn` of each goal
-- that has one, in the goals' order; an empty list when `goals` is not a list), let the card read only
-- the assessments that count for the month (store/steering.ts cardAssessmentRows).
CREATE FUNCTION goal_follow_up_dates(content jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce((SELECT array_agg(g ->> 'followUpOn')
                       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(content -> 'goals') = 'array' THEN content -> 'goals' ELSE '[]'::jsonb END) g
                      WHERE g ->> 'followUpOn' IS NOT NULL), '{}')
  $$;

ALTER TABLE assessment ADD COLUMN goal_follow_ups text[] GENERATED ALWAYS AS (goal_follow_up_dates(content)) STORED;

-- The completed assessments by day: the month's assessments.
CREATE INDEX assessment_completed_on_idx ON assessment (municipality_id, assessed_on) WHERE status = 'completed';
-- The completed assessments with goals, each with its user, day and dates: the users with a goal due
-- in a month are found in this index alone (no content taken apart, and none of the assessments without goals).
CREATE INDEX assessment_goal_follow_ups_idx ON assessment (municipality_id, person_id) INCLUDE (assessed_on, goal_follow_ups)
  WHERE status = 'completed' AND cardinality(goal_follow_ups) > 0;
