/**
 * One page of the work queue read in SQL (issue 18): the gate's visibility, the filters and the
 * policy's dates and escalation limits are all in the WHERE clause, so only the page's rows (plus
 * one, to know there is more) are read, in the queue's one order (since, case number, item key).
 * The same rows as openWorkItemRows filtered by the gate and the filters in TypeScript: the paging
 * test compares the two for every staff member of the demo.
 */
import type { WorkItemKind } from '../domain/organisation/policy.ts';
import type { Tx } from './tx.ts';
import type { WorkItemRow } from './workItems.ts';

/** A policy version in force today as the query needs it, in the order policyInForce prefers them. */
export interface QueuePolicy {
  readonly districtId: string | null;
  readonly serviceCode: string | null;
  /** Days after `since` a frame review enters the queue (null: the default). */
  readonly frameReviewAfterDays: number | null;
  /** The escalation limit of each kind of aged item (absent: none). */
  readonly limits: Partial<Record<WorkItemKind, number>>;
}

/** What the gate lets the staff member see, as SQL parameters (domain/organisation/access.ts levelByReach). */
export interface QueueVisibility {
  /** Keys that give the full case. */
  readonly fullKeys: readonly string[];
  /** Keys that give an order's view (order:<unit>). */
  readonly orderKeys: readonly string[];
  /** Cases granted one by one (emergency access, the board agenda). */
  readonly caseIds: readonly string[];
  /** The staff member's units: an order's view shows the items their provider unit holds. */
  readonly unitIds: readonly string[];
}

export interface QueuePageQuery {
  readonly today: string;
  readonly at: Date;
  readonly policies: readonly QueuePolicy[];
  readonly visibility: QueueVisibility;
  readonly kind: WorkItemKind | null;
  readonly owner: 'me' | 'my_units' | 'unowned' | null;
  readonly staffId: string;
  /** The principal's units (the owner filter). */
  readonly ownerUnitIds: readonly string[];
  readonly overdueOnly: boolean;
  /** Items of cases whose number contains this (the queue's search). */
  readonly caseNumber: string | null;
  readonly after: { since: string; caseNumber: string; itemKey: string } | null;
  /** Rows to read; null: all (the unpaged list). */
  readonly limit: number | null;
  readonly defaultFrameReviewDays: number;
  readonly frameReviewAnswerDays: number;
}

/** The policy rules the query applies to each row: the most specific version in force for the case's district and service. */
const POLICY_OF_CASE = `
  LEFT JOIN LATERAL (
    SELECT p.frame_days, p.limits FROM jsonb_to_recordset($3::jsonb) AS p(rank int, district_id uuid, service_code text, frame_days int, limits jsonb)
     WHERE (p.district_id IS NULL OR p.district_id = c.district_id) AND (p.service_code IS NULL OR p.service_code = c.service_code)
     ORDER BY p.rank LIMIT 1) pol ON true
  CROSS JOIN LATERAL (
    SELECT CASE WHEN w.kind = 'frame_review' THEN (w.since AT TIME ZONE 'Europe/Oslo')::date + COALESCE(pol.frame_days, $13::int) ELSE w.opens_on END AS opens_on,
           (pol.limits ->> w.kind)::int AS limit_days) d
  CROSS JOIN LATERAL (SELECT CASE WHEN w.kind = 'frame_review' THEN d.opens_on + $14::int ELSE w.due_on END AS due_on) e`;

/** levelByReach in SQL: the full case, or an order's view of the items its provider unit holds. */
const VISIBLE = `(c.id = ANY($6::uuid[]) OR c.reach && $4::text[]
    OR (c.reach && $5::text[] AND w.holder <> 'office' AND w.provider_unit_id = ANY($7::uuid[])))`;

/** ownedAs in SQL: the office's items by owner and unit, the provider's by its unit. */
const OWNED = `($8::text IS NULL
    OR ($8 = 'me' AND w.holder <> 'provider' AND c.owner_staff_id = $9::uuid)
    OR ($8 = 'my_units' AND ((w.holder <> 'provider' AND c.owner_unit_id = ANY($10::uuid[])) OR (w.holder <> 'office' AND w.provider_unit_id = ANY($10::uuid[]))))
    OR ($8 = 'unowned' AND CASE WHEN w.holder <> 'provider' THEN c.owner_staff_id IS NULL AND c.owner_unit_id IS NULL ELSE w.provider_unit_id IS NULL END))`;

