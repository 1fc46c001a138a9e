/**
 * The work queue one page at a time (issue 18): the gate's visibility, the filters and the policy's
 * dates and limits go to SQL (store/workQueuePage.ts), so a page costs one page of rows whatever the
 * size of the municipality. The same items, in the same order, as the unpaged `workQueue`. The
 * raised deadline reminders are paged the same way (store/remindersPage.ts).
 */
import { type PolicyVersion, WORK_ITEM_KINDS, type WorkItemKind } from '../domain/organisation/policy.ts';
import { addDays } from '../domain/law/deadlines.ts';
import { keysByLevel } from '../domain/organisation/access.ts';
import { pageOf, type Page } from '../domain/paging.ts';
import { workQueueCounts, workQueueCountsByKind, workQueuePageRows, type QueuePageQuery, type QueuePolicy, type QueueVisibility } from '../store/workQueuePage.ts';
import { openRemindersPage } from '../store/remindersPage.ts';
import { inTenant } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { norwegianDate, now } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import type { AuthorityContext } from './authority.ts';
import { gateOf, type Gate } from './gate.ts';
import type { Principal } from './principal.ts';
import { DEFAULT_FRAME_REVIEW_DAYS, ESCALATE_REMINDERS_AFTER_DAYS, FRAME_REVIEW_ANSWER_DAYS, itemOf, limitOf, reminderView, type QueueFilter, reassignments, type QueueHealth, type ReminderView, type WorkItemView } from './queues.ts';

/** Where a page starts: after this item in the queue's order. */
export interface QueueCursor {
  readonly since: string;
  readonly caseNumber: string;
  readonly itemKey: string;
}

/** The versions in force on the day, most specific first and then newest (policyInForce's choice is the first that matches). */
export function policiesInOrder(versions: readonly PolicyVersion[], onDate: string): QueuePolicy[] {
  const specificity = (v: PolicyVersion) => (v.districtId ? 2 : 0) + (v.serviceCode ? 1 : 0);
  return versions
    .filter((v) => v.effectiveFrom <= onDate)
    .sort((a, b) => specificity(b) - specificity(a) || b.effectiveFrom.localeCompare(a.effectiveFrom))
    .map((v) => ({
      districtId: v.districtId,
      serviceCode: v.serviceCode,
      frameReviewAfterDays: v.rules.frameReviewAfterDays ?? null,
      limits: Object.fromEntries(WORK_ITEM_KINDS.flatMap((k) => (limitOf(v.rules, k) === null ? [] : [[k, limitOf(v.rules, k)]]))) as Partial<Record<WorkItemKind, number>>,
    }));
}

/** The gate as SQL parameters: the keys that give the full case, those that give an order's view, the cases granted one by one. */
export function visibilityOf(gate: Gate): QueueVisibility {
  const keys = gate.scope.keys;
  return {
    ...keysByLevel(keys),
    caseIds: gate.scope.caseIds,
    unitIds: gate.actor.units.map((u) => u.id),
  };
}

export interface QueuePageRequest extends QueueFilter {
  /** Items of cases whose number contains this. */
  readonly caseNumber?: string | undefined;
  readonly after: QueueCursor | null;
  readonly limit: number;
}

/** The page query's parameters for the staff member, the filter and the cursor. */
function pageQueryOf(authority: AuthorityContext, gate: Gate, principal: Principal, at: Date, request: QueuePageRequest): QueuePageQuery {
  const today = norwegianDate(at);
  return {
    today,
    at,
    policies: policiesInOrder(authority.policies, today),
    visibility: visibilityOf(gate),
    kind: request.kind ?? null,
    owner: request.owner ?? null,
    staffId: principal.staffId,
    ownerUnitIds: principal.unitIds,
    overdueOnly: request.overdueOnly ?? false,
    caseNumber: request.caseNumber?.trim() || null,
    after: request.after,
    limit: request.limit + 1,
    defaultFrameReviewDays: DEFAULT_FRAME_REVIEW_DAYS,
    frameReviewAnswerDays: FRAME_REVIEW_ANSWER_DAYS,
  };
}

export async function workQueuePage(ctx: AppContext, principal: Principal, meta: RequestMeta, request: QueuePageRequest): Promise<Page<WorkItemView>> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    const at = now(ctx);
    const query = pageQueryOf(authority, gate, principal, at, request);
    const rows = await workQueuePageRows(tx, query);
    // The SQL has applied the policy's dates; itemOf builds the view with the same rules (and would drop an item not yet open).
    const page = pageOf(rows, request.limit, (row) => itemOf(row, authority, at, query.today), (row) => ({ since: row.since.toISOString(), caseNumber: row.case_number, itemKey: row.item_key }));
    const items = page.items.filter((i): i is WorkItemView => i !== null);
    await audit(tx, principal, meta, 'read', 'work queue', [...new Set(items.map((i) => i.personId))]);
    return { items, nextCursor: page.nextCursor };
  });
}

