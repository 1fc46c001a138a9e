/**
 * Work queues and the queue-health report: every open item with its owner (a person or a unit),
 * its age and its escalation limit from the policy in force; unowned and overdue items; and users
 * whose service-responsible person or primary contact has been away too long (reassignment tasks).
 */
import { addDays } from '../domain/law/deadlines.ts';
import { stateKey } from '../domain/case/index.ts';
import { ageInDays, isOverdue, type ItemHolder } from '../domain/case/workItems.ts';
import { type PolicyRules, type WorkItemKind } from '../domain/organisation/policy.ts';
import { absencesOn, adjustmentsForResponsible, casesResponsibleBy } from '../store/queues.ts';
import { openReminders, type ReminderRow } from '../store/deadlines.ts';
import { openWorkItemRows, type WorkItemRow } from '../store/workItems.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { assertMayReadPersonalData, audit } from './audit.ts';
import { casePolicy, type AuthorityContext } from './authority.ts';
import { norwegianDate, now } from './clock.ts';
import type { AppContext, RequestMeta } from './context.ts';
import { gateOf, levelOf, levelOfRow, type Gate } from './gate.ts';
import type { Principal } from './principal.ts';
import { flatMapInSlices } from './slices.ts';

export interface WorkItemView {
  caseId: string;
  personId: string;
  serviceCode: string;
  receivedOn: string;
  /** The case's status, or complaint_<stage> while a complaint is open. */
  stateKey: string;
  caseNumber: string;
  personName: string;
  /** The item's key on the case (follow_up_answered names it). */
  key: string;
  kind: WorkItemKind;
  since: string;
  /** A dated item's opening day and due day; null for items that age from `since`. */
  opensOn: string | null;
  dueOn: string | null;
  ageDays: number;
  limitDays: number | null;
  overdue: boolean;
  holder: ItemHolder;
  owner: { id: string; name: string } | null;
  ownerUnit: { id: string; name: string } | null;
  providerUnit: { id: string; name: string } | null;
  answeredBy: string[];
}

/** Kinds that escalate like another: a delivery complaint like a complaint, a representative's check like the request it belongs to. */
const ESCALATES_AS: Partial<Record<WorkItemKind, WorkItemKind>> = { delivery_complaint: 'complaint', representative_check: 'request' };

/** The escalation limit of an aged item under the policy. */
export function limitOf(rules: PolicyRules | undefined, kind: WorkItemKind): number | null {
  if (!rules) return null;
  const limits = rules.escalationDays as Partial<Record<WorkItemKind, number>>;
  return limits[ESCALATES_AS[kind] ?? kind] ?? null;
}

/** Days a plan may depart from the decided hours before the office is asked for a new decision (policy, or 90). */
export const DEFAULT_FRAME_REVIEW_DAYS = 90;
/** Days the office has to answer a frame review once it is in the queue. */
export const FRAME_REVIEW_ANSWER_DAYS = 14;

/** An item as the queue shows it on `today`, or null when it is not yet in the queue. */
/** A frame review is placed in time by the policy: in the queue after its days, due a fortnight later. */
function datesOf(row: WorkItemRow, rules: PolicyRules | undefined): { opensOn: string | null; dueOn: string | null } {
  if (row.kind !== 'frame_review') return { opensOn: row.opens_on, dueOn: row.due_on };
  const opensOn = addDays(norwegianDate(row.since), rules?.frameReviewAfterDays ?? DEFAULT_FRAME_REVIEW_DAYS);
  return { opensOn, dueOn: addDays(opensOn, FRAME_REVIEW_ANSWER_DAYS) };
}

function ref(id: string | null, name: string | null): { id: string; name: string } | null {
  return id ? { id, name: name ?? '' } : null;
}

export function itemOf(row: WorkItemRow, authority: AuthorityContext, at: Date, today: string): WorkItemView | null {
  const rules = casePolicy(authority, row.state, today)?.rules;
  const { opensOn, dueOn } = datesOf(row, rules);
  if (opensOn !== null && opensOn > today) return null;
  const limit = dueOn === null ? limitOf(rules, row.kind) : null;
  const since = row.since.toISOString();
  const s = row.state;
  return {
    caseId: row.case_id,
    personId: s.personId,
    serviceCode: s.serviceCode,
    receivedOn: s.receivedOn,
    stateKey: stateKey(s),
    caseNumber: row.case_number,
    personName: row.person_name,
    key: row.item_key,
    kind: row.kind,
    since,
    opensOn,
    dueOn,
    ageDays: ageInDays(opensOn && dueOn ? `${opensOn}T00:00:00Z` : since, at),
    limitDays: limit,
    overdue: isOverdue({ dueOn, since }, limit, at, today),
    holder: row.holder,
    owner: ref(s.ownerStaffId, row.owner_name),
    ownerUnit: ref(s.ownerUnitId, row.owner_unit_name),
    providerUnit: ref(row.provider_unit_id, row.provider_unit_name),
    answeredBy: row.answered_by,
  };
}

