-- The service catalogue as versioned data per municipality (issue 13): from a date, what the
-- municipality has set for each service (decision forms, mandatory hours, goals, IPLOS service type,
-- KOSTRA function) over the built-in default. Versions are never changed; a new one takes over.
CREATE TABLE service_catalogue_version (
  municipality_id text NOT NULL REFERENCES municipality (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  effective_from date NOT NULL,
  services jsonb NOT NULL,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, effective_from),
  FOREIGN KEY (municipality_id, created_by) REFERENCES staff (municipality_id, id)
);
CREATE TRIGGER service_catalogue_version_append_only BEFORE UPDATE OR DELETE ON service_catalogue_version
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CALL isolate_tenant('service_catalogue_version');
GRANT SELECT, INSERT ON service_catalogue_version TO tildel_app;
