-- Reports count actions of a type over a period (decisions, complaints, visits' changes): without an
-- index by type they read every action of the municipality (issue 18).
CREATE INDEX case_action_type_idx ON case_action (municipality_id, type, occurred_at);
