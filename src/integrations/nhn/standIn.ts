/**
 * A stand-in for HelseID's token endpoint and Norsk Helsenett's message service (Meldingstjener REST
 * API v2), the parts tildel uses. It checks what the real services check:
 * - the token request is a client-credentials grant with a `private_key_jwt` client assertion, signed
 *   with the key whose public JWK is configured, issued and subject the client id, for HelseID's
 *   audience, not expired and not replayed; the scope is the configured one;
 * - every message service request carries an access token it issued, and its parameters and body
 *   validate against the published OpenAPI document (standInApi.ts);
 * - every business document posted, and every AppRec it writes, validates against the published
 *   MsgHead, PLO and AppRec schemas (xsd.ts); an invalid one is refused with 400.
 *
 * For tests and demos: `postIncoming` delivers a message to a HER-id as a hospital would, `sent()`
 * lists what tildel posted, `appRecsFor` what tildel answered, and `answerAsReceiver` lets the GP's
 * system answer a message tildel sent.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { importJWK, jwtVerify, type JWK } from 'jose';
import { listenStandIn, type StandIn, type StandInOptions } from '../standIn.ts';
import { assertionAudience } from './helseid.ts';
import type { AppRecStatus, PostAppRecRequest } from './msh.ts';
import { appRecXml } from './ploBuild.ts';
import { at, attr, list, text } from './ploParse.ts';
import { checkRequest } from './standInApi.ts';
import { validatePloXml } from './xsd.ts';
import { XMLParser } from 'fast-xml-parser';

export interface NhnStandInOptions extends StandInOptions {
  readonly clientId: string;
  readonly scope: string;
  /** The client's public key: client assertions must verify against it. */
  readonly publicJwk: JWK;
}

export interface StoredMessage {
  readonly id: string;
  readonly msgId: string;
  readonly type: string;
  readonly senderHerId: number;
  readonly receiverHerId: number;
  readonly xml: string;
  readonly genDate: string;
  readonly isAppRec: boolean;
  readonly postedByClient: boolean;
  read: boolean;
  /** The receiver's application receipt, once given (the first one counts). */
  appRec: { status: AppRecStatus; errors: { errorCode: string; details: string }[]; xml: string } | null;
  appRecAttempts: number;
}

export interface NhnStandIn extends StandIn {
  /** What to configure in tildel: the message service's base address and HelseID's token endpoint. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Delivers a business document to a HER-id as the sender would (validated unless `validate: false`); returns the service's id. */
  postIncoming(xml: string, route: { senderHerId: number; receiverHerId: number; validate?: boolean }): Promise<string>;
  /** The messages tildel posted (not AppRecs). */
  sent(): readonly StoredMessage[];
  message(id: string): StoredMessage | undefined;
  /** The receiver's system answers a message tildel sent (the GP's AppRec). */
  answerAsReceiver(id: string, status: AppRecStatus, errors?: { errorCode: string; details: string }[]): Promise<void>;
  /** Requests refused so far, with the reasons. */
  refusals(): readonly string[];
  tokensIssued(): number;
}

class Refused extends Error {
  constructor(readonly status: number, message: string, readonly validationErrors: readonly string[] = []) {
    super(message);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, isArray: (n) => n === 'Ident' });

function herOf(org: unknown): number | null {
  const ident = list(at(org, 'Ident')).find((i) => attr(at(i, 'TypeId'), 'V') === 'HER');
  const id = text(at(ident, 'Id'));
  return id && /^\d+$/.test(id) ? Number(id) : null;
}

/** The routing facts of a MsgHead: its id, type, sender and receiver HER-ids (the most specific given). */
function routing(xml: string): { msgId: string; type: string; sender: number | null; receiver: number | null; genDate: string } {
  const info = at(parser.parse(xml), 'MsgHead', 'MsgInfo');
  const sender = at(info, 'Sender', 'Organisation');
  const receiver = at(info, 'Receiver', 'Organisation');
  return {
    msgId: text(at(info, 'MsgId')) ?? randomUUID(),
    type: attr(at(info, 'Type'), 'V') ?? '',
    sender: herOf(at(sender, 'Organisation')) ?? herOf(sender),
    receiver: herOf(at(receiver, 'HealthcareProfessional')) ?? herOf(at(receiver, 'Organisation')) ?? herOf(receiver),
    genDate: text(at(info, 'GenDate')) ?? new Date().toISOString(),
  };
}

function errorBody(e: Refused) {
  return { error: e.message, errorCode: e.status, validationErrors: e.validationErrors.length ? e.validationErrors : null, stackTrace: null, requestId: randomUUID() };
}

interface State {
  readonly options: NhnStandInOptions;
  readonly messages: Map<string, StoredMessage>;
  readonly tokens: Set<string>;
  readonly seenJti: Set<string>;
  readonly refused: string[];
  readonly publicKey: Awaited<ReturnType<typeof importJWK>>;
  base: string;
}

