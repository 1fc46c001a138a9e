/**
 * The rows behind the KPR/IPLOS extract and its validation report (issue 22): the municipality's
 * persons with cases, their IPLOS assessments, and the fields of each case's state that KPR reads.
 *
 * Those fields are read out of the state in SQL (issue 18): the whole states of an Oslo-size
 * municipality are 63 MB of JSON, and moving and parsing them cost about half a second a report; the
 * fields KPR reads come as plain columns. `kprCaseState` (domain/kpr/input.ts) says what they are;
 * test/integration/kpr.test.ts checks that this query gives the same for every case.
 */
import type { AssessmentSummary } from '../domain/assessment/completeness.ts';
import type { CaseStatus, DecisionOutcome } from '../domain/case/vocabulary.ts';
import type { KprCase } from '../domain/kpr/index.ts';
import { isoInstant } from './sqlTime.ts';
import type { Tx } from './tx.ts';

export interface KprCaseRow {
  id: string;
  case_number: string;
  person_id: string;
  status: CaseStatus;
  service_code: string;
  service_ended_on: string | null;
  decided: boolean;
  decided_on: string;
  outcome: DecisionOutcome;
  hours_per_week: number | null;
  on_waiting_list: boolean | null;
  valid_from: string;
  valid_to: string | null;
  max_hours_per_week: number | null;
}

/**
 * Every case of the municipality with the state fields KPR reads, in no order: the caller orders
 * each person's few cases (byCaseNumber). Ordering all of them here spilled a sort of 46,000 rows to
 * disk on the Oslo set (issue 18: about 110 ms of the query's 270).
 */
export async function kprCaseRows(tx: Tx): Promise<KprCaseRow[]> {
  // Every field from the case's projected and generated columns (migrations 0034 and 0043), none out of
  // the state: the same values for the states the domain writes (the status and the outcome are projected
  // from the state by every writer; the service is the request's, set when the case opens).
  const { rows } = await tx.query<KprCaseRow>(
    `SELECT id, case_number, person_id, status, service_code, service_ended_on, has_decision AS decided,
            decided_on, decision_outcome AS outcome, decision_hours_per_week AS hours_per_week,
            decision_on_waiting_list AS on_waiting_list, decision_valid_from AS valid_from, decision_valid_to AS valid_to,
            decision_frame_max_hours AS max_hours_per_week
       FROM case_file WHERE municipality_id = current_municipality()`,
  );
  return rows;
}

/** A case row as the KPR domain takes it. */
export function kprCaseOf(r: KprCaseRow): KprCase {
  return {
    caseId: r.id,
    caseNumber: r.case_number,
    state: {
      status: r.status,
      serviceCode: r.service_code,
      serviceEndedOn: r.service_ended_on,
      decision: r.decided
        ? {
            decidedOn: r.decided_on,
            outcome: r.outcome,
            hoursPerWeek: r.hours_per_week,
            onWaitingList: r.on_waiting_list === true,
            validFrom: r.valid_from,
            validTo: r.valid_to,
            frame: r.max_hours_per_week === null ? null : { maxHoursPerWeek: r.max_hours_per_week },
          }
        : null,
    },
  };
}

export interface KprPersonRow {
  id: string;
  name: string;
  national_id: string;
  birth_date: string;
  died_on: string | null;
}

/**
 * The municipality's persons. The caller keeps those with a case: it has read every case already,
 * and asking here would read the case table once more (issue 18: about 50 ms on the Oslo set).
 */
export async function kprPersonRows(tx: Tx): Promise<KprPersonRow[]> {
  const { rows } = await tx.query<KprPersonRow>(
    `SELECT id, given_name || ' ' || family_name AS name, national_id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, to_char(died_on, 'YYYY-MM-DD') AS died_on
       FROM person p
      WHERE municipality_id = current_municipality()`,
  );
  return rows;
}

/** The assessments of the municipality's persons (the caller keeps those of persons with a case, as for kprPersonRows). */
export async function kprAssessmentRows(tx: Tx): Promise<(AssessmentSummary & { personId: string })[]> {
  // The time recorded as the text the domain compares (isoInstant), not a Date to be written out again.
  const { rows } = await tx.query<{ id: string; person_id: string; status: 'draft' | 'completed'; assessed_on: string; scores: Record<string, number>; created_at: string }>(
    `SELECT id, person_id, status, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, scores, ${isoInstant('created_at')} AS created_at
       FROM assessment a
      WHERE municipality_id = current_municipality()`,
  );
  return rows.map((a) => ({ id: a.id, personId: a.person_id, status: a.status, assessedOn: a.assessed_on, scores: a.scores, createdAt: a.created_at }));
}
