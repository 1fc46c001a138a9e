import { describe, expect, it } from 'vitest';
import type { CaseAction, FollowUpAction } from './actions.ts';
import { deriveCaseState } from './state.ts';
import { ageInDays, isOpenOn, isOverdue, openWorkItems } from './workItems.ts';

const PERSON = '11111111-1111-4111-8111-111111111111';
const STAFF = '22222222-2222-4222-8222-222222222222';
const OFFICE = '33333333-3333-4333-8333-333333333333';
const PROVIDER = '44444444-4444-4444-8444-444444444444';

/** A history whose entries happen one day apart from 1 March 2026. */
function history(...bodies: FollowUpAction[]): CaseAction[] {
  const at = (i: number) => new Date(Date.UTC(2026, 2, 1 + i, 9)).toISOString();
  const authority = { roles: ['caseworker'], unitIds: [] };
  const opening: CaseAction = {
    type: 'request_received',
    payload: { personId: PERSON, serviceCode: 'home_nursing', channel: 'gp', receivedOn: '2026-03-01', description: 'Sårstell' },
    seq: 1,
    actorStaffId: STAFF,
    authority,
    reason: null,
    occurredAt: at(0),
  };
  return [opening, ...bodies.map((b, i) => ({ ...b, seq: i + 2, actorStaffId: STAFF, authority, reason: null, occurredAt: at(i + 1) }) as CaseAction)];
}

const routed: FollowUpAction = { type: 'case_routed', payload: { unitId: OFFICE, districtId: null, rule: 'Til kontoret' } };
const frameDecision: FollowUpAction = {
  type: 'decision_made',
  payload: { outcome: 'granted', serviceCode: 'home_nursing', form: 'frame', hoursPerWeek: 3, frame: { maxHoursPerWeek: 5, goals: ['Klare morgenstell'] }, validFrom: '2026-03-05', untilFurtherNotice: true, reevaluateBy: '2026-09-05', summary: 'Ramme' },
};
const running: FollowUpAction[] = [
  routed,
  { type: 'assessment_started', payload: {} },
  frameDecision,
  { type: 'service_arranged', payload: { providerUnitId: PROVIDER, startOn: '2026-03-05' } },
  { type: 'order_accepted', payload: { providerUnitId: PROVIDER } },
  { type: 'service_started', payload: { startedOn: '2026-03-05' } },
];
const adjust = (hoursPerWeek: number): FollowUpAction => ({ type: 'plan_adjusted', payload: { hoursPerWeek, change: 'Justert' } });
const kinds = (actions: CaseAction[]) => openWorkItems(deriveCaseState(actions)).map((i) => i.kind).sort();

