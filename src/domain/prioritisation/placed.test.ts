/**
 * A person granted a place and put on the waiting list (hol § 3-2 a) leaves it when they get a place:
 * an accepted offer, or a place arranged. Until then they are not charged for it, and they can
 * withdraw (or be taken off it on their death); after it, no second place is offered, and the place
 * is reported and ordered like any other.
 */
import { describe, expect, it } from 'vitest';
import type { CaseAction } from '../case/actions.ts';
import { deriveCaseState } from '../case/state.ts';
import { allowedActions } from '../case/transitions.ts';
import { awaitsOrder } from '../case/workItems.ts';
import { serviceInPeriod } from '../kpr/input.ts';
import { openingAction } from '../../../test/helpers/walk.ts';
import { waitingListOf } from './waitingList.ts';
import { addDays } from '../law/deadlines.ts';
import fc from 'fast-check';

const STAFF = '22222222-2222-4222-8222-222222222222';
const ALLOCATOR = ['caseworker', 'leader'];
const step = (log: CaseAction[], day: string, type: string, payload: Record<string, unknown>): CaseAction[] => [
  ...log,
  { type, payload, seq: log.length + 1, actorStaffId: STAFF, authority: { roles: ALLOCATOR, unitIds: [] }, reason: null, occurredAt: `${day}T10:00:00.000Z` } as unknown as CaseAction,
];
const waitingList = { placeType: 'long_term_stay', assessedNeed: 'Heldøgns omsorg', recommendedLevel: 'Skjermet enhet', severity: 3, benefit: 3, resourceUse: 2, urgent: false };
const decision = { outcome: 'granted', serviceCode: 'long_term_stay', form: 'place', validFrom: '2026-03-02', untilFurtherNotice: true, reevaluateBy: '2026-09-01', summary: 'Langtidsopphold', waitingList };
let waiting = step([openingAction('long_term_stay')], '2026-02-20', 'assessment_started', {});
waiting = step(waiting, '2026-03-02', 'decision_made', decision);
const offered = step(waiting, '2026-04-06', 'place_offered', { placeType: 'long_term_stay', offeredOn: '2026-04-06', answerBy: '2026-04-08', rank: 1, priorityGroup: 'B', priorityKey: 4, reason: 'Først i køen', passedOver: [] });
const answered = (accepted: boolean) => step(offered, '2026-04-07', 'place_offer_answered', { offerSeq: 4, accepted });
const year = { kind: 'yearly', from: '2026-01-01', to: '2026-12-31' } as const;
/** The span of the case's service KPR reports in the period, or null. */
const reported = (s: ReturnType<typeof deriveCaseState>, period: Parameters<typeof serviceInPeriod>[1]) =>
  serviceInPeriod({ caseId: 'c', caseNumber: '1', state: { status: s.status, serviceCode: s.serviceCode, serviceEndedOn: null, decision: s.decision } }, period);

