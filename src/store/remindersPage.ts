/**
 * One page of the raised deadline reminders (issue 18), with the gate's full view and the owner
 * filter in SQL: the same rows as openReminders filtered in TypeScript, in the order (due day, case
 * number, kind), read after a cursor; or, for queue health, every one raised before a day.
 */
import { OPEN_REMINDERS, type ReminderRow } from './deadlines.ts';
import type { Tx } from './tx.ts';

export interface RemindersPageQuery {
  /** Keys that give the full case, and the cases granted one by one (a reminder needs the full case). */
  readonly fullKeys: readonly string[];
  readonly caseIds: readonly string[];
  readonly owner: 'me' | 'my_units' | null;
  readonly staffId: string;
  readonly unitIds: readonly string[];
  readonly after: { dueOn: string; caseNumber: string; kind: string } | null;
  /** Only the reminders raised before this Norwegian day (null: all). */
  readonly raisedBefore: string | null;
  /** Rows to read; null: all. */
  readonly limit: number | null;
}

export async function openRemindersPage(tx: Tx, q: RemindersPageQuery): Promise<ReminderRow[]> {
  const { rows } = await tx.query<ReminderRow>(
    `${OPEN_REMINDERS}
        AND (c.id = ANY($2::uuid[]) OR c.reach && $1::text[])
        AND ($3::text IS NULL OR ($3 = 'me' AND c.owner_staff_id = $4::uuid) OR ($3 = 'my_units' AND c.owner_unit_id = ANY($5::uuid[])))
        AND ($6::date IS NULL OR (d.due_on, c.case_number, d.kind) > ($6, $7::text, $8::text))
        AND ($10::date IS NULL OR (d.raised_at AT TIME ZONE 'Europe/Oslo')::date < $10)
      ORDER BY d.due_on, c.case_number, d.kind
      LIMIT $9`,
    [q.fullKeys, q.caseIds, q.owner, q.staffId, q.unitIds, q.after?.dueOn ?? null, q.after?.caseNumber ?? null, q.after?.kind ?? null, q.limit, q.raisedBefore],
  );
  return rows;
}
