/**
 * The outbox (issue 21): sends the messages causes queued with their case actions (messageCauses.ts),
 * through each service's channel, and records what became of them on the case.
 *
 * Nothing is sent twice and nothing is lost across restarts: a message is claimed under a row lock in
 * a transaction that stays open while its channel calls the service, and its outcome is written in
 * that same transaction. A crash in between rolls the claim back, the message stays pending, and the
 * next run sends it again with the same id, which the service recognises (its idempotency key).
 * Retries back off (domain/integration/outbox.ts); a failure a person must see becomes a
 * `message_receipt` action with outcome 'failed', and so a work item on the case.
 */
import { afterAttempt, afterReceipt, type AfterAttempt, type MessageOutcome } from '../domain/integration/outbox.ts';
import type { Channel, ChannelContext, IntegrationService, OutboxMessage, ReceiptUpdate, Receiver, SendOutcome } from '../integrations/channel.ts';
import { CHANNELS, RECEIVERS } from '../integrations/registry.ts';
import { resolveSecret } from '../integrations/secrets.ts';
import type { Database } from '../store/database.ts';
import { NO_RETRY } from '../store/faults.ts';
import { enabledSettingsIn } from '../store/integrationConfig.ts';
import { listMunicipalities } from '../store/org.ts';
import { awaitingReceipt, claimDue, findMessage, hasOutboxWork, recordAttempt } from '../store/outbox.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { systemAuthority, type AuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';

export interface OutboxOptions {
  /** The channels to send through (the registry's by default; tests pass their own). */
  readonly channels?: readonly Channel[];
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
  /** One municipality, or every one. */
  readonly municipalityId?: string;
  /** At most this many messages per municipality and run (the rest wait for the next run). */
  readonly limit?: number;
}

export interface OutboxRun {
  readonly attempted: number;
  readonly sent: number;
  readonly failed: number;
  readonly receipts: number;
}

/** What a channel gets: the municipality's settings for a service (parsed by the service's schema) and its keys. */
export function channelContext(db: Database, municipalityId: string, log: (message: string) => void = () => {}, now: () => Date = () => new Date()): ChannelContext {
  return {
    db,
    municipalityId,
    log,
    now,
    secret: resolveSecret,
    async settings(service: IntegrationService, schema) {
      const raw = await enabledSettingsIn(db.app, municipalityId, service);
      return raw === null ? null : schema.parse(raw);
    },
  };
}

async function recordOnCase(tx: Tx, authority: AuthorityContext, m: OutboxMessage, outcome: MessageOutcome, at: Date, reference: string | null, detail: string | null): Promise<void> {
  if (!m.caseId) return;
  const payload = { messageId: m.id, channel: m.channel, kind: m.kind, outcome, ...(reference ? { reference: reference.slice(0, 300) } : {}), ...(detail ? { detail: detail.slice(0, 2000) } : {}) };
  await appendToCase(tx, writerAt(authority, null, at), { caseId: m.caseId, body: { type: 'message_receipt', payload }, reason: `Recorded by the outbox from ${m.channel}.` });
}

async function attempt(channel: Channel | undefined, m: OutboxMessage, ctx: ChannelContext): Promise<SendOutcome> {
  if (!channel) return { result: 'retry', error: `No channel ${m.channel} is installed` };
  try {
    return await channel.send(m, ctx);
  } catch (error) {
    return { result: 'retry', error: (error as Error).message };
  }
}

/** Claims, sends and records one due message of the municipality; false when none was due. */
async function sendOne(db: Database, municipalityId: string, authority: AuthorityContext, channels: readonly Channel[], options: OutboxOptions, tally: { sent: number; failed: number }): Promise<boolean> {
  const now = options.now ?? (() => new Date());
  const ctx = channelContext(db, municipalityId, options.log, now);
  const scope = { municipalityId, staffId: authority.actor.staffId };
  return inTenant(
    db.app,
    scope,
    async (tx) => {
      const m = await claimDue(tx, now());
      if (!m) return false;
      const outcome = await attempt(channels.find((c) => c.name === m.channel), m, ctx);
      const at = now();
      const next: AfterAttempt = afterAttempt(m.channel, m.attempts, outcome, at);
      await recordAttempt(tx, m.id, { status: next.status, nextAttemptAt: next.nextAttemptAt, error: next.error, reference: next.reference, countAttempt: true });
      if (next.record) await recordOnCase(tx, authority, m, next.record, at, next.reference, next.detail);
      if (next.status === 'failed') tally.failed += 1;
      if (next.status === 'sent' || next.status === 'delivered') tally.sent += 1;
      if (next.status === 'pending') options.log?.(`outbox: ${m.channel} ${m.kind} ${m.id} will be tried again: ${next.error ?? ''}`);
      return true;
    },
    NO_RETRY,
  );
}

