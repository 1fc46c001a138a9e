/**
 * Fiks IO (KS): the transport of Fiks Arkiv messages between accounts. Sending is one HTTP call,
 * POST {baseUrl}/fiks-io/api/v1/send, multipart/form-data with a part `metadata` (JSON: avsenderKontoId,
 * mottakerKontoId, meldingType, svarPaMelding, ttl, headere) and a part `data` (the ASiC-E payload),
 * answered 202 Accepted with the message as Fiks IO recorded it (meldingId …). Authentication: a
 * Maskinporten token with scope ks:fiks as Bearer, and the Fiks integration's IntegrasjonId and
 * IntegrasjonPassord headers. KS publishes no OpenAPI file for this endpoint; the shapes are those of
 * KS's own published send clients (ks-no/fiks-io-send-klient, ks-no/fiks-io-send-client-dotnet), see
 * spec/fiks-arkiv/SOURCE.md.
 *
 * Answers come back as Fiks IO messages to our account, which the real Fiks IO delivers over AMQP
 * (queue fiksio.konto.<accountId>). That consumer is not built (no AMQP client is installed); the
 * stand-in offers the same messages through a mailbox over HTTP instead (`fetchReplies`, `ackReply`),
 * a stand-in-only interface.
 */
import { z } from 'zod';

export const SEND_PATH = '/fiks-io/api/v1/send';
export const STAND_IN_MAILBOX_PATH = '/fiks-io/stand-in/v1/kontoer';
/** The custom header carrying our outbox message id with every message (Fiks IO's klient-korrelasjonsid). */
export const CORRELATION_HEADER = 'klient-korrelasjonsid';

/** MeldingSpesifikasjonApiModel: what we send as `metadata`. */
export const meldingSpesifikasjon = z
  .object({
    avsenderKontoId: z.uuid(),
    mottakerKontoId: z.uuid(),
    meldingType: z.string().min(1).max(300),
    svarPaMelding: z.uuid().nullish(),
    ttl: z.int().positive().nullish(),
    headere: z.record(z.string(), z.string()).nullish(),
  })
  .strict();
export type MeldingSpesifikasjon = z.infer<typeof meldingSpesifikasjon>;

/** SendtMeldingApiModel: Fiks IO's answer to a send. */
export const sendtMelding = z.object({
  meldingId: z.uuid(),
  meldingType: z.string(),
  avsenderKontoId: z.uuid(),
  mottakerKontoId: z.uuid(),
  ttl: z.number(),
  dokumentlagerId: z.uuid().nullish(),
  svarPaMelding: z.uuid().nullish(),
  headere: z.record(z.string(), z.string()).nullish(),
});
export type SendtMelding = z.infer<typeof sendtMelding>;

/** A message to our account (an answer from the archive), as the stand-in's mailbox gives it. */
export const mottattMelding = z.object({
  meldingId: z.uuid(),
  meldingType: z.string(),
  avsenderKontoId: z.uuid(),
  svarPaMelding: z.uuid().nullish(),
  headere: z.record(z.string(), z.string()).default({}),
  /** The ASiC-E payload, base64; null for a message without payload (…mottatt). */
  data: z.string().nullable(),
});
export type MottattMelding = z.infer<typeof mottattMelding>;

export interface FiksIoAccess {
  readonly baseUrl: string;
  readonly integrationId: string;
  readonly integrationPassword: string;
  /** The Maskinporten access token (scope ks:fiks); null where Maskinporten is not configured. */
  readonly token: string | null;
}

function headers(a: FiksIoAccess): Record<string, string> {
  return { IntegrasjonId: a.integrationId, IntegrasjonPassord: a.integrationPassword, ...(a.token ? { authorization: `Bearer ${a.token}` } : {}) };
}

const url = (a: FiksIoAccess, path: string) => `${a.baseUrl.replace(/\/$/, '')}${path}`;

export type SendAnswer = { readonly ok: true; readonly melding: SendtMelding } | { readonly ok: false; readonly status: number; readonly body: string };

/** Sends one message; the HTTP status and body when Fiks IO refuses it (network errors throw). */
export async function sendMessage(a: FiksIoAccess, metadata: MeldingSpesifikasjon, data: Buffer): Promise<SendAnswer> {
  const form = new FormData();
  form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
  form.append('data', new Blob([data], { type: 'application/octet-stream' }), crypto.randomUUID());
  const res = await fetch(url(a, SEND_PATH), { method: 'POST', headers: headers(a), body: form, signal: AbortSignal.timeout(30_000) });
  const body = await res.text();
  if (res.status !== 202) return { ok: false, status: res.status, body: body.slice(0, 500) };
  const parsed = sendtMelding.safeParse(JSON.parse(body));
  if (!parsed.success) return { ok: false, status: 502, body: `Fiks IO answered 202 with an unexpected body: ${parsed.error.message.slice(0, 300)}` };
  return { ok: true, melding: parsed.data };
}

/** The messages waiting for our account (stand-in mailbox). */
export async function fetchReplies(a: FiksIoAccess, accountId: string): Promise<MottattMelding[]> {
  const res = await fetch(url(a, `${STAND_IN_MAILBOX_PATH}/${accountId}/meldinger`), { headers: headers(a), signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`Fiks IO mailbox answered ${res.status}`);
  return z.object({ meldinger: z.array(mottattMelding) }).parse(await res.json()).meldinger;
}

/** Acknowledges a message as handled, so it is not delivered again (AMQP ack; stand-in mailbox delete). */
export async function ackReply(a: FiksIoAccess, accountId: string, meldingId: string): Promise<void> {
  const res = await fetch(url(a, `${STAND_IN_MAILBOX_PATH}/${accountId}/meldinger/${meldingId}`), { method: 'DELETE', headers: headers(a), signal: AbortSignal.timeout(30_000) });
  if (!res.ok && res.status !== 404) throw new Error(`Fiks IO mailbox answered ${res.status} to an acknowledgement`);
}
