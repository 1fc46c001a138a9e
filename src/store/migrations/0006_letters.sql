-- tildel 0006: letters stored with the case (PDF/A), never changed.
CREATE TABLE letter (
  municipality_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('decision', 'provisional_reply', 'advance_notice')),
  lang text NOT NULL CHECK (lang IN ('nb', 'nn')),
  title text NOT NULL,
  pdf bytea NOT NULL,
  sha256 text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id),
  FOREIGN KEY (municipality_id, created_by) REFERENCES staff (municipality_id, id)
);
CREATE TRIGGER letter_append_only BEFORE UPDATE OR DELETE ON letter
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CALL isolate_tenant('letter');
GRANT SELECT, INSERT ON letter TO tildel_app;
