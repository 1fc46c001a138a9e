-- The work queue's selective first pages (issue 18, src/store/workQueuePage.ts): a page is read in the
-- queue's order from case_work_item_since_idx, each item checked against its case's gate keys and
-- owner. That check now reads the case from this covering index alone (no heap page per item), so a
-- filter that keeps one item in twenty ("my units", overdue) still costs a few milliseconds.
CREATE INDEX case_file_queue_idx ON case_file (municipality_id, id)
  INCLUDE (reach, owner_staff_id, owner_unit_id, case_number, district_id, service_code);

-- A staff member who sees no case in full (a provider's staff) sees only the items their provider
-- unit holds: those are read from here, in the queue's order, instead of every open item.
CREATE INDEX case_work_item_provider_idx ON case_work_item (municipality_id, provider_unit_id, since) WHERE holder <> 'office';

-- EXPLAIN ANALYZE on the Oslo scale set (45,965 cases, 26,029 open items), first page of 51 rows:
--   caseworker, owner=my_units: hash join of every open item with 3,063 visible cases (seq scan of
--     case_file) 82.7 ms -> since-ordered scan of 930 items, each case by case_file_queue_idx
--     (index only, heap fetches 0) 18.3 ms
--   provider (alna.hjemmetjenester), no filter: hash join 68.9 ms -> case_work_item_provider_idx,
--     133 items, 2.8 ms

-- Whether any case of the current municipality has one of the keys (the gate's full keys) in its
-- reach: whether the staff member sees any case in full. Under row-level security the planner may
-- not use the reach GIN index for `&&` (array overlap is not leakproof, so it must run after the
-- tenant policy: a scan of every case, 43-60 ms on the Oslo set); this function runs as the tables'
-- owner, with the tenant filter written out, and answers one boolean about the caller's own
-- municipality from the GIN index (the planner, expecting an early match under EXISTS, would
-- otherwise still scan, hence the settings).
CREATE FUNCTION sees_a_case_in_full(keys text[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  SET enable_seqscan = off SET enable_indexscan = off SET enable_indexonlyscan = off
  AS $$ SELECT EXISTS (SELECT 1 FROM case_file WHERE municipality_id = current_municipality() AND reach && keys) $$;
