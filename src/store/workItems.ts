/**
 * The open work items of each case (case_work_item), a projection of the domain's one definition
 * (domain/case/workItems.ts): replaced whole with every append and by `tildel reproject`.
 */
import type { CaseState } from '../domain/case/state.ts';
import type { WorkItem } from '../domain/case/workItems.ts';
import type { WorkItemKind } from '../domain/organisation/policy.ts';
import type { Tx } from './tx.ts';

interface StoredItem {
  key: string;
  kind: string;
  since: string;
  opensOn: string | null;
  dueOn: string | null;
  holder: string;
  providerUnitId: string | null;
  answeredBy: string[];
}

function stored(items: readonly WorkItem[]): StoredItem[] {
  return items
    .map((i) => ({ key: i.key, kind: i.kind, since: new Date(i.since).toISOString(), opensOn: i.opensOn, dueOn: i.dueOn, holder: i.holder, providerUnitId: i.providerUnitId, answeredBy: [...i.answeredBy] }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Replaces the case's items with `items`. */
export async function replaceWorkItems(tx: Tx, caseId: string, items: readonly WorkItem[]): Promise<void> {
  await tx.query('DELETE FROM case_work_item WHERE municipality_id = current_municipality() AND case_id = $1', [caseId]);
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO case_work_item (municipality_id, case_id, item_key, kind, since, opens_on, due_on, holder, provider_unit_id, answered_by)
     SELECT current_municipality(), $1, i.key, i.kind, i.since, i."opensOn", i."dueOn", i.holder, i."providerUnitId", i."answeredBy"
       FROM jsonb_to_recordset($2::jsonb) AS i(key text, kind text, since timestamptz, "opensOn" date, "dueOn" date, holder text, "providerUnitId" uuid, "answeredBy" text[])`,
    [caseId, JSON.stringify(stored(items))],
  );
}

/** Whether the stored items of a case differ from `items`. */
export async function workItemsDiffer(tx: Tx, caseId: string, items: readonly WorkItem[]): Promise<boolean> {
  const { rows } = await tx.query<StoredItem>(
    `SELECT item_key AS key, kind, since, to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", holder,
            provider_unit_id AS "providerUnitId", answered_by AS "answeredBy"
       FROM case_work_item WHERE municipality_id = current_municipality() AND case_id = $1 ORDER BY item_key`,
    [caseId],
  );
  const have = rows.map((r) => ({ ...r, since: new Date(r.since).toISOString() }));
  return JSON.stringify(have) !== JSON.stringify(stored(items));
}

export interface WorkItemRow {
  case_id: string;
  case_number: string;
  item_key: string;
  kind: WorkItemKind;
  since: Date;
  opens_on: string | null;
  due_on: string | null;
  holder: WorkItem['holder'];
  provider_unit_id: string | null;
  answered_by: string[];
  state: CaseState;
  person_name: string;
  owner_name: string | null;
  owner_unit_name: string | null;
  provider_unit_name: string | null;
}

/** The items in the queue on `today` (dated items from their opening day), oldest first. */
export async function openWorkItemRows(tx: Tx, today: string, filter: { kind?: WorkItemKind | undefined; caseId?: string | undefined } = {}): Promise<WorkItemRow[]> {
  const { rows } = await tx.query<WorkItemRow>(
    `SELECT w.case_id, c.case_number, w.item_key, w.kind, w.since, to_char(w.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(w.due_on, 'YYYY-MM-DD') AS due_on,
            w.holder, w.provider_unit_id, w.answered_by, c.state, p.given_name || ' ' || p.family_name AS person_name,
            s.display_name AS owner_name, u.name AS owner_unit_name, pu.name AS provider_unit_name
       FROM case_work_item w
       JOIN case_file c ON c.municipality_id = w.municipality_id AND c.id = w.case_id
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
       LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.owner_staff_id
       LEFT JOIN org_unit u ON u.municipality_id = c.municipality_id AND u.id = c.owner_unit_id
       LEFT JOIN org_unit pu ON pu.municipality_id = w.municipality_id AND pu.id = w.provider_unit_id
      WHERE w.municipality_id = current_municipality() AND (w.opens_on IS NULL OR w.opens_on <= $1)
        AND ($2::text IS NULL OR w.kind = $2) AND ($3::uuid IS NULL OR w.case_id = $3)
      ORDER BY w.since, c.case_number, w.item_key`,
    [today, filter.kind ?? null, filter.caseId ?? null],
  );
  return rows;
}
