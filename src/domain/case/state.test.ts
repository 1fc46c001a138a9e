import { describe, expect, it } from 'vitest';
import type { CaseAction, FollowUpAction } from './actions.ts';
import { applyAction, deriveCaseState, InvalidHistoryError, stateKey } from './state.ts';
import { caseInvariantProblems } from './invariants.ts';

const PERSON = '11111111-1111-4111-8111-111111111111';
const STAFF = '22222222-2222-4222-8222-222222222222';
const UNIT = '33333333-3333-4333-8333-333333333333';

function history(...bodies: FollowUpAction[]): CaseAction[] {
  const opening: CaseAction = {
    type: 'request_received',
    payload: { personId: PERSON, serviceCode: 'home_nursing', channel: 'gp', receivedOn: '2026-03-02', description: 'Sårstell' },
    seq: 1,
    actorStaffId: STAFF,
    authority: { roles: ['caseworker'], unitIds: [] },
    reason: null,
    occurredAt: '2026-03-02T09:00:00Z',
  };
  return [
    opening,
    ...bodies.map((b, i) => ({ ...b, seq: i + 2, actorStaffId: STAFF, authority: opening.authority, reason: null, occurredAt: '2026-03-03T09:00:00Z' }) as CaseAction),
  ];
}

const decide = (outcome: 'granted' | 'partly_granted' | 'refused'): FollowUpAction => ({
  type: 'decision_made',
  payload: { outcome, serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 3, validFrom: '2026-03-10', untilFurtherNotice: true, reevaluateBy: '2026-09-10', summary: 'Vurdert' },
});
const assess: FollowUpAction = { type: 'assessment_started', payload: {} };
const complain: FollowUpAction = { type: 'complaint_received', payload: { complainant: 'person', receivedOn: '2026-03-20', summary: 'For lite', concerns: 'decision' } };
const forward: FollowUpAction = { type: 'complaint_forwarded', payload: { forwardedOn: '2026-03-30', summary: 'Opprettholdt' } };
/** Decided, ordered, accepted by the provider and started. */
const running: FollowUpAction[] = [
  assess,
  decide('granted'),
  { type: 'service_arranged', payload: { providerUnitId: UNIT, startOn: '2026-03-12' } },
  { type: 'order_accepted', payload: { providerUnitId: UNIT } },
  { type: 'service_started', payload: { startedOn: '2026-03-12' } },
];

