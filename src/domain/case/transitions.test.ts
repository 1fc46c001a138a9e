import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from './actions.ts';
import { deriveCaseState, type CaseState } from './state.ts';
import { allowedActions, checkTransition, TRANSITIONS } from './transitions.ts';
import { CASE_STATE_KEYS } from './vocabulary.ts';
import type { OrderState } from '../provider/orders.ts';
import { openingAction } from '../../../test/helpers/walk.ts';

const base: CaseState = deriveCaseState([openingAction('practical_help')]);
const decision = (outcome: 'granted' | 'refused'): NonNullable<CaseState['decision']> => ({
  seq: 3,
  decidedOn: '2026-01-20',
  notifiedOn: '2026-01-20',
  finalOnComplaint: false,
  outcome,
  serviceCode: 'practical_help',
  form: 'time_fixed',
  frame: null,
  hoursPerWeek: 2,
  onWaitingList: false,
  fromWaitingList: false,
  approvedByStaffId: null,
  criteria: null,
  validFrom: '2026-02-01',
  validTo: null,
  untilFurtherNotice: true,
  reevaluateBy: '2026-08-01',
  requestOutcome: outcome,
});
const order = (kind: OrderState['kind']): OrderState => ({ providerUnitId: '33333333-3333-4333-8333-333333333333', revision: 1, kind, status: 'awaiting', sentSeq: 4, sentAt: '2026-02-01T10:00:00Z', hoursPerWeek: 2, visitsPerWeek: null, part: false });

const EVERYONE = ['caseworker', 'team_member', 'team_leader', 'board_member', 'provider_staff', 'leader', 'admin'];

describe('the transition table', () => {
  it('has an entry for every action type and only known states', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTION_TYPES].sort());
    for (const t of Object.values(TRANSITIONS)) {
      for (const from of t.from) expect(CASE_STATE_KEYS).toContain(from);
      expect(t.roles.length).toBeGreaterThan(0);
    }
  });

  it('lets nothing but notes, corrections and letters happen to a withdrawn case', () => {
    const allowed = allowedActions({ ...base, status: 'withdrawn' }, EVERYONE);
    expect(allowed.sort()).toEqual(['entry_corrected', 'letter_issued', 'note_added']);
  });

  it('lets an ended case with a real decision take a complaint (within the deadline) but accept no order', () => {
    const ended: CaseState = { ...base, status: 'ended', decision: decision('granted') };
    expect(allowedActions(ended, EVERYONE).sort()).toEqual(['complaint_received', 'entry_corrected', 'letter_issued', 'note_added']);
    // A new order or an order change waiting on an ended case cannot be accepted; the end of an order is acknowledged.
    expect(checkTransition({ ...ended, orders: [order('new')] }, 'order_accepted', null)).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition({ ...ended, orders: [order('change')] }, 'order_accepted', null)).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition({ ...ended, orders: [order('end')] }, 'order_accepted', null).ok).toBe(true);
  });

  it('accepts no order on a refused decision', () => {
    const refused: CaseState = { ...base, status: 'decided', decision: decision('refused'), orders: [order('new')] };
    expect(checkTransition(refused, 'order_accepted', null)).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition({ ...refused, decision: decision('granted') }, 'order_accepted', null).ok).toBe(true);
  });

  it('refuses an action in a state the table does not list, naming the state', () => {
    const check = checkTransition(base, 'decision_made', ['caseworker']);
    expect(check).toEqual({ ok: false, reason: 'state', message: 'The action decision_made is not allowed while the case is received.' });
  });

  it('refuses an action to a role the table does not list, naming the roles needed', () => {
    const state = { ...base, status: 'under_assessment' as const };
    const check = checkTransition(state, 'decision_made', ['provider_staff']);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toBe('role');
      expect(check.message).toContain('caseworker');
    }
  });

  it('arranges only granted decisions and closes only refused ones (guards)', () => {
    const granted = { ...base, status: 'decided' as const, decision: decision('granted') };
    const refused = { ...base, status: 'decided' as const, decision: decision('refused') };
    expect(checkTransition(granted, 'service_arranged', ['caseworker']).ok).toBe(true);
    expect(checkTransition(refused, 'service_arranged', ['caseworker'])).toMatchObject({ ok: false, reason: 'guard' });
    expect(checkTransition(refused, 'case_closed', ['caseworker']).ok).toBe(true);
    expect(checkTransition(granted, 'case_closed', ['caseworker'])).toMatchObject({ ok: false, reason: 'guard' });
  });

  it('allows only complaint actions, notes, corrections, letters, assignment, routing, consultations and follow-ups while a complaint is open', () => {
    const state: CaseState = { ...base, status: 'decided', decision: decision('refused'), complaint: { stage: 'own_review', resumeStatus: 'decided' } };
    expect(allowedActions(state, EVERYONE).sort()).toEqual(
      [
        'complaint_forwarded',
        'complaint_reversed_on_review',
        'entry_corrected',
        'letter_issued',
        'note_added',
        'owner_assigned',
        // Re-routing to another unit: a merge moves every open case, complaints included.
        'case_routed',
        // A complaint about the delivery may run beside the one about the decision; rules and consultations go on.
        'complaint_received',
        'consultation_requested',
        'follow_up_opened',
      ].sort(),
    );
  });

  it('offers a received case exactly the actions of its row', () => {
    expect(allowedActions(base, ['caseworker'])).toEqual(['case_routed', 'provisional_reply_sent', 'assessment_started', 'owner_assigned', 'note_added', 'letter_issued', 'entry_corrected', 'request_withdrawn']);
    expect(allowedActions(base, ['provider_staff'])).toEqual(['case_routed', 'provisional_reply_sent', 'assessment_started', 'note_added', 'entry_corrected']);
  });
});
