-- Issue 18: the steering card reads, for every case of the municipality, the moment of its first
-- assessment, the moment of its first decision and the day its service started. It grouped every
-- assessment_started, decision_made and service_started action at each read: on the Oslo set about
-- 100,000 actions sorted and grouped per request (about 0.4 of the query's 0.7 s).
--
-- case_milestone keeps the three per case as actions arrive: a projection of the append-only action
-- log, written by one statement-level trigger for every writer (the pipeline, the scale loader's
-- COPY, a restore, a municipality's import). Actions are never changed or removed, so a first moment
-- only ever moves earlier (least). Like visit_month (migration 0033) it is not backed up or exported
-- (store/derivedTables.ts): loading the actions rebuilds it, and `tildel reproject` rebuilds it from
-- the actions (`tildel doctor` compares them).
CREATE TABLE case_milestone (
  municipality_id text NOT NULL,
  case_id uuid NOT NULL,
  -- the first assessment_started and decision_made actions' moments
  first_assessment_at timestamptz,
  first_decision_at timestamptz,
  -- the earliest service_started payload's startedOn, as case_action.started_on holds it (migration 0031)
  started_on text,
  PRIMARY KEY (municipality_id, case_id)
);

CALL isolate_tenant('case_milestone');
GRANT SELECT, INSERT, UPDATE, DELETE ON case_milestone TO tildel_app;

CREATE FUNCTION case_milestone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_milestone AS t (municipality_id, case_id, first_assessment_at, first_decision_at, started_on)
  SELECT municipality_id, case_id,
         min(occurred_at) FILTER (WHERE type = 'assessment_started'),
         min(occurred_at) FILTER (WHERE type = 'decision_made'),
         min(started_on) FILTER (WHERE type = 'service_started')
    FROM new_actions
   WHERE type IN ('assessment_started', 'decision_made', 'service_started')
   GROUP BY municipality_id, case_id
  -- (least leaves out a NULL: a case's first of a kind is kept until an earlier one comes)
  ON CONFLICT (municipality_id, case_id) DO UPDATE
     SET first_assessment_at = least(t.first_assessment_at, excluded.first_assessment_at),
         first_decision_at = least(t.first_decision_at, excluded.first_decision_at),
         started_on = least(t.started_on, excluded.started_on);
  RETURN NULL;
END
$$;

CREATE TRIGGER case_milestone_after_insert AFTER INSERT ON case_action
  REFERENCING NEW TABLE AS new_actions
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestone_changed();

-- The table as computed from the actions, for the rebuild and for `tildel doctor`'s comparison (as
-- the caller: row-level security keeps a municipality to its own rows).
CREATE VIEW case_milestone_from_actions WITH (security_invoker = true) AS
SELECT municipality_id, case_id,
       min(occurred_at) FILTER (WHERE type = 'assessment_started') AS first_assessment_at,
       min(occurred_at) FILTER (WHERE type = 'decision_made') AS first_decision_at,
       min(started_on) FILTER (WHERE type = 'service_started') AS started_on
  FROM case_action
 WHERE type IN ('assessment_started', 'decision_made', 'service_started')
 GROUP BY municipality_id, case_id;

GRANT SELECT ON case_milestone_from_actions TO tildel_app;

-- Rebuilds the table from the actions: the rows the caller sees (one municipality under row-level
-- security, as `tildel reproject` calls it; every municipality for the owner, as below).
CREATE FUNCTION case_milestone_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM case_milestone;
  INSERT INTO case_milestone SELECT * FROM case_milestone_from_actions;
$$;
GRANT EXECUTE ON FUNCTION case_milestone_rebuild() TO tildel_app;

-- The actions already recorded.
SELECT case_milestone_rebuild();
