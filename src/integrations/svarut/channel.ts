/**
 * The SvarUt channel (issue 21): sends an issued letter (the stored PDF/A) to its person through KS
 * SvarUt, digital or print as KRR decides (krr/reach.ts, route.ts), and turns SvarUt's status of sent
 * forsendelser into receipts for the case.
 *
 * Idempotency: the outbox message id is the forsendelse's external reference (eksternReferanse). Before
 * sending, the channel asks SvarUt for forsendelser with that reference (v2 eksternref look-up); when
 * one exists (a send whose answer was lost, or a crash before the outbox recorded it) it answers with
 * that forsendelse instead of sending again. The outbox claims a message with SKIP LOCKED, so two
 * runners never send the same message at the same time.
 */
import { z } from 'zod';
import type { Channel, ChannelContext, OutboxMessage, ReceiptUpdate, SendOutcome } from '../channel.ts';
import { KrrError, lookUpPerson } from '../krr/client.ts';
import { reachOf, type DigitalReach } from '../krr/reach.ts';
import { MASKINPORTEN_SCOPES, MaskinportenError, maskinportenToken } from '../maskinporten/index.ts';
import { SETTINGS, type Settings } from '../settings.ts';
import { findLetter } from '../../store/letters.ts';
import { findPerson } from '../../store/persons.ts';
import { inTenant } from '../../store/tx.ts';
import { SvarUtError, svarutClient, type SvarUtClient } from './client.ts';
import { receiptOf } from './receipts.ts';
import { routeLetter, type Recipient } from './route.ts';

/** What the cause puts in the outbox message (a reference to the stored letter, not the letter). */
export const letterPayload = z.object({ letterId: z.uuid() });

/** Status look-ups per call. */
const STATUS_BATCH = 100;

interface Loaded {
  readonly recipient: Recipient;
  readonly title: string;
  readonly pdf: Buffer;
  readonly filename: string;
}

async function loadLetter(ctx: ChannelContext, letterId: string): Promise<Loaded | null> {
  return inTenant(ctx.db.app, { municipalityId: ctx.municipalityId, staffId: null }, async (tx) => {
    const letter = await findLetter(tx, letterId);
    const person = letter ? await findPerson(tx, letter.person_id) : null;
    if (!letter || !person) return null;
    return {
      recipient: {
        nationalId: person.national_id,
        name: `${person.given_name} ${person.family_name}`,
        protectedAddress: person.protected_address,
        addressLine: person.address_line,
        postalCode: person.postal_code,
        postalPlace: person.postal_place,
      },
      title: letter.title,
      pdf: letter.pdf,
      filename: `brev-${letter.id}.pdf`,
    };
  });
}

async function connect(ctx: ChannelContext): Promise<{ settings: Settings<'svarut'>; client: SvarUtClient } | null> {
  const settings = await ctx.settings('svarut', SETTINGS.svarut);
  if (!settings) return null;
  const token = await maskinportenToken(ctx, [MASKINPORTEN_SCOPES.fiks]);
  return { settings, client: svarutClient(settings.baseUrl, token) };
}

async function reachFor(ctx: ChannelContext, nationalId: string): Promise<DigitalReach | null> {
  const entry = await lookUpPerson(ctx, nationalId);
  return entry === 'not_configured' ? null : reachOf(entry);
}

async function sendLetter(message: OutboxMessage, ctx: ChannelContext): Promise<SendOutcome> {
  const payload = letterPayload.safeParse(message.payload);
  if (!payload.success) return { result: 'rejected', error: 'The message does not name a letter' };
  const svarut = await connect(ctx);
  if (!svarut) return { result: 'rejected', error: 'SvarUt is not configured for the municipality' };
  const { settings, client } = svarut;
  const earlier = await client.findByExternalReference(settings.accountId, message.id);
  if (earlier[0]) return { result: 'sent', reference: earlier[0], detail: 'Already in SvarUt (found by its external reference); not sent again' };
  const letter = await loadLetter(ctx, payload.data.letterId);
  if (!letter) return { result: 'rejected', error: 'The letter or its person no longer exists' };
  const reach = await reachFor(ctx, letter.recipient.nationalId);
  const route = routeLetter(letter.recipient, { messageId: message.id, title: letter.title, filename: letter.filename, caseId: message.caseId }, reach);
  if (route.kind === 'manual') return { result: 'rejected', error: route.reason };
  const documents = [{ filename: letter.filename, mimeType: 'application/pdf', content: new Uint8Array(letter.pdf) }];
  const id =
    route.kind === 'print'
      ? await client.sendToPrint(settings.accountId, route.forsendelse, documents)
      : await client.sendToPerson(settings.accountId, route.forsendelse, documents);
  return { result: 'sent', reference: id, detail: route.detail };
}

/** A thrown failure as an outcome: transient ones are tried again, refusals go to a person. */
function outcomeOf(e: unknown): SendOutcome {
  const known = e instanceof SvarUtError || e instanceof KrrError || e instanceof MaskinportenError;
  const error = e instanceof Error ? e.message : String(e);
  if (known && !e.transient) return { result: 'rejected', error };
  return { result: 'retry', error };
}

async function pollReceipts(sent: readonly OutboxMessage[], ctx: ChannelContext): Promise<ReceiptUpdate[]> {
  const byReference = new Map(sent.filter((m) => m.reference).map((m) => [m.reference as string, m]));
  if (byReference.size === 0) return [];
  let svarut: Awaited<ReturnType<typeof connect>>;
  try {
    svarut = await connect(ctx);
  } catch (e) {
    ctx.log(`SvarUt receipts: no token (${(e as Error).message})`);
    return [];
  }
  if (!svarut) return [];
  const references = [...byReference.keys()];
  const updates: ReceiptUpdate[] = [];
  for (let i = 0; i < references.length; i += STATUS_BATCH) {
    const statuses = await svarut.client.statuses(svarut.settings.accountId, references.slice(i, i + STATUS_BATCH)).catch((e: unknown) => {
      ctx.log(`SvarUt receipts: ${(e as Error).message}`);
      return [];
    });
    for (const s of statuses) {
      const message = byReference.get(s.id);
      const receipt = receiptOf(s.status);
      if (message && receipt) updates.push({ messageId: message.id, outcome: receipt.outcome, reference: s.id, detail: `${receipt.detail} (SvarUt ${s.status}, ${s.sisteStatusEndring})` });
    }
  }
  return updates;
}

export const svarutChannel: Channel = {
  name: 'svarut',
  async send(message, ctx) {
    try {
      return await sendLetter(message, ctx);
    } catch (e) {
      return outcomeOf(e);
    }
  },
  pollReceipts,
};
