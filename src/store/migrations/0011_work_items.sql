-- Rules that create work (issue 14): a case holds several open work items at once, each projected from
-- the domain's one definition (domain/case/workItems.ts) in the transaction that appends the action,
-- and rebuilt by `tildel reproject`. Aged items wait from `since`; dated items are in the queue from
-- `opens_on` and overdue after `due_on`.
CREATE TABLE case_work_item (
  municipality_id text NOT NULL,
  case_id uuid NOT NULL,
  item_key text NOT NULL,
  kind text NOT NULL,
  since timestamptz NOT NULL,
  opens_on date,
  due_on date,
  holder text NOT NULL CHECK (holder IN ('office', 'provider', 'provider_and_office')),
  provider_unit_id uuid,
  answered_by text[] NOT NULL,
  PRIMARY KEY (municipality_id, case_id, item_key),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);
CREATE INDEX case_work_item_kind_idx ON case_work_item (municipality_id, kind);
CREATE INDEX case_work_item_opens_idx ON case_work_item (municipality_id, opens_on);
CALL isolate_tenant('case_work_item');
GRANT SELECT, INSERT, DELETE ON case_work_item TO tildel_app;

-- The single open-work columns are replaced by the table above.
DROP INDEX case_file_open_work_idx;
ALTER TABLE case_file DROP COLUMN open_work_kind;
ALTER TABLE case_file DROP COLUMN open_work_since;
ALTER TABLE case_file DROP COLUMN open_work_to_provider;

-- The rules the job runner runs act as one system staff member per municipality, who cannot log in.
ALTER TABLE staff DROP CONSTRAINT staff_roles_check;
ALTER TABLE staff ADD CONSTRAINT staff_roles_check CHECK (roles <@ ARRAY['caseworker', 'team_member', 'team_leader',
  'board_member', 'provider_staff', 'leader', 'admin', 'digital_intake', 'system']::text[] AND cardinality(roles) > 0);
ALTER TABLE staff ADD CONSTRAINT staff_system_has_no_password CHECK (NOT ('system' = ANY (roles)) OR password_hash IS NULL);