/**
 * Whether the gate shows the item: an item of a case the staff member sees in full, or an item the
 * provider holds on a case ordered from its unit (an order does not show the office's items).
 */
function itemVisible(gate: Gate, row: WorkItemRow): boolean {
  const level = levelOf(gate, row.case_id, row.state);
  if (level === 'full') return true;
  return level === 'order' && row.holder !== 'office' && row.provider_unit_id !== null && gate.actor.units.some((u) => u.id === row.provider_unit_id);
}

/**
 * Every item in the queue today: the one list the work queue, the team and the leader's report all
 * count from, as the gate lets the staff member see it (null: every item, for counts that show no one).
 */
export async function openItems(
  tx: Tx,
  authority: AuthorityContext,
  at: Date,
  gate: Gate | null,
  filter: { kind?: WorkItemKind | undefined; caseId?: string | undefined } = {},
): Promise<WorkItemView[]> {
  return (await itemsInQueue(tx, authority, at, filter)).filter((i) => gate === null || itemVisible(gate, i.row)).map((i) => i.view);
}

/** Every item in the queue today with the row it came from (one query, for callers that both count and list). */
async function itemsInQueue(tx: Tx, authority: AuthorityContext, at: Date, filter: { kind?: WorkItemKind | undefined; caseId?: string | undefined } = {}) {
  const today = norwegianDate(at);
  // In slices: every open case of an Oslo-size municipality at once held the event loop for hundreds of milliseconds.
  return flatMapInSlices(await openWorkItemRows(tx, today, filter), (rows) =>
    rows.flatMap((row) => {
      const view = itemOf(row, authority, at, today);
      return view ? [{ row, view }] : [];
    }),
  );
}

/** The distinct persons a list shows (for the access log). */
const personsOf = (items: readonly { personId: string }[]) => [...new Set(items.map((i) => i.personId))];

export interface QueueFilter {
  readonly owner?: 'me' | 'my_units' | 'unowned' | undefined;
  readonly kind?: WorkItemKind | undefined;
  readonly overdueOnly?: boolean | undefined;
}

/** Whether the item is the principal's: the office's items by owner and unit, the provider's by its unit; a delivery complaint is both's. */
function ownedAs(item: WorkItemView, owner: QueueFilter['owner'], principal: Principal): boolean {
  const office = item.holder !== 'provider';
  const provider = item.holder !== 'office';
  const mine = (unit: { id: string } | null) => unit !== null && principal.unitIds.includes(unit.id);
  switch (owner) {
    case 'me':
      return office && item.owner?.id === principal.staffId;
    case 'my_units':
      return (office && mine(item.ownerUnit)) || (provider && mine(item.providerUnit));
    case 'unowned':
      return office ? item.owner === null && item.ownerUnit === null : item.providerUnit === null;
    default:
      return true;
  }
}

export async function workQueue(ctx: AppContext, principal: Principal, meta: RequestMeta, filter: QueueFilter): Promise<WorkItemView[]> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { authority, gate } = await gateOf(tx, ctx, principal, meta);
    const items = (await openItems(tx, authority, now(ctx), gate, { kind: filter.kind })).filter((i) => (!filter.overdueOnly || i.overdue) && ownedAs(i, filter.owner, principal));
    await audit(tx, principal, meta, 'read', 'work queue', personsOf(items));
    return items;
  });
}

export interface Reassignment {
  caseId: string;
  personId: string;
  caseNumber: string;
  personName: string;
  role: 'service_responsible' | 'primary_contact';
  absentStaff: { id: string; name: string };
  absentSince: string;
  absentDays: number;
}

export interface QueueHealth {
  generatedAt: string;
  openItems: number;
  byKind: Record<WorkItemKind, number>;
  /** Overdue items by kind, from the same list as the queue. */
  overdueByKind: Record<WorkItemKind, number>;
  unowned: WorkItemView[];
  overdue: WorkItemView[];
  /** Users whose decision has run out or is past its re-evaluation date (mangler oppdatert vedtak). */
  outdatedDecisions: WorkItemView[];
  reassignments: Reassignment[];
  /** Deadline reminders left unhandled for more than a week: escalated to the leader. */
  escalatedReminders: ReminderView[];
}

