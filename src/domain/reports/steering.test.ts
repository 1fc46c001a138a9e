/** The steering card's counting rules on a small month made by hand (issue 20). */
import { describe, expect, it } from 'vitest';
import { steeringCard, type CardInput } from './steering.ts';

const base = { receivedOn: '2026-10-25', firstAssessmentOn: null, firstDecisionOn: null, startedOn: null, decisionsInMonth: 0, serviceResponsible: false, primaryContact: false, active: false };

const input: CardInput = {
  month: { first: '2026-11-01', last: '2026-11-30' },
  today: '2026-11-20',
  cases: [
    { ...base, caseId: 'c1', personId: 'p1', unitIds: ['office', 't1'], active: true, serviceResponsible: true, firstAssessmentOn: '2026-11-04', firstDecisionOn: '2026-11-10', startedOn: '2026-11-12', decisionsInMonth: 2 },
    { ...base, caseId: 'c2', personId: 'p2', unitIds: ['office', 't1'], active: true, primaryContact: true, firstAssessmentOn: '2026-10-30', firstDecisionOn: '2026-11-02', decisionsInMonth: 1 },
    { ...base, caseId: 'c3', personId: 'p3', unitIds: ['office', 't2'], active: true },
  ],
  assessments: [
    { personId: 'p1', assessedOn: '2026-11-04', whatMatters: true, goalFollowUps: ['2026-11-10', '2026-11-28'] },
    { personId: 'p1', assessedOn: '2026-11-09', whatMatters: false, goalFollowUps: [] },
    { personId: 'p2', assessedOn: '2026-10-15', whatMatters: true, goalFollowUps: ['2026-11-05'] },
  ],
  visits: [
    { caseId: 'c1', personId: 'p1', unitId: 't1', employeeRef: 'a' },
    { caseId: 'c1', personId: 'p1', unitId: 't1', employeeRef: 'b' },
    { caseId: 'c3', personId: 'p1', unitId: 't2', employeeRef: 'a' },
    { caseId: 'c2', personId: 'p2', unitId: 't1', employeeRef: 'a' },
  ],
  complaints: [
    { caseId: 'c1', outcome: 'upheld' },
    { caseId: 'c2', outcome: 'open' },
    { caseId: 'c3', outcome: 'reversed' },
  ],
  delivery: [
    { caseId: 'c1', unitId: 't1', decidedHours: 10, performedHours: 8 },
    { caseId: 'c2', unitId: 't1', decidedHours: 2, performedHours: 2 },
    { caseId: 'c3', unitId: 't2', decidedHours: 5, performedHours: 0 },
  ],
};

describe('the steering card', () => {
  it("counts the team's month: what matters, responsibles, goals, times, delivery, continuity across teams and complaints", () => {
    const { figures, continuity } = steeringCard(input, 't1');
    const value = Object.fromEntries(figures.map((f) => [f.id, f.unweighted === undefined ? [f.n, f.value] : [f.n, f.value, f.unweighted]]));
    expect(value).toEqual({
      whatMattersDocumented: [2, 0.5],
      serviceResponsibleCoverage: [2, 0.5],
      primaryContactCoverage: [2, 0.5],
      // p1's goal of 10 Nov was followed up on 9 Nov; p2's of 5 Nov was not; p1's of 28 Nov is not due yet.
      goalsFollowedUpOnTime: [2, 0.5],
      daysToAssessment: [1, 10],
      daysToDecision: [2, 12],
      daysToStart: [1, 18],
      performedVsDecided: [2, 0.8333, 0.9],
      // p1: a, b of t1 and a of t2 = 3 (not 2); p2: 1.
      continuityMean: [2, 2],
      continuityMedian: [2, 2],
      complaintsPer100Decisions: [3, 66.7],
      complaintsUpheld: [2, 0.5],
      complaintsReversed: [2, 0],
      complaintsSentBack: [2, 0],
      complaintsOpen: [2, 0.5],
    });
    expect(continuity).toEqual([
      { personId: 'p1', caseIds: ['c1'], distinctEmployees: 3 },
      { personId: 'p2', caseIds: ['c2'], distinctEmployees: 1 },
    ]);
  });
});
