-- Issue 18: a month's delivery kept up to date as visits arrive, instead of summed from every visit
-- of the month at each read. On the Oslo set the delivery, settlement and steering reports each read
-- the month's 175,222 visits twice (about 0.5 s per read): once for the minutes per case and provider,
-- once for the distinct employees per case (continuity).
--
-- Both tables are projections of the append-only visit table, written by one statement-level trigger
-- for every writer (the API, the CSV import, the demo and the scale loader's COPY, a restore, a
-- municipality's import). A visit adds its contribution to its month; a visit that corrects another
-- (visit.corrects) takes the corrected one's contribution away again, in the corrected visit's month.
-- They are not backed up or exported (store/derivedTables.ts): loading the visits rebuilds them, and
-- `tildel reproject` rebuilds them from the visits (`tildel doctor` compares them).

-- A visit is corrected once; a further change corrects the correction. (Nothing writes corrections yet:
-- the column is there for the care systems' amendments.) This also makes "take the corrected visit's
-- contribution away" happen exactly once, even for concurrent corrections.
DROP INDEX visit_corrects_idx;
CREATE UNIQUE INDEX visit_corrected_once_idx ON visit (municipality_id, corrects) WHERE corrects IS NOT NULL;

-- Performed minutes, night minutes and performed visits per case, provider and month.
CREATE TABLE visit_month (
  municipality_id text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  case_id uuid NOT NULL,
  provider_unit_id uuid NOT NULL,
  performed_minutes bigint NOT NULL,
  night_minutes bigint NOT NULL,
  performed_visits integer NOT NULL,
  PRIMARY KEY (municipality_id, month, case_id, provider_unit_id)
);

-- Performed visits per case, provider, employee and month, with the first visit's moment (visit date,
-- start time with no time last, recorded) so continuity lists employees in the order they first came.
CREATE TABLE visit_month_employee (
  municipality_id text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  case_id uuid NOT NULL,
  provider_unit_id uuid NOT NULL,
  employee_ref text NOT NULL,
  performed_visits integer NOT NULL,
  first_date date NOT NULL,
  first_time time NOT NULL,
  first_recorded_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, month, case_id, provider_unit_id, employee_ref)
);

CALL isolate_tenant('visit_month');
CALL isolate_tenant('visit_month_employee');
GRANT SELECT, INSERT, UPDATE, DELETE ON visit_month, visit_month_employee TO tildel_app;

-- The visits a statement corrects are looked up only when it corrects any: right after a large
-- insert the planner's figures for `visit` are those of before it, and a join of every new row with
-- the visits may then be planned as a scan of the table per row (an import of 200,000 rows never ended).
CREATE FUNCTION visit_month_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  corrects_any boolean := EXISTS (SELECT 1 FROM new_visits WHERE corrects IS NOT NULL);
BEGIN
  WITH changes AS (
    -- the new performed visits count
    SELECT n.municipality_id, n.case_id, n.provider_unit_id, n.employee_ref, n.visit_date, n.starts_at, n.recorded_at, n.minutes, n.night, 1 AS sign
      FROM new_visits n WHERE n.status = 'performed'
    UNION ALL
    -- the performed visits they correct no longer do (visit_corrected_once_idx: taken away once)
    SELECT o.municipality_id, o.case_id, o.provider_unit_id, o.employee_ref, o.visit_date, o.starts_at, o.recorded_at, o.minutes, o.night, -1
      FROM visit o
     WHERE corrects_any AND o.status = 'performed'
       AND (o.municipality_id, o.id) IN (SELECT n.municipality_id, n.corrects FROM new_visits n WHERE n.corrects IS NOT NULL)),
  sums AS (
    INSERT INTO visit_month AS t (municipality_id, month, case_id, provider_unit_id, performed_minutes, night_minutes, performed_visits)
    SELECT municipality_id, date_trunc('month', visit_date)::date, case_id, provider_unit_id,
           sum(sign * minutes), coalesce(sum(sign * minutes) FILTER (WHERE night), 0), sum(sign)
      FROM changes GROUP BY 1, 2, 3, 4
    ON CONFLICT (municipality_id, month, case_id, provider_unit_id) DO UPDATE
       SET performed_minutes = t.performed_minutes + excluded.performed_minutes,
           night_minutes = t.night_minutes + excluded.night_minutes,
           performed_visits = t.performed_visits + excluded.performed_visits)
  INSERT INTO visit_month_employee AS t (municipality_id, month, case_id, provider_unit_id, employee_ref, performed_visits, first_date, first_time, first_recorded_at)
  SELECT DISTINCT ON (municipality_id, date_trunc('month', visit_date), case_id, provider_unit_id, employee_ref)
         municipality_id, date_trunc('month', visit_date)::date, case_id, provider_unit_id, employee_ref,
         sum(sign) OVER w, visit_date, coalesce(starts_at, '24:00'), recorded_at
    FROM changes
  WINDOW w AS (PARTITION BY municipality_id, date_trunc('month', visit_date), case_id, provider_unit_id, employee_ref)
   ORDER BY municipality_id, date_trunc('month', visit_date), case_id, provider_unit_id, employee_ref,
            sign DESC, visit_date, coalesce(starts_at, '24:00'), recorded_at
  ON CONFLICT (municipality_id, month, case_id, provider_unit_id, employee_ref) DO UPDATE
     -- (a row corrections brought to nothing takes the new first visit)
     SET performed_visits = t.performed_visits + excluded.performed_visits,
         first_date = CASE WHEN t.performed_visits <= 0 OR (excluded.first_date, excluded.first_time, excluded.first_recorded_at) < (t.first_date, t.first_time, t.first_recorded_at) THEN excluded.first_date ELSE t.first_date END,
         first_time = CASE WHEN t.performed_visits <= 0 OR (excluded.first_date, excluded.first_time, excluded.first_recorded_at) < (t.first_date, t.first_time, t.first_recorded_at) THEN excluded.first_time ELSE t.first_time END,
         first_recorded_at = CASE WHEN t.performed_visits <= 0 OR (excluded.first_date, excluded.first_time, excluded.first_recorded_at) < (t.first_date, t.first_time, t.first_recorded_at) THEN excluded.first_recorded_at ELSE t.first_recorded_at END;
  IF NOT corrects_any THEN
    RETURN NULL;
  END IF;
  -- A corrected visit may have been an employee's first of the month: their first is read again.
  UPDATE visit_month_employee t
     SET (first_date, first_time, first_recorded_at) = (
           SELECT v.visit_date, coalesce(v.starts_at, '24:00'), v.recorded_at FROM visit v
            WHERE v.municipality_id = t.municipality_id AND v.case_id = t.case_id AND v.provider_unit_id = t.provider_unit_id
              AND v.employee_ref = t.employee_ref AND v.status = 'performed'
              AND v.visit_date >= t.month AND v.visit_date < t.month + interval '1 month'
              AND NOT EXISTS (SELECT 1 FROM visit l WHERE l.municipality_id = v.municipality_id AND l.corrects = v.id)
            ORDER BY 1, 2, 3 LIMIT 1)
    FROM (SELECT DISTINCT o.municipality_id, date_trunc('month', o.visit_date)::date AS month, o.case_id, o.provider_unit_id, o.employee_ref
            FROM visit o
           WHERE o.status = 'performed'
             AND (o.municipality_id, o.id) IN (SELECT n.municipality_id, n.corrects FROM new_visits n WHERE n.corrects IS NOT NULL)) c
   WHERE t.municipality_id = c.municipality_id AND t.month = c.month AND t.case_id = c.case_id
     AND t.provider_unit_id = c.provider_unit_id AND t.employee_ref = c.employee_ref AND t.performed_visits > 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER visit_month_after_insert AFTER INSERT ON visit
  REFERENCING NEW TABLE AS new_visits
  FOR EACH STATEMENT EXECUTE FUNCTION visit_month_changed();

