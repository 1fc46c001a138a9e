/**
 * The outbox and inbox of the national integrations (migration 0021). Queueing runs in the caller's
 * transaction (with the case action that causes the message); the job runner claims due messages with
 * SKIP LOCKED so two runners never send the same message at once.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxChannel, OutboxMessage } from '../integrations/channel.ts';
import type { Tx } from './tx.ts';

export interface QueuedMessage {
  readonly caseId: string | null;
  readonly channel: OutboxChannel;
  readonly kind: string;
  /** One cause queues one message: a second queue with the same key is ignored. */
  readonly dedupeKey: string;
  readonly payload: Record<string, unknown>;
}

/** Queues a message in the caller's transaction; returns its id, or null when the dedupe key was already queued. */
export async function queueMessage(tx: Tx, m: QueuedMessage): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    // Due at once on any clock: a server on a fixed clock (TILDEL_CLOCK) still sends what it queues.
    `INSERT INTO outbox_message (municipality_id, id, case_id, channel, kind, dedupe_key, payload, next_attempt_at)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, '-infinity')
     ON CONFLICT (municipality_id, dedupe_key) DO NOTHING RETURNING id`,
    [randomUUID(), m.caseId, m.channel, m.kind, m.dedupeKey, JSON.stringify(m.payload)],
  );
  return rows[0]?.id ?? null;
}

export type { MessageStatus } from '../domain/integration/outbox.ts';
import type { MessageStatus } from '../domain/integration/outbox.ts';

interface Row {
  id: string;
  municipality_id: string;
  case_id: string | null;
  channel: OutboxChannel;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  reference: string | null;
}

const toMessage = (r: Row): OutboxMessage => ({
  id: r.id,
  municipalityId: r.municipality_id,
  caseId: r.case_id,
  channel: r.channel,
  kind: r.kind,
  payload: r.payload,
  attempts: r.attempts,
  reference: r.reference,
});

const COLUMNS = 'id, municipality_id, case_id, channel, kind, payload, attempts, reference';

/** Claims one due pending message of the municipality for sending (locked until the transaction ends). */
export async function claimDue(tx: Tx, at: Date): Promise<OutboxMessage | null> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM outbox_message
      WHERE municipality_id = current_municipality() AND status = 'pending' AND next_attempt_at <= $1
      ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [at],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}

/** Whether the municipality has a message due to be sent or waiting for a receipt (most runs find none). */
export async function hasOutboxWork(tx: Tx, at: Date): Promise<boolean> {
  const { rows } = await tx.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM outbox_message WHERE municipality_id = current_municipality()
        AND (status = 'sent' OR (status = 'pending' AND next_attempt_at <= $1))) AS any`,
    [at],
  );
  return rows[0]?.any === true;
}

/** Messages sent and waiting for a receipt on a channel. */
export async function awaitingReceipt(tx: Tx, channel: OutboxChannel, limit = 200): Promise<OutboxMessage[]> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM outbox_message
      WHERE municipality_id = current_municipality() AND status = 'sent' AND channel = $1
      ORDER BY sent_at LIMIT $2`,
    [channel, limit],
  );
  return rows.map(toMessage);
}

export async function findMessage(tx: Tx, id: string): Promise<OutboxMessage & { status: MessageStatus } | null> {
  const { rows } = await tx.query<Row & { status: MessageStatus }>(`SELECT ${COLUMNS}, status FROM outbox_message WHERE municipality_id = current_municipality() AND id = $1 FOR UPDATE`, [id]);
  return rows[0] ? { ...toMessage(rows[0]), status: rows[0].status } : null;
}

/** Records one attempt's outcome: the next status, when to try again, the error and the remote reference. */
export async function recordAttempt(
  tx: Tx,
  id: string,
  next: { status: MessageStatus; nextAttemptAt: Date | null; error: string | null; reference: string | null; countAttempt: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE outbox_message SET status = $2, attempts = attempts + $3::int, next_attempt_at = COALESCE($4, next_attempt_at),
            last_error = $5, reference = COALESCE($6, reference),
            sent_at = CASE WHEN $2 IN ('sent', 'delivered') AND sent_at IS NULL THEN now() ELSE sent_at END,
            settled_at = CASE WHEN $2 IN ('delivered', 'failed') THEN now() ELSE NULL END
      WHERE municipality_id = current_municipality() AND id = $1`,
    [id, next.status, next.countAttempt ? 1 : 0, next.nextAttemptAt, next.error, next.reference],
  );
}

export interface MessageListing {
  readonly id: string;
  readonly channel: OutboxChannel;
  readonly kind: string;
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly reference: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly settledAt: string | null;
}

/** The messages of a case, oldest first (the case view's list). */
export async function messagesOfCase(tx: Tx, caseId: string): Promise<MessageListing[]> {
  const { rows } = await tx.query<MessageListing>(
    `SELECT id, channel, kind, status, attempts, last_error AS "lastError", reference,
            to_json(created_at)#>>'{}' AS "createdAt", to_json(sent_at)#>>'{}' AS "sentAt", to_json(settled_at)#>>'{}' AS "settledAt"
       FROM outbox_message WHERE municipality_id = current_municipality() AND case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
  return rows;
}

/** Records a received message once; false when it was already recorded (a message fetched twice). */
export async function recordReceived(
  tx: Tx,
  m: { channel: 'nhn' | 'folkeregister'; externalId: string; kind: string; caseId?: string | null; personId?: string | null; outcome: 'handled' | 'rejected'; detail?: string | null },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO inbox_message (municipality_id, channel, external_id, kind, case_id, person_id, outcome, detail)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [m.channel, m.externalId, m.kind, m.caseId ?? null, m.personId ?? null, m.outcome, m.detail ?? null],
  );
  return rowCount === 1;
}

/** Whether a message was already received (checked before the work of handling it). */
export async function wasReceived(tx: Tx, channel: 'nhn' | 'folkeregister', externalId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM inbox_message WHERE municipality_id = current_municipality() AND channel = $1 AND external_id = $2', [channel, externalId]);
  return rows.length > 0;
}