/** isOverdue in SQL: a dated item after its due day, an aged one after the policy's limit. */
const IS_OVERDUE = `CASE WHEN e.due_on IS NOT NULL THEN $1::date > e.due_on
    ELSE d.limit_days IS NOT NULL AND floor(extract(epoch FROM $2::timestamptz - w.since) / 86400) > d.limit_days END`;

/** Each item's case joined to it (the counts: every item is read, a hash join suits). */
const CASE_OF_ITEM = 'JOIN case_file c ON c.municipality_id = w.municipality_id AND c.id = w.case_id';

/**
 * Each item's case read for it, from the covering case_file_queue_idx (migration 0028): a page reads
 * the items in the queue's order and stops when it is full; OFFSET 0 keeps the planner from hashing
 * every visible case first (a seq scan of case_file) when a filter keeps few items.
 */
const CASE_PER_ITEM = `CROSS JOIN LATERAL (
    SELECT c.id, c.reach, c.owner_staff_id, c.owner_unit_id, c.case_number, c.district_id, c.service_code FROM case_file c
     WHERE c.municipality_id = w.municipality_id AND c.id = w.case_id OFFSET 0) c`;

/** VISIBLE when no case is seen in full: only an order's view of the items the staff member's units hold (case_work_item_provider_idx). */
const ORDER_VIEW_ONLY = `AND w.holder <> 'office' AND w.provider_unit_id = ANY($7::uuid[])`;

/** How the query reads the cases and the items. */
interface QueueShape {
  readonly caseJoin: string;
  /** No case is visible in full (orderViewOnly): narrow to the items the units hold. */
  readonly orderViewOnly: boolean;
  /** Every item of the municipality, whatever the gate shows (counts that show no one). */
  readonly everyItem?: boolean;
}

/** The queue's query with the given columns: the gate, the filters and the cursor in the WHERE clause, in the queue's order. */
function queueSql(columns: string, tail: string, shape: QueueShape): string {
  return `SELECT ${columns}
       FROM case_work_item w
       ${shape.caseJoin}
       ${POLICY_OF_CASE}
      WHERE w.municipality_id = current_municipality()
        AND (w.opens_on IS NULL OR w.opens_on <= $1::date) AND (d.opens_on IS NULL OR d.opens_on <= $1::date)
        AND ${shape.everyItem ? `(true OR ${VISIBLE})` : VISIBLE} ${shape.orderViewOnly ? ORDER_VIEW_ONLY : ''}
        AND ($12::text IS NULL OR w.kind = $12)
        AND ${OWNED}
        AND (NOT $11::boolean OR ${IS_OVERDUE})
        AND ($19::text IS NULL OR strpos(c.case_number, $19) > 0)
        AND ($15::timestamptz IS NULL OR (w.since >= $15 AND (w.since, c.case_number, w.item_key) > ($15, $16::text, $17::text)))
      ${tail}`;
}

/**
 * Whether the staff member sees no case in full (no case granted one by one, none whose reach holds
 * a full key): then VISIBLE keeps only an order's view of the items their units hold. One probe of
 * the reach GIN index (sees_a_case_in_full, migration 0028).
 */
async function orderViewOnly(tx: Tx, v: QueueVisibility): Promise<boolean> {
  if (v.caseIds.length > 0) return false;
  const { rows } = await tx.query<{ seen: boolean }>('SELECT sees_a_case_in_full($1::text[]) AS seen', [v.fullKeys]);
  return !rows[0]?.seen;
}

function paramsOf(q: QueuePageQuery): unknown[] {
  const policies = q.policies.map((p, rank) => ({ rank, district_id: p.districtId, service_code: p.serviceCode, frame_days: p.frameReviewAfterDays, limits: p.limits }));
  const v = q.visibility;
  return [
    q.today,
    q.at,
    JSON.stringify(policies),
    v.fullKeys,
    v.orderKeys,
    v.caseIds,
    v.unitIds,
    q.owner,
    q.staffId,
    q.ownerUnitIds,
    q.overdueOnly,
    q.kind,
    q.defaultFrameReviewDays,
    q.frameReviewAnswerDays,
    q.after?.since ?? null,
    q.after?.caseNumber ?? null,
    q.after?.itemKey ?? null,
    q.limit,
    q.caseNumber,
  ];
}

