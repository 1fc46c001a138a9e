import { describe, expect, it } from 'vitest';
import type { ActionBody, CaseAction } from '../case/actions.ts';
import { deriveCaseState } from '../case/state.ts';
import { isOverdue, openWorkItems } from '../case/workItems.ts';
import { deadlineChanges } from './caseDeadlines.ts';
import { DISCHARGE_RULES, dischargeDates } from './dischargeReady.ts';

const PERSON = '11111111-1111-4111-8111-111111111111';
const SYSTEM = '22222222-2222-4222-8222-222222222222';

function history(receivedAt: string, ...bodies: ActionBody[]): CaseAction[] {
  const authority = { roles: ['system'], unitIds: [] };
  const opening: CaseAction = {
    type: 'request_received',
    payload: { personId: PERSON, serviceCode: 'home_nursing', channel: 'hospital', receivedOn: receivedAt.slice(0, 10), description: 'Melding om utskrivningsklar pasient' },
    seq: 1,
    actorStaffId: SYSTEM,
    authority,
    reason: null,
    occurredAt: receivedAt,
  };
  return [opening, ...bodies.map((b, i) => ({ ...b, seq: i + 2, actorStaffId: SYSTEM, authority, reason: null, occurredAt: receivedAt }) as CaseAction)];
}

function notice(receivedAt: string, kind: 'discharge_ready' | 'health_information' = 'discharge_ready'): ActionBody {
  const dates = dischargeDates(receivedAt);
  return {
    type: 'hospital_notice_received',
    payload: { notice: kind, messageId: 'msg-1', hospital: 'St. Olavs hospital, ortopedi', notifiedAt: receivedAt, dischargeReadyOn: dates.notifiedOn, ...(kind === 'discharge_ready' ? { answerBy: dates.answerBy } : {}) },
  };
}

describe('a patient ready for discharge (forskrift om kommunal betaling for utskrivningsklare pasienter)', () => {
  it('must be answered the same Norwegian day, and is paid for from the day declared ready when not received', () => {
    // 23:30 UTC on 4 December is 00:30 on 5 December in Norway: the Norwegian date counts.
    const d = dischargeDates('2026-12-04T23:30:00.000Z');
    expect(d).toMatchObject({ notifiedOn: '2026-12-05', answerBy: '2026-12-05', paymentFrom: '2026-12-05' });
    expect(d.answerCitation).toBe(DISCHARGE_RULES.answerSameDay.citation);
    expect(d.answerCitation).toContain('§ 10');
    expect(d.paymentCitation).toContain('§ 13');
    expect(d.paymentCitation).toContain('utskrivningsklare pasienter');
  });

  it('counts calendar days: a notice on a Saturday is answered that Saturday', () => {
    expect(dischargeDates('2026-12-05T10:00:00.000Z')).toMatchObject({ answerBy: '2026-12-05', paymentFrom: '2026-12-05' });
  });

  it('opens a work item for the office due the same day, overdue the next, and sets the deadline with its citation', () => {
    const at = '2026-12-04T09:15:00.000Z';
    const h = history(at, notice(at));
    const items = openWorkItems(deriveCaseState(h)).filter((i) => i.kind === 'discharge_answer');
    expect(items).toEqual([expect.objectContaining({ key: 'discharge_answer', holder: 'office', opensOn: '2026-12-04', dueOn: '2026-12-04', answeredBy: ['follow_up_answered'] })]);
    const item = items[0];
    if (!item) throw new Error('no item');
    expect(isOverdue(item, null, new Date('2026-12-04T20:00:00Z'), '2026-12-04')).toBe(false);
    expect(isOverdue(item, null, new Date('2026-12-05T08:00:00Z'), '2026-12-05')).toBe(true);
    const last = h.at(-1);
    if (!last) throw new Error('no action');
    expect(deadlineChanges(last)).toEqual({ set: [{ kind: 'discharge_answer', dueOn: '2026-12-04', ruleId: 'discharge_answer_same_day', citation: DISCHARGE_RULES.answerSameDay.citation }], satisfy: [] });
  });

  it('is answered by the office, which closes the item and satisfies the deadline', () => {
    const at = '2026-12-04T09:15:00.000Z';
    const answer: ActionBody = { type: 'follow_up_answered', payload: { itemKey: 'discharge_answer', reasons: 'Kommunen kan ta imot pasienten i morgen' } };
    const h = history(at, notice(at), answer);
    expect(openWorkItems(deriveCaseState(h)).some((i) => i.kind === 'discharge_answer')).toBe(false);
    expect(deriveCaseState(h).dischargeNotice).toBeUndefined();
    const last = h.at(-1);
    if (!last) throw new Error('no action');
    expect(deadlineChanges(last).satisfy).toEqual(['discharge_answer']);
  });

  it('opens no answer item for health information with a request, and refuses an answer to an item that is not open', () => {
    const at = '2026-12-04T09:15:00.000Z';
    expect(openWorkItems(deriveCaseState(history(at, notice(at, 'health_information')))).some((i) => i.kind === 'discharge_answer')).toBe(false);
    const answer: ActionBody = { type: 'follow_up_answered', payload: { itemKey: 'discharge_answer', reasons: 'Svar' } };
    expect(() => deriveCaseState(history(at, answer))).toThrow(/No open item discharge_answer/);
  });
});
