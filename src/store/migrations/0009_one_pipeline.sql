-- One write path (issue 13): the case log is the truth and every projection can be rebuilt from it.

-- The open work item of a case, projected from the domain's one definition (domain/case/workItems.ts),
-- so queues filter on it instead of repeating the definition over JSON paths.
ALTER TABLE case_file ADD COLUMN open_work_kind text;
ALTER TABLE case_file ADD COLUMN open_work_since timestamptz;
ALTER TABLE case_file ADD COLUMN open_work_to_provider boolean NOT NULL DEFAULT false;
CREATE INDEX case_file_open_work_idx ON case_file (municipality_id, open_work_since) WHERE open_work_kind IS NOT NULL;

-- Deadlines are a projection of the log: `tildel reproject` rebuilds a case's deadlines whole.
ALTER TABLE case_deadline DROP CONSTRAINT case_deadline_kind_check;
ALTER TABLE case_deadline ADD CONSTRAINT case_deadline_kind_check
  CHECK (kind IN ('provisional_reply', 'reevaluation', 'goal_follow_up', 'order_response', 'service_end'));
GRANT DELETE ON case_deadline TO tildel_app;

-- Which version of the projection code wrote the projections; a newer version reprojects at start.
CREATE TABLE projection_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version integer NOT NULL,
  reprojected_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON projection_version TO tildel_app;

-- Waiting-list entries are a projection of the log too (domain/prioritisation/waitingList.ts).
GRANT DELETE ON waiting_list_entry TO tildel_app;
