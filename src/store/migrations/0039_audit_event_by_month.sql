-- Issue 18 ("audit and visit tables partitioned by month"): the access log (audit_event) is the table
-- that grows with every read and write of personal data, and is never deleted from. It is now
-- partitioned by month (Norwegian months: a partition runs from midnight in Oslo on the first), so
-- a month's log is read from its own partition, and old months can be moved to cheaper storage
-- without touching the new ones.
--
-- What stays as it was: every row, the columns, the checks, the person index, row-level security
-- and its policy, the grants (tildel_app may SELECT and INSERT through the table, never reach a
-- partition directly) and the append-only triggers. A row trigger on a partitioned table is cloned
-- onto every partition; the TRUNCATE trigger is not, so audit_event_month() adds it to each.
--
-- The primary key must hold the partition key: it is (municipality_id, id, at), with the id still
-- drawn by gen_random_uuid().
--
-- A row whose month has no partition goes to audit_event_default, so writing the log never fails.
-- The job runner keeps partitions made three months ahead (jobs/runner.ts); a month that already
-- has rows in the default partition is left there (creating its partition would have to move them).

ALTER TABLE audit_event RENAME TO audit_event_unpartitioned;
ALTER INDEX audit_event_pkey RENAME TO audit_event_unpartitioned_pkey;
ALTER INDEX audit_event_person_idx RENAME TO audit_event_unpartitioned_person_idx;

CREATE TABLE audit_event (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  staff_id uuid NOT NULL,
  purpose text NOT NULL,
  operation text NOT NULL CONSTRAINT audit_event_operation_check CHECK (operation IN ('read', 'write', 'search', 'refused', 'emergency')),
  resource text NOT NULL,
  person_ids uuid[] NOT NULL DEFAULT '{}',
  request_id text,
  citizen_national_id text CONSTRAINT audit_event_citizen_national_id_check CHECK (citizen_national_id ~ '^[0-9]{11}$'),
  PRIMARY KEY (municipality_id, id, at)
) PARTITION BY RANGE (at);
CREATE INDEX audit_event_person_idx ON audit_event USING gin (person_ids);
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_event USING (municipality_id = current_municipality())
  WITH CHECK (municipality_id = current_municipality());
GRANT SELECT, INSERT ON audit_event TO tildel_app;

-- A partition keeps the table's guards of its own: row-level security (no policy, so no role but the
-- owner may read it directly; tildel_app has no grant on it either) and the TRUNCATE trigger.
CREATE FUNCTION audit_event_guard(partition text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', partition);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()',
    partition || '_no_truncate', partition);
END
$$;

CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;
SELECT audit_event_guard('audit_event_default');

-- The partition of the month that begins on `month` (a first of a month), made if it is missing.
-- Returns whether it exists afterwards: false when the default partition already holds rows of the
-- month (they stay there, and are read with the rest).
CREATE FUNCTION audit_event_month(month date) RETURNS boolean
  LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month::timestamp)::date;
  name text := format('audit_event_%s', to_char(first, 'YYYY_MM'));
  lo timestamptz := first::timestamp AT TIME ZONE 'Europe/Oslo';
  hi timestamptz := (first + interval '1 month')::timestamp AT TIME ZONE 'Europe/Oslo';
BEGIN
  -- One maker at a time (several servers' job runners may share a database): the second finds it made.
  PERFORM pg_advisory_xact_lock(hashtext('audit_event_month'));
  IF to_regclass(name) IS NOT NULL THEN
    RETURN true;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_event_default WHERE at >= lo AND at < hi) THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
  PERFORM audit_event_guard(name);
  RETURN true;
END
$$;

-- The months from `from_month` to `to_month`; returns how many partitions exist for them afterwards.
CREATE FUNCTION audit_event_months(from_month date, to_month date) RETURNS integer
  LANGUAGE sql AS $$
  SELECT count(*)::int FROM generate_series(date_trunc('month', from_month::timestamp), date_trunc('month', to_month::timestamp), interval '1 month') AS m
   WHERE audit_event_month(m::date)
$$;

-- Every month from the log's first row (or this month) to three months ahead (Norwegian dates), then the rows themselves.
SELECT audit_event_months(
  least(coalesce((SELECT min(at AT TIME ZONE 'Europe/Oslo')::date FROM audit_event_unpartitioned), (now() AT TIME ZONE 'Europe/Oslo')::date),
        (now() AT TIME ZONE 'Europe/Oslo')::date),
  ((now() AT TIME ZONE 'Europe/Oslo')::date + interval '3 months')::date);
INSERT INTO audit_event (municipality_id, id, at, staff_id, purpose, operation, resource, person_ids, request_id, citizen_national_id)
  SELECT municipality_id, id, at, staff_id, purpose, operation, resource, person_ids, request_id, citizen_national_id
    FROM audit_event_unpartitioned;
DROP TABLE audit_event_unpartitioned;
