-- Budgets over the year (issue 17 part 5, issue 20 part 6, issue 18 part 4): a yearly frame per
-- purchasing unit and service (or the unit's whole budget), phased over the months, with a carry-over
-- rule applied when the year closes; shared pools between units; and the budget check of a decision
-- taken out of the decision's transaction into the job runner. Frames and pools are versioned
-- configuration: a change is a new row (never an update) with the change in org_change.

-- A yearly frame (budsjettramme) of a unit, for one service or (service_code null) for all of them.
-- The version in force on a day is the latest one effective on or before it.
CREATE TABLE budget_year_frame (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL,
  service_code text,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  phasing jsonb NOT NULL,
  carry_over jsonb NOT NULL,
  effective_on date NOT NULL,
  change_id uuid NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, change_id) REFERENCES org_change (municipality_id, id)
);
CREATE INDEX budget_year_frame_year_idx ON budget_year_frame (municipality_id, year, unit_id);

-- A shared pool (felles pott) between units for a year: split by shares, or drawn first come.
-- pool_id names the pool across its versions; id is the version.
CREATE TABLE budget_pool (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  pool_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  service_code text,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  phasing jsonb NOT NULL,
  split jsonb NOT NULL,
  effective_on date NOT NULL,
  change_id uuid NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, change_id) REFERENCES org_change (municipality_id, id)
);
CREATE INDEX budget_pool_year_idx ON budget_pool (municipality_id, year, pool_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['budget_year_frame', 'budget_pool'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_change()', t || '_append_only', t);
    EXECUTE format('CALL isolate_tenant(%L)', t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO tildel_app', t);
  END LOOP;
END $$;

-- A decision waiting for its budget check: written in the decision's transaction (one row), checked
-- by the job runner after commit, so the decision never waits for the month's figures.
CREATE TABLE budget_check (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  on_date date NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  checked_at timestamptz,
  outcome text,
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);
CREATE INDEX budget_check_pending_idx ON budget_check (municipality_id, requested_at) WHERE checked_at IS NULL;
CALL isolate_tenant('budget_check');
GRANT SELECT, INSERT, UPDATE ON budget_check TO tildel_app;

-- The month's value of a unit's granted cases is computed in SQL from these rows.
CREATE INDEX case_file_granted_unit_idx ON case_file (municipality_id, owner_unit_id, service_code)
  WHERE decision_outcome IN ('granted', 'partly_granted');
