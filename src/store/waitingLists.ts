/** Waiting-list and watch-list entries (projections of decisions). */
import type { Tx } from './tx.ts';

export interface WaitingEntryRow {
  id: string;
  case_id: string;
  case_number: string;
  person_id: string;
  person_name: string;
  kind: 'waiting' | 'watching';
  place_type: string;
  assessed_need: string;
  recommended_level: string;
  priority_input: { severity: 1 | 2 | 3 | 4; benefit: 1 | 2 | 3 | 4; resourceUse: 1 | 2 | 3 | 4; urgent: boolean } | null;
  interim_service: string | null;
  review_by: string | null;
  listed_on: string;
  status: string;
}

export async function insertEntry(
  tx: Tx,
  e: { caseId: string; personId: string; decisionSeq: number; kind: 'waiting' | 'watching'; placeType: string; assessedNeed: string; recommendedLevel: string; priorityInput: object | null; interimService: string | null; reviewBy: string | null; listedOn: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO waiting_list_entry (municipality_id, case_id, person_id, decision_seq, kind, place_type, assessed_need, recommended_level,
       priority_input, interim_service, review_by, listed_on)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.caseId, e.personId, e.decisionSeq, e.kind, e.placeType, e.assessedNeed, e.recommendedLevel, e.priorityInput ? JSON.stringify(e.priorityInput) : null, e.interimService, e.reviewBy, e.listedOn],
  );
}

/** Closes the case's open entries: placed when the place is arranged, closed otherwise. */
export async function settleEntries(tx: Tx, caseId: string, status: 'placed' | 'closed'): Promise<void> {
  await tx.query(`UPDATE waiting_list_entry SET status = $2 WHERE municipality_id = current_municipality() AND case_id = $1 AND status = 'open'`, [caseId, status]);
}

export async function openEntries(tx: Tx, placeType?: string): Promise<WaitingEntryRow[]> {
  const { rows } = await tx.query<WaitingEntryRow>(
    `SELECT w.id, w.case_id, c.case_number, w.person_id, p.given_name || ' ' || p.family_name AS person_name, w.kind, w.place_type,
            w.assessed_need, w.recommended_level, w.priority_input, w.interim_service, w.review_by, w.listed_on, w.status
       FROM waiting_list_entry w
       JOIN case_file c ON c.municipality_id = w.municipality_id AND c.id = w.case_id
       JOIN person p ON p.municipality_id = w.municipality_id AND p.id = w.person_id
      WHERE w.municipality_id = current_municipality() AND w.status = 'open' AND ($1::text IS NULL OR w.place_type = $1)
      ORDER BY w.listed_on`,
    [placeType ?? null],
  );
  return rows;
}
