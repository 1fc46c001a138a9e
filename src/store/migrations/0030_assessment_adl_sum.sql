-- Issue 18: the sum of a completed assessment's IPLOS scores, which the month's delivery, settlement,
-- payment basis and steering card read for every person (Trondheim's price model pays 20 % by the
-- residents' ADL scores, seed 002 L441). Summing each person's scores with jsonb_each at read time
-- cost about a third of that query on the Oslo set; a generated column is computed once, when the
-- assessment is written, by every writer alike (the API, imports, the scale loader's COPY).
-- The sum counts the scores from 1 to 5; 0 (not relevant) and 9 (not assessed) are left out, as the
-- report code has always done (store/deliveryMonth.ts).
CREATE FUNCTION iplos_score_sum(scores jsonb) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN jsonb_typeof(scores) = 'object' THEN
      (SELECT sum((s.value #>> '{}')::float8) FROM jsonb_each(scores) s
        WHERE jsonb_typeof(s.value) = 'number' AND (s.value #>> '{}')::float8 BETWEEN 1 AND 5) END
  $$;

ALTER TABLE assessment ADD COLUMN adl_sum float8 GENERATED ALWAYS AS (iplos_score_sum(scores)) STORED;

-- Each person's latest completed assessment, with its sum, from the index alone.
CREATE INDEX assessment_latest_completed_idx ON assessment (municipality_id, person_id, assessed_on DESC, created_at DESC)
  INCLUDE (adl_sum) WHERE status = 'completed';
