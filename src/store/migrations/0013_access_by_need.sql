-- Access by need (issue 15, domain/organisation/access.ts): every case row carries the keys it reaches
-- (its owner unit, district, named staff and the providers with an order), projected from the state in
-- the transaction that appends the action, so that lists are scoped by the same rule as single reads.
ALTER TABLE case_file ADD COLUMN reach text[] NOT NULL DEFAULT '{}';
CREATE INDEX case_file_reach_idx ON case_file USING gin (reach);

-- Emergency access (akuttilgang, "break the glass"): a staff member without a need opens one case for a
-- stated reason, for a few hours. Shown in the person's access log, and reviewed by a leader afterwards.
CREATE TABLE emergency_access (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  case_id uuid NOT NULL,
  person_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 1000),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);
CREATE INDEX emergency_access_staff_idx ON emergency_access (municipality_id, staff_id, expires_at);
CALL isolate_tenant('emergency_access');
GRANT SELECT, INSERT ON emergency_access TO tildel_app;
CREATE TRIGGER emergency_access_append_only BEFORE UPDATE OR DELETE ON emergency_access
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A leader's review of an emergency access: a new row, never a change to the access.
CREATE TABLE emergency_access_review (
  municipality_id text NOT NULL,
  access_id uuid NOT NULL,
  reviewed_by uuid NOT NULL,
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  verdict text NOT NULL CHECK (verdict IN ('justified', 'not_justified')),
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  PRIMARY KEY (municipality_id, access_id),
  FOREIGN KEY (municipality_id, access_id) REFERENCES emergency_access (municipality_id, id),
  FOREIGN KEY (municipality_id, reviewed_by) REFERENCES staff (municipality_id, id)
);
CALL isolate_tenant('emergency_access_review');
GRANT SELECT, INSERT ON emergency_access_review TO tildel_app;
CREATE TRIGGER emergency_access_review_append_only BEFORE UPDATE OR DELETE ON emergency_access_review
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE audit_event DROP CONSTRAINT audit_event_operation_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_operation_check CHECK (operation IN ('read', 'write', 'search', 'refused', 'emergency'));
