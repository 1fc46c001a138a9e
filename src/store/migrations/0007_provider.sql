-- tildel 0007: the provider side (seed 002): agreements with approved providers per service (user choice
-- and price model), delivered and cancelled visits, CSV imports, provider expenses and budget frames for
-- settlement (month figures), and escalations to leaders. Every table is append-only: a new agreement, frame or expense
-- figure is a new row valid from a date; a wrong visit is corrected by a new row that cancels or replaces it.

-- An approved provider for a service from a date (godkjent leverandør), with its price model.
CREATE TABLE provider_agreement (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_unit_id uuid NOT NULL,
  service_code text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  user_choice boolean NOT NULL,
  response_days integer NOT NULL CHECK (response_days BETWEEN 1 AND 30),
  price_model jsonb NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  FOREIGN KEY (municipality_id, provider_unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX provider_agreement_service_idx ON provider_agreement (municipality_id, service_code, valid_from);

-- A delivery import from a mobile care system: all its rows are stored, or none.
CREATE TABLE delivery_import (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_unit_id uuid NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  row_count integer NOT NULL,
  imported_by uuid NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, provider_unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, imported_by) REFERENCES staff (municipality_id, id)
);

-- A visit planned under a decision: performed (with minutes) or cancelled (with a reason).
CREATE TABLE visit (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  provider_unit_id uuid NOT NULL,
  employee_ref text NOT NULL CHECK (length(employee_ref) BETWEEN 1 AND 64),
  visit_date date NOT NULL,
  starts_at time,
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
  night boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('performed', 'cancelled')),
  cancel_reason text,
  external_ref text,
  import_id uuid,
  corrects uuid,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  CHECK (status = 'performed' OR minutes = 0),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id),
  FOREIGN KEY (municipality_id, provider_unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, import_id) REFERENCES delivery_import (municipality_id, id),
  FOREIGN KEY (municipality_id, corrects) REFERENCES visit (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX visit_case_idx ON visit (municipality_id, case_id, visit_date);
CREATE INDEX visit_provider_idx ON visit (municipality_id, provider_unit_id, visit_date);
-- The same visit from the same care system is imported once.
CREATE UNIQUE INDEX visit_external_idx ON visit (municipality_id, provider_unit_id, external_ref) WHERE external_ref IS NOT NULL;

-- A month's figure for a unit: the purchaser's budget frame, or what a provider reports it spent (for the
-- efficiency deviation). The latest row for a unit, kind and month counts.
CREATE TABLE month_figure (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('budget_frame', 'provider_expense')),
  unit_id uuid NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);

-- Something a leader must know: a statutory service decided beyond the budget frame.
CREATE TABLE escalation (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('budget_exceeded')),
  case_id uuid NOT NULL,
  unit_id uuid,
  detail text NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['provider_agreement', 'delivery_import', 'visit', 'month_figure', 'escalation'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_change()', t || '_append_only', t);
    EXECUTE format('CALL isolate_tenant(%L)', t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO tildel_app', t);
  END LOOP;
END $$;

-- An order the provider has not answered escalates to the allocation office.
ALTER TABLE case_deadline DROP CONSTRAINT case_deadline_kind_check;
ALTER TABLE case_deadline ADD CONSTRAINT case_deadline_kind_check
  CHECK (kind IN ('provisional_reply', 'reevaluation', 'goal_follow_up', 'order_response'));
