-- The population register (Folkeregisteret, issue 21 part 5).
--
-- A person's record says where its data came from: 'folkeregister' with the time it was looked up, or
-- 'manual' (typed in by staff, the fallback when the register is not configured or does not answer).
-- Deaths and moves read from the register's event feed update the record; the values they replace
-- are kept in person_register_change, which is append-only, so no earlier value is lost.
ALTER TABLE person ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'folkeregister'));
ALTER TABLE person ADD COLUMN source_checked_at timestamptz;
ALTER TABLE person ADD COLUMN died_on date;
ALTER TABLE person ADD COLUMN moved_out_on date;
ALTER TABLE person ADD CONSTRAINT person_source_checked CHECK (source = 'manual' OR source_checked_at IS NOT NULL);

CREATE TABLE person_register_change (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  -- The feed's sequence number (sekvensnummer) and event type (hendelsetype) that caused the change.
  sequence bigint NOT NULL CHECK (sequence >= 0),
  event_type text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 80),
  previous jsonb NOT NULL,
  current jsonb NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, person_id) REFERENCES person (municipality_id, id)
);
CREATE INDEX person_register_change_person_idx ON person_register_change (municipality_id, person_id, changed_at);
CALL isolate_tenant('person_register_change');
GRANT SELECT, INSERT ON person_register_change TO tildel_app;
CREATE TRIGGER person_register_change_append_only BEFORE UPDATE OR DELETE ON person_register_change
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- How far the municipality has read the register's event feed: the next sequence number to read.
CREATE TABLE folkeregister_feed_position (
  municipality_id text NOT NULL REFERENCES municipality (id),
  next_sequence bigint NOT NULL CHECK (next_sequence >= 1),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id)
);
CALL isolate_tenant('folkeregister_feed_position');
GRANT SELECT, INSERT, UPDATE ON folkeregister_feed_position TO tildel_app;
