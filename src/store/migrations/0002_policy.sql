-- tildel 0002: organisational models as versioned policy, allocation boards, staff absence.

-- A policy version for the whole municipality, a district, a service, or a district and service,
-- in force from a date. Versions are never changed: a new model is a new row with a later date, and
-- every case action records the version it was taken under.
CREATE TABLE allocation_policy (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  district_id uuid,
  service_code text,
  effective_from date NOT NULL,
  rules jsonb NOT NULL,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE NULLS NOT DISTINCT (municipality_id, district_id, service_code, effective_from),
  FOREIGN KEY (municipality_id, district_id) REFERENCES district (municipality_id, id)
);
CREATE TRIGGER allocation_policy_append_only BEFORE UPDATE OR DELETE ON allocation_policy
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Allocation board meetings (tildelingsmøter) with their members present and minutes.
CREATE TABLE board_meeting (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  board_unit_id uuid NOT NULL,
  meets_on date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
  minutes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, board_unit_id) REFERENCES org_unit (municipality_id, id)
);

CREATE TABLE board_meeting_member (
  municipality_id text NOT NULL,
  meeting_id uuid NOT NULL,
  staff_id uuid NOT NULL,
  present boolean NOT NULL DEFAULT false,
  PRIMARY KEY (municipality_id, meeting_id, staff_id),
  FOREIGN KEY (municipality_id, meeting_id) REFERENCES board_meeting (municipality_id, id),
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id)
);

CREATE TABLE board_agenda_item (
  municipality_id text NOT NULL,
  meeting_id uuid NOT NULL,
  case_id uuid NOT NULL,
  position integer NOT NULL,
  minute_ref text,
  PRIMARY KEY (municipality_id, meeting_id, case_id),
  FOREIGN KEY (municipality_id, meeting_id) REFERENCES board_meeting (municipality_id, id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);

-- Periods a staff member is away (fravær), for reassigning service-responsible persons and contacts.
CREATE TABLE staff_absence (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  from_date date NOT NULL,
  to_date date,
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id),
  CHECK (to_date IS NULL OR to_date >= from_date)
);

-- Work-queue columns of the case projection: the owning unit, the district, when the current state began.
ALTER TABLE case_file ADD COLUMN owner_unit_id uuid;
ALTER TABLE case_file ADD COLUMN district_id uuid;
ALTER TABLE case_file ADD COLUMN state_entered_at timestamptz;
UPDATE case_file SET state_entered_at = updated_at;
ALTER TABLE case_file ALTER COLUMN state_entered_at SET NOT NULL;
CREATE INDEX case_file_owner_unit_idx ON case_file (municipality_id, owner_unit_id);

-- Tenant isolation as one procedure, for this and later migrations (0001 spelled it out inline).
CREATE PROCEDURE isolate_tenant(t text)
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = current_municipality())
    WITH CHECK (municipality_id = current_municipality())', t);
END
$$;

CALL isolate_tenant('allocation_policy');
CALL isolate_tenant('board_meeting');
CALL isolate_tenant('board_meeting_member');
CALL isolate_tenant('board_agenda_item');
CALL isolate_tenant('staff_absence');

GRANT SELECT, INSERT ON allocation_policy TO tildel_app;
GRANT SELECT, INSERT, UPDATE ON board_meeting, board_meeting_member, board_agenda_item, staff_absence TO tildel_app;
