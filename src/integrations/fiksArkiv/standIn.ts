/**
 * A stand-in for Fiks IO with a Fiks Arkiv archive behind it (`tildel stand-ins`, tests, CI).
 *
 * Fiks IO: POST /fiks-io/api/v1/send as KS's send clients call it (multipart: `metadata` JSON and
 * `data`; headers IntegrasjonId, IntegrasjonPassord, and a Bearer token when `requireToken`). Refused
 * as Fiks IO would: 401 without the integration's credentials, 400 for metadata that is not a
 * MeldingSpesifikasjon or a receiver account it does not know; else 202 with the SendtMelding.
 *
 * The archive (standInArchive.ts) answers every message to its account with Fiks IO messages back to
 * the sender: mottatt + kvittering, or ugyldigforespoersel. The real Fiks IO delivers those over AMQP;
 * the stand-in keeps them in a mailbox per account instead: GET /fiks-io/stand-in/v1/kontoer/{id}/meldinger
 * and DELETE …/meldinger/{meldingId} to acknowledge (a stand-in-only interface). Each answer echoes the
 * klient-korrelasjonsid header of the message it answers.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { MASKINPORTEN_SCOPES } from '../maskinporten/token.ts';
import { verifyMaskinportenToken } from '../maskinporten/standIn.ts';
import type { Settings } from '../settings.ts';
import { listenStandIn, type StandIn, type StandInOptions } from '../standIn.ts';
import { asice } from './asice.ts';
import { CORRELATION_HEADER, meldingSpesifikasjon, SEND_PATH, STAND_IN_MAILBOX_PATH, type MeldingSpesifikasjon, type MottattMelding, type SendtMelding } from './fiksIo.ts';
import { StandInArchive, type Answer, type ArchivedRecord } from './standInArchive.ts';

export interface FiksArkivStandInOptions extends StandInOptions {
  /** The archive's Fiks IO account (default: a new id). */
  readonly archiveAccountId?: string;
  /** The integration allowed to send, and its password (default: any id, the password 'stand-in'). */
  readonly integrationId?: string;
  readonly integrationPassword?: string;
  /**
   * The Maskinporten (stand-in) issuer whose tokens Fiks IO accepts: then every call needs a Bearer
   * token from it with scope ks:fiks, as the real Fiks IO does. Without it no token is asked for (a demo
   * without Maskinporten).
   */
  readonly maskinportenIssuer?: string;
}

export interface FiksArkivStandIn extends StandIn {
  readonly archiveAccountId: string;
  /** Every journalpost registered, in order. */
  archived(): ArchivedRecord[];
  /** Every message the archive refused (ugyldigforespoersel), with its reason. */
  refusals(): readonly { readonly feilId: string; readonly message: string }[];
  /** Every message Fiks IO accepted for the archive. */
  sent(): readonly SendtMelding[];
  /** The answers waiting (not acknowledged) for an account. */
  mailbox(accountId: string): readonly MottattMelding[];
  /** Settings for a municipality that sends to this stand-in (payload unencrypted, receipts from the mailbox). */
  settings(accountId: string, passwordRef: string): Settings<'fiks_arkiv'>;
}

interface Part {
  readonly name: string;
  readonly data: Buffer;
}

/** The parts of a multipart/form-data body (RFC 7578). */
function multipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const chunk = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = chunk.indexOf('\r\n\r\n');
    const head = chunk.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (split >= 0 && name) parts.push({ name, data: chunk.subarray(split + 4) });
    at = next;
  }
  return parts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `metadata` part as a MeldingSpesifikasjon, or why it is not one. */