/** Days a raised deadline reminder may wait before it is escalated to the leader. */
export const ESCALATE_REMINDERS_AFTER_DAYS = 7;
/** Users whose service-responsible person or primary contact has been away longer than the policy allows. */
export async function reassignments(tx: Tx, authority: AuthorityContext, now: Date, gate: Gate): Promise<Reassignment[]> {
  const today = norwegianDate(now);
  const away = await absencesOn(tx, today);
  if (away.length === 0) return [];
  const cases = (await casesResponsibleBy(tx, away.map((a) => a.staff_id))).filter((c) => levelOfRow(gate, { case_id: c.id, reach: c.reach }) === 'full');
  const tasks: Reassignment[] = [];
  for (const c of cases) {
    for (const a of away) {
      const days = ageInDays(`${a.from_date}T00:00:00Z`, now);
      const limit = casePolicy(authority, { districtId: null, serviceCode: '' }, today)?.rules.reassignAfterAbsentDays ?? 14;
      const planned = a.to_date ? ageInDays(`${a.from_date}T00:00:00Z`, new Date(`${a.to_date}T00:00:00Z`)) : days;
      if (Math.max(days, planned) < limit) continue;
      const base = { caseId: c.id, personId: c.person_id, caseNumber: c.case_number, personName: c.person_name, absentStaff: { id: a.staff_id, name: a.staff_name }, absentSince: a.from_date, absentDays: days };
      if (c.service_responsible === a.staff_id) tasks.push({ ...base, role: 'service_responsible' });
      if (c.primary_contact === a.staff_id) tasks.push({ ...base, role: 'primary_contact' });
    }
  }
  return tasks;
}

/**
 * What the team has adjusted within the frame on the users I am service-responsible for
 * (tjenesteansvarlig): who, when, what and why (seed 003; domain reference §7).
 */
export async function adjustmentsToReview(ctx: AppContext, principal: Principal, meta: RequestMeta, days: number) {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const rows = await adjustmentsForResponsible(tx, principal.staffId, new Date(Date.now() - days * 86_400_000));
    await audit(tx, principal, meta, 'read', 'plan adjustments', [...new Set(rows.map((r) => r.person_id))]);
    return rows.map((r) => ({
      caseId: r.case_id,
      caseNumber: r.case_number,
      personName: r.person_name,
      seq: r.seq,
      hoursPerWeek: r.payload.hoursPerWeek,
      change: r.payload.change,
      by: r.actor_name,
      reason: r.reason,
      at: r.occurred_at.toISOString(),
    }));
  });
}

export interface ReminderView {
  caseId: string;
  personId: string;
  caseNumber: string;
  personName: string;
  kind: string;
  dueOn: string;
  citation: string;
  raisedAt: string;
  owner: { id: string; name: string } | null;
  ownerUnitId: string | null;
}

/** Deadlines that have fallen due and wait for an action: the reminders in the owners' queues. */
export async function reminders(ctx: AppContext, principal: Principal, meta: RequestMeta, owner?: 'me' | 'my_units'): Promise<ReminderView[]> {
  assertMayReadPersonalData(principal);
  return inTenant(ctx.db.app, principal, async (tx) => {
    const { gate } = await gateOf(tx, ctx, principal, meta);
    const rows = (await openReminders(tx)).filter(
      (r) =>
        levelOfRow(gate, r) === 'full' &&
        (owner !== 'me' || r.owner_staff_id === principal.staffId) &&
        (owner !== 'my_units' || (r.owner_unit_id !== null && principal.unitIds.includes(r.owner_unit_id))),
    );
    await audit(tx, principal, meta, 'read', 'reminders', [...new Set(rows.map((r) => r.person_id))]);
    return rows.map(reminderView);
  });
}

export function reminderView(r: ReminderRow): ReminderView {
  return {
    caseId: r.case_id,
    personId: r.person_id,
    caseNumber: r.case_number,
    personName: r.person_name,
    kind: r.kind,
    dueOn: r.due_on,
    citation: r.citation,
    raisedAt: r.raised_at.toISOString(),
    owner: r.owner_staff_id ? { id: r.owner_staff_id, name: r.owner_name ?? '' } : null,
    ownerUnitId: r.owner_unit_id,
  };
}
