-- Applicants (innbyggere) apply and follow their cases themselves. They are identified by ID-porten
-- in production and by a test login in demo and test installations; either way by national ID.

-- The digital application channel writes its cases through a service account that no one logs in
-- as (no password). The citizen behind each write is recorded on the action and in the access log.
ALTER TABLE staff DROP CONSTRAINT staff_roles_check;
ALTER TABLE staff ADD CONSTRAINT staff_roles_check
  CHECK (roles <@ ARRAY['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff',
    'leader', 'admin', 'digital_intake']::text[] AND cardinality(roles) > 0);

-- Platform table like login_session: found by the hash of the token before the tenant is known.
CREATE TABLE citizen_session (
  token_hash text PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipality (id),
  national_id text NOT NULL CHECK (national_id ~ '^[0-9]{11}$'),
  display_name text NOT NULL,
  method text NOT NULL CHECK (method IN ('test_login', 'idporten')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
GRANT SELECT, INSERT, UPDATE ON citizen_session TO tildel_app;

-- Who submitted a digital application: the person, or someone acting for them.
CREATE TABLE citizen_application (
  municipality_id text NOT NULL,
  case_id uuid NOT NULL,
  submitter_national_id text NOT NULL CHECK (submitter_national_id ~ '^[0-9]{11}$'),
  submitter_name text NOT NULL,
  for_self boolean NOT NULL,
  method text NOT NULL CHECK (method IN ('test_login', 'idporten')),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, case_id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);
CREATE INDEX citizen_application_submitter_idx ON citizen_application (municipality_id, submitter_national_id);
CREATE TRIGGER citizen_application_append_only BEFORE UPDATE OR DELETE ON citizen_application
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CALL isolate_tenant('citizen_application');
GRANT SELECT, INSERT ON citizen_application TO tildel_app;

-- A citizen's own reads and writes are logged with their national ID beside the service account.
ALTER TABLE audit_event ADD COLUMN citizen_national_id text CHECK (citizen_national_id ~ '^[0-9]{11}$');
