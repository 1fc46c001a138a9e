-- Issue 18: equal treatment (store/equalTreatment.ts grantRows) and KOSTRA (store/kostra.ts
-- kostraGrantRows) read every granted case's current decision out of its state: on the Oslo set about
-- 30,000 states of some 1.4 kB each, for six small fields. Taking the decision out of the states was
-- about 160 ms of equal treatment's 570 ms query, and the wide rows that carried it made its hash tables
-- spill to disk.
--
-- As generated columns (as in 0034) they are computed once, when the projection writes the case, by
-- every writer (the pipeline, reproject, the scale loader's COPY, a restore, an import). A value of the
-- wrong JSON type reads as NULL; the sequence number only when it is a whole number that fits. The
-- state stays the one source.
ALTER TABLE case_file
  ADD COLUMN decision_seq integer
    GENERATED ALWAYS AS (
      CASE WHEN jsonb_typeof(state -> 'decision' -> 'seq') = 'number' AND state -> 'decision' ->> 'seq' ~ '^[0-9]{1,9}$'
           THEN (state -> 'decision' ->> 'seq')::integer END
    ) STORED,
  ADD COLUMN decided_on text
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(state -> 'decision' -> 'decidedOn') = 'string' THEN state -> 'decision' ->> 'decidedOn' END) STORED,
  ADD COLUMN decision_service_code text
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(state -> 'decision' -> 'serviceCode') = 'string' THEN state -> 'decision' ->> 'serviceCode' END) STORED,
  ADD COLUMN decision_frame_max_hours float8
    GENERATED ALWAYS AS (
      CASE WHEN jsonb_typeof(state -> 'decision' -> 'frame' -> 'maxHoursPerWeek') = 'number'
           THEN (state -> 'decision' -> 'frame' ->> 'maxHoursPerWeek')::float8 END
    ) STORED,
  ADD COLUMN decision_on_waiting_list boolean
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(state -> 'decision' -> 'onWaitingList') = 'boolean' THEN (state -> 'decision' ->> 'onWaitingList')::boolean END) STORED;

-- The granted cases with those fields and the few others the two reports read, by the day of the
-- decision (equal treatment's period): on the Oslo set 5.7 MB against the table's 103 MB, so the
-- reports read the index alone (as 0041's index does for the month of delivery).
CREATE INDEX case_file_granted_decision_idx ON case_file (municipality_id, decided_on)
  INCLUDE (id, case_number, person_id, owner_unit_id, district_id, decision_seq, decision_valid_from, decision_valid_to,
           service_ended_on, decision_service_code, decision_hours_per_week, decision_frame_max_hours, decision_on_waiting_list)
  WHERE decision_outcome IN ('granted', 'partly_granted') AND has_decision;