describe('a person on the waiting list for a place', () => {
  it('waits: no order is due, and no service is reported, while on the list', () => {
    const s = deriveCaseState(waiting);
    expect(s.decision?.onWaitingList).toBe(true);
    expect(awaitsOrder(s)).toBe(false);
    expect(reported(s, year)).toBeNull();
  });

  it('leaves the list on accepting an offer: no second offer, the place is to be ordered, and it is reported', () => {
    const s = deriveCaseState(answered(true));
    expect(s.decision?.onWaitingList).toBe(false);
    expect(allowedActions(s, ALLOCATOR)).not.toContain('place_offered');
    expect(awaitsOrder(s)).toBe(true);
    expect(reported(s, year)).not.toBeNull();
    expect(waitingListOf(answered(true)).map((e) => e.status)).toEqual(['placed']);
  });

  it('stays on the list on declining an offer, and can be offered the next place', () => {
    const s = deriveCaseState(answered(false));
    expect(s.decision?.onWaitingList).toBe(true);
    expect(allowedActions(s, ALLOCATOR)).toContain('place_offered');
    expect(waitingListOf(answered(false)).map((e) => e.status)).toEqual(['open']);
  });

  it('leaves the list when a place is arranged without an offer', () => {
    const arranged = step(waiting, '2026-04-10', 'service_arranged', { providerUnitId: '33333333-3333-4333-8333-333333333333', startOn: '2026-04-10' });
    expect(deriveCaseState(arranged).decision?.onWaitingList).toBe(false);
    expect(waitingListOf(arranged).map((e) => e.status)).toEqual(['placed']);
  });

  it('can withdraw while waiting, which closes the entry; a decided request not on the list cannot be withdrawn', () => {
    expect(allowedActions(deriveCaseState(waiting), ALLOCATOR)).toContain('request_withdrawn');
    const withdrawn = step(waiting, '2026-04-01', 'request_withdrawn', { withdrawnBy: 'representative' });
    expect(waitingListOf(withdrawn).map((e) => e.status)).toEqual(['closed']);
    expect(deriveCaseState(withdrawn).status).toBe('withdrawn');
    expect(allowedActions(deriveCaseState(answered(true)), ALLOCATOR)).not.toContain('request_withdrawn');
  });
});

describe('a place from the waiting list is in force from the day the person got it (hol § 3-2 a)', () => {
  const arrange = (log: CaseAction[], day: string, startOn: string) => step(log, day, 'service_arranged', { providerUnitId: '33333333-3333-4333-8333-333333333333', startOn });

  it('from the day the offer is accepted, then from the first day of the place arranged', () => {
    expect(deriveCaseState(waiting).decision?.validFrom).toBe('2026-03-02');
    const accepted = answered(true);
    expect(deriveCaseState(accepted).decision).toMatchObject({ validFrom: '2026-04-07', fromWaitingList: true });
    const arranged = arrange(accepted, '2026-04-08', '2026-04-15');
    expect(deriveCaseState(arranged).decision?.validFrom).toBe('2026-04-15');
    // March is not reported: the person waited at home.
    const march = { kind: 'continuous', from: '2026-03-01', to: '2026-03-31' } as const;
    const s = deriveCaseState(arranged);
    expect(reported(s, march)).toBeNull();
  });

  it('a later arrangement (another provider) does not move it, nor does any arrangement of a decision that put no one on the list', () => {
    const arranged = arrange(answered(true), '2026-04-08', '2026-04-15');
    const moved = arrange(arranged, '2026-06-01', '2026-06-01');
    expect(deriveCaseState(moved).decision?.validFrom).toBe('2026-04-15');
    let direct = step([openingAction('long_term_stay')], '2026-02-20', 'assessment_started', {});
    direct = step(direct, '2026-03-02', 'decision_made', { ...decision, waitingList: undefined });
    expect(deriveCaseState(arrange(direct, '2026-03-20', '2026-03-25')).decision).toMatchObject({ validFrom: '2026-03-02', fromWaitingList: false });
  });

  it('is never before the day the decision names, whenever the place comes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 200 }), fc.integer({ min: 0, max: 60 }), (acceptAfter, startAfter) => {
        const acceptedOn = addDays('2026-03-02', acceptAfter);
        const startOn = addDays(acceptedOn, startAfter);
        const offer = step(waiting, acceptedOn, 'place_offered', { placeType: 'long_term_stay', offeredOn: acceptedOn, answerBy: acceptedOn, rank: 1, priorityGroup: 'B', priorityKey: 4, reason: 'Først', passedOver: [] });
        const accepted = step(offer, acceptedOn, 'place_offer_answered', { offerSeq: 4, accepted: true });
        const d = deriveCaseState(arrange(accepted, acceptedOn, startOn)).decision!;
        const expected = ['2026-03-02', acceptedOn, startOn].sort().at(-1);
        expect(d.validFrom).toBe(expected);
        expect(d.onWaitingList).toBe(false);
      }),
    );
  });
});
