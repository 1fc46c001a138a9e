-- Inhabitants by age (issue 20 part 5): the municipality's population as of 1 January of a year, in
-- age bands (single years as in SSB table 07459, or groups such as 0–66, 67–79, 80+), entered by the
-- administrator with its source. The KOSTRA figures (per 1,000 inhabitants by age group, cost per
-- inhabitant) divide by it. Append-only: a correction is a new row for the same year, and the latest
-- recorded row for a year is the one in force, so what a figure was computed from can be shown again.
CREATE TABLE population_by_age (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  -- [{ "fromAge": 0, "toAge": 66, "inhabitants": 1234 }, …, { "fromAge": 80, "toAge": null, … }]:
  -- contiguous from age 0, the last band open-ended (checked at the boundary, app/population.ts).
  bands jsonb NOT NULL CHECK (jsonb_typeof(bands) = 'array' AND jsonb_array_length(bands) BETWEEN 1 AND 130),
  total integer NOT NULL CHECK (total BETWEEN 0 AND 100000000),
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  note text CHECK (length(note) <= 2000),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX population_by_age_year_idx ON population_by_age (municipality_id, year, recorded_at);
CALL isolate_tenant('population_by_age');
GRANT SELECT, INSERT ON population_by_age TO tildel_app;
CREATE TRIGGER population_by_age_append_only BEFORE UPDATE OR DELETE ON population_by_age
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
