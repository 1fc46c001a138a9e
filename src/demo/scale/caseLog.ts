/**
 * One case's log built in memory by the same domain functions the one case pipeline uses
 * (app/casePipeline.ts `record`): the transition table, the reducer, the deadlines each action sets
 * and satisfies, the order's answer deadline, the open work items and the waiting list, so the rows
 * the scale loader copies are the rows the pipeline would have written (the scale test rebuilds
 * them with `reproject` and finds nothing to change).
 */
import { applyAction, checkTransition, openCase, type CaseAction, type CaseState } from '../../domain/case/index.ts';
import { openWorkItems } from '../../domain/case/workItems.ts';
import { deadlineChanges, type DeadlineChange } from '../../domain/law/caseDeadlines.ts';
import { addWorkingDays, osloDate } from '../../domain/law/deadlines.ts';
import { caseReachKeys } from '../../domain/organisation/access.ts';
import { waitingListOf } from '../../domain/prioritisation/waitingList.ts';
import { awaitingOrder } from '../../domain/provider/orders.ts';
import { DEFAULT_RESPONSE_DAYS } from '../../app/orders.ts';
import type { ScaleTables } from './tables.ts';

interface Deadline {
  dueOn: string;
  ruleId: string;
  citation: string;
  setAt: string;
  satisfiedAt: string | null;
}

export class CaseLog {
  state: CaseState;
  readonly history: CaseAction[];
  private readonly deadlines = new Map<string, Deadline>();

  constructor(
    readonly caseId: string,
    readonly caseNumber: string,
    opening: CaseAction & { type: 'request_received' },
  ) {
    this.state = openCase(opening);
    this.history = [opening];
    this.applyDeadlines(deadlineChanges(opening), opening.occurredAt);
  }

  /** Appends an action the state allows, projecting it as `record` in the pipeline does. */
  record(action: CaseAction): CaseState {
    const check = checkTransition(this.state, action.type, null);
    if (!check.ok) throw new Error(`scale case ${this.caseNumber}: ${check.message}`);
    const before = this.state;
    const next = applyAction(before, action);
    this.history.push(action);
    this.applyDeadlines(deadlineChanges(action), action.occurredAt);
    this.orderDeadline(before, next, action.occurredAt);
    this.state = next;
    return next;
  }

  /** As store/deadlines.ts applyDeadlineChange: satisfy what is open, then set (replacing) what is set. */
  private applyDeadlines(change: DeadlineChange, at: string): void {
    for (const kind of change.satisfy) {
      const d = this.deadlines.get(kind);
      if (d && d.satisfiedAt === null) d.satisfiedAt = at;
    }
    for (const d of change.set) this.deadlines.set(d.kind, { dueOn: d.dueOn, ruleId: d.ruleId, citation: d.citation, setAt: at, satisfiedAt: null });
  }

  /**
   * As app/orders.ts projectOrderDeadline, for a municipality without provider agreements (the
   * default answer time applies).
   */
  private orderDeadline(before: CaseState, next: CaseState, at: string): void {
    if (before.orders === next.orders) return;
    const waiting = awaitingOrder(next.orders);
    if (!waiting) return this.applyDeadlines({ set: [], satisfy: ['order_response'] }, at);
    if (awaitingOrder(before.orders)?.sentSeq === waiting.sentSeq) return;
    const days = DEFAULT_RESPONSE_DAYS;
    const dueOn = addWorkingDays(osloDate(waiting.sentAt), days);
    const citation = `the provider agreement: an answer within ${days} working days (seed 002; domain reference §6)`;
    this.applyDeadlines({ set: [{ kind: 'order_response', dueOn, ruleId: 'order_response', citation }], satisfy: [] }, at);
  }

  /** The case's rows: the case row, its log, its deadlines, its open work items and its waiting-list entries. */
  write(t: ScaleTables, municipalityId: string): void {
    const s = this.state;
    const m = municipalityId;
    t.caseFile.add([
      m, this.caseId, this.caseNumber, s.personId, s.serviceCode, s.receivedOn, s.status, s.complaint?.stage ?? null, s.decision?.outcome ?? null,
      s.ownerStaffId, s.providerUnitId, s.version, s.ownerUnitId, s.districtId, s.stateEnteredAt, caseReachKeys(s), JSON.stringify(s),
    ]);
    for (const a of this.history) {
      t.action.add([m, this.caseId, a.seq, a.type, JSON.stringify(a.payload), a.actorStaffId, JSON.stringify(a.authority), a.reason, a.occurredAt]);
    }
    for (const [kind, d] of this.deadlines) t.deadline.add([m, this.caseId, kind, d.dueOn, d.ruleId, d.citation, d.setAt, null, d.satisfiedAt]);
    for (const i of openWorkItems(s)) t.workItem.add([m, this.caseId, i.key, i.kind, i.since, i.opensOn, i.dueOn, i.holder, i.providerUnitId, [...i.answeredBy]]);
    for (const e of waitingListOf(this.history)) {
      t.waiting.add([
        m, this.caseId, s.personId, e.decisionSeq, e.kind, e.placeType, e.assessedNeed, e.recommendedLevel,
        e.priorityInput ? JSON.stringify(e.priorityInput) : null, e.interimService, e.reviewBy, e.listedOn, e.status,
      ]);
    }
  }
}
