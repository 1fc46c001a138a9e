-- The person's regular GP (fastlege, fastlegeforskriften): who they are, their practice and its
-- HER-id (the address in the national address register that PLO messages to the GP need). A
-- change of GP is a new row from a date; the latest row in force is the GP, and none is changed.
CREATE TABLE person_gp (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  practice text CHECK (practice IS NULL OR length(practice) BETWEEN 1 AND 200),
  phone text CHECK (phone IS NULL OR length(phone) <= 40),
  her_id text CHECK (her_id IS NULL OR her_id ~ '^[0-9]{1,9}$'),
  valid_from date NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX person_gp_person_idx ON person_gp (municipality_id, person_id, valid_from DESC, recorded_at DESC);
CALL isolate_tenant('person_gp');
GRANT SELECT, INSERT ON person_gp TO tildel_app;
CREATE TRIGGER person_gp_append_only BEFORE UPDATE OR DELETE ON person_gp
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
