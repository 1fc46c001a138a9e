/**
 * A stand-in for the population register's consumer API (spec/folkeregister/): the person look-up,
 * person documents by id, and the event feed, under the rettighetspakke Offentlig med hjemmel. It
 * checks every request as the register does: a Maskinporten token with the rettighetspakke's scope
 * (401 without), an 11-digit identifier (400), a known `part` (400), an Accept it serves (406: person
 * documents as application/xml, the feed as application/json), `seq` a whole number (400); errors are
 * `{kode, melding}`. Every person document it serves is validated against the published schema first.
 *
 * Tests add persons and events (a death, a move) and may make it stop answering.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { listenStandIn, type StandIn, type StandInOptions } from '../standIn.ts';
import { verifyMaskinportenToken } from '../maskinporten/index.ts';
import { API_PATH, FOLKEREGISTER_SCOPE, type FeedEntry } from './client.ts';
import { writePersonDocument, type RegisterPerson } from './personDocument.ts';
import { validatePersonXml, type EventType } from './xsd.ts';

export interface FolkeregisterStandInOptions extends StandInOptions {
  /** The Maskinporten issuer whose tokens it accepts (the Maskinporten stand-in's `issuer`). */
  readonly maskinportenIssuer: string;
}

export interface FolkeregisterStandIn extends StandIn {
  /** Adds (or replaces) a person in the register. */
  addPerson(person: RegisterPerson): void;
  /** Records an event on a person: the change is applied, a new person document made, and an entry added to the feed; returns its sequence number. */
  addEvent(nationalId: string, type: EventType, change: Partial<Omit<RegisterPerson, 'nationalId'>>): number;
  /** Makes the register answer 503 to everything (true) or answer again (false). */
  setUnavailable(down: boolean): void;
  /** The requests it has answered (method, path without the identifier, status). */
  readonly requests: () => readonly { method: string; path: string; status: number }[];
}

const PARTS = new Set(['person-basis', 'historikk', 'identitetsgrunnlag-utvidet', 'relasjon-utvidet', 'navn', 'bostedsadresse', 'adressebeskyttelse', 'doedsfall', 'identifikasjonsnummer', 'status']);

function refuse(reply: FastifyReply, status: number, kode: string, melding: string) {
  return reply.code(status).type('application/json').send({ kode, melding });
}

function accepts(request: FastifyRequest, type: string): boolean {
  const accept = request.headers.accept ?? type;
  return accept === '*/*' || accept.split(',').some((a) => a.trim().split(';')[0] === type);
}

export async function startFolkeregisterStandIn(options: FolkeregisterStandInOptions): Promise<FolkeregisterStandIn> {
  const persons = new Map<string, RegisterPerson>();
  const documents = new Map<string, RegisterPerson>();
  const feed: FeedEntry[] = [];
  const log: { method: string; path: string; status: number }[] = [];
  let down = false;
  const app = Fastify({ logger: false });

  app.addHook('onResponse', async (request, reply) => {
    log.push({ method: request.method, path: request.url.replace(/\d{11}/g, '{id}'), status: reply.statusCode });
  });
  app.addHook('onRequest', async (request, reply) => {
    if (down) return refuse(reply, 503, 'FREG-001', 'Feil i tjenesten. Vennligst prøv igjen seinere.');
    if (!(await verifyMaskinportenToken(options.maskinportenIssuer, request.headers.authorization, FOLKEREGISTER_SCOPE))) {
      return refuse(reply, 401, 'FREG-401', `Autentiseringsinformasjon mangler: a Maskinporten token with the scope ${FOLKEREGISTER_SCOPE}`);
    }
  });

  async function sendDocument(request: FastifyRequest, reply: FastifyReply, person: RegisterPerson | undefined) {
    if (!accepts(request, 'application/xml')) return refuse(reply, 406, 'FREG-406', 'The stand-in serves person documents as application/xml');
    if (!person) return refuse(reply, 404, 'FREG-404', 'Fant ikke person');
    const xml = writePersonDocument(person);
    const check = await validatePersonXml(xml);
    if (!check.valid) return refuse(reply, 500, 'FREG-500', `The stand-in made an invalid document: ${check.errors.join('; ')}`);
    return reply.type('application/xml').send(xml);
  }

  app.get<{ Params: { id: string }; Querystring: { part?: string | string[] } }>(`${API_PATH}/personer/:id`, async (request, reply) => {
    if (!/^\d{11}$/.test(request.params.id)) return refuse(reply, 400, 'FREG-400', 'folkeregisteridentifikator must be 11 digits');
    const parts = [request.query.part ?? []].flat();
    const unknown = parts.find((p) => !PARTS.has(p));
    if (unknown !== undefined) return refuse(reply, 400, 'FREG-400', `Unknown part: ${unknown}`);
    return sendDocument(request, reply, persons.get(request.params.id));
  });

  app.get<{ Params: { doc: string } }>(`${API_PATH}/personer/arkiv/:doc`, async (request, reply) => sendDocument(request, reply, documents.get(request.params.doc)));

  app.get<{ Querystring: { seq?: string } }>(`${API_PATH}/hendelser/feed`, async (request, reply) => {
    if (!accepts(request, 'application/json')) return refuse(reply, 406, 'FREG-406', 'The stand-in serves the feed as application/json');
    const seq = request.query.seq ?? '0';
    if (!/^\d{1,18}$/.test(seq)) return refuse(reply, 400, 'FREG-400', 'seq must be a whole number');
    const page = feed.filter((e) => e.sekvensnummer >= Number(seq)).slice(0, 1000);
    const etag = `"${seq}-${page.length}"`;
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('etag', etag).type('application/json').send(page);
  });

  app.get(`${API_PATH}/hendelser/siste/sekvensnummer`, async (request, reply) => {
    if (!accepts(request, 'application/json')) return refuse(reply, 406, 'FREG-406', 'The stand-in serves the latest sequence number as application/json');
    return reply.type('application/json').send(JSON.stringify(feed.length));
  });

  const url = await listenStandIn(app, options);

  function newDocument(p: RegisterPerson): string {
    const id = randomBytes(16).toString('hex');
    documents.set(id, p);
    return id;
  }

  return {
    name: 'folkeregister',
    url,
    close: () => app.close(),
    addPerson: (p) => {
      persons.set(p.nationalId, p);
    },
    addEvent: (nationalId, type, change) => {
      const before = persons.get(nationalId);
      if (!before) throw new Error('The stand-in has no such person');
      const after = { ...before, ...change };
      persons.set(nationalId, after);
      const sekvensnummer = feed.length + 1;
      feed.push({
        sekvensnummer,
        hendelse: { folkeregisteridentifikator: nationalId, hendelsetype: type, hendelsesdokument: randomBytes(16).toString('hex'), persondokument: newDocument(after), ajourholdstidspunkt: new Date().toISOString() },
      });
      return sekvensnummer;
    },
    setUnavailable: (d) => {
      down = d;
    },
    requests: () => log,
  };
}
