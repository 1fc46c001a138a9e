-- User payments (issue 22 part 3; egenandelsforskriften): a person's income basis, and the
-- municipality's own payment rates per year. Both are append-only histories: a correction is a new
-- row, so what a payment was computed from can always be shown again.

-- A person's income basis (inntektsgrunnlag): household income for practical help (samlet skattbar
-- nettoinntekt før særfradrag, § 10), own income after tax and interest on debt for stays (§ 3),
-- deductions the regulation allows, the source and its date, and who recorded it.
CREATE TABLE person_income_basis (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  household_income integer NOT NULL CHECK (household_income BETWEEN 0 AND 1000000000),
  household_size integer CHECK (household_size BETWEEN 1 AND 20),
  net_income_after_tax integer CHECK (net_income_after_tax BETWEEN 0 AND 1000000000),
  annual_deductions integer CHECK (annual_deductions BETWEEN 0 AND 1000000000),
  income_year integer NOT NULL CHECK (income_year BETWEEN 2000 AND 2100),
  source text NOT NULL CHECK (source IN ('tax_assessment', 'self_declared', 'nav', 'other')),
  source_date date NOT NULL,
  note text CHECK (length(note) <= 2000),
  corrects uuid,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, corrects) REFERENCES person_income_basis (municipality_id, id)
);
CREATE INDEX person_income_basis_person_idx ON person_income_basis (municipality_id, person_id, recorded_at);
CALL isolate_tenant('person_income_basis');
GRANT SELECT, INSERT ON person_income_basis TO tildel_app;
CREATE TRIGGER person_income_basis_append_only BEFORE UPDATE OR DELETE ON person_income_basis
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The municipality's payment rates for a year (betalingsregulativ): cost price and income bands for
-- practical help, its own short-stay prices where lower than the state's, the monthly cost of a
-- long-term place, and the state's figures for the year where the shipped data lacks them.
-- The rates in force for a year are the latest row recorded for it.
CREATE TABLE payment_rates (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  rates jsonb NOT NULL,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX payment_rates_year_idx ON payment_rates (municipality_id, year, recorded_at);
CALL isolate_tenant('payment_rates');
GRANT SELECT, INSERT ON payment_rates TO tildel_app;
CREATE TRIGGER payment_rates_append_only BEFORE UPDATE OR DELETE ON payment_rates
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
