/**
 * The counting rules of the steering figures (issue 20), for any events: every decision is counted
 * once by its outcome, each share lies in [0, 1] with its numerator part of its denominator, and the
 * groups of any breakdown add up to the total.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECISION_OUTCOMES } from '../case/vocabulary.ts';
import { hoursChange, OUTCOME_DEFINITIONS, OUTCOME_FIGURE_IDS, outcomeBreakdown, outcomeFigures, type OutcomeEvent, type OutcomeFigureId } from './outcomes.ts';
import { addEmployeesPerUser, continuityOverall, continuityPerUser, median, perUserCounts, teamContinuity, type CardVisit } from './steering.ts';

const personId = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5');
const decision = fc.record({
  kind: fc.constant('decision' as const),
  personId,
  outcome: fc.constantFrom(...DECISION_OUTCOMES),
  alternativeOffered: fc.boolean(),
  onwardReferral: fc.boolean(),
  change: fc.constantFrom('increase' as const, 'reduction' as const, null),
  leftWithoutService: fc.boolean(),
});
const other = fc.record({ kind: fc.constantFrom('request' as const, 'end' as const, 'reevaluation' as const, 'low_threshold' as const), personId });
const event: fc.Arbitrary<OutcomeEvent & { group: string }> = fc
  .tuple(fc.oneof(decision, other), fc.constantFrom('a', 'b', 'c'))
  .map(([e, group]) => ({ ...(e as OutcomeEvent), group }));

/** Counts summed over groups: everything but the persons left without a service, who are distinct per group. */
const SUMMED = OUTCOME_FIGURE_IDS.filter((id) => id !== 'leftWithoutService');

/** The figures' definitions read literally, one filter per figure: what the one-pass tally must equal. */
function countsByDefinition(events: readonly OutcomeEvent[]): Record<OutcomeFigureId, number> {
  const decisions = events.filter((e): e is Extract<OutcomeEvent, { kind: 'decision' }> => e.kind === 'decision');
  const refusals = decisions.filter((d) => d.outcome === 'refused');
  const kind = (k: OutcomeEvent['kind']) => events.filter((e) => e.kind === k).length;
  return {
    requests: kind('request'),
    decisions: decisions.length,
    granted: decisions.filter((d) => d.outcome === 'granted').length,
    partlyGranted: decisions.filter((d) => d.outcome === 'partly_granted').length,
    refused: refusals.length,
    refusedWithAlternative: refusals.filter((d) => d.alternativeOffered).length,
    increases: decisions.filter((d) => d.change === 'increase').length,
    reductions: decisions.filter((d) => d.change === 'reduction').length,
    ends: kind('end'),
    reevaluations: kind('reevaluation'),
    lowThreshold: kind('low_threshold'),
    onwardReferrals: decisions.filter((d) => d.onwardReferral).length,
    leftWithoutService: new Set(refusals.filter((d) => d.leftWithoutService).map((d) => d.personId)).size,
  };
}

describe('outcome figures', () => {
  it("count, in one pass, what each figure's definition counts", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 120 }), (events) => {
        const f = outcomeFigures(events);
        const expected = countsByDefinition(events);
        for (const id of OUTCOME_FIGURE_IDS) expect([id, f[id].n]).toEqual([id, expected[id]]);
        expect(f.leftWithoutService.of).toBe(new Set(events.flatMap((e) => (e.kind === 'decision' && e.outcome === 'refused' ? [e.personId] : []))).size);
        const b = outcomeBreakdown(events, (e) => e.group);
        for (const g of b.groups) {
          const own = countsByDefinition(events.filter((e) => e.group === g.key));
          for (const id of OUTCOME_FIGURE_IDS) expect([g.key, id, g.figures[id].n]).toEqual([g.key, id, own[id]]);
        }
      }),
    );
  });

  it('count every decision once by its outcome, and keep every share within [0, 1] and its part within its whole', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), (events) => {
        const f = outcomeFigures(events);
        expect(f.granted.n + f.partlyGranted.n + f.refused.n).toBe(f.decisions.n);
        expect(f.decisions.n).toBe(events.filter((e) => e.kind === 'decision').length);
        for (const id of OUTCOME_FIGURE_IDS) {
          const x = f[id];
          expect(x.n).toBeGreaterThanOrEqual(0);
          if (OUTCOME_DEFINITIONS[id].of === null) {
            expect(x.rate).toBeNull();
          } else {
            expect(x.n).toBeLessThanOrEqual(x.of ?? 0);
            if (x.rate !== null) expect(x.rate >= 0 && x.rate <= 1).toBe(true);
            expect(x.rate === null).toBe(x.of === 0);
          }
        }
      }),
    );
  });

  it('give groups whose counts add up to the total, and persons left without a service at least as many in all groups as in the total', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), (events) => {
        const b = outcomeBreakdown(events, (e) => e.group);
        for (const id of SUMMED) expect(b.groups.reduce((n, g) => n + g.figures[id].n, 0)).toBe(b.total[id].n);
        expect(b.groups.reduce((n, g) => n + g.figures.leftWithoutService.n, 0)).toBeGreaterThanOrEqual(b.total.leftWithoutService.n);
        for (const r of Object.values(b.unweightedMeanOfGroups)) if (r !== null && r !== undefined) expect(r >= 0 && r <= 1).toBe(true);
        expect(b.groups.map((g) => g.key)).toEqual([...new Set(events.map((e) => e.group))].sort());
      }),
    );
  });

  it('call a change of hours an increase or a reduction only against an earlier decision', () => {
    expect(hoursChange(undefined, 3)).toBeNull();
    expect(hoursChange(2, 3)).toBe('increase');
    expect(hoursChange(3, 0)).toBe('reduction');
    expect(hoursChange(3, 3)).toBeNull();
  });
});

const visit: fc.Arbitrary<CardVisit> = fc.record({
  caseId: fc.constantFrom('c1', 'c2', 'c3'),
  personId,
  unitId: fc.constantFrom('t1', 't2', 't3'),
  employeeRef: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
});

describe('continuity per user across teams', () => {
  it('counts the same when the visits are added in slices of any size', () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 60 }), fc.integer({ min: 1, max: 61 }), (visits, size) => {
        const refs = new Map<string, Set<string>>();
        for (let at = 0; at < visits.length; at += size) addEmployeesPerUser(refs, visits.slice(at, at + size));
        expect(perUserCounts(refs)).toEqual(continuityPerUser(visits));
        expect([...perUserCounts(refs).values()].reduce((a, b) => a + b, 0)).toBe(new Set(visits.map((v) => `${v.personId} ${v.unitId} ${v.employeeRef}`)).size);
      }),
    );
  });

  it("counts a user's employees of every team once, so no team's figure for a user is below what the team itself sent", () => {
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 60 }), (visits) => {
        const perUser = continuityPerUser(visits);
        for (const unit of ['t1', 't2', 't3']) {
          for (const u of teamContinuity(visits, unit)) {
            const own = new Set(visits.filter((v) => v.unitId === unit && v.personId === u.personId).map((v) => v.employeeRef)).size;
            expect(u.distinctEmployees).toBe(perUser.get(u.personId));
            expect(u.distinctEmployees).toBeGreaterThanOrEqual(own);
          }
        }
        const overall = continuityOverall(visits, ['t1', 't2', 't3']);
        expect(overall.users).toBe(new Set(visits.map((v) => v.personId)).size);
        expect(overall.median).toBe(median([...perUser.values()]));
      }),
    );
  });
});
