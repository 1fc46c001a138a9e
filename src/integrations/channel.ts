/**
 * The shape every outgoing integration takes (issue 21): a channel turns a queued outbox message into
 * a call to a national service and says how it went. The outbox (app/outbox.ts) owns everything else:
 * the transaction that queues the message with its cause, retries with backoff, and recording the
 * outcome on the case as a `message_receipt` action (and a work item when a person must act).
 *
 * A channel must be safe to call twice with the same message: it passes `message.id` to the remote
 * service as its idempotency key (SvarUt's forsendelse id, the NHN message id, the arkivmelding's
 * reference), so a send repeated after a crash between the call and the commit is not delivered twice.
 */
import type { z } from 'zod';
import type { Database } from '../store/database.ts';

/** The services a municipality configures (integration_config.service). */
export const INTEGRATION_SERVICES = ['nhn', 'helseid', 'svarut', 'krr', 'maskinporten', 'fiks_arkiv', 'folkeregister'] as const;
export type IntegrationService = (typeof INTEGRATION_SERVICES)[number];

/** The outgoing channels (outbox_message.channel). */
export const OUTBOX_CHANNELS = ['nhn', 'svarut', 'fiks_arkiv'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** One queued message as the channel sees it. */
export interface OutboxMessage {
  readonly id: string;
  readonly municipalityId: string;
  readonly caseId: string | null;
  readonly channel: OutboxChannel;
  /** What the message is, e.g. 'letter', 'plo_orientation', 'arkivmelding'. */
  readonly kind: string;
  /** What the channel needs to build the message; written when it was queued (a snapshot of its cause). */
  readonly payload: Record<string, unknown>;
  /** Attempts made before this one. */
  readonly attempts: number;
  /** The remote reference recorded when it was sent (for polling receipts). */
  readonly reference: string | null;
}

/** How one send went. */
export type SendOutcome =
  /** The remote service took the message; a receipt may follow (see pollReceipts). */
  | { readonly result: 'sent'; readonly reference?: string; readonly detail?: string }
  /** Taken and already final (e.g. an archive that answers with its reference at once). */
  | { readonly result: 'delivered'; readonly reference?: string; readonly detail?: string }
  /** A transient failure (no answer, 5xx, 429): the outbox tries again later. */
  | { readonly result: 'retry'; readonly error: string }
  /** A permanent failure (the remote refused the message): a person must act. */
  | { readonly result: 'rejected'; readonly error: string };

/** The final word on a message that was sent, from the remote's receipts. */
export interface ReceiptUpdate {
  readonly messageId: string;
  readonly outcome: 'delivered' | 'read' | 'printed' | 'archived' | 'failed';
  readonly reference?: string;
  readonly detail?: string;
}

/** What a channel gets to do its work: the municipality's settings for it and the means to read keys. */
export interface ChannelContext {
  readonly db: Database;
  readonly municipalityId: string;
  /** The municipality's settings for a service, parsed by that service's schema; null when not configured or disabled. */
  settings<T>(service: IntegrationService, schema: z.ZodType<T>): Promise<T | null>;
  /** Resolves a key reference (env:NAME or file:/path) to its value; never logs it. */
  secret(ref: string): Promise<string>;
  readonly log: (message: string) => void;
  readonly now: () => Date;
}

export interface Channel {
  readonly name: OutboxChannel;
  send(message: OutboxMessage, ctx: ChannelContext): Promise<SendOutcome>;
  /** Asks the remote service about messages sent but not yet final; returns the updates found. */
  pollReceipts?(sent: readonly OutboxMessage[], ctx: ChannelContext): Promise<ReceiptUpdate[]>;
}

/** An incoming integration polled by the job runner (NHN's message service, the population register's event feed). */
export interface Receiver {
  readonly name: 'nhn' | 'folkeregister';
  /** Fetches and handles what has arrived for one municipality; returns how many messages were handled (0, asking nothing, where its service is not configured). */
  receive(ctx: ChannelContext): Promise<number>;
}
