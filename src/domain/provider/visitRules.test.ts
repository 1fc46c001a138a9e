/**
 * The rules of visits (issue 13: "Visits dated decades before the decision are accepted"): examples
 * from the state alone and from replayed histories, and properties with fast-check (fixed seed; set
 * TILDEL_PROPERTY_RUNS and TILDEL_PROPERTY_SEED for a longer or different run).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseAction } from '../case/actions.ts';
import { deriveCaseState } from '../case/state.ts';
import { addDays } from '../law/deadlines.ts';
import { answerOrder, awaitingOrder, ordersAfterArranging, ordersAfterEnding, type OrderState } from './orders.ts';
import { visitHistory, visitProblems, type DecisionPeriod, type VisitCaseFacts, type VisitHistory } from './visitRules.ts';

const RUNS = Number(process.env.TILDEL_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.TILDEL_PROPERTY_SEED ?? 42);
const check = <T>(property: fc.IProperty<T>) => fc.assert(property, { seed: SEED, numRuns: RUNS });

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const TODAY = '2026-06-15';
const granted = (validFrom: string, validTo: string | null = null): DecisionPeriod => ({ outcome: 'granted', validFrom, validTo });

// ---------------------------------------------------------------------------------------------
// From the state alone: orders built with the same functions the state's reducers use.

const arrange = (prev: readonly OrderState[], unit: string, seq: number, startOn = '2026-02-01') =>
  ordersAfterArranging(prev, { providerUnitId: unit, startOn }, seq, `${startOn}T08:00:00.000Z`, 2);
const acceptedBy = (unit: string) => answerOrder(arrange([], unit, 3), unit, 'accepted');
const facts = (orders: readonly OrderState[], decision: DecisionPeriod | null = granted('2026-01-01'), extra: Partial<VisitCaseFacts> = {}): VisitCaseFacts => ({ decision, orders, ...extra });
const problems = (f: VisitCaseFacts, visitDate: string, unit = A, history?: VisitHistory) => visitProblems(f, { providerUnitId: unit, visitDate }, { today: TODAY, history });
const rules = (f: VisitCaseFacts, visitDate: string, unit = A, history?: VisitHistory) => problems(f, visitDate, unit, history).map((p) => `${p.field}:${p.rule}`);

describe('visits from the state alone', () => {
  it('refuses a visit decades before the decision, naming the date, the rule and its source', () => {
    expect(problems(facts(acceptedBy(A)), '1986-03-04')).toEqual([
      { field: 'visitDate', rule: 'before_decision', message: "1986-03-04 is before the decision's period, which begins on 2026-01-01", citation: expect.stringContaining('§ 2-7') },
    ]);
  });

  it('accepts a visit in the decision period under an accepted order, up to today', () => {
    expect(problems(facts(acceptedBy(A)), '2026-01-01')).toEqual([]);
    expect(problems(facts(acceptedBy(A)), TODAY)).toEqual([]);
  });

  it('refuses a visit after the decision, after the service ended, and in the future', () => {
    expect(rules(facts(acceptedBy(A), granted('2026-01-01', '2026-03-31')), '2026-04-01')).toEqual(['visitDate:after_decision']);
    expect(rules(facts(acceptedBy(A), granted('2026-01-01'), { serviceEndedOn: '2026-05-31' }), '2026-06-01')).toEqual(['visitDate:after_service_ended']);
    expect(rules(facts(acceptedBy(A), granted('2026-01-01'), { scheduledEndOn: '2026-06-10' }), '2026-06-11')).toEqual(['visitDate:after_service_ended']);
    expect(rules(facts(acceptedBy(A)), addDays(TODAY, 1))).toEqual(['visitDate:in_the_future']);
  });

  it('refuses a visit on a case without a granted decision', () => {
    expect(rules(facts(acceptedBy(A), null), '2026-03-01')).toEqual(['caseId:no_granted_decision']);
    expect(rules(facts(acceptedBy(A), { outcome: 'refused', validFrom: '2026-01-01', validTo: null }), '2026-03-01')).toEqual(['caseId:no_granted_decision']);
    expect(rules(facts(acceptedBy(A), { outcome: 'partly_granted', validFrom: '2026-01-01', validTo: null }), '2026-03-01')).toEqual([]);
  });

  it('needs an order the unit has accepted; a change or an end waiting for the answer follows an accepted order', () => {
    const sent = arrange([], A, 3);
    expect(rules(facts(sent), '2026-03-01')).toEqual(['caseId:order_not_accepted']);
    expect(rules(facts(answerOrder(sent, A, 'rejected')), '2026-03-01')).toEqual(['caseId:order_not_accepted']);
    expect(rules(facts(acceptedBy(A)), '2026-03-01', B)).toEqual(['caseId:no_order']);
    const change = arrange(acceptedBy(A), A, 5);
    expect(change[0]).toMatchObject({ kind: 'change', status: 'awaiting' });
    expect(rules(facts(change), '2026-03-01')).toEqual([]);
    const end = ordersAfterEnding(acceptedBy(A), 6, '2026-05-31T08:00:00.000Z');
    expect(end[0]).toMatchObject({ kind: 'end', status: 'awaiting' });
    const ended = facts(end, granted('2026-01-01'), { serviceEndedOn: '2026-05-31' });
    expect(rules(ended, '2026-05-31')).toEqual([]);
    expect(rules(facts(answerOrder(end, A, 'accepted'), granted('2026-01-01'), { serviceEndedOn: '2026-05-31' }), '2026-06-01')).toEqual(['visitDate:order_ended', 'visitDate:after_service_ended']);
  });
});

// ---------------------------------------------------------------------------------------------
// From a replayed history: what the state alone cannot tell.

function historyOf(steps: readonly (readonly [CaseAction['type'], Record<string, unknown>, string?])[]): CaseAction[] {
  const opening: [CaseAction['type'], Record<string, unknown>, string?] = ['request_received', { personId: A, serviceCode: 'practical_help', channel: 'self', receivedOn: '2025-12-01', description: 'Søknad' }, '2025-12-01'];
  return [opening, ...steps].map(([type, payload, on], i) => ({ seq: i + 1, type, payload, actorStaffId: C, authority: { roles: [], unitIds: [] }, reason: null, occurredAt: `${on ?? '2026-01-01'}T09:00:00.000Z` }) as unknown as CaseAction);
}

const decide = (validFrom: string, outcome = 'granted', on = '2025-12-20') => ['decision_made', { outcome, serviceCode: 'practical_help', form: 'time_fixed', hoursPerWeek: 2, validFrom, summary: 'Innvilget' }, on] as const;
const arranged = (unit: string, startOn: string, on = startOn) => ['service_arranged', { providerUnitId: unit, startOn }, on] as const;
const accept = (unit: string, on?: string) => ['order_accepted', { providerUnitId: unit }, on] as const;
const ended = (endedOn: string, on = endedOn) => ['service_ended', { endedOn, cause: 'moved' }, on] as const;

function replay(steps: Parameters<typeof historyOf>[0]) {
  const actions = historyOf(steps);
  return { state: deriveCaseState(actions), history: visitHistory(actions) };
}

describe('visits from the replayed history', () => {
  it('gives nothing to a provider whose order ended before it accepted it (the state alone cannot tell)', () => {
    const { state, history } = replay([decide('2026-01-01'), arranged(A, '2026-02-01'), ended('2026-03-31')]);
    expect(state.orders).toEqual([expect.objectContaining({ providerUnitId: A, kind: 'end', status: 'awaiting' })]);
    expect(rules(state, '2026-03-01', A, history)).toEqual(['caseId:order_not_accepted']);
    expect(rules(state, '2026-03-01', A)).toEqual([]);
  });

  it('lets a replaced provider record visits up to the day before the new provider starts, acknowledged or not', () => {
    const steps = [decide('2026-01-01'), arranged(A, '2026-01-05'), accept(A), arranged(B, '2026-04-01', '2026-03-20')] as const;
    for (const s of [steps, [...steps, accept(A, '2026-03-21')]]) {
      const { state, history } = replay(s);
      expect(rules(state, '2026-03-31', A, history)).toEqual([]);
      expect(rules(state, '2026-04-01', A, history)).toEqual(['visitDate:order_ended']);
      expect(rules(state, '2026-04-01', B, history)).toEqual(['caseId:order_not_accepted']);
    }
  });

  it('keeps a provider delivering while a changed order is sent again before its answer', () => {
    const { state, history } = replay([decide('2026-01-01'), arranged(A, '2026-01-05'), accept(A), arranged(A, '2026-03-01'), arranged(A, '2026-03-08')]);
    expect(state.orders).toEqual([expect.objectContaining({ kind: 'change', status: 'awaiting', revision: 3 })]);
    expect(rules(state, '2026-03-10', A, history)).toEqual([]);
  });

  it('leaves earlier visits under the granted decision a revision replaced', () => {
    const { state, history } = replay([decide('2026-01-01'), arranged(A, '2026-01-05'), accept(A), ['reevaluation_started', { cause: 'changed_need' }, '2026-05-01'], decide('2026-06-01', 'granted', '2026-05-20')]);
    expect(rules(state, '2026-03-10', A, history)).toEqual([]);
    expect(rules(state, '2026-03-10', A)).toEqual(['visitDate:before_decision']);
    expect(rules(state, '2025-12-31', A, history)).toEqual(['visitDate:before_decision']);
  });

  it('ends the days under an order on the day the service ends', () => {
    const { state, history } = replay([decide('2026-01-01'), arranged(A, '2026-01-05'), accept(A), ended('2026-05-31', '2026-05-31'), accept(A, '2026-06-01')]);
    expect(rules(state, '2026-05-31', A, history)).toEqual([]);
    expect(problems(state, '2026-06-01', A, history).map((p) => p.field)).toContain('visitDate');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const day = (from: string, max: number) => fc.integer({ min: 0, max }).map((n) => addDays(from, n));

describe('properties of the rules of visits', () => {
  it('refuses any date before the decision begins, whatever else holds', () => {
    check(
      fc.property(day('1990-01-01', 15_000), fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 0, max: 3_000 }), (validFrom, before, ahead) => {
        const found = visitProblems(facts(acceptedBy(A), granted(validFrom)), { providerUnitId: A, visitDate: addDays(validFrom, -before) }, { today: addDays(validFrom, ahead) });
        expect(found).toContainEqual(expect.objectContaining({ field: 'visitDate', rule: 'before_decision' }));
      }),
    );
  });

  it('accepts any date within [validFrom, min(validTo, today)] under an accepted order', () => {
    check(
      fc.property(day('1990-01-01', 15_000), fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: null }), fc.integer({ min: 0, max: 3_000 }), fc.nat(), (validFrom, length, ahead, pick) => {
        const validTo = length === null ? null : addDays(validFrom, length);
        const span = Math.min(length ?? ahead, ahead);
        const visitDate = addDays(validFrom, pick % (span + 1));
        expect(visitProblems(facts(acceptedBy(A), granted(validFrom, validTo)), { providerUnitId: A, visitDate }, { today: addDays(validFrom, ahead) })).toEqual([]);
      }),
    );
  });

  it('refuses any date after today', () => {
    check(
      fc.property(day('2000-01-01', 10_000), fc.integer({ min: 1, max: 20_000 }), (today, later) => {
        const found = visitProblems(facts(acceptedBy(A), granted('1990-01-01')), { providerUnitId: A, visitDate: addDays(today, later) }, { today });
        expect(found).toContainEqual(expect.objectContaining({ field: 'visitDate', rule: 'in_the_future' }));
      }),
    );
  });

  type Op = { kind: 'arrange'; unit: string; part: string | null } | { kind: 'answer'; unit: string; accept: boolean } | { kind: 'end' };
  const unit = fc.constantFrom(A, B, C);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('arrange' as const), unit, part: fc.option(unit, { nil: null }) }),
    fc.record({ kind: fc.constant('answer' as const), unit, accept: fc.boolean() }),
  );

  type Step = readonly [CaseAction['type'], Record<string, unknown>, string?];
  const partOf = (o: Op & { kind: 'arrange' }) => (o.part && o.part !== o.unit ? { partOrder: { providerUnitId: o.part, hoursPerWeek: 1, reason: 'Del', tasks: [], goals: [] } } : {});

  /** A history from the operations (an answer only where the unit has an order waiting), and who accepted an order (not an end). */
  function historyFrom(ops: readonly Op[]): { steps: Step[]; everAccepted: Set<string> } {
    const steps: Step[] = [decide('2026-01-01')];
    const everAccepted = new Set<string>();
    for (const o of ops) {
      if (o.kind === 'arrange') steps.push(['service_arranged', { providerUnitId: o.unit, startOn: '2026-02-01', ...partOf(o) }]);
      else if (o.kind === 'end') steps.push(ended('2026-05-31', '2026-05-31'));
      else {
        const waiting = awaitingOrder(deriveCaseState(historyOf(steps)).orders, o.unit);
        if (!waiting) continue;
        if (o.accept && waiting.kind !== 'end') everAccepted.add(o.unit);
        steps.push([o.accept ? 'order_accepted' : 'order_rejected', { providerUnitId: o.unit, ...(o.accept ? {} : { reason: 'Ingen kapasitet' }) }]);
      }
    }
    return { steps, everAccepted };
  }

  it('never lets a provider record a visit unless it accepted an order; always lets it under an order it holds accepted', () => {
    check(
      fc.property(fc.array(op, { maxLength: 12 }), fc.boolean(), (ops, end) => {
        const { steps, everAccepted } = historyFrom([...ops, ...(end ? [{ kind: 'end' } as const] : [])]);
        const { state, history } = replay(steps);
        for (const u of [A, B, C]) {
          const found = problems(state, '2026-01-20', u, history);
          if (!everAccepted.has(u)) expect(found.filter((p) => p.field === 'caseId').length, `${u} never accepted`).toBeGreaterThan(0);
          if (state.orders.some((x) => x.providerUnitId === u && x.kind !== 'end' && x.status === 'accepted')) expect(found).toEqual([]);
        }
      }),
    );
  });
});
