/**
 * The content of the current decision (decisionContent.ts), by example: the random walks hold it to
 * the state's decision in general (walk.property.test.ts); these pin the cases the walks rarely make.
 */
import { describe, expect, it } from 'vitest';
import type { CaseAction } from './actions.ts';
import { currentDecisionContent } from './decisionContent.ts';

const decision = (hoursPerWeek: number) => ({ outcome: 'granted', serviceCode: 'practical_help', form: 'time_fixed', hoursPerWeek, validFrom: '2026-01-01', summary: `${hoursPerWeek} timer` });
const at = (seq: number, type: CaseAction['type'], payload: Record<string, unknown>) => ({ seq, type, payload }) as Pick<CaseAction, 'seq' | 'type' | 'payload'>;

describe('the content of the current decision', () => {
  it('is the latest decision made up to the decision, not one made after it', () => {
    const history = [at(3, 'decision_made', decision(2)), at(5, 'decision_made', decision(4))];
    expect(currentDecisionContent(history, 3)?.hoursPerWeek).toBe(2);
    expect(currentDecisionContent(history, 5)?.hoursPerWeek).toBe(4);
    expect(currentDecisionContent(history, 2)).toBeNull();
  });

  it('is the new decision a reversal states, on own review or by Statsforvalteren, in whatever order the history is given', () => {
    const own = [at(3, 'decision_made', { ...decision(0), outcome: 'refused' }), at(5, 'complaint_reversed_on_review', { outcome: 'granted', summary: 'Omgjort', newDecision: decision(3) })];
    expect(currentDecisionContent(own, 5)?.hoursPerWeek).toBe(3);
    expect(currentDecisionContent([...own].reverse(), 5)?.hoursPerWeek).toBe(3);
    const resolved = [at(3, 'decision_made', { ...decision(0), outcome: 'refused' }), at(7, 'complaint_resolved', { result: 'reversed', outcome: 'granted', resolvedOn: '2026-03-01', summary: 'Omgjort', newDecision: decision(6) })];
    expect(currentDecisionContent(resolved, 7)?.hoursPerWeek).toBe(6);
  });

  it('stays the decision before a reversal that states none, and before an upheld complaint that carries one', () => {
    const history = [
      at(3, 'decision_made', decision(2)),
      at(5, 'complaint_resolved', { result: 'upheld', resolvedOn: '2026-03-01', summary: 'Stadfestet', newDecision: decision(9) }),
      at(8, 'complaint_reversed_on_review', { outcome: 'partly_granted', summary: 'Delvis omgjort' }),
    ];
    expect(currentDecisionContent(history, 8)?.hoursPerWeek).toBe(2);
  });
});
