import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterAttempt, afterReceipt, MAX_ATTEMPTS, nextAttemptAt, type AttemptResult, type MessageOutcome, type MessageStatus } from './outbox.ts';

const attempt: fc.Arbitrary<AttemptResult> = fc.oneof(
  fc.record({ result: fc.constantFrom('sent' as const, 'delivered' as const), reference: fc.option(fc.string({ minLength: 1 }), { nil: undefined }) }).map((o) => (o.reference ? o : { result: o.result })),
  fc.record({ result: fc.constantFrom('retry' as const, 'rejected' as const), error: fc.string({ minLength: 1 }) }),
);
const receipt = fc.constantFrom<MessageOutcome>('sent', 'delivered', 'read', 'printed', 'archived', 'failed');
const step = fc.oneof(attempt.map((a) => ({ attempt: a })), receipt.map((r) => ({ receipt: r })));
const RANK: Record<MessageStatus, number> = { pending: 0, sent: 1, delivered: 2, failed: 2 };

describe('the life of an outgoing message', () => {
  it('over any walk of attempts and receipts: the status only moves forward, attempts are bounded, and a failure is always recorded for a person', () => {
    fc.assert(
      fc.property(fc.constantFrom('svarut', 'nhn', 'fiks_arkiv'), fc.array(step, { maxLength: 40 }), (channel, steps) => {
        let status: MessageStatus = 'pending';
        let attempts = 0;
        let at = new Date('2026-12-04T08:00:00Z');
        for (const s of steps) {
          const before = status;
          if ('attempt' in s) {
            if (status !== 'pending') continue; // only a pending message is claimed
            const next = afterAttempt(channel, attempts, s.attempt, at);
            attempts += 1;
            if (next.status === 'failed') expect(next.record).toBe('failed');
            if (next.status === 'pending') {
              expect(next.record).toBeNull();
              expect(next.nextAttemptAt!.getTime()).toBeGreaterThan(at.getTime());
              at = next.nextAttemptAt!;
            }
            if (next.record === 'archived') expect(channel).toBe('fiks_arkiv');
            status = next.status;
          } else {
            status = afterReceipt(status, s.receipt) ?? status;
          }
          expect(RANK[status]).toBeGreaterThanOrEqual(RANK[before]);
          expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
        }
      }),
    );
  });

  it('gives up after the last pause, and the pauses never shrink', () => {
    const at = new Date('2026-12-04T08:00:00Z');
    let previous = 0;
    for (let n = 0; n < MAX_ATTEMPTS - 1; n++) {
      const pause = nextAttemptAt(n, at)!.getTime() - at.getTime();
      expect(pause).toBeGreaterThanOrEqual(previous);
      previous = pause;
    }
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, at)).toBeNull();
    const last = afterAttempt('svarut', MAX_ATTEMPTS - 1, { result: 'retry', error: 'timeout' }, at);
    expect(last).toMatchObject({ status: 'failed', record: 'failed' });
    expect(last.detail).toContain('timeout');
  });

  it('a settled message is not moved by a late receipt', () => {
    expect(afterReceipt('delivered', 'failed')).toBeNull();
    expect(afterReceipt('failed', 'delivered')).toBeNull();
    expect(afterReceipt('sent', 'printed')).toBe('delivered');
    expect(afterReceipt('sent', 'failed')).toBe('failed');
  });
});
