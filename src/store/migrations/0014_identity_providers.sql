-- Identity providers (issue 15): staff log in through the municipality's identity provider
-- (OpenID Connect: Entra ID, HelseID), applicants through ID-porten. See app/oidc.ts.

-- The identity provider's subject (the ID token's "sub") for a staff member. It is set on the first
-- login matched by the username claim, or by an operator; from then on only that subject logs in
-- as the staff member, so a username reused in the identity provider cannot take over the account.
ALTER TABLE staff ADD COLUMN oidc_subject text CHECK (length(oidc_subject) BETWEEN 1 AND 255);
CREATE UNIQUE INDEX staff_oidc_subject_idx ON staff (municipality_id, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Platform table like login_failure (not tenant data, hence "municipality", not "municipality_id"):
-- a login under way at an identity provider, found by the hash of its state before the tenant is
-- known. It is used once: the callback marks it used, so a replayed callback (the same state and
-- code) is refused. Expired rows are removed by later logins.
CREATE TABLE oidc_login (
  state_hash text PRIMARY KEY,
  audience text NOT NULL CHECK (audience IN ('staff', 'citizen')),
  municipality text NOT NULL REFERENCES municipality (id),
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX oidc_login_expires_idx ON oidc_login (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON oidc_login TO tildel_app;

-- Logins the identity provider vouched for and tildel refused (an unknown or inactive staff
-- subject, too low a level of assurance): the issuer, the subject and why. Never the national
-- identity number: ID-porten's pairwise "sub" names the person to the provider's logs.
CREATE TABLE login_refusal (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  audience text NOT NULL CHECK (audience IN ('staff', 'citizen')),
  issuer text NOT NULL,
  subject text NOT NULL,
  reason text NOT NULL,
  request_id text,
  PRIMARY KEY (municipality_id, id)
);
CREATE TRIGGER login_refusal_append_only BEFORE UPDATE OR DELETE ON login_refusal
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CALL isolate_tenant('login_refusal');
GRANT SELECT, INSERT ON login_refusal TO tildel_app;
