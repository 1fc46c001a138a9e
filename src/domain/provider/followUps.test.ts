/**
 * The sustained-change follow-up and the screens the job runner asks before reading (issue 18):
 * wherever sustainedChangeMayOpen says no, the rule opens nothing, whatever the delivery, and where
 * it opens something, the screen said yes; and whether it opens never depends on the IPLOS sums
 * (they change the summary only), so the runner reads the registrations only when it does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openingAction } from '../../../test/helpers/walk.ts';
import { CASE_STATUSES } from '../case/vocabulary.ts';
import { deriveCaseState, type CaseState } from '../case/state.ts';
import { addDays } from '../law/deadlines.ts';
import { sustainedChangeFollowUp, sustainedChangeMayOpen } from './followUps.ts';
import type { RevisionRule } from './changeRules.ts';

const base = deriveCaseState([openingAction('home_nursing')]);
const stateOf = (extra: Partial<CaseState>): CaseState => ({ ...base, ...extra });
const RULE: RevisionRule = { thresholdPercent: 25, windowWeeks: 3, requireIplosChange: false };
const weeksFrom = (first: string, hours: readonly number[]) => hours.map((performedHours, i) => ({ weekStart: addDays(first, 7 * i), performedHours, recordedVisits: performedHours > 0 ? 2 : 0 }));
const input = (decidedHoursPerWeek: number, hours: readonly number[]) => ({ decidedHoursPerWeek, weeks: weeksFrom('2026-10-05', hours), adlBefore: null, adlAfter: null });

describe('sustainedChangeMayOpen', () => {
  it('lets an active case with decided time and no such follow-up open one, and nothing else', () => {
    expect(sustainedChangeMayOpen(stateOf({ status: 'active' }), 2)).toBe(true);
    expect(sustainedChangeMayOpen(stateOf({ status: 'service_arranged' }), 2)).toBe(false);
    expect(sustainedChangeMayOpen(stateOf({ status: 'active' }), 0)).toBe(false);
    const open = { seq: 9, since: '2026-10-01T08:00:00.000Z', kind: 'sustained_change' as const, key: 'sustained_change:increase:2026-09-07..2026-09-21', dueOn: '2026-10-15' };
    expect(sustainedChangeMayOpen(stateOf({ status: 'active', followUps: [open] }), 2)).toBe(false);
    // A change of +50 % in every week opens a follow-up on the case the screen lets through.
    expect(sustainedChangeFollowUp(stateOf({ status: 'active' }), RULE, input(2, [3, 3, 3]), '2026-10-30', 14)?.kind).toBe('sustained_change');
  });

  it('says no wherever the rule would open nothing for want of state, whatever the delivery (property)', () => {
    const followUp = fc.record({
      seq: fc.integer({ min: 1, max: 50 }),
      since: fc.constant('2026-09-01T08:00:00.000Z'),
      kind: fc.constantFrom('sustained_change' as const, 'hours_without_score_change' as const),
      key: fc.constant('k'),
      dueOn: fc.constant('2026-09-15'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_STATUSES),
        fc.array(followUp, { maxLength: 2 }),
        fc.integer({ min: -2, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 5 }),
        (status, followUps, decided, hours) => {
          const state = stateOf({ status, followUps });
          const found = sustainedChangeFollowUp(state, RULE, input(decided, hours), '2026-11-20', 14);
          if (!sustainedChangeMayOpen(state, decided)) expect(found).toBeNull();
          if (found) expect(sustainedChangeMayOpen(state, decided)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('opens or not whatever the IPLOS sums, which only change the summary (property)', () => {
    const adl = fc.option(fc.integer({ min: 0, max: 60 }), { nil: null });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 5 }), adl, adl, (decided, hours, adlBefore, adlAfter) => {
        const state = stateOf({ status: 'active' });
        const without = sustainedChangeFollowUp(state, { ...RULE, requireIplosChange: true }, input(decided, hours), '2026-11-20', 14);
        const withSums = sustainedChangeFollowUp(state, { ...RULE, requireIplosChange: true }, { ...input(decided, hours), adlBefore, adlAfter }, '2026-11-20', 14);
        expect(withSums === null).toBe(without === null);
        if (withSums && without) expect(withSums.key).toBe(without.key);
      }),
      { numRuns: 500 },
    );
  });
});
