-- PLO messages over Norsk Helsenett (issue 21): a notice that a patient is ready for discharge sets a
-- same-day deadline for the municipality's answer (forskrift om kommunal betaling for utskrivningsklare
-- pasienter § 9; domain/law/dischargeReady.ts).
ALTER TABLE case_deadline DROP CONSTRAINT case_deadline_kind_check;
ALTER TABLE case_deadline ADD CONSTRAINT case_deadline_kind_check
  CHECK (kind IN ('provisional_reply', 'reevaluation', 'goal_follow_up', 'order_response', 'service_end', 'discharge_answer'));
