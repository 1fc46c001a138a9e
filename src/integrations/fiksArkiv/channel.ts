/**
 * The archive channel (issue 21 part 4): an outbox message of kind 'arkivmelding' becomes a Fiks Arkiv
 * message (no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett) to the municipality's archive over
 * Fiks IO. `send` builds the arkivmelding, validates it against KS's XSD before anything leaves, and
 * returns 'sent' with the Fiks IO message id; `pollReceipts` reads the archive's answers and turns a
 * valid receipt into 'archived' with the journalpost's reference, and an error message into 'failed'
 * with the archive's reason. The outbox records both on the case (message_receipt).
 *
 * Sent twice (a crash between the call and the commit): the journalpost carries the outbox message id
 * as its external key, so the archive answers "Eksisterende" and registers it once.
 */
import { inTenant } from '../../store/tx.ts';
import type { Channel, ChannelContext, OutboxMessage, ReceiptUpdate, SendOutcome } from '../channel.ts';
import { MaskinportenError, MASKINPORTEN_SCOPES, maskinportenToken } from '../maskinporten/token.ts';
import { SETTINGS, type Settings } from '../settings.ts';
import { buildArkivmelding } from './arkivmelding.ts';
import { asice, readAsice } from './asice.ts';
import { ackReply, CORRELATION_HEADER, fetchReplies, sendMessage, type FiksIoAccess, type MottattMelding } from './fiksIo.ts';
import { MESSAGE_TYPES, PAYLOAD_FILES } from './messageTypes.ts';
import { archiveDocument, MissingDocumentError } from './record.ts';
import { readFeilmelding, readKvittering, type ErrorKind } from './receipts.ts';
import { validateFiksArkiv } from './xsd.ts';

/** Fiks IO keeps an unread message this long (ms) before it expires: a week, so an archive closed over a long weekend still gets it. */
const TTL_MS = 7 * 24 * 3600 * 1000;

async function access(ctx: ChannelContext, s: Settings<'fiks_arkiv'>): Promise<FiksIoAccess> {
  const mp = await ctx.settings('maskinporten', SETTINGS.maskinporten);
  const token = mp ? await maskinportenToken(ctx, [MASKINPORTEN_SCOPES.fiks]) : null;
  return { baseUrl: s.baseUrl, integrationId: s.integrationId, integrationPassword: await ctx.secret(s.integrationPasswordRef), token };
}

/** How a refusal by Fiks IO is taken: access and content problems need a person; overload and outages are tried again. */
function refused(status: number, body: string): SendOutcome {
  if (status === 401 || status === 403) return { result: 'rejected', error: `Fiks IO refused access (${status}): check the integration, its password and Maskinporten (scope ks:fiks). ${body}` };
  if (status === 429 || status >= 500) return { result: 'retry', error: `Fiks IO answered ${status}` };
  return { result: 'rejected', error: `Fiks IO refused the message (${status}): ${body}` };
}

async function send(message: OutboxMessage, ctx: ChannelContext): Promise<SendOutcome> {
  const s = await ctx.settings('fiks_arkiv', SETTINGS.fiks_arkiv);
  if (!s) return { result: 'retry', error: 'Fiks Arkiv is not configured or is disabled for the municipality' };
  if (s.payloadEncryption === 'asice_cms') {
    return { result: 'rejected', error: 'Encrypting the payload for the archive (signed ASiC-E, CMS to the archive account’s public key) is not built yet; nothing was sent. Only a stand-in (payloadEncryption "none") can be used.' };
  }
  try {
    const doc = await archiveDocument(ctx, message, s);
    const xml = buildArkivmelding(doc.entry);
    const verdict = await validateFiksArkiv(xml, 'arkivmelding');
    if (!verdict.valid) return { result: 'rejected', error: `The arkivmelding does not satisfy the Fiks Arkiv schema, so it was not sent: ${verdict.errors.join(' ').slice(0, 1500)}` };
    const data = asice([{ name: PAYLOAD_FILES.arkivmelding, data: Buffer.from(xml, 'utf8') }, { name: doc.fileName, data: doc.pdf }]);
    const metadata = { avsenderKontoId: s.accountId, mottakerKontoId: s.archiveAccountId, meldingType: MESSAGE_TYPES.create, ttl: TTL_MS, headere: { [CORRELATION_HEADER]: message.id } };
    const answer = await sendMessage(await access(ctx, s), metadata, data);
    if (!answer.ok) return refused(answer.status, answer.body);
    return { result: 'sent', reference: answer.melding.meldingId, detail: `Sent to the archive over Fiks IO as message ${answer.melding.meldingId}` };
  } catch (e) {
    if (e instanceof MissingDocumentError) return { result: 'rejected', error: e.message };
    if (e instanceof MaskinportenError && !e.transient) return { result: 'rejected', error: e.message };
    return { result: 'retry', error: `Fiks IO could not be reached: ${(e as Error).message}` };
  }
}

const ERROR_KINDS: Record<string, ErrorKind> = { [MESSAGE_TYPES.invalidRequest]: 'ugyldigforespoersel', [MESSAGE_TYPES.serverError]: 'serverfeil' };

