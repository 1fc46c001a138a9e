-- The organisation as dated data (issue 17): units, memberships, geographic areas and routing rules
-- have a period (valid_from inclusive, valid_to exclusive, open-ended when null), so a change from a
-- date keeps what was before; every configuration change is an entry in org_change, which is never
-- changed, and says who made it, from when and why.

-- Units: a unit ends on a date (closed, or merged into another unit from that date).
ALTER TABLE org_unit
  ADD COLUMN valid_from date NOT NULL DEFAULT DATE '2000-01-01',
  ADD COLUMN valid_to date,
  ADD COLUMN merged_into uuid,
  ADD CONSTRAINT org_unit_period CHECK (valid_to IS NULL OR valid_to > valid_from);

-- Memberships are periods: the same staff member may serve in a unit, leave it and come back.
ALTER TABLE unit_membership
  ADD COLUMN valid_from date NOT NULL DEFAULT DATE '2000-01-01',
  ADD COLUMN valid_to date,
  ADD CONSTRAINT unit_membership_period CHECK (valid_to IS NULL OR valid_to > valid_from);
ALTER TABLE unit_membership DROP CONSTRAINT unit_membership_pkey;
ALTER TABLE unit_membership ADD PRIMARY KEY (municipality_id, staff_id, unit_id, valid_from);
-- A membership that has not begun yet may be withdrawn (it has held nothing; org_change records it).
GRANT DELETE ON unit_membership TO tildel_app;

-- Geographic areas (geografiske områder): postcodes of a district, and the team that covers them
-- where teams are organised by geography. A new version of an area ends the old one on the same day.
CREATE TABLE geographic_area (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  district_id uuid NOT NULL,
  team_unit_id uuid,
  postal_codes text[] NOT NULL CHECK (cardinality(postal_codes) > 0),
  valid_from date NOT NULL,
  valid_to date,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  FOREIGN KEY (municipality_id, district_id) REFERENCES district (municipality_id, id),
  FOREIGN KEY (municipality_id, team_unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES staff (municipality_id, id)
);
CALL isolate_tenant('geographic_area');
GRANT SELECT, INSERT, UPDATE ON geographic_area TO tildel_app;

-- Routing rules (fordelingsregler): conditions on the request and a target, by priority, dated.
CREATE TABLE routing_rule (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  priority integer NOT NULL CHECK (priority BETWEEN 1 AND 10000),
  conditions jsonb NOT NULL,
  target jsonb NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  FOREIGN KEY (municipality_id, created_by) REFERENCES staff (municipality_id, id)
);
CALL isolate_tenant('routing_rule');
GRANT SELECT, INSERT, UPDATE ON routing_rule TO tildel_app;

-- The log of configuration changes: append-only, one row per change, with what it did.
CREATE TABLE org_change (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  subject_id uuid,
  effective_on date NOT NULL,
  payload jsonb NOT NULL,
  summary text NOT NULL,
  staff_id uuid NOT NULL,
  reason text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id)
);
CREATE INDEX org_change_recorded_idx ON org_change (municipality_id, recorded_at);
CALL isolate_tenant('org_change');
GRANT SELECT, INSERT ON org_change TO tildel_app;
CREATE TRIGGER org_change_append_only BEFORE UPDATE OR DELETE ON org_change
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A change dated later (a merge from the first of next month) is applied by the job runner on the
-- day; the application is its own row, so the change itself is never touched.
CREATE TABLE org_change_applied (
  municipality_id text NOT NULL,
  change_id uuid NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  summary text NOT NULL,
  PRIMARY KEY (municipality_id, change_id),
  FOREIGN KEY (municipality_id, change_id) REFERENCES org_change (municipality_id, id)
);
CALL isolate_tenant('org_change_applied');
GRANT SELECT, INSERT ON org_change_applied TO tildel_app;
CREATE TRIGGER org_change_applied_append_only BEFORE UPDATE OR DELETE ON org_change_applied
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
