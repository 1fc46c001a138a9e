-- tildel 0005: the deadlines of each case (provisional reply, re-evaluation, goal follow-up), projected from its
-- actions in the same transaction. The job runner raises a deadline that has fallen due (raised_at),
-- which puts a reminder in the owner's queue until an action satisfies it (satisfied_at).
CREATE TABLE case_deadline (
  municipality_id text NOT NULL,
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('provisional_reply', 'reevaluation', 'goal_follow_up')),
  due_on date NOT NULL,
  rule_id text NOT NULL,
  citation text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  raised_at timestamptz,
  satisfied_at timestamptz,
  PRIMARY KEY (municipality_id, case_id, kind),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);
CREATE INDEX case_deadline_due_idx ON case_deadline (municipality_id, due_on) WHERE raised_at IS NULL AND satisfied_at IS NULL;

CALL isolate_tenant('case_deadline');
GRANT SELECT, INSERT, UPDATE ON case_deadline TO tildel_app;