describe('work items', () => {
  it('hold a frame review from the first adjustment away from the decided hours, until the plan returns or the office answers', () => {
    const away = history(...running, adjust(4), adjust(4.5));
    const item = openWorkItems(deriveCaseState(away)).find((i) => i.kind === 'frame_review');
    // The clock starts at the first adjustment away (entry 8), not the last.
    expect(item).toMatchObject({ key: 'frame_review', since: away[7]?.occurredAt, holder: 'office' });
    expect(kinds(history(...running, adjust(4), adjust(3)))).not.toContain('frame_review');
    const answered = deriveCaseState(history(...running, adjust(4), { type: 'follow_up_answered', payload: { itemKey: 'frame_review', reasons: 'Midlertidig' } }));
    expect(openWorkItems(answered).find((i) => i.kind === 'frame_review')?.since).toBe(answered.planDepartedSince);
    expect(answered.planDepartedSince).not.toBe(away[7]?.occurredAt);
  });

  it('give a running decision a re-evaluation item 30 days ahead of its date, overdue after it', () => {
    const item = openWorkItems(deriveCaseState(history(...running))).find((i) => i.kind === 'reevaluation_due');
    expect(item).toMatchObject({ opensOn: '2026-08-06', dueOn: '2026-09-05' });
    expect(isOpenOn(item!, '2026-08-05')).toBe(false);
    expect(isOpenOn(item!, '2026-08-06')).toBe(true);
    expect(isOverdue(item!, null, new Date('2026-09-05T12:00:00Z'), '2026-09-05')).toBe(false);
    expect(isOverdue(item!, null, new Date('2026-09-06T12:00:00Z'), '2026-09-06')).toBe(true);
  });

  it('keep a complaint about the decision and one about the delivery open side by side, held by office and provider', () => {
    const both = history(
      ...running,
      { type: 'complaint_received', payload: { complainant: 'person', receivedOn: '2026-03-12', summary: 'Kommer sent', concerns: 'delivery' } },
      { type: 'complaint_received', payload: { complainant: 'person', receivedOn: '2026-03-13', summary: 'For lite', concerns: 'decision' } },
    );
    const items = openWorkItems(deriveCaseState(both));
    expect(items.map((i) => [i.kind, i.holder])).toEqual(
      expect.arrayContaining([
        ['complaint', 'office'],
        ['delivery_complaint', 'provider_and_office'],
      ]),
    );
    // While the decision is under complaint, its re-evaluation is not also asked for.
    expect(items.map((i) => i.kind)).not.toContain('reevaluation_due');
  });

  it('age an item without a date by the policy limit', () => {
    const since = '2026-03-01T09:00:00.000Z';
    expect(isOverdue({ dueOn: null, since }, 14, new Date('2026-03-15T10:00:00Z'), '2026-03-15')).toBe(false);
    expect(isOverdue({ dueOn: null, since }, 14, new Date('2026-03-16T10:00:00Z'), '2026-03-16')).toBe(true);
    expect(isOverdue({ dueOn: null, since }, null, new Date('2027-03-16T10:00:00Z'), '2027-03-16')).toBe(false);
  });
});

describe('the age of a request', () => {
  it('counts from the day it was received, not from its registration, and is never negative', () => {
    // The opening above is registered on 2026-03-01 at 09:00; a paper request received a week earlier is a week old.
    const [first, ...rest] = history(routed);
    const opening = first as CaseAction;
    const received = { ...opening, payload: { ...(opening as CaseAction & { type: 'request_received' }).payload, receivedOn: '2026-02-22' } } as CaseAction;
    const request = openWorkItems(deriveCaseState([received, ...rest])).find((i) => i.kind === 'request');
    expect(request?.since).toBe('2026-02-22T00:00:00.000Z');
    expect(ageInDays(request?.since as string, new Date('2026-03-01T12:00:00Z'))).toBe(7);
    // Registered before the date it says it was received (a typo in the future is refused at the boundary): the registration counts.
    const later = { ...opening, payload: { ...(opening as CaseAction & { type: 'request_received' }).payload, receivedOn: '2026-03-05' } } as CaseAction;
    expect(openWorkItems(deriveCaseState([later, ...rest])).find((i) => i.kind === 'request')?.since).toBe(opening.occurredAt);
    expect(ageInDays('2026-03-02T00:00:00.000Z', new Date('2026-03-01T23:30:00Z'))).toBe(0);
  });

  it('counts Norwegian calendar days: a week old in the hour after midnight in Oslo, while UTC is still on the day before', () => {
    // 23:30 UTC on 4 December is 00:30 on 5 December in Oslo (CI's failure of 4 December: 6 instead of 7).
    expect(ageInDays('2026-11-28T00:00:00.000Z', new Date('2026-12-04T23:30:00Z'))).toBe(7);
    // Summer time: 22:30 UTC is already the next day in Oslo.
    expect(ageInDays('2026-06-01T00:00:00.000Z', new Date('2026-06-07T22:30:00Z'))).toBe(7);
    // An instant counts by its Oslo date: registered late yesterday is a day old this morning.
    expect(ageInDays('2026-03-01T21:00:00.000Z', new Date('2026-03-02T07:00:00Z'))).toBe(1);
    expect(ageInDays('2026-03-01T23:30:00.000Z', new Date('2026-03-02T07:00:00Z'))).toBe(0);
  });
});