/**
 * The page's rows in the queue's order (since, case number, item key), after the cursor: the keys
 * of the page first (a narrow top-N), then the case, the person and the names of those rows only.
 */
export async function workQueuePageRows(tx: Tx, q: QueuePageQuery): Promise<WorkItemRow[]> {
  // The owner filters "me" and "unowned" are left to the planner (the case's owner index, case_file_owner_idx).
  // A list without a limit (queue health's) reads every item anyway: the hash join then suits (the
  // overdue items on the Oslo set: 130 ms joined, 200–317 ms read case by case).
  const perItem = q.limit !== null && (q.owner === null || q.owner === 'my_units');
  const shape = { caseJoin: perItem ? CASE_PER_ITEM : CASE_OF_ITEM, orderViewOnly: await orderViewOnly(tx, q.visibility) };
  const keys = queueSql('w.case_id, w.item_key, w.since, c.case_number', 'ORDER BY w.since, c.case_number, w.item_key LIMIT $18', shape);
  const { rows } = await tx.query<WorkItemRow>(
    `SELECT w.case_id, c.case_number, w.item_key, w.kind, w.since, to_char(w.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(w.due_on, 'YYYY-MM-DD') AS due_on,
            w.holder, w.provider_unit_id, w.answered_by, c.state, p.given_name || ' ' || p.family_name AS person_name,
            s.display_name AS owner_name, u.name AS owner_unit_name, pu.name AS provider_unit_name
       FROM (${keys}) k
       JOIN case_work_item w ON w.municipality_id = current_municipality() AND w.case_id = k.case_id AND w.item_key = k.item_key
       JOIN case_file c ON c.municipality_id = w.municipality_id AND c.id = w.case_id
       JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
       LEFT JOIN staff s ON s.municipality_id = c.municipality_id AND s.id = c.owner_staff_id
       LEFT JOIN org_unit u ON u.municipality_id = c.municipality_id AND u.id = c.owner_unit_id
       LEFT JOIN org_unit pu ON pu.municipality_id = w.municipality_id AND pu.id = w.provider_unit_id
      ORDER BY k.since, k.case_number, k.item_key`,
    paramsOf(q),
  );
  return rows;
}

/** How many items the whole list holds (the cursor and the limit aside), and how many of them are overdue. */
export async function workQueueCounts(tx: Tx, q: QueuePageQuery): Promise<{ open: number; overdue: number }> {
  // One aggregate row (LIMIT NULL: the parameter is there, the limit is not).
  const shape = { caseJoin: CASE_OF_ITEM, orderViewOnly: await orderViewOnly(tx, q.visibility) };
  const counted = queueSql(`count(*)::int AS open, (count(*) FILTER (WHERE ${IS_OVERDUE}))::int AS overdue`, 'LIMIT $18', shape);
  const { rows } = await tx.query<{ open: number; overdue: number }>(counted, paramsOf({ ...q, after: null, limit: null }));
  return rows[0] ?? { open: 0, overdue: 0 };
}

/**
 * Every open item of the municipality, whatever the gate shows, counted by kind with how many of each
 * are overdue: counts that show no one (the leader's queue health). The gate's parameters stay in the
 * query for their types; `true OR` takes them out of the plan.
 */
export async function workQueueCountsByKind(tx: Tx, q: QueuePageQuery): Promise<{ kind: WorkItemKind; open: number; overdue: number }[]> {
  const shape = { caseJoin: CASE_OF_ITEM, orderViewOnly: false, everyItem: true };
  const counted = queueSql(`w.kind, count(*)::int AS open, (count(*) FILTER (WHERE ${IS_OVERDUE}))::int AS overdue`, 'GROUP BY w.kind LIMIT $18', shape);
  const { rows } = await tx.query<{ kind: WorkItemKind; open: number; overdue: number }>(
    counted,
    paramsOf({ ...q, kind: null, owner: null, overdueOnly: false, caseNumber: null, after: null, limit: null }),
  );
  return rows;
}
