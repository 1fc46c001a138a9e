-- A person's latest assessment is the one assessed on the latest day, then recorded last, then the
-- highest id (latestFirst in store/assessments.ts, byRecency in domain/assessment/completeness.ts). The
-- id decides between assessments recorded at once for the same day (an import records many in one
-- transaction, so with one created_at): without it, which one a report took depended on the plan.
-- The index of each person's latest completed assessments orders by the id too, so the readers that
-- take the latest from it (the month of delivery, KOSTRA) still read the index alone.
DROP INDEX assessment_latest_completed_idx;
CREATE INDEX assessment_latest_completed_idx ON assessment (municipality_id, person_id, assessed_on DESC, created_at DESC, id DESC)
  INCLUDE (adl_sum, adl_scored) WHERE status = 'completed';

-- The time an assessment is recorded is kept to the millisecond, as the domain reads it (a JavaScript
-- date), so two recorded within one millisecond are ordered by their id in SQL as in the domain.
ALTER TABLE assessment ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now());
