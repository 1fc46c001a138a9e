/** Waiting-list and watch-list entries (projections of decisions). */
import type { ListEntry } from '../domain/prioritisation/waitingList.ts';
import type { Tx } from './tx.ts';

export interface WaitingEntryRow {
  id: string;
  case_id: string;
  case_number: string;
  /** The keys the case reaches (access.ts). */
  reach: string[];
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

/**
 * Writes a case's entries as the log says they are (waitingListOf): each kept by its decision, so
 * its id stays; an entry the log no longer gives is removed. Returns whether anything changed.
 */
export async function replaceEntries(tx: Tx, caseId: string, personId: string, entries: readonly ListEntry[]): Promise<boolean> {
  let changed = false;
  for (const e of entries) {
    const { rowCount } = await tx.query(
      `INSERT INTO waiting_list_entry AS w (municipality_id, case_id, person_id, decision_seq, kind, place_type, assessed_need, recommended_level,
         priority_input, interim_service, review_by, listed_on, status)
       VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (municipality_id, case_id, decision_seq) DO UPDATE SET
         kind = excluded.kind, place_type = excluded.place_type, assessed_need = excluded.assessed_need,
         recommended_level = excluded.recommended_level, priority_input = excluded.priority_input,
         interim_service = excluded.interim_service, review_by = excluded.review_by, listed_on = excluded.listed_on, status = excluded.status
       WHERE (w.kind, w.place_type, w.assessed_need, w.recommended_level, w.priority_input, w.interim_service, w.review_by, w.listed_on, w.status)
             IS DISTINCT FROM (excluded.kind, excluded.place_type, excluded.assessed_need, excluded.recommended_level, excluded.priority_input,
             excluded.interim_service, excluded.review_by, excluded.listed_on, excluded.status)`,
      [caseId, personId, e.decisionSeq, e.kind, e.placeType, e.assessedNeed, e.recommendedLevel, e.priorityInput ? JSON.stringify(e.priorityInput) : null, e.interimService, e.reviewBy, e.listedOn, e.status],
    );
    changed ||= (rowCount ?? 0) > 0;
  }
  const { rowCount } = await tx.query(
    'DELETE FROM waiting_list_entry WHERE municipality_id = current_municipality() AND case_id = $1 AND NOT (decision_seq = ANY($2::int[]))',
    [caseId, entries.map((e) => e.decisionSeq)],
  );
  return changed || (rowCount ?? 0) > 0;
}

export async function openEntries(tx: Tx, placeType?: string): Promise<WaitingEntryRow[]> {
  const { rows } = await tx.query<WaitingEntryRow>(
    `SELECT w.id, w.case_id, c.case_number, c.reach, w.person_id, p.given_name || ' ' || p.family_name AS person_name, w.kind, w.place_type,
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
