/**
 * When a provider may record a visit on a case (issue 13): only under an order it has accepted, within
 * the period of a granted decision, not after the service ended, and not in the future. Each refusal
 * names the field, a stable rule, a message in English and the source of the rule, so that the API and
 * every row of a CSV import report the same thing, and the demo generator keeps to the same rule.
 *
 * Pure: the caller passes today's Norwegian date and, where it has it, the case's history. The state
 * alone tells the current decision and each provider's latest order revision; the history (replayed
 * through the same reducers that derive the state) adds what a revision replaced: whether the provider
 * had accepted the order an end or a change followed, the day that end or change took effect, and the
 * periods of granted decisions a later decision replaced (a revision from the 1st does not make last
 * month's visits unlawful).
 */
import type { CaseAction } from '../case/actions.ts';
import { applyAction, openCase, type CaseState } from '../case/state.ts';
import type { DecisionOutcome } from '../case/vocabulary.ts';
import { addDays, osloDate } from '../law/deadlines.ts';
import { DECISION_RULES } from '../law/rules.ts';
import type { OrderState } from './orders.ts';

export type VisitRule =
  | 'no_order'
  | 'order_not_accepted'
  | 'order_ended'
  | 'no_granted_decision'
  | 'before_decision'
  | 'after_decision'
  | 'after_service_ended'
  | 'in_the_future';

export interface VisitProblem {
  /** The field of the visit (API names; the CSV import maps them onto its columns). */
  readonly field: 'caseId' | 'visitDate';
  readonly rule: VisitRule;
  readonly message: string;
  readonly citation: string;
}

export interface VisitToCheck {
  readonly providerUnitId: string;
  /** The visit's Norwegian local date, YYYY-MM-DD. */
  readonly visitDate: string;
}