-- Both tables as computed from the visits, for the rebuild and for `tildel doctor`'s comparison (as
-- the caller: row-level security keeps a municipality to its own rows).
CREATE VIEW visit_month_from_visits WITH (security_invoker = true) AS
SELECT v.municipality_id, date_trunc('month', v.visit_date)::date AS month, v.case_id, v.provider_unit_id,
       sum(v.minutes) AS performed_minutes, coalesce(sum(v.minutes) FILTER (WHERE v.night), 0) AS night_minutes,
       count(*)::int AS performed_visits
  FROM visit v
 WHERE v.status = 'performed' AND NOT EXISTS (SELECT 1 FROM visit l WHERE l.municipality_id = v.municipality_id AND l.corrects = v.id)
 GROUP BY 1, 2, 3, 4;

CREATE VIEW visit_month_employee_from_visits WITH (security_invoker = true) AS
SELECT DISTINCT ON (v.municipality_id, date_trunc('month', v.visit_date), v.case_id, v.provider_unit_id, v.employee_ref)
       v.municipality_id, date_trunc('month', v.visit_date)::date AS month, v.case_id, v.provider_unit_id, v.employee_ref,
       (count(*) OVER w)::int AS performed_visits, v.visit_date AS first_date, coalesce(v.starts_at, '24:00') AS first_time,
       v.recorded_at AS first_recorded_at
  FROM visit v
 WHERE v.status = 'performed' AND NOT EXISTS (SELECT 1 FROM visit l WHERE l.municipality_id = v.municipality_id AND l.corrects = v.id)
WINDOW w AS (PARTITION BY v.municipality_id, date_trunc('month', v.visit_date), v.case_id, v.provider_unit_id, v.employee_ref)
 ORDER BY v.municipality_id, date_trunc('month', v.visit_date), v.case_id, v.provider_unit_id, v.employee_ref,
          v.visit_date, coalesce(v.starts_at, '24:00'), v.recorded_at;

GRANT SELECT ON visit_month_from_visits, visit_month_employee_from_visits TO tildel_app;

-- Rebuilds both tables from the visits: the rows the caller sees (one municipality under row-level
-- security, as `tildel reproject` calls it; every municipality for the owner, as below).
CREATE FUNCTION visit_month_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM visit_month;
  DELETE FROM visit_month_employee;
  INSERT INTO visit_month SELECT * FROM visit_month_from_visits;
  INSERT INTO visit_month_employee SELECT * FROM visit_month_employee_from_visits;
$$;
GRANT EXECUTE ON FUNCTION visit_month_rebuild() TO tildel_app;

-- The months already recorded.
SELECT visit_month_rebuild();
