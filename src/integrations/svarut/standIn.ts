/**
 * A stand-in for KS SvarUt: the parts of the published API tildel uses (spec/svarut/), sending a
 * forsendelse to a person or to print (v3, multipart), the look-up by external reference (v2) and the
 * status search (v3). Every request is checked as SvarUt would: a Maskinporten token with the scope
 * ks:fiks, a known account (kontoId), the forsendelse metadata against KS's schema (ajv), one file
 * per document in the metadata's order with the same file names, PDFs that are PDFs, and a valid
 * identity number. A refusal answers KS's ErrorMessage with status 400 (401/404 for token/account).
 *
 * For tests and demos: `forsendelser()` shows what arrived, `setStatus` moves a forsendelse on.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { checkNationalId } from '../../domain/person/nationalId.ts';
import { MASKINPORTEN_SCOPES, listenStandIn, verifyMaskinportenToken } from '../maskinporten/index.ts';
import type { StandIn, StandInOptions } from '../standIn.ts';
import type { PersonForsendelse, PrintForsendelse, SvarUtStatus } from './client.ts';
import { describeErrors, loadOpenApi, pathPointer, specFile } from './openapiValidation.ts';

export interface SvarUtStandInOptions extends StandInOptions {
  /** The Maskinporten issuer whose tokens are accepted (its stand-in's `issuer`). */
  readonly maskinportenIssuer: string;
  /** The sender accounts (forsendelseskontoer) that exist; others answer 404. */
  readonly accountIds: readonly string[];
}

export interface StoredForsendelse {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'person' | 'print';
  readonly metadata: PersonForsendelse | PrintForsendelse;
  readonly files: readonly { readonly filename: string; readonly mimeType: string; readonly bytes: number }[];
  status: SvarUtStatus;
  changedAt: string;
}

export interface SvarUtStandIn extends StandIn {
  /** The base address to configure in tildel (the `/api` the published servers end with). */
  readonly baseUrl: string;
  forsendelser(): readonly StoredForsendelse[];
  setStatus(id: string, status: SvarUtStatus): void;
  /** Requests refused so far, with the reasons. */
  refusals(): readonly string[];
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const SEND = loadOpenApi(specFile('svarut/forsendelse-send-api-v3.json'));
const STATUS = loadOpenApi(specFile('svarut/forsendelse-status-api-v3.json'));
const UUID = SEND.validator(`#/paths/${pathPointer('/v3/kontoer/{kontoId}/forsendelser/person')}/post/parameters/0/schema`);

function check(valid: boolean, errors: string[], code = 'VALIDERING'): void {
  if (!valid) throw new Refused(400, code, errors.join('; '));
}

interface Part {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: Uint8Array;
}

/** The multipart body: the part "forsendelse" (JSON) and the files in order. */
async function readMultipart(request: FastifyRequest): Promise<{ metadata: unknown; files: Part[] }> {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) throw new Refused(415, 'MEDIETYPE', 'The forsendelse must be sent as multipart/form-data');
  const form = await new Request('http://stand-in/', { method: 'POST', headers: { 'content-type': type }, body: request.body as Buffer }).formData();
  const meta = form.get('forsendelse');
  if (meta === null) throw new Refused(400, 'MANGLER_FORSENDELSE', 'The first part must be named "forsendelse"');
  let metadata: unknown;
  try {
    metadata = JSON.parse(typeof meta === 'string' ? meta : await meta.text());
  } catch {
    throw new Refused(400, 'UGYLDIG_JSON', 'The part "forsendelse" is not JSON');
  }
  const files: Part[] = [];
  for (const [name, value] of form.entries()) {
    if (name === 'forsendelse' || typeof value === 'string') continue;
    files.push({ filename: value.name, mimeType: value.type, content: new Uint8Array(await value.arrayBuffer()) });
  }
  return { metadata, files };
}

