-- tildel 0003: needs assessments (kartlegging) and versioned allocation criteria sets.

-- An assessment is never changed: a re-assessment, or completing a draft, is a new row that links
-- to the one before (previous_id), so the history of a person's assessments is kept whole.
CREATE TABLE assessment (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  case_id uuid,
  previous_id uuid,
  status text NOT NULL CHECK (status IN ('draft', 'completed')),
  assessed_on date NOT NULL,
  assessor_staff_id uuid NOT NULL,
  iplos_version text NOT NULL,
  scores jsonb NOT NULL,
  what_matters text,
  what_matters_missing_reason text,
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id),
  FOREIGN KEY (municipality_id, previous_id) REFERENCES assessment (municipality_id, id),
  FOREIGN KEY (municipality_id, assessor_staff_id) REFERENCES staff (municipality_id, id),
  -- "What matters to you?" in the person's words, or a recorded reason why not (completed only).
  CHECK (status = 'draft' OR what_matters IS NOT NULL OR what_matters_missing_reason IS NOT NULL)
);
CREATE INDEX assessment_person_idx ON assessment (municipality_id, person_id, created_at);
CREATE TRIGGER assessment_append_only BEFORE UPDATE OR DELETE ON assessment
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A criteria set version for one service. Its rules never change; approval by a named leader, with
-- the date it comes into force, is written once.
CREATE TABLE criteria_set (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  service_code text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  rules jsonb NOT NULL,
  note text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_by uuid,
  approved_at timestamptz,
  in_force_from date,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, service_code, version),
  FOREIGN KEY (municipality_id, created_by) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, approved_by) REFERENCES staff (municipality_id, id),
  CHECK ((approved_by IS NULL) = (approved_at IS NULL) AND (approved_at IS NULL) = (in_force_from IS NULL))
);

CREATE FUNCTION criteria_set_approve_once() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.approved_by IS NOT NULL OR NEW.rules IS DISTINCT FROM OLD.rules OR NEW.service_code <> OLD.service_code
     OR NEW.version <> OLD.version OR NEW.created_by <> OLD.created_by THEN
    RAISE EXCEPTION 'criteria_set versions are never changed; only a draft can be approved, once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER criteria_set_immutable BEFORE UPDATE ON criteria_set
  FOR EACH ROW EXECUTE FUNCTION criteria_set_approve_once();
CREATE TRIGGER criteria_set_no_delete BEFORE DELETE ON criteria_set
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CALL isolate_tenant('assessment');
CALL isolate_tenant('criteria_set');

GRANT SELECT, INSERT ON assessment TO tildel_app;
GRANT SELECT, INSERT, UPDATE ON criteria_set TO tildel_app;