/** A GenDate (local time without offset in the PLO examples) as an xs:dateTime with a zone. */
function isoTime(genDate: string): string {
  const d = new Date(/(Z|[+-]\d\d:\d\d)$/i.test(genDate) ? genDate : `${genDate}Z`);
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
}

function find(st: State, id: string): StoredMessage {
  const m = st.messages.get(id);
  if (!m) throw new Refused(404, `No message ${id}`);
  return m;
}

async function validated(xml: string): Promise<void> {
  const check = await validatePloXml(xml);
  if (!check.valid) throw new Refused(400, 'The business document does not validate against its schema', check.errors);
}

/** Stores a message for its receiver; the same MsgId from the same sender is the same message (the sender's idempotency key). */
function store(st: State, xml: string, route: { sender: number; receiver: number; byClient: boolean; isAppRec: boolean }): string {
  const r = routing(xml);
  const existing = [...st.messages.values()].find((m) => m.msgId === r.msgId && m.senderHerId === route.sender && !m.isAppRec);
  if (existing && !route.isAppRec) return existing.id;
  const id = randomUUID();
  st.messages.set(id, { id, msgId: r.msgId, type: r.type, senderHerId: route.sender, receiverHerId: route.receiver, xml, genDate: r.genDate, isAppRec: route.isAppRec, postedByClient: route.byClient, read: false, appRec: null, appRecAttempts: 0 });
  return id;
}

/** Writes the AppRec the message service sends for a received message (validated against AppRec 1.1); the first one counts. */
async function receipt(st: State, m: StoredMessage, from: number, body: PostAppRecRequest): Promise<void> {
  m.appRecAttempts += 1;
  if (m.appRec) return;
  if (body.appRecStatus === 'Rejected' && !body.appRecErrorList?.length) throw new Refused(400, 'AppRecErrorList must be given when the status is Rejected');
  const errors = (body.appRecErrorList ?? []).map((e) => ({ errorCode: e.errorCode ?? 'X99', details: e.details ?? '' }));
  const xml = appRecXml({
    id: randomUUID(),
    at: new Date(),
    sender: { name: `HER ${from}`, herId: String(from) },
    receiver: { name: `HER ${m.senderHerId}`, herId: String(m.senderHerId) },
    status: body.appRecStatus,
    errors: errors.map((e) => ({ code: e.errorCode, details: e.details || e.errorCode })),
    original: { msgType: m.type || 'XML', issueDate: isoTime(m.genDate), id: m.msgId },
  });
  await validated(xml);
  m.appRec = { status: body.appRecStatus, errors, xml };
  store(st, xml, { sender: from, receiver: m.senderHerId, byClient: false, isAppRec: true });
}

/** The token and the published API's parameters and body, for the operation at the document's path template. */
function guard(st: State, req: FastifyRequest, template: string): void {
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || !st.tokens.has(auth.slice(7))) throw new Refused(403, 'A valid HelseID access token is required');
  const problems = checkRequest(template, req.method, { params: req.params as Record<string, string>, query: req.query as Record<string, unknown>, headers: req.headers, body: req.body });
  if (problems.length) throw new Refused(400, "The request does not match the message service's API", problems);
}