/** Applies one receipt to its message, if the message still waits for one. */
async function applyReceipt(db: Database, municipalityId: string, authority: AuthorityContext, u: ReceiptUpdate, at: Date): Promise<boolean> {
  return inTenant(db.app, { municipalityId, staffId: authority.actor.staffId }, async (tx) => {
    const m = await findMessage(tx, u.messageId);
    if (!m) return false;
    const status = afterReceipt(m.status, u.outcome);
    if (!status) return false;
    await recordAttempt(tx, m.id, { status, nextAttemptAt: null, error: u.outcome === 'failed' ? (u.detail ?? 'failed') : null, reference: u.reference ?? null, countAttempt: false });
    await recordOnCase(tx, authority, m, u.outcome, at, u.reference ?? null, u.detail ?? null);
    return true;
  });
}

async function pollReceipts(db: Database, municipalityId: string, authority: AuthorityContext, channels: readonly Channel[], options: OutboxOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  let applied = 0;
  for (const channel of channels) {
    if (!channel.pollReceipts) continue;
    const sent = await inTenant(db.app, { municipalityId, staffId: null }, (tx) => awaitingReceipt(tx, channel.name));
    if (sent.length === 0) continue;
    let updates: ReceiptUpdate[];
    try {
      updates = await channel.pollReceipts(sent, channelContext(db, municipalityId, options.log, now));
    } catch (error) {
      options.log?.(`outbox: receipts from ${channel.name} for ${municipalityId} could not be fetched: ${(error as Error).message}`);
      continue;
    }
    for (const u of updates) if (await applyReceipt(db, municipalityId, authority, u, now())) applied += 1;
  }
  return applied;
}

/** Sends what is due and fetches receipts, in one municipality or every one. */
export async function deliverOutbox(db: Database, options: OutboxOptions = {}): Promise<OutboxRun> {
  const channels = options.channels ?? CHANNELS;
  const ids = options.municipalityId ? [options.municipalityId] : (await listMunicipalities(db.app)).map((m) => m.id);
  const tally = { attempted: 0, sent: 0, failed: 0, receipts: 0 };
  for (const municipalityId of ids) {
    const busy = await inTenant(db.app, { municipalityId, staffId: null }, (tx) => hasOutboxWork(tx, (options.now ?? (() => new Date()))()));
    if (!busy) continue;
    const authority = await systemAuthority(db, municipalityId);
    const limit = options.limit ?? 500;
    for (let n = 0; n < limit && (await sendOne(db, municipalityId, authority, channels, options, tally)); n++) tally.attempted += 1;
    tally.receipts += await pollReceipts(db, municipalityId, authority, channels, options);
  }
  return tally;
}

/** Lets every incoming integration fetch what has arrived, in each municipality (a receiver whose service is not configured there does nothing). */
export async function receiveIncoming(db: Database, options: Pick<OutboxOptions, 'log' | 'now' | 'municipalityId'> & { readonly receivers?: readonly Receiver[] } = {}): Promise<number> {
  const receivers = options.receivers ?? RECEIVERS;
  if (receivers.length === 0) return 0;
  const ids = options.municipalityId ? [options.municipalityId] : (await listMunicipalities(db.app)).map((m) => m.id);
  let handled = 0;
  for (const municipalityId of ids) {
    // Each receiver asks for its own settings and does nothing where its service is not configured.
    for (const receiver of receivers) {
      try {
        handled += await receiver.receive(channelContext(db, municipalityId, options.log, options.now));
      } catch (error) {
        options.log?.(`${receiver.name}: receiving for ${municipalityId} failed: ${(error as Error).message}`);
      }
    }
  }
  return handled;
}