export interface DecisionPeriod {
  readonly outcome: DecisionOutcome;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** What the rule reads of a case's state (a CaseState is one). */
export interface VisitCaseFacts {
  readonly decision: DecisionPeriod | null;
  readonly orders?: readonly OrderState[] | undefined;
  /** The day the service ended, when it has. */
  readonly serviceEndedOn?: string | null | undefined;
  /** A later day the service is to end on (the end orders are sent at once). */
  readonly scheduledEndOn?: string | null | undefined;
}

/** How far a provider's orders on a case let it deliver: not at all, from the decision's start on, or up to a last day. */
export type Mandate =
  | { readonly kind: 'none'; readonly rule: 'no_order' | 'order_not_accepted'; readonly why: string }
  | { readonly kind: 'open' }
  | { readonly kind: 'until'; readonly lastDay: string; readonly why: string };

/** What a case's history adds to its state for this rule; see visitHistory. */
export interface VisitHistory {
  /** Each provider unit's mandate after the last action. */
  readonly mandates: ReadonlyMap<string, Mandate>;
  /** Every decision in the order made, with the outcome a complaint may have changed; the last is the current one. */
  readonly decisions: readonly DecisionPeriod[];
}

export interface VisitContext {
  /** Today's Norwegian date. */
  readonly today: string;
  readonly history?: VisitHistory | undefined;
}

/** The purchaser–provider model: the provider delivers what was ordered from it, with the resources that follow the order. */
export const ORDER_CITATION = 'the order (bestilling) to the provider: seed 002 L253; docs/provider-side.md, Orders';
/** A service meant to last is given on an individual decision, and for the period it grants. */
export const DECISION_CITATION = DECISION_RULES.individualDecision.citation;
const ENDED_CITATION = 'the end of the service recorded on the case (service_ended)';

const GRANTED: ReadonlySet<DecisionOutcome> = new Set<DecisionOutcome>(['granted', 'partly_granted']);

/** Every reason the visit cannot be recorded; an empty list means it can. */
export function visitProblems(state: VisitCaseFacts, visit: VisitToCheck, ctx: VisitContext): VisitProblem[] {
  const problems: VisitProblem[] = [];
  const mandate = ctx.history ? (ctx.history.mandates.get(visit.providerUnitId) ?? NO_ORDER) : orderMandate(state, visit.providerUnitId);
  const order = orderProblem(mandate, visit.visitDate);
  if (order) problems.push(order);
  const decision = decisionProblem(state, visit.visitDate, ctx.history);
  if (decision) problems.push(decision);
  const endsOn = endOfService(state);
  if (endsOn && visit.visitDate > endsOn) {
    problems.push(dateProblem('after_service_ended', `${visit.visitDate} is after the service's last day, ${endsOn}`, ENDED_CITATION));
  }
  if (visit.visitDate > ctx.today) {
    problems.push(dateProblem('in_the_future', `${visit.visitDate} is in the future (today is ${ctx.today}); a visit is recorded once it has taken place`, '—'));
  }
  return problems;
}

const endOfService = (state: VisitCaseFacts): string | null => state.serviceEndedOn ?? state.scheduledEndOn ?? null;

const dateProblem = (rule: VisitRule, message: string, citation: string): VisitProblem => ({ field: 'visitDate', rule, message, citation });

function orderProblem(m: Mandate, visitDate: string): VisitProblem | null {
  if (m.kind === 'none') return { field: 'caseId', rule: m.rule, message: m.why, citation: ORDER_CITATION };
  if (m.kind === 'until' && visitDate > m.lastDay) return dateProblem('order_ended', `${visitDate} is after the last day of your unit's order: ${m.why}`, ORDER_CITATION);
  return null;
}

const OPEN: Mandate = { kind: 'open' };
const NO_ORDER: Mandate = { kind: 'none', rule: 'no_order', why: 'your unit has no order on this case' };
const AWAITING: Mandate = { kind: 'none', rule: 'order_not_accepted', why: 'the order to your unit waits for its answer: accept it before recording visits' };
const REJECTED: Mandate = { kind: 'none', rule: 'order_not_accepted', why: 'your unit rejected the order on this case' };
const ENDED_UNACCEPTED: Mandate = { kind: 'none', rule: 'order_not_accepted', why: 'the order to your unit ended before your unit accepted it' };

const endedUntil = (o: OrderState, lastDay: string): Mandate => ({
  kind: 'until',
  lastDay,
  why: o.kind === 'end' ? `your unit's order ended; its last day was ${lastDay}` : `your unit rejected the order change; the order before it covered the days up to ${lastDay}`,
});

/**
 * The mandate read from the state alone, when there is no history: a new order counts once accepted;
 * an order change is sent only when the revision before it was accepted, so the provider delivers
 * under that revision while the change waits; an end, or a change the provider rejected, leaves the
 * revision before it the days up to the service's end (or the day the end was sent). The state cannot
 * tell an end of an order the provider never accepted; the history can (see visitHistory).
 */
export function orderMandate(state: VisitCaseFacts, providerUnitId: string): Mandate {
  const mine = (state.orders ?? []).filter((o) => o.providerUnitId === providerUnitId);
  return mine.map((o) => entryMandate(o, (o.kind === 'end' ? endOfService(state) : null) ?? osloDate(o.sentAt))).reduce(widest, NO_ORDER);
}

function entryMandate(o: OrderState, lastDay: string): Mandate {
  if (o.kind === 'new') return o.status === 'accepted' ? OPEN : o.status === 'awaiting' ? AWAITING : REJECTED;
  if (o.kind === 'change' && o.status !== 'rejected') return OPEN;
  return endedUntil(o, lastDay);
}

function widest(a: Mandate, b: Mandate): Mandate {
  const rank = (m: Mandate) => (m.kind === 'open' ? 3 : m.kind === 'until' ? 2 : m.rule === 'order_not_accepted' ? 1 : 0);
  if (a.kind === 'until' && b.kind === 'until') return a.lastDay >= b.lastDay ? a : b;
  return rank(b) > rank(a) ? b : a;
}

/** The date must fall in the period of a granted decision: the current one, or one it replaced while that was in force. */
function decisionProblem(state: VisitCaseFacts, date: string, history: VisitHistory | undefined): VisitProblem | null {
  if (grantedPeriods(state, history).some((p) => p.from <= date && (p.to === null || date <= p.to))) return null;
  const current = state.decision;
  if (!current || !GRANTED.has(current.outcome)) {
    return { field: 'caseId', rule: 'no_granted_decision', message: 'the case has no granted decision to deliver under', citation: DECISION_CITATION };
  }
  if (date < current.validFrom) return dateProblem('before_decision', `${date} is before the decision's period, which begins on ${current.validFrom}`, DECISION_CITATION);
  return dateProblem('after_decision', `${date} is after the decision's period, which ended on ${current.validTo ?? '—'}`, DECISION_CITATION);
}

/** Granted periods: each earlier decision until the day before the next one begins (or its own end), then the current one. */
export function grantedPeriods(state: VisitCaseFacts, history?: VisitHistory): { from: string; to: string | null }[] {
  const earlier = (history?.decisions ?? []).slice(0, -1);
  const all: DecisionPeriod[] = [...earlier, ...(state.decision ? [state.decision] : [])];
  return all.flatMap((d, i) => {
    const next = all[i + 1];
    const bound = next ? addDays(next.validFrom, -1) : null;
    const to = bound !== null && (d.validTo === null || bound < d.validTo) ? bound : d.validTo;
    return GRANTED.has(d.outcome) && (to === null || d.validFrom <= to) ? [{ from: d.validFrom, to }] : [];
  });
}

/** The last day an action that sends order ends or changes leaves to the revision before. */
function lastDayUnder(a: CaseAction): string {
  switch (a.type) {
    case 'service_arranged':
      return addDays(a.payload.startOn, -1);
    case 'service_ended':
      return a.payload.endedOn;
    case 'case_closed':
      return a.payload.closedOn;
    case 'decision_made':
      return addDays(a.payload.validFrom, -1);
    default:
      return osloDate(a.occurredAt);
  }
}

/**
 * A unit's mandate after an action, from its mandate before and its order entries after: an accepted
 * new order or change opens it; a revision just sent leaves it as it was while it waits; an end, or a
 * rejected change, closes an open mandate on the last day the action that sent it leaves (an end of an
 * order never accepted gives nothing); a rejected new order gives nothing where there was nothing.
 */
function nextMandate(before: Mandate, entries: readonly OrderState[], lastDayOf: ReadonlyMap<number, string>): Mandate {
  return entries.map((o) => entryAfter(before, o, lastDayOf.get(o.sentSeq) ?? osloDate(o.sentAt))).reduce(widest, entries.length ? NO_ORDER : before);
}

function entryAfter(before: Mandate, o: OrderState, lastDay: string): Mandate {
  if (o.kind !== 'end' && o.status === 'accepted') return OPEN;
  if (before.kind === 'open' && (o.kind === 'end' || o.status === 'rejected')) return endedUntil(o, lastDay);
  if (before.kind !== 'none') return before;
  if (o.kind === 'end') return ENDED_UNACCEPTED;
  return o.status === 'awaiting' ? AWAITING : REJECTED;
}

/** Replays a case's full history (oldest first) through the state's reducers and reads what visitProblems needs. */
export function visitHistory(actions: readonly CaseAction[]): VisitHistory {
  const mandates = new Map<string, Mandate>();
  const decisions: DecisionPeriod[] = [];
  const [first, ...rest] = actions;
  if (first?.type !== 'request_received') return { mandates, decisions };
  const lastDayOf = new Map<number, string>();
  let state: CaseState = openCase(first);
  for (const a of rest) {
    const next = applyAction(state, a);
    lastDayOf.set(a.seq, lastDayUnder(a));
    if (next.orders !== state.orders) followOrders(mandates, state.orders ?? [], next.orders ?? [], lastDayOf);
    if (next.decision && next.decision !== state.decision) {
      // A new decision adds a period; an approval or a complaint's new outcome changes the current one.
      if (a.type !== 'decision_made') decisions.pop();
      decisions.push({ outcome: next.decision.outcome, validFrom: next.decision.validFrom, validTo: next.decision.validTo });
    }
    state = next;
  }
  return { mandates, decisions };
}

function followOrders(mandates: Map<string, Mandate>, before: readonly OrderState[], after: readonly OrderState[], lastDayOf: ReadonlyMap<number, string>): void {
  for (const unit of new Set([...before, ...after].map((o) => o.providerUnitId))) {
    mandates.set(unit, nextMandate(mandates.get(unit) ?? NO_ORDER, after.filter((o) => o.providerUnitId === unit), lastDayOf));
  }
}
