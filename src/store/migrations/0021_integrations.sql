-- The national infrastructure (issue 21).
--
-- integration_config: per municipality and per service (Norsk Helsenett, SvarUt, KRR, Fiks Arkiv,
-- the population register, Maskinporten, HelseID) the endpoints, organisation numbers, HER-ids and
-- *references* to keys (env:NAME or file:/path). A secret itself is never stored here.
CREATE TABLE integration_config (
  municipality_id text NOT NULL REFERENCES municipality (id),
  service text NOT NULL CHECK (service IN ('nhn', 'helseid', 'svarut', 'krr', 'maskinporten', 'fiks_arkiv', 'folkeregister')),
  enabled boolean NOT NULL DEFAULT true,
  settings jsonb NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, service)
);
CALL isolate_tenant('integration_config');
GRANT SELECT, INSERT, UPDATE ON integration_config TO tildel_app;

-- outbox_message: every outgoing message, written in the same transaction as the case action that
-- causes it and sent by the job runner (app/outbox.ts). The message id is the idempotency key the
-- remote service sees, so a send repeated after a crash is recognised there and not delivered twice;
-- dedupe_key keeps one cause from queueing the same message twice.
CREATE TABLE outbox_message (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL,
  case_id uuid,
  channel text NOT NULL CHECK (channel IN ('nhn', 'svarut', 'fiks_arkiv')),
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 80),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  settled_at timestamptz,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, dedupe_key),
  FOREIGN KEY (municipality_id, case_id) REFERENCES case_file (municipality_id, id)
);
CREATE INDEX outbox_message_due_idx ON outbox_message (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_message_sent_idx ON outbox_message (municipality_id, channel) WHERE status = 'sent';
CREATE INDEX outbox_message_case_idx ON outbox_message (municipality_id, case_id, created_at);
CALL isolate_tenant('outbox_message');
GRANT SELECT, INSERT, UPDATE ON outbox_message TO tildel_app;

-- inbox_message: every message received (a PLO message from Norsk Helsenett, an event from the
-- population register), recorded once by the sender's id so a message fetched twice is handled once.
CREATE TABLE inbox_message (
  municipality_id text NOT NULL REFERENCES municipality (id),
  channel text NOT NULL CHECK (channel IN ('nhn', 'folkeregister')),
  external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 300),
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 80),
  received_at timestamptz NOT NULL DEFAULT now(),
  case_id uuid,
  person_id uuid,
  outcome text NOT NULL CHECK (outcome IN ('handled', 'rejected')),
  detail text,
  PRIMARY KEY (municipality_id, channel, external_id)
);
CALL isolate_tenant('inbox_message');
GRANT SELECT, INSERT ON inbox_message TO tildel_app;
CREATE TRIGGER inbox_message_append_only BEFORE UPDATE OR DELETE ON inbox_message
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
