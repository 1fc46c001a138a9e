-- The workforce (issue 20 part 7; seed 003 Tables 5.1 and 5.2, L933–956 and L976–995): a staff
-- member's positions (stillinger), each in a unit, with a profession category of Table 5.1, a size as
-- a fraction of a full-time position (stillingsprosent ÷ 100), whether it is permanent (fast) or
-- temporary, and the KOSTRA function it is paid under (254 home services, 253 institution, …), over a
-- period. Positions mirror the HR system's records, so a period may start in the past; every record
-- is also written to org_change (who recorded it, when and why).
--
-- Append-only: a position is never changed. A position ends by a row of staff_position_end (the day it
-- no longer holds); a correction is a new position and the end of the wrong one from its first day.
CREATE TABLE staff_position (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  -- A category of domain/reports/workforceDefinitions.ts (checked at the boundary).
  category text NOT NULL CHECK (category ~ '^[a-z_]{2,60}$'),
  fte numeric(5, 4) NOT NULL CHECK (fte > 0 AND fte <= 1),
  permanent boolean NOT NULL,
  kostra_function text NOT NULL CHECK (kostra_function ~ '^[0-9]{3}$'),
  valid_from date NOT NULL,
  valid_to date,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  CONSTRAINT staff_position_period CHECK (valid_to IS NULL OR valid_to > valid_from),
  FOREIGN KEY (municipality_id, staff_id) REFERENCES staff (municipality_id, id),
  FOREIGN KEY (municipality_id, unit_id) REFERENCES org_unit (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX staff_position_staff_idx ON staff_position (municipality_id, staff_id);
CALL isolate_tenant('staff_position');
GRANT SELECT, INSERT ON staff_position TO tildel_app;
CREATE TRIGGER staff_position_append_only BEFORE UPDATE OR DELETE ON staff_position
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The end of a position: from `ended_on` it no longer holds. The earliest recorded end counts.
CREATE TABLE staff_position_end (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  position_id uuid NOT NULL,
  ended_on date NOT NULL,
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, position_id) REFERENCES staff_position (municipality_id, id),
  FOREIGN KEY (municipality_id, recorded_by) REFERENCES staff (municipality_id, id)
);
CREATE INDEX staff_position_end_idx ON staff_position_end (municipality_id, position_id);
CALL isolate_tenant('staff_position_end');
GRANT SELECT, INSERT ON staff_position_end TO tildel_app;
CREATE TRIGGER staff_position_end_append_only BEFORE UPDATE OR DELETE ON staff_position_end
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
