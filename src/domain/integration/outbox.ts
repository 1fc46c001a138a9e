/**
 * The life of an outgoing message (issue 21), as pure functions: what one send attempt or one receipt
 * does to the message, when to try again, and when to give up and hand it to a person. The outbox
 * (app/outbox.ts) applies them; a message's status only moves forward.
 *
 *   pending --sent--> sent --receipt--> delivered | failed
 *   pending --delivered-------------->  delivered
 *   pending --rejected / retries spent-> failed
 */
export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type MessageOutcome = 'sent' | 'delivered' | 'read' | 'printed' | 'archived' | 'failed';

/** The pauses before each further attempt: about three days of trying before a person is asked to act. */
export const RETRY_PAUSES_MINUTES = [1, 5, 15, 60, 180, 360, 720, 1440, 1440] as const;
/** Attempts in all before a transient failure becomes a failure a person must see. */
export const MAX_ATTEMPTS = RETRY_PAUSES_MINUTES.length + 1;

/** What one attempt's result was, as a channel reports it (integrations/channel.ts SendOutcome). */
export type AttemptResult =
  | { readonly result: 'sent' | 'delivered'; readonly reference?: string; readonly detail?: string }
  | { readonly result: 'retry' | 'rejected'; readonly error: string };

/** What the outbox does after an attempt: the new status, when to try again, and the outcome to record on the case (if any). */
export interface AfterAttempt {
  readonly status: MessageStatus;
  readonly nextAttemptAt: Date | null;
  readonly error: string | null;
  readonly reference: string | null;
  /** The outcome recorded on the case as message_receipt; null when nothing a person needs to see happened (a retry). */
  readonly record: MessageOutcome | null;
  readonly detail: string | null;
}

/** The outcome a final delivery is recorded as: an archive archives, the others deliver. */
export function deliveredAs(channel: string): MessageOutcome {
  return channel === 'fiks_arkiv' ? 'archived' : 'delivered';
}

/** When to try again after `attemptsBefore` earlier attempts and this one failed; null when the attempts are spent. */
export function nextAttemptAt(attemptsBefore: number, at: Date): Date | null {
  const pause = RETRY_PAUSES_MINUTES[attemptsBefore];
  return pause === undefined ? null : new Date(at.getTime() + pause * 60_000);
}

/** What one attempt does to a pending message that had `attemptsBefore` attempts before it. */
export function afterAttempt(channel: string, attemptsBefore: number, outcome: AttemptResult, at: Date): AfterAttempt {
  switch (outcome.result) {
    case 'sent':
      return { status: 'sent', nextAttemptAt: null, error: null, reference: outcome.reference ?? null, record: 'sent', detail: outcome.detail ?? null };
    case 'delivered':
      return { status: 'delivered', nextAttemptAt: null, error: null, reference: outcome.reference ?? null, record: deliveredAs(channel), detail: outcome.detail ?? null };
    case 'rejected':
      return { status: 'failed', nextAttemptAt: null, error: outcome.error, reference: null, record: 'failed', detail: outcome.error };
    case 'retry': {
      const next = nextAttemptAt(attemptsBefore, at);
      if (next) return { status: 'pending', nextAttemptAt: next, error: outcome.error, reference: null, record: null, detail: null };
      return { status: 'failed', nextAttemptAt: null, error: outcome.error, reference: null, record: 'failed', detail: `${MAX_ATTEMPTS} attempts failed; the last: ${outcome.error}` };
    }
  }
}

/** What a receipt does to a sent message: a final word settles it; nothing moves a settled message. */
export function afterReceipt(status: MessageStatus, outcome: MessageOutcome): MessageStatus | null {
  if (status !== 'sent') return null;
  if (outcome === 'sent') return null;
  return outcome === 'failed' ? 'failed' : 'delivered';
}
