/** Every team's card at once (steeringCards, indexed) equals each team's card computed alone (steeringCard). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { steeringCard, steeringCards, type CardInput } from './steering.ts';

const unit = fc.constantFrom('office', 't1', 't2', 't3');
const person = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5');
const caseId = fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6');
const day = fc.integer({ min: 1, max: 30 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
const maybeDay = fc.option(day, { nil: null });

const input: fc.Arbitrary<CardInput> = fc.record({
  month: fc.constant({ first: '2026-11-01', last: '2026-11-30' }),
  today: day,
  cases: fc.uniqueArray(
    fc.record({
      caseId,
      personId: person,
      unitIds: fc.array(unit, { maxLength: 3 }),
      active: fc.boolean(),
      serviceResponsible: fc.boolean(),
      primaryContact: fc.boolean(),
      receivedOn: fc.constant('2026-10-20'),
      firstAssessmentOn: maybeDay,
      firstDecisionOn: maybeDay,
      startedOn: maybeDay,
      decisionsInMonth: fc.nat(3),
    }),
    { selector: (c) => c.caseId, maxLength: 6 },
  ),
  assessments: fc.array(fc.record({ personId: person, assessedOn: day, whatMatters: fc.boolean(), goalFollowUps: fc.array(day, { maxLength: 2 }) }), { maxLength: 8 }),
  visits: fc.array(fc.record({ caseId, personId: person, unitId: unit, employeeRef: fc.constantFrom('a', 'b', 'c') }), { maxLength: 12 }),
  complaints: fc.array(fc.record({ caseId, outcome: fc.constantFrom('upheld' as const, 'reversed' as const, 'sent_back' as const, 'open' as const) }), { maxLength: 5 }),
  delivery: fc.array(fc.record({ caseId, unitId: unit, decidedHours: fc.integer({ min: 0, max: 20 }), performedHours: fc.integer({ min: 0, max: 20 }) }), { maxLength: 8 }),
});

describe('every team’s steering card at once', () => {
  it('equals each team’s card computed alone from the whole month', () => {
    fc.assert(
      fc.property(input, fc.uniqueArray(unit, { minLength: 1, maxLength: 4 }), (month, units) => {
        const cards = steeringCards(month, units.map((id) => ({ id })));
        expect(cards.map((c) => c.team.id)).toEqual(units);
        for (const { team, card } of cards) expect(card).toEqual(steeringCard(month, team.id));
      }),
      { numRuns: 500 },
    );
  });
});
