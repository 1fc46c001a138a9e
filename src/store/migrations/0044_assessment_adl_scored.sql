-- Issue 18: equal treatment bands each granted case by the person's latest completed IPLOS assessment
-- before the decision: the mean of the scores from 1 to 5, or unassessed with too few of them
-- (domain/reports/equalTreatment.ts scoreTally and bandOfTally). It read every such assessment's
-- scores (on the Oslo set 26,000 rows of about 480 bytes, sorted on disk, then parsed in Node) for two
-- numbers: how many scores count and their sum. 0030 keeps the sum; this keeps the count beside it,
-- computed the same way, once, when any writer writes the assessment, and puts both in the index of
-- each person's latest completed assessments, so the report reads that index alone.
CREATE FUNCTION iplos_scored_count(scores jsonb) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN jsonb_typeof(scores) = 'object' THEN
      (SELECT count(*)::integer FROM jsonb_each(scores) s
        WHERE jsonb_typeof(s.value) = 'number' AND (s.value #>> '{}')::float8 BETWEEN 1 AND 5) END
  $$;

ALTER TABLE assessment ADD COLUMN adl_scored integer GENERATED ALWAYS AS (iplos_scored_count(scores)) STORED;

DROP INDEX assessment_latest_completed_idx;
CREATE INDEX assessment_latest_completed_idx ON assessment (municipality_id, person_id, assessed_on DESC, created_at DESC)
  INCLUDE (adl_sum, adl_scored) WHERE status = 'completed';