const FORBIDDEN_IN_FILENAME = /[*:"\\/<>|?]/;

/** The files must match the metadata's documents: same count, order and names; PDFs must be PDFs. */
function checkFiles(documents: readonly { filnavn: string; mimeType: string }[], files: readonly Part[], printable: boolean): void {
  if (documents.length === 0) throw new Refused(400, 'MANGLER_DOKUMENT', 'A forsendelse needs at least one document');
  if (files.length !== documents.length) throw new Refused(400, 'DOKUMENT_ANTALL', `The metadata names ${documents.length} documents; ${files.length} files were sent`);
  const names = new Set(documents.map((d) => d.filnavn));
  if (names.size !== documents.length) throw new Refused(400, 'FILNAVN_UNIKT', 'File names must be unique within a forsendelse');
  documents.forEach((d, i) => {
    const file = files[i] as Part;
    if (FORBIDDEN_IN_FILENAME.test(d.filnavn)) throw new Refused(400, 'FILNAVN', `The file name ${d.filnavn} has a forbidden character`);
    if (file.filename !== d.filnavn) throw new Refused(400, 'DOKUMENT_REKKEFOLGE', `File ${i + 1} is ${file.filename}; the metadata says ${d.filnavn}`);
    const isPdf = Buffer.from(file.content.subarray(0, 5)).toString('latin1') === '%PDF-';
    if (d.mimeType === 'application/pdf' && !isPdf) throw new Refused(400, 'UGYLDIG_PDF', `${d.filnavn} is not a PDF`);
    if (printable && d.mimeType !== 'application/pdf') throw new Refused(400, 'KUN_PDF_TIL_PRINT', `${d.filnavn}: only PDF can be printed`);
  });
}

function checkPerson(metadata: PersonForsendelse, files: readonly Part[]): void {
  const id = checkNationalId(metadata.mottaker.digitalId, { allowSynthetic: true });
  if (!id.valid) throw new Refused(400, 'UGYLDIG_DIGITALID', `mottaker.digitalId: ${id.reason}`);
  const documents = metadata.dokumenter ?? [];
  // A forsendelse that may go to print must print: non-PDFs excluded from print (KS, mimeType).
  const printable = !metadata.kunDigitalLevering;
  checkFiles(
    documents.map((d) => ({ filnavn: d.filnavn, mimeType: printable && d.skalEkskluderesFraUtskrift ? 'application/pdf' : d.mimeType })),
    files,
    printable,
  );
}

function errorBody(request: FastifyRequest, e: Refused) {
  return { timestamp: Date.now(), status: e.status, error: e.errorCode, errorId: randomUUID(), path: request.url, message: e.message, errorCode: e.errorCode };
}

type Handler = <P>(
  work: (request: FastifyRequest<{ Params: { kontoId: string } & P }>, kontoId: string) => Promise<unknown>,
) => (request: FastifyRequest<{ Params: { kontoId: string } & P }>, reply: FastifyReply) => Promise<unknown>;

type Accept = (kontoId: string, kind: 'person' | 'print', metadata: PersonForsendelse | PrintForsendelse, files: readonly Part[]) => { id: string };

/** The four operations of the published files that tildel uses, each behind the token and account check. */
function routes(app: FastifyInstance, handler: Handler, stored: Map<string, StoredForsendelse>, accept: Accept): void {
  app.post(
    '/api/v3/kontoer/:kontoId/forsendelser/person',
    handler(async (request, kontoId) => {
      const { metadata, files } = await readMultipart(request);
      const schema = SEND.validator('#/components/schemas/PersonForsendelse');
      check(schema(metadata), describeErrors(schema.errors, 'forsendelse'));
      checkPerson(metadata as PersonForsendelse, files);
      return accept(kontoId, 'person', metadata as PersonForsendelse, files);
    }),
  );
  app.post(
    '/api/v3/kontoer/:kontoId/forsendelser/print',
    handler(async (request, kontoId) => {
      const { metadata, files } = await readMultipart(request);
      const schema = SEND.validator('#/components/schemas/PrintForsendelse');
      check(schema(metadata), describeErrors(schema.errors, 'forsendelse'));
      checkFiles((metadata as PrintForsendelse).dokumenter ?? [], files, true);
      return accept(kontoId, 'print', metadata as PrintForsendelse, files);
    }),
  );
  app.get(
    '/api/v2/kontoer/:kontoId/forsendelser',
    handler(async (request, kontoId) => {
      const ref = (request.query as Record<string, unknown>)['eksternRef'];
      check(typeof ref === 'string' && ref.length > 0, ['eksternRef is required']);
      return { forsendelseIds: [...stored.values()].filter((f) => f.accountId === kontoId && f.metadata.eksternReferanse === ref).map((f) => f.id) };
    }),
  );
  app.post(
    '/api/v3/kontoer/:kontoId/forsendelser/status/sok',
    handler(async (request, kontoId) => {
      let body: unknown = request.body;
      if (Buffer.isBuffer(body)) body = JSON.parse(body.toString('utf8') || 'null');
      const schema = STATUS.validator('#/components/schemas/Forsendelser');
      check(schema(body), describeErrors(schema.errors, 'body'));
      const statuser = (body as { id: string[] }).id.flatMap((id) => {
        const f = stored.get(id);
        return f && f.accountId === kontoId ? [{ id, sisteStatusEndring: f.changedAt, status: f.status }] : [];
      });
      return { statuser };
    }),
  );
}

export async function startSvarutStandIn(options: SvarUtStandInOptions): Promise<SvarUtStandIn> {
  const stored = new Map<string, StoredForsendelse>();
  const refused: string[] = [];
  const accounts = new Set(options.accountIds);
  const app = Fastify({ logger: false, bodyLimit: 100 * 1024 * 1024 });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  /** Token, then account: as SvarUt answers 401 before it looks at anything else. */
  async function guard(request: FastifyRequest<{ Params: { kontoId: string } }>): Promise<string> {
    const access = await verifyMaskinportenToken(options.maskinportenIssuer, request.headers.authorization, MASKINPORTEN_SCOPES.fiks);
    if (!access) throw new Refused(401, 'UGYLDIG_TOKEN', 'A Maskinporten token with the scope ks:fiks is required');
    const kontoId = request.params.kontoId;
    check(UUID(kontoId), describeErrors(UUID.errors, 'kontoId'));
    if (!accounts.has(kontoId)) throw new Refused(404, 'KONTO_IKKE_FUNNET', `No account ${kontoId}`);
    return kontoId;
  }

  const handler: Handler = (work) => async (request, reply) => {
    try {
      return await work(request, await guard(request));
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      refused.push(`${request.method} ${request.url}: ${e.errorCode} ${e.message}`);
      return reply.code(e.status).send(errorBody(request, e));
    }
  };

  const accept: Accept = (kontoId, kind, metadata, files) => {
    const id = randomUUID();
    const files_ = files.map((f) => ({ filename: f.filename, mimeType: f.mimeType, bytes: f.content.length }));
    stored.set(id, { id, accountId: kontoId, kind, metadata, files: files_, status: 'MOTTATT', changedAt: new Date().toISOString() });
    return { id };
  };

  routes(app, handler, stored, accept);
  const url = await listenStandIn(app, options);
  return {
    name: 'svarut',
    url,
    baseUrl: `${url}/api`,
    forsendelser: () => [...stored.values()],
    setStatus(id, status) {
      const f = stored.get(id);
      if (!f) throw new Error(`No forsendelse ${id}`);
      f.status = status;
      f.changedAt = new Date().toISOString();
    },
    refusals: () => refused,
    close: () => app.close(),
  };
}
