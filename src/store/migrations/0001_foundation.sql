-- tildel 0001: tenants, organisation, staff, persons, cases as action logs, idempotency, audit.
--
-- Conventions (ENGINEERING.md, Data):
--  * every table that holds municipal data has municipality_id first in its primary key, and row
--    level security keeps each transaction inside the municipality it names in app.municipality_id;
--  * the application connects with the role tildel_app, which is not the tables' owner, so row level
--    security applies to it; it may INSERT into case_action and audit_event but never UPDATE or
--    DELETE them, and a trigger refuses such changes from any role.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tildel_app') THEN
    CREATE ROLE tildel_app NOLOGIN;
  END IF;
END
$$;
GRANT tildel_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO tildel_app;

-- The municipality (tenant) the current transaction acts for; NULL when none is set.
CREATE FUNCTION current_municipality() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.municipality_id', true), '') $$;

CREATE FUNCTION refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Platform table: the tenants themselves.
CREATE TABLE municipality (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,39}$'),
  name text NOT NULL,
  municipality_number text,
  organisational_model text NOT NULL CHECK (organisational_model IN
    ('integrated', 'allocation_board', 'purchaser_provider', 'trust_model', 'hybrid')),
  inhabitants integer CHECK (inhabitants > 0),
  letterhead jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE district (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name)
);

CREATE TABLE org_unit (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  district_id uuid,
  kind text NOT NULL CHECK (kind IN ('allocation_office', 'municipal_provider', 'private_provider',
    'interdisciplinary_team', 'allocation_board', 'management')),
  name text NOT NULL,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name),
  FOREIGN KEY (municipality_id, district_id) REFERENCES district (municipality_id, id)
);

CREATE TABLE staff (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name text NOT NULL,
  profession text,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['caseworker', 'team_member', 'team_leader',
    'board_member', 'provider_staff', 'leader', 'admin']::text[] AND cardinality(roles) > 0),
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, username)
);

CREATE TABLE unit_membership (
  municipality_id text NOT NULL,
  staff_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  PRIMARY KEY (municipality_id, staff_id, unit_id),
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, unit_id) REFERENCES org_unit (municipality_id, id)
);

CREATE TABLE person (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  national_id text NOT NULL CHECK (national_id ~ '^[0-9]{11}$'),
  national_id_kind text NOT NULL CHECK (national_id_kind IN ('fnr', 'dnr', 'tnr')),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date NOT NULL,
  address_line text,
  postal_code text CHECK (postal_code ~ '^[0-9]{4}$'),
  postal_place text,
  district_id uuid,
  language text NOT NULL DEFAULT 'nb' CHECK (language IN ('nb', 'nn')),
  protected_address boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, national_id),
  FOREIGN KEY (municipality_id, district_id) REFERENCES district (municipality_id, id)
);
CREATE INDEX person_name_idx ON person (municipality_id, lower(family_name), lower(given_name));

CREATE TABLE contact_person (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  name text NOT NULL,
  relation text NOT NULL CHECK (relation IN ('relative', 'guardian', 'representative')),
  -- The recorded authority of a guardian or representative (vergemål, written power of attorney).
  authority text,
  phone text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id),
  CHECK (relation = 'relative' OR authority IS NOT NULL)
);

-- Per municipality and year: the last case number given (saksnummer 2026/00042).
CREATE TABLE case_number_counter (
  municipality_id text NOT NULL REFERENCES municipality (id),
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (municipality_id, year)
);

-- The projection of a case's current state, written with every action in the same transaction.
CREATE TABLE case_file (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_number text NOT NULL,
  person_id uuid NOT NULL,
  service_code text NOT NULL,
  status text NOT NULL,
  complaint_stage text,
  decision_outcome text,
  owner_staff_id uuid,
  provider_unit_id uuid,
  received_on date NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  state jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, case_number),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id),
  FOREIGN KEY (municipality_id, owner_staff_id) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, provider_unit_id) REFERENCES org_unit (municipality_id, id)
);
CREATE INDEX case_file_status_idx ON case_file (municipality_id, status, received_on);
CREATE INDEX case_file_owner_idx ON case_file (municipality_id, owner_staff_id);
CREATE INDEX case_file_person_idx ON case_file (municipality_id, person_id);

-- The history of every case: append-only.
CREATE TABLE case_action (
  municipality_id text NOT NULL,
  case_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  type text NOT NULL,
  payload jsonb NOT NULL,
  actor_staff_id uuid NOT NULL,
  authority jsonb NOT NULL,
  reason text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  request_id text,
  PRIMARY KEY (municipality_id, case_id, seq),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id),
  FOREIGN KEY (municipality_id, actor_staff_id) REFERENCES staff (municipality_id, id)
);
CREATE TRIGGER case_action_append_only BEFORE UPDATE OR DELETE ON case_action
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER case_action_no_truncate BEFORE TRUNCATE ON case_action
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A command's first result, returned again when the client retries with the same key.
CREATE TABLE idempotency_record (
  municipality_id text NOT NULL,
  staff_id uuid NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, staff_id, key)
);

-- Who read or wrote which person's data, when and for what purpose. Append-only.
CREATE TABLE audit_event (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  staff_id uuid NOT NULL,
  purpose text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('read', 'write', 'search')),
  resource text NOT NULL,
  person_ids uuid[] NOT NULL DEFAULT '{}',
  request_id text,
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX audit_event_person_idx ON audit_event USING gin (person_ids);
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Platform table: login sessions, found by the hash of their token before the tenant is known.
CREATE TABLE login_session (
  token_hash text PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipality (id),
  staff_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id)
);

-- Tenant isolation for every municipal table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['district', 'org_unit', 'staff', 'unit_membership', 'person',
    'contact_person', 'case_number_counter', 'case_file', 'case_action', 'idempotency_record',
    'audit_event']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (municipality_id = current_municipality())
      WITH CHECK (municipality_id = current_municipality())', t);
  END LOOP;
END
$$;

GRANT SELECT ON municipality TO tildel_app;
GRANT SELECT, INSERT, UPDATE ON district, org_unit, staff, unit_membership, person, contact_person,
  case_number_counter, case_file, idempotency_record, login_session TO tildel_app;
GRANT SELECT, INSERT ON case_action, audit_event TO tildel_app;