function metadataOf(parts: readonly Part[]): MeldingSpesifikasjon | string {
  const meta = parts.find((p) => p.name === 'metadata');
  let json: unknown;
  try {
    json = JSON.parse(meta?.data.toString('utf8') ?? '');
  } catch {
    return 'The part "metadata" is missing or not JSON';
  }
  const parsed = meldingSpesifikasjon.safeParse(json);
  if (parsed.success) return parsed.data;
  return `metadata is not a MeldingSpesifikasjon: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}

/** The archive's answer as a Fiks IO message back to the sender, echoing its klient-korrelasjonsid. */
function answerTo(sent: SendtMelding, archiveAccountId: string, answer: Answer): MottattMelding {
  const correlation = sent.headere?.[CORRELATION_HEADER];
  return {
    meldingId: randomUUID(),
    meldingType: answer.meldingType,
    avsenderKontoId: archiveAccountId,
    svarPaMelding: sent.meldingId,
    headere: correlation ? { [CORRELATION_HEADER]: correlation } : {},
    data: answer.file ? asice([answer.file]).toString('base64') : null,
  };
}

export async function startFiksArkivStandIn(options: FiksArkivStandInOptions = {}): Promise<FiksArkivStandIn> {
  const archiveAccountId = options.archiveAccountId ?? randomUUID();
  const password = options.integrationPassword ?? 'stand-in';
  const archive = new StandInArchive(() => new Date().getFullYear());
  const mailboxes = new Map<string, MottattMelding[]>();
  const accepted: SendtMelding[] = [];
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const problem = (reply: FastifyReply, status: number, message: string) => reply.code(status).type('application/json').send({ status, error: message });
  const authorised = async (req: FastifyRequest): Promise<string | null> => {
    const id = req.headers['integrasjonid'];
    if (typeof id !== 'string' || !UUID.test(id) || (options.integrationId && id !== options.integrationId)) return 'Unknown integration (IntegrasjonId)';
    if (req.headers['integrasjonpassord'] !== password) return 'Wrong integration password (IntegrasjonPassord)';
    if (options.maskinportenIssuer && !(await verifyMaskinportenToken(options.maskinportenIssuer, req.headers.authorization, MASKINPORTEN_SCOPES.fiks))) {
      return 'A valid Maskinporten token with scope ks:fiks (Bearer) is required';
    }
    return null;
  };
  const deliver = (to: string, m: MottattMelding) => mailboxes.set(to, [...(mailboxes.get(to) ?? []), m]);

  app.post(SEND_PATH, async (req, reply) => {
    const refused = await authorised(req);
    if (refused) return problem(reply, 401, refused);
    const parts = multipart(req.body as Buffer, req.headers['content-type'] ?? '');
    const m = metadataOf(parts);
    if (typeof m === 'string') return problem(reply, 400, m);
    if (m.mottakerKontoId !== archiveAccountId) return problem(reply, 400, `No account ${m.mottakerKontoId} can receive messages here`);
    const sent: SendtMelding = { meldingId: randomUUID(), meldingType: m.meldingType, avsenderKontoId: m.avsenderKontoId, mottakerKontoId: m.mottakerKontoId, ttl: m.ttl ?? 172_800_000, svarPaMelding: m.svarPaMelding ?? null, headere: m.headere ?? {} };
    accepted.push(sent);
    const answers = await archive.receive(m.meldingType, parts.find((p) => p.name === 'data')?.data ?? null);
    for (const answer of answers) deliver(m.avsenderKontoId, answerTo(sent, archiveAccountId, answer));
    return reply.code(202).send(sent);
  });

  app.get<{ Params: { konto: string } }>(`${STAND_IN_MAILBOX_PATH}/:konto/meldinger`, async (req, reply) => {
    const refused = await authorised(req);
    if (refused) return problem(reply, 401, refused);
    return { meldinger: mailboxes.get(req.params.konto) ?? [] };
  });

  app.delete<{ Params: { konto: string; melding: string } }>(`${STAND_IN_MAILBOX_PATH}/:konto/meldinger/:melding`, async (req, reply) => {
    const refused = await authorised(req);
    if (refused) return problem(reply, 401, refused);
    const box = mailboxes.get(req.params.konto) ?? [];
    if (!box.some((m) => m.meldingId === req.params.melding)) return problem(reply, 404, 'No such message');
    mailboxes.set(req.params.konto, box.filter((m) => m.meldingId !== req.params.melding));
    return reply.code(204).send();
  });

  const address = await listenStandIn(app, options);
  return {
    name: 'fiks_arkiv',
    url: address,
    archiveAccountId,
    archived: () => archive.archived(),
    refusals: () => archive.refusals,
    sent: () => accepted,
    mailbox: (accountId) => mailboxes.get(accountId) ?? [],
    settings: (accountId, passwordRef) => ({
      baseUrl: address,
      accountId,
      archiveAccountId,
      integrationId: options.integrationId ?? randomUUID(),
      integrationPasswordRef: passwordRef,
      payloadEncryption: 'none',
      receipts: 'stand_in_mailbox',
    }),
    close: () => app.close(),
  };
}