/** The payload file of an answer, from its ASiC-E container. */
function payloadFile(reply: MottattMelding, name: string): string {
  if (!reply.data) throw new Error(`the ${reply.meldingType} message has no payload`);
  const file = readAsice(Buffer.from(reply.data, 'base64')).find((f) => f.name === name);
  if (!file) throw new Error(`the ${reply.meldingType} message has no ${name}`);
  return file.data.toString('utf8');
}

/** What an answer says about the message it answers: archived, failed, or nothing final yet (mottatt). */
async function readAnswer(reply: MottattMelding, messageId: string): Promise<ReceiptUpdate | null> {
  if (reply.meldingType === MESSAGE_TYPES.received) return null;
  const failed = (detail: string): ReceiptUpdate => ({ messageId, outcome: 'failed', detail: detail.slice(0, 2000) });
  try {
    if (reply.meldingType === MESSAGE_TYPES.receipt) {
      const xml = payloadFile(reply, PAYLOAD_FILES.receipt);
      const verdict = await validateFiksArkiv(xml, 'kvittering');
      if (!verdict.valid) return failed(`The archive's receipt does not satisfy the Fiks Arkiv schema: ${verdict.errors.join(' ')}`);
      const { reference, detail } = readKvittering(xml);
      return { messageId, outcome: 'archived', reference, detail };
    }
    const kind = ERROR_KINDS[reply.meldingType];
    if (!kind) return failed(`The archive answered with a message type we do not expect: ${reply.meldingType}`);
    const xml = payloadFile(reply, PAYLOAD_FILES.error);
    const verdict = await validateFiksArkiv(xml, kind);
    if (!verdict.valid) return failed(`The archive refused the message (${kind}) with an error message that does not satisfy the schema`);
    const { feilId, message } = readFeilmelding(xml, kind);
    return failed(`The archive refused the message (${kind}, feilId ${feilId}): ${message}`);
  } catch (e) {
    return failed(`The archive's answer could not be read: ${(e as Error).message}`);
  }
}

/** The outbox message an answer is about: by the Fiks IO message it answers, or by our id echoed in its headers. */
function answered(reply: MottattMelding, byReference: ReadonlyMap<string, OutboxMessage>, byId: ReadonlyMap<string, OutboxMessage>): OutboxMessage | undefined {
  return (reply.svarPaMelding ? byReference.get(reply.svarPaMelding) : undefined) ?? byId.get(reply.headere[CORRELATION_HEADER] ?? '');
}

/** Of these answers to messages no longer waiting, those whose message is settled (their answer was recorded on the case). */
async function settledAnswers(ctx: ChannelContext, replies: readonly MottattMelding[]): Promise<MottattMelding[]> {
  if (replies.length === 0) return [];
  const refs = replies.flatMap((r) => (r.svarPaMelding ? [r.svarPaMelding] : []));
  const ids = replies.flatMap((r) => (r.headere[CORRELATION_HEADER] ? [r.headere[CORRELATION_HEADER]] : []));
  const rows = await inTenant(ctx.db.app, { municipalityId: ctx.municipalityId, staffId: null }, async (tx) =>
    (await tx.query<{ id: string; reference: string | null }>(
      `SELECT id::text, reference FROM outbox_message WHERE municipality_id = current_municipality() AND channel = 'fiks_arkiv'
          AND status IN ('delivered', 'failed') AND (reference = ANY($1::text[]) OR id::text = ANY($2::text[]))`,
      [refs, ids],
    )).rows,
  );
  const known = new Set(rows.flatMap((r) => [r.id, r.reference ?? '']));
  return replies.filter((r) => known.has(r.svarPaMelding ?? '') || known.has(r.headere[CORRELATION_HEADER] ?? ''));
}

/**
 * Reads the answers waiting for our account. A final answer (receipt or error) is acknowledged only
 * once the outbox has recorded it (its message settled), so a crash before that commit loses nothing:
 * the answer is read again on the next poll. A mottatt carries nothing to record and is acknowledged at once.
 */
async function pollReceipts(sent: readonly OutboxMessage[], ctx: ChannelContext): Promise<ReceiptUpdate[]> {
  const s = await ctx.settings('fiks_arkiv', SETTINGS.fiks_arkiv);
  if (!s) return [];
  if (s.receipts === 'amqp') {
    ctx.log('Fiks Arkiv: receipts arrive over AMQP, whose consumer is not built yet; no receipts were read');
    return [];
  }
  const a = await access(ctx, s);
  const replies = await fetchReplies(a, s.accountId);
  const byReference = new Map(sent.flatMap((m) => (m.reference ? [[m.reference, m] as const] : [])));
  const byId = new Map(sent.map((m) => [m.id, m]));
  const updates = new Map<string, ReceiptUpdate>();
  const others: MottattMelding[] = [];
  for (const reply of replies) {
    const message = answered(reply, byReference, byId);
    if (!message) others.push(reply);
    else if (reply.meldingType === MESSAGE_TYPES.received) await ackReply(a, s.accountId, reply.meldingId);
    else if (!updates.has(message.id)) {
      const update = await readAnswer(reply, message.id);
      if (update) updates.set(message.id, update);
    }
  }
  for (const reply of await settledAnswers(ctx, others)) await ackReply(a, s.accountId, reply.meldingId);
  return [...updates.values()];
}

export const fiksArkivChannel: Channel = { name: 'fiks_arkiv', send, pollReceipts };
