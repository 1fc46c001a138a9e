-- Issue 18: the steering card reads, of every case of the month, its team (owning and providing unit),
-- person, status, whether it has a service-responsible person and a primary contact, and the day it
-- was received (store/steering.ts cardCaseRows). Read from the case table, that is every case's whole
-- row with its state (on the Oslo set 46,000 rows of some 1.4 kB each, a sequential scan of 45–47 ms
-- in a query of 140 ms); read from this index alone, 7 ms (the query 82 ms with the dates of the
-- firsts turned only for the month's, the same rows).
CREATE INDEX case_file_card_idx ON case_file (municipality_id, id)
  INCLUDE (person_id, owner_unit_id, provider_unit_id, status, service_responsible_staff_id, primary_contact_staff_id, received_on);
