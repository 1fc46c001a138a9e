/** The tables a scale batch writes, in the order their foreign keys need, each as a COPY buffer. */
import { CopyBuffer } from './copy.ts';

export class ScaleTables {
  readonly person = new CopyBuffer('person', [
    'municipality_id', 'id', 'national_id', 'national_id_kind', 'given_name', 'family_name', 'birth_date',
    'address_line', 'postal_code', 'postal_place', 'district_id', 'language', 'protected_address',
  ]);
  readonly contact = new CopyBuffer('contact_person', ['municipality_id', 'person_id', 'name', 'relation', 'authority', 'phone']);
  readonly caseFile = new CopyBuffer('case_file', [
    'municipality_id', 'id', 'case_number', 'person_id', 'service_code', 'received_on', 'status', 'complaint_stage',
    'decision_outcome', 'owner_staff_id', 'provider_unit_id', 'version', 'owner_unit_id', 'district_id', 'state_entered_at', 'reach', 'state',
  ]);
  readonly action = new CopyBuffer('case_action', ['municipality_id', 'case_id', 'seq', 'type', 'payload', 'actor_staff_id', 'authority', 'reason', 'occurred_at']);
  readonly assessment = new CopyBuffer('assessment', [
    'municipality_id', 'person_id', 'case_id', 'status', 'assessed_on', 'assessor_staff_id', 'iplos_version', 'scores',
    'what_matters', 'what_matters_missing_reason', 'content',
  ]);
  readonly deadline = new CopyBuffer('case_deadline', ['municipality_id', 'case_id', 'kind', 'due_on', 'rule_id', 'citation', 'set_at', 'raised_at', 'satisfied_at']);
  readonly workItem = new CopyBuffer('case_work_item', ['municipality_id', 'case_id', 'item_key', 'kind', 'since', 'opens_on', 'due_on', 'holder', 'provider_unit_id', 'answered_by']);
  readonly waiting = new CopyBuffer('waiting_list_entry', [
    'municipality_id', 'case_id', 'person_id', 'decision_seq', 'kind', 'place_type', 'assessed_need', 'recommended_level',
    'priority_input', 'interim_service', 'review_by', 'listed_on', 'status',
  ]);
  readonly visit = new CopyBuffer('visit', [
    'municipality_id', 'case_id', 'provider_unit_id', 'employee_ref', 'visit_date', 'starts_at', 'minutes', 'night', 'status', 'cancel_reason', 'recorded_by', 'recorded_at',
  ]);

  /** Every buffer, parents before children. */
  all(): CopyBuffer[] {
    return [this.person, this.contact, this.caseFile, this.action, this.assessment, this.deadline, this.workItem, this.waiting, this.visit];
  }
}
