/** Every team's card at once (steeringCards, indexed) equals each team's card computed alone (steeringCard). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsForCards, steeringCard, steeringCards, type CardInput } from './steering.ts';

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

/** A month where many cases count for no card: firsts often outside it, few decisions and assessments, more persons. */
const outsideOrIn = fc.option(fc.oneof(day, fc.constantFrom('2026-10-15', '2026-12-02')), { nil: null, freq: 2 });
const sparseInput: fc.Arbitrary<CardInput> = input.chain((month) =>
  fc.record({
    cases: fc.uniqueArray(
      fc.record({
        caseId,
        personId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'),
        unitIds: fc.array(unit, { maxLength: 3 }),
        active: fc.boolean(),
        serviceResponsible: fc.boolean(),
        primaryContact: fc.boolean(),
        receivedOn: fc.constant('2026-10-20'),
        firstAssessmentOn: outsideOrIn,
        firstDecisionOn: outsideOrIn,
        startedOn: outsideOrIn,
        decisionsInMonth: fc.constantFrom(0, 0, 0, 1, 2),
      }),
      { selector: (c) => c.caseId, maxLength: 6 },
    ),
    assessments: fc.array(fc.record({ personId: person, assessedOn: day, whatMatters: fc.boolean(), goalFollowUps: fc.array(day, { maxLength: 2 }) }), { maxLength: 3 }),
    complaints: fc.array(fc.record({ caseId, outcome: fc.constantFrom('upheld' as const, 'reversed' as const, 'sent_back' as const, 'open' as const) }), { maxLength: 2 }),
  }).map((sparse) => ({ ...month, ...sparse })),
);

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

  it('stays the same when any of the cases that count for no card are left out (what the report reads)', () => {
    let leftOut = 0;
    fc.assert(
      fc.property(sparseInput, fc.uniqueArray(unit, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (month, units, leaveOut) => {
        const assessed = new Set(month.assessments.map((a) => a.personId));
        const complained = new Set(month.complaints.map((c) => c.caseId));
        const kept = month.cases.filter((c, i) => countsForCards(c, month.month, assessed, complained) || !leaveOut[i]);
        const teams = units.map((id) => ({ id }));
        leftOut += month.cases.length - kept.length;
        expect(steeringCards({ ...month, cases: kept }, teams)).toEqual(steeringCards(month, teams));
      }),
      { numRuns: 500 },
    );
    // The walk did leave cases out (most months' cases count for something).
    expect(leftOut).toBeGreaterThan(20);
  });

  it('counts each figure as its definition reads, filter by filter', () => {
    fc.assert(
      fc.property(input, unit, (month, unitId) => {
        const { figures } = steeringCard(month, unitId);
        const figure = (id: string) => figures.find((f) => f.id === id);
        const cases = month.cases.filter((c) => c.unitIds.includes(unitId));
        const persons = new Set(cases.map((c) => c.personId));
        const assessed = month.assessments.filter((a) => persons.has(a.personId) && a.assessedOn >= month.month.first && a.assessedOn <= month.month.last);
        const active = cases.filter((c) => c.active);
        const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : null);
        expect(figure('whatMattersDocumented')).toEqual({ id: 'whatMattersDocumented', value: share(assessed.filter((a) => a.whatMatters).length, assessed.length), n: assessed.length });
        expect(figure('serviceResponsibleCoverage')).toEqual({ id: 'serviceResponsibleCoverage', value: share(active.filter((c) => c.serviceResponsible).length, active.length), n: active.length });
        expect(figure('primaryContactCoverage')).toEqual({ id: 'primaryContactCoverage', value: share(active.filter((c) => c.primaryContact).length, active.length), n: active.length });
        const inMonth = cases.filter((c) => c.firstDecisionOn !== null && c.firstDecisionOn >= month.month.first && c.firstDecisionOn <= month.month.last);
        expect(figure('daysToDecision')?.n).toBe(inMonth.length);
        const caseIds = new Set(cases.map((c) => c.caseId));
        const decisions = cases.reduce((n, c) => n + c.decisionsInMonth, 0);
        expect(figure('complaintsPer100Decisions')?.n).toBe(decisions);
        const complaints = month.complaints.filter((c) => caseIds.has(c.caseId));
        expect(figure('complaintsOpen')).toEqual({ id: 'complaintsOpen', value: share(complaints.filter((c) => c.outcome === 'open').length, complaints.length), n: complaints.length });
      }),
      { numRuns: 500 },
    );
  });
});