describe('deriveCaseState', () => {
  it('opens a case in status received with the request facts', () => {
    const s = deriveCaseState(history());
    expect(s).toMatchObject({ status: 'received', personId: PERSON, serviceCode: 'home_nursing', receivedOn: '2026-03-02', version: 1 });
    expect(stateKey(s)).toBe('received');
  });

  it('follows the main path to an active service and its end', () => {
    const steps: FollowUpAction[] = [
      assess,
      decide('granted'),
      { type: 'service_arranged', payload: { providerUnitId: UNIT, startOn: '2026-03-12' } },
      { type: 'service_started', payload: { startedOn: '2026-03-12' } },
      { type: 'reevaluation_started', payload: { cause: 'scheduled' } },
      { type: 'service_ended', payload: { endedOn: '2026-03-03', cause: 'no_longer_needed' } },
    ];
    const statuses = steps.map((_, i) => deriveCaseState(history(...steps.slice(0, i + 1))).status);
    expect(statuses).toEqual(['under_assessment', 'decided', 'service_arranged', 'active', 'under_reevaluation', 'ended']);
    const final = deriveCaseState(history(...steps));
    expect(final.providerUnitId).toBe(UNIT);
    expect(final.decision).toMatchObject({ outcome: 'granted', hoursPerWeek: 3, seq: 3 });
    expect(final.version).toBe(7);
  });

  it('ends a service with a later end date on that date, telling the provider at once', () => {
    const ending = deriveCaseState(history(...running, { type: 'service_ended', payload: { endedOn: '2026-09-01', cause: 'no_longer_needed' } }));
    expect(ending).toMatchObject({ status: 'active', scheduledEndOn: '2026-09-01', serviceEndedOn: null });
    expect(ending.orders).toEqual([expect.objectContaining({ kind: 'end', status: 'awaiting' })]);
    const onTheDay = [...history(...running, { type: 'service_ended', payload: { endedOn: '2026-09-01', cause: 'no_longer_needed' } })];
    onTheDay.push({ type: 'service_ended', payload: { endedOn: '2026-09-01', cause: 'no_longer_needed' }, seq: onTheDay.length + 1, actorStaffId: STAFF, authority: { roles: [], unitIds: [] }, reason: null, occurredAt: '2026-09-01T05:00:00Z' });
    expect(deriveCaseState(onTheDay)).toMatchObject({ status: 'ended', serviceEndedOn: '2026-09-01', scheduledEndOn: null });
  });

  it('ends every accepted order when the decision becomes a refusal', () => {
    const s = deriveCaseState(
      history(assess, decide('granted'), { type: 'service_arranged', payload: { providerUnitId: UNIT, startOn: '2026-03-12' } }, { type: 'order_accepted', payload: { providerUnitId: UNIT } }, { type: 'service_started', payload: { startedOn: '2026-03-12' } }, { type: 'reevaluation_started', payload: { cause: 'scheduled' } }, decide('refused')),
    );
    expect(s.orders.filter((o) => o.status === 'accepted' && o.kind !== 'end')).toEqual([]);
    expect(s.orders).toEqual([expect.objectContaining({ kind: 'end', status: 'awaiting' })]);
  });

  it('keeps the owner from the latest assignment and releases it with null', () => {
    const assigned = deriveCaseState(history({ type: 'owner_assigned', payload: { ownerStaffId: STAFF } }));
    expect(assigned.ownerStaffId).toBe(STAFF);
    const released = deriveCaseState(
      history({ type: 'owner_assigned', payload: { ownerStaffId: STAFF } }, { type: 'owner_assigned', payload: { ownerStaffId: null } }),
    );
    expect(released.ownerStaffId).toBeNull();
  });

  it('leaves the state unchanged but the version advanced for notes and corrections', () => {
    const s = deriveCaseState(history(assess, { type: 'note_added', payload: { text: 'Ringt datter' } }, { type: 'entry_corrected', payload: { correctsSeq: 3, correction: 'Ringt sønn' } }));
    expect(s.status).toBe('under_assessment');
    expect(s.version).toBe(4);
  });

  it('opens a complaint over the current status and returns to it when upheld', () => {
    const open = deriveCaseState(history(assess, decide('refused'), complain));
    expect(stateKey(open)).toBe('complaint_own_review');
    expect(open.status).toBe('decided');
    const forwarded = deriveCaseState(history(assess, decide('refused'), complain, forward));
    expect(stateKey(forwarded)).toBe('complaint_with_statsforvalteren');
    const upheld = deriveCaseState(
      history(assess, decide('refused'), complain, forward, {
        type: 'complaint_resolved',
        payload: { result: 'upheld', resolvedOn: '2026-05-01', summary: 'Stadfestet' },
      }),
    );
    expect(upheld.complaint).toBeNull();
    expect(upheld.status).toBe('decided');
    expect(upheld.decision?.outcome).toBe('refused');
  });

  it('gives a new decision when the own review reverses it (fvl § 33)', () => {
    const s = deriveCaseState(history(assess, decide('refused'), complain, { type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort' } }));
    expect(s).toMatchObject({ status: 'decided', complaint: null });
    expect(s.decision).toMatchObject({ outcome: 'granted', seq: 5 });
  });

  it('sends the case back to assessment when Statsforvalteren sets the decision aside', () => {
    const s = deriveCaseState(
      history(assess, decide('refused'), complain, forward, {
        type: 'complaint_resolved',
        payload: { result: 'sent_back', resolvedOn: '2026-05-01', summary: 'Opphevet' },
      }),
    );
    expect(s).toMatchObject({ status: 'under_assessment', complaint: null });
  });

  it('refuses a history that does not start with a request, or skips a version', () => {
    const [opening, ...rest] = history(assess);
    expect(() => deriveCaseState(rest)).toThrow(InvalidHistoryError);
    expect(() => applyAction(deriveCaseState([opening!]), { ...rest[0]!, seq: 5 })).toThrow(/does not follow/);
  });

  it('is pure: deriving twice gives equal states and leaves the input untouched', () => {
    const h = history(assess, decide('partly_granted'));
    const copy = structuredClone(h);
    expect(deriveCaseState(h)).toEqual(deriveCaseState(h));
    expect(h).toEqual(copy);
  });

  describe('found by review (as examples)', () => {
    const laterEnd: FollowUpAction = { type: 'service_ended', payload: { endedOn: '2026-09-01', cause: 'no_longer_needed' } };

    it('a new decision cancels an end scheduled under the one before it', () => {
      const owner: FollowUpAction = { type: 'owner_assigned', payload: { ownerStaffId: STAFF } };
      const s = deriveCaseState(history(owner, ...running, laterEnd, { type: 'reevaluation_started', payload: { cause: 'changed_need' } }, decide('granted')));
      expect(s).toMatchObject({ status: 'decided', scheduledEndOn: null });
      expect(caseInvariantProblems(s)).toEqual([]);
    });

    it('a refusal and a closed case leave no scheduled end behind', () => {
      const s = deriveCaseState(history(...running, laterEnd, { type: 'reevaluation_started', payload: { cause: 'scheduled' } }, decide('refused'), { type: 'case_closed', payload: { closedOn: '2026-03-20' } }));
      expect(s).toMatchObject({ status: 'ended', scheduledEndOn: null });
      expect(caseInvariantProblems(s)).toEqual([]);
    });

    it('a withdrawal after the decision was sent back ends the order the provider accepted', () => {
      const sentBack: FollowUpAction = { type: 'complaint_resolved', payload: { result: 'sent_back', resolvedOn: '2026-04-01', summary: 'Opphevet' } };
      const s = deriveCaseState(history(...running, complain, forward, sentBack, { type: 'request_withdrawn', payload: { withdrawnBy: 'applicant' } }));
      expect(s.status).toBe('withdrawn');
      expect(s.orders).toEqual([expect.objectContaining({ kind: 'end', status: 'awaiting' })]);
      expect(caseInvariantProblems(s)).toEqual([]);
    });

    it('a grant of another service at re-evaluation ends the orders of the one before', () => {
      const other: FollowUpAction = { type: 'decision_made', payload: { ...(decide('granted').payload as object), serviceCode: 'care_flat', form: 'place', hoursPerWeek: undefined } } as FollowUpAction;
      const s = deriveCaseState(history(...running, { type: 'reevaluation_started', payload: { cause: 'changed_need' } }, other));
      expect(s.orders).toEqual([expect.objectContaining({ kind: 'end', status: 'awaiting' })]);
    });
  });
});