/** HelseID's token endpoint: client credentials with a private_key_jwt client assertion. */
function tokenRoute(app: FastifyInstance, st: State): void {
  app.post('/connect/token', async (req) => {
    const form = (req.body ?? {}) as Record<string, string>;
    if (form.grant_type !== 'client_credentials') throw new Refused(400, 'unsupported_grant_type');
    if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || !form.client_assertion) throw new Refused(400, 'invalid_client: a private_key_jwt client assertion is required');
    try {
      const { payload } = await jwtVerify(form.client_assertion, st.publicKey, { issuer: st.options.clientId, subject: st.options.clientId, audience: assertionAudience(st.base), maxTokenAge: '120s' });
      if (!payload.jti || st.seenJti.has(payload.jti)) throw new Error('the assertion has no jti or was used before');
      st.seenJti.add(payload.jti);
    } catch (e) {
      throw new Refused(400, `invalid_client: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (form.scope !== st.options.scope) throw new Refused(400, `invalid_scope: ${form.scope ?? '(none)'}`);
    const token = randomUUID();
    st.tokens.add(token);
    return { access_token: token, token_type: 'Bearer', expires_in: 600, scope: st.options.scope };
  });
}

function sendRoutes(app: FastifyInstance, st: State): void {
  app.post('/Messages', async (req, reply) => {
    guard(st, req, '/Messages');
    const xml = Buffer.from((req.body as { businessDocument: string }).businessDocument, 'base64').toString('utf8');
    await validated(xml);
    const r = routing(xml);
    if (r.sender === null || r.receiver === null) throw new Refused(400, 'The business document names no sender or receiver HER-id');
    return reply.code(201).send(JSON.stringify(store(st, xml, { sender: r.sender, receiver: r.receiver, byClient: true, isAppRec: false })));
  });
  app.get('/Messages/:id/apprec', async (req) => {
    guard(st, req, '/Messages/{id}/apprec');
    const m = find(st, (req.params as { id: string }).id);
    return [{ receiverHerId: m.receiverHerId, appRecStatus: m.appRec?.status ?? null, appRecErrorList: m.appRec ? m.appRec.errors : null }];
  });
  app.get('/Messages/:id/status', async (req) => {
    guard(st, req, '/Messages/{id}/status');
    const m = find(st, (req.params as { id: string }).id);
    return [{ receiverHerId: m.receiverHerId, transportDeliveryState: 'Acknowledged', appRecStatus: m.appRec?.status ?? null }];
  });
}

function receiveRoutes(app: FastifyInstance, st: State): void {
  app.get('/Messages', async (req) => {
    guard(st, req, '/Messages');
    const q = req.query as Record<string, string>;
    const receivers = new Set(String(q.ReceiverHerIds).split(',').map(Number));
    const found = [...st.messages.values()].filter((m) => receivers.has(m.receiverHerId) && !m.read).slice(0, Number(q.MessagesToFetch ?? 10));
    const meta = String(q.IncludeMetadata) === 'true';
    return found.map((m) => ({ id: m.id, contentType: 'application/xml', receiverHerId: m.receiverHerId, ...(meta ? { senderHerId: m.senderHerId, businessDocumentId: m.msgId, businessDocumentGenDate: m.genDate, isAppRec: m.isAppRec } : {}) }));
  });
  app.get('/Messages/:id/business-document', async (req) => {
    guard(st, req, '/Messages/{id}/business-document');
    const m = find(st, (req.params as { id: string }).id);
    return { businessDocument: Buffer.from(m.xml, 'utf8').toString('base64'), contentType: 'application/xml', contentTransferEncoding: 'base64' };
  });
  app.post('/Messages/:id/apprec/:appRecSenderHerId', async (req, reply) => {
    guard(st, req, '/Messages/{id}/apprec/{appRecSenderHerId}');
    const p = req.params as { id: string; appRecSenderHerId: string };
    const m = find(st, p.id);
    if (m.receiverHerId !== Number(p.appRecSenderHerId)) throw new Refused(403, `HER-id ${p.appRecSenderHerId} did not receive message ${p.id}`);
    await receipt(st, m, Number(p.appRecSenderHerId), req.body as PostAppRecRequest);
    return reply.code(201).send();
  });
  app.put('/Messages/:id/read/:herId', async (req, reply) => {
    guard(st, req, '/Messages/{id}/read/{herId}');
    const p = req.params as { id: string; herId: string };
    const m = find(st, p.id);
    if (m.receiverHerId !== Number(p.herId)) throw new Refused(403, `HER-id ${p.herId} did not receive message ${p.id}`);
    m.read = true;
    return reply.code(204).send();
  });
}

export async function startNhnStandIn(options: NhnStandInOptions): Promise<NhnStandIn> {
  const app = Fastify({ logger: false });
  const publicKey = await importJWK(options.publicJwk, options.publicJwk.alg ?? (options.publicJwk.kty === 'EC' ? 'ES256' : 'RS256'));
  const st: State = { options, messages: new Map(), tokens: new Set(), seenJti: new Set(), refused: [], publicKey, base: '' };
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  app.setErrorHandler((error, _req, reply) => {
    const e = error instanceof Refused ? error : new Refused((error as { statusCode?: number }).statusCode ?? 500, error instanceof Error ? error.message : String(error));
    st.refused.push(`${e.status} ${e.message}${e.validationErrors.length ? `: ${e.validationErrors.join('; ')}` : ''}`);
    return reply.code(e.status).send(errorBody(e));
  });
  tokenRoute(app, st);
  sendRoutes(app, st);
  receiveRoutes(app, st);
  const address = await listenStandIn(app, options);
  st.base = address;
  return {
    name: 'nhn',
    url: address,
    baseUrl: address,
    tokenUrl: `${address}/connect/token`,
    async postIncoming(xml, route) {
      if (route.validate !== false) await validated(xml);
      return store(st, xml, { sender: route.senderHerId, receiver: route.receiverHerId, byClient: false, isAppRec: false });
    },
    sent: () => [...st.messages.values()].filter((m) => m.postedByClient),
    message: (id) => st.messages.get(id),
    answerAsReceiver: (id, status, errors = []) => {
      const m = find(st, id);
      return receipt(st, m, m.receiverHerId, { appRecStatus: status, appRecErrorList: errors });
    },
    refusals: () => [...st.refused],
    tokensIssued: () => st.tokens.size,
    close: () => app.close(),
  };
}
