-- tildel 0004: waiting lists and watch lists for scarce places (hol § 3-2 a; seed 002 L781–782).
-- Entries are projections of decisions in the case log; their status follows the case.
CREATE TABLE waiting_list_entry (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  person_id uuid NOT NULL,
  decision_seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('waiting', 'watching')),
  place_type text NOT NULL,
  assessed_need text NOT NULL,
  recommended_level text NOT NULL,
  priority_input jsonb,
  interim_service text,
  review_by date,
  listed_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'placed', 'closed')),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, case_id, decision_seq),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id)
);
CREATE INDEX waiting_list_open_idx ON waiting_list_entry (municipality_id, place_type, status);

CALL isolate_tenant('waiting_list_entry');
GRANT SELECT, INSERT, UPDATE ON waiting_list_entry TO tildel_app;
