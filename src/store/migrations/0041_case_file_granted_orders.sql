-- Issue 18: a month of delivery (settlement, its export, the steering card, the delivery report, the
-- budget check) reads every granted case's orders and the few fields of its state the month needs
-- (store/deliveryMonth.ts). Read from the case table, that is every case's whole row with its state (on
-- the Oslo set about 46,000 buffers for 30,000 granted cases; the query 212–259 ms); read from this
-- index alone, the granted cases with orders and just those fields (20 MB), 138–150 ms. The reach is
-- here for the reads within the gate's scope (inScope).
CREATE INDEX case_file_granted_orders_idx ON case_file (municipality_id, id)
  INCLUDE (case_number, person_id, service_code, owner_unit_id, reach, has_decision, decision_valid_from, decision_valid_to,
           decision_hours_per_week, service_ended_on, plan_hours_per_week, orders)
  WHERE decision_outcome IN ('granted', 'partly_granted') AND orders IS NOT NULL;