/** How many items the whole list holds under the filter, and how many of them are overdue (counts: no person is shown). */
export async function workQueueTotals(ctx: AppContext, principal: Principal, meta: RequestMeta, filter: Omit<QueuePageRequest, 'after' | 'limit'>): Promise<{ open: number; overdue: number }> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    return workQueueCounts(tx, pageQueryOf(authority, gate, principal, now(ctx), { ...filter, after: null, limit: 0 }));
  });
}

/**
 * The leader's queue health (issue 18: on the Oslo set it read and built every open item, about 27,000
 * with their cases' states, to count them). The counts are the municipality's whole queue, counted in
 * SQL, and show no one; the lists are the items the gate shows, unowned and overdue, read with the
 * paged queue's query without a limit, in the queue's order, and the reminders raised more than a
 * week ago, read with the paged reminders' query (in its order: due day, case number, kind).
 */
export async function queueHealth(ctx: AppContext, principal: Principal, meta: RequestMeta): Promise<QueueHealth> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const at = now(ctx);
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    const every = { ...pageQueryOf(authority, gate, principal, at, { after: null, limit: 0 }), limit: null };
    const counts = await workQueueCountsByKind(tx, every);
    const byKind = (figure: 'open' | 'overdue') => Object.fromEntries(WORK_ITEM_KINDS.map((k) => [k, counts.find((c) => c.kind === k)?.[figure] ?? 0])) as Record<WorkItemKind, number>;
    const listed = async (filter: Partial<QueuePageQuery>) =>
      (await workQueuePageRows(tx, { ...every, ...filter })).flatMap((row) => {
        const view = itemOf(row, authority, at, every.today);
        return view ? [view] : [];
      });
    const unowned = await listed({ owner: 'unowned' });
    const overdue = await listed({ overdueOnly: true });
    // Reminders waited more than the days (ageInDays: between Norwegian days) were raised before the day that many days ago.
    const { fullKeys, caseIds } = every.visibility;
    const raisedBefore = addDays(every.today, -ESCALATE_REMINDERS_AFTER_DAYS);
    const escalated = await openRemindersPage(tx, { fullKeys, caseIds, owner: null, staffId: principal.staffId, unitIds: principal.unitIds, after: null, raisedBefore, limit: null });
    const report = {
      generatedAt: at.toISOString(),
      openItems: counts.reduce((sum, c) => sum + c.open, 0),
      byKind: byKind('open'),
      overdueByKind: byKind('overdue'),
      unowned,
      overdue,
      outdatedDecisions: overdue.filter((i) => i.kind === 'reevaluation_due' || i.kind === 'decision_expiry'),
      reassignments: await reassignments(tx, authority, at, gate),
      escalatedReminders: escalated.map(reminderView),
    };
    const persons = [...unowned, ...overdue, ...report.reassignments, ...report.escalatedReminders].map((i) => i.personId);
    await audit(tx, principal, meta, 'read', 'queue health report', [...new Set(persons)]);
    return report;
  });
}

/** Where a page of reminders starts: after this one in the order (due day, case number, kind). */
export interface ReminderCursor {
  readonly dueOn: string;
  readonly caseNumber: string;
  readonly kind: string;
}

/** The raised deadline reminders one page at a time (the same as `reminders`, with the gate and the owner filter in SQL). */
export async function remindersPage(ctx: AppContext, principal: Principal, meta: RequestMeta, request: { owner?: 'me' | 'my_units' | undefined; after: ReminderCursor | null; limit: number }): Promise<Page<ReminderView>> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const { fullKeys, caseIds } = visibilityOf(gate);
    const rows = await openRemindersPage(tx, { fullKeys, caseIds, owner: request.owner ?? null, staffId: principal.staffId, unitIds: principal.unitIds, after: request.after, raisedBefore: null, limit: request.limit + 1 });
    const page = pageOf(rows, request.limit, reminderView, (r) => ({ dueOn: r.due_on, caseNumber: r.case_number, kind: r.kind }));
    await audit(tx, principal, meta, 'read', 'reminders', [...new Set(page.items.map((r) => r.personId))]);
    return page;
  });
}
