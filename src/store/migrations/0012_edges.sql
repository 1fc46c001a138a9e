-- Edges (issue 15): failed logins per municipality and username, for the lockout after repeated
-- failures. Not tenant data: the login runs before anyone is known. Usernames are kept lower-cased;
-- rows older than the lockout window are removed by the next login for the same name.
CREATE TABLE login_failure (
  municipality text NOT NULL,
  username text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_idx ON login_failure (municipality, username, failed_at);
GRANT SELECT, INSERT, DELETE ON login_failure TO tildel_app;

-- The applicant channel reveals nothing about a third party (issue 15): an application for someone
-- else keeps the name the applicant typed, and the applicant's list shows that name, never the one
-- registered on the identity number.
ALTER TABLE citizen_application ADD COLUMN typed_given_name text;

-- Idle timeout of staff sessions: a session unused for longer than the idle limit is over, whatever
-- its absolute expiry.
ALTER TABLE login_session ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

-- Refused attempts are in the access log too (issue 15): who tried what, and was refused.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_operation_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_operation_check CHECK (operation IN ('read', 'write', 'search', 'refused'));
