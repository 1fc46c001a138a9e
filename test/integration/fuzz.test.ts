/**
 * A bounded fuzzer over every operation of the OpenAPI document (issue 15, item 6b): for each path ×
 * method, a fixed number of requests generated from the operation's own schemas and then bent (see
 * test/helpers/openapiFuzz.ts), sent over real HTTP to the real server on a real PostgreSQL holding
 * a demo municipality, as an anonymous caller, a forged session, staff of several roles and an
 * applicant. The bar: no answer is a 5xx, every 4xx is problem+json with a title and a detail, and
 * the server still answers afterwards.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run test/integration/fuzz.test.ts.
 * Search wider with FUZZ_RUNS=<requests per operation> and FUZZ_BURSTS=<concurrent bursts per command>;
 * FUZZ_VERBOSE=1 prints the statuses each operation answered and what the database refused that a
 * schema should have.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.ts';
import { openapiDocument } from '../../src/http/openapiTypes.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { cleanRequestArbitrary, deeplyNested, operationsOf, requestArbitrary, type FuzzOperation, type FuzzPools, type FuzzRequest } from '../helpers/openapiFuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260215);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Requests in flight at once (the machine has two cores; the server and the fuzzer share one process). */
const PARALLEL = 4;
/** Bursts per command: the same clean command sent PARALLEL times at once. */
const BURSTS = Number(process.env.FUZZ_BURSTS ?? 3);
const MUNICIPALITY = 'solstad';
const STAFF: Record<string, string> = { caseworker: 'saksbehandler', provider: 'utforer', admin: 'admin', leader: 'leder' };
/** Who sends the requests, by weight: staff mostly, the applicant mostly on the applicant's routes. */
const STAFF_WEIGHTS: Record<string, number> = { caseworker: 4, admin: 3, provider: 2, leader: 2, citizen: 1, anonymous: 1, forged: 1 };
const CITIZEN_WEIGHTS: Record<string, number> = { citizen: 6, caseworker: 1, admin: 1, provider: 1, leader: 1, anonymous: 1, forged: 1 };
const principalsFor = (op: FuzzOperation) => Object.entries(op.path.includes('/citizen/') ? CITIZEN_WEIGHTS : STAFF_WEIGHTS).map(([name, weight]) => ({ name, weight }));
/** Operations that end the session they are sent with; the sessions are renewed after them. */
const ENDS_SESSIONS = new Set(['logout', 'citizenLogout']);
/**
 * Configuration commands that may change the fuzzer's own staff (roles, units, active) or end their
 * units: the organisation is put back as it was after each, and the sessions renewed, so later
 * operations are fuzzed as the same people.
 */
const CHANGES_ORGANISATION = new Set(['changeStaff', 'importStaff', 'mergeUnits', 'endUnit', 'addStaff']);

async function snapshotOrganisation(): Promise<void> {
  await db.owner.query('CREATE TABLE fuzz_staff AS SELECT municipality_id, id, roles, active FROM staff');
  await db.owner.query('CREATE TABLE fuzz_membership AS SELECT * FROM unit_membership');
  await db.owner.query('CREATE TABLE fuzz_unit AS SELECT municipality_id, id, valid_to, merged_into FROM org_unit');
}

async function restoreOrganisation(): Promise<void> {
  await db.owner.query('UPDATE staff s SET roles = f.roles, active = f.active FROM fuzz_staff f WHERE f.municipality_id = s.municipality_id AND f.id = s.id');
  await db.owner.query('DELETE FROM unit_membership');
  await db.owner.query('INSERT INTO unit_membership SELECT * FROM fuzz_membership');
  await db.owner.query('UPDATE org_unit u SET valid_to = f.valid_to, merged_into = f.merged_into FROM fuzz_unit f WHERE f.municipality_id = u.municipality_id AND f.id = u.id');
  await login();
}
/** Tables of objects with ids, and the fields (body, query, or path parameter by resource) that refer to them. */
const ID_FIELDS: Record<string, readonly string[]> = {
  district: ['districtId'],
  org_unit: ['unitId', 'providerUnitId', 'boardUnitId'],
  staff: ['staffId', 'ownerStaffId', 'serviceResponsibleStaffId', 'primaryContactStaffId', 'owner'],
  person: ['personId'],
  contact_person: ['contactPersonId'],
  case_file: ['caseId'],
  allocation_policy: ['policyId', 'a', 'b'],
  board_meeting: ['meetingId'],
  staff_absence: [],
  assessment: ['assessmentId'],
  criteria_set: ['criteriaSetId'],
  waiting_list_entry: [],
  letter: ['letterId'],
  provider_agreement: ['agreementId'],
  escalation: [],
};

const operations = operationsOf(await openapiDocument());

let db: Database;
let server: TestServer;
let pools: FuzzPools;
const sessions: Record<string, string | null> = {};

interface Failure {
  readonly operation: string;
  readonly seed: number;
  readonly request: string;
  readonly status: number | string;
  readonly body: string;
  readonly serverError?: string;
}
const failures: Failure[] = [];
/** How often each operation answered each status (FUZZ_VERBOSE=1 prints it: a fuzzer that only ever hears 400 tests little). */
const tally: Record<string, Record<string, number>> = {};

async function login(): Promise<void> {
  sessions.anonymous = null;
  sessions.forged = `forged-${'x'.repeat(60)}`;
  for (const [name, username] of Object.entries(STAFF)) sessions[name] = (await Client.login(server.url, MUNICIPALITY, username, 'demo')).token;
  const citizen = await new Client(server.url).post('/api/v1/citizen/test-login', { municipality: MUNICIPALITY, nationalId: nationalId('1944-04-04'), givenName: 'Fuzz', familyName: 'Søker' });
  if (citizen.status !== 200) throw new Error(`citizen login failed: ${citizen.status} ${JSON.stringify(citizen.body)}`);
  sessions.citizen = citizen.body.token;
}

/** Ids of objects that exist, in the municipality the staff belong to and a few in another one, by the fields that refer to them. */
async function existingIds(): Promise<{ all: string[]; byField: Record<string, string[]> }> {
  const all: string[] = [];
  const byField: Record<string, string[]> = {};
  for (const [table, fields] of Object.entries(ID_FIELDS)) {
    const { rows } = await db.owner.query<{ id: string }>(
      `(SELECT id::text FROM ${table} WHERE municipality_id = $1 ORDER BY id LIMIT 6) UNION ALL (SELECT id::text FROM ${table} WHERE municipality_id <> $1 ORDER BY id LIMIT 1)`,
      [MUNICIPALITY],
    );
    const ids = rows.map((r) => r.id);
    all.push(...ids);
    for (const field of fields) byField[field] = ids;
  }
  return { all, byField };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 31, asOf: new Date(), scale: 0.02 });
  server = await startServer(db);
  await login();
  await snapshotOrganisation();
  const ids = await existingIds();
  pools = {
    ids: ids.all,
    hints: {
      ...ids.byField,
      expectedVersion: [1, 2, 3, 4, 5, 6, 7, 8],
      municipality: [MUNICIPALITY, 'bladal', 'nowhere'],
      nationalId: [nationalId('1950-05-05'), nationalId('2001-12-24'), '01010112345'],
    },
  };
}, 180_000);

afterAll(async () => {
  if (process.env.FUZZ_VERBOSE) console.log(Object.entries(tally).map(([op, counts]) => `${op}: ${Object.entries(counts).map(([status, n]) => `${status}×${n}`).join(' ')}`).join('\n'));
  if (process.env.FUZZ_VERBOSE) console.log(`refused by the database, not by a schema:\n${server.logs.filter((l) => l.includes('the database refused the input')).join('')}`);
  if (failures.length > 0) console.log(`fuzz failures (FUZZ_SEED=${SEED}):\n${failures.map(describeFailure).join('\n')}`);
  await server?.close();
  await db?.close();
});

function describeFailure(f: Failure): string {
  return `${f.operation} [seed ${f.seed}] ${f.request} -> ${f.status} ${f.body}${f.serverError ? `\n    server: ${f.serverError}` : ''}`;
}

const cut = (text: string | undefined, n = 300) => (text === undefined ? '' : text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

/** The seed of one operation: the run's seed and the operation's name, so adding an operation changes no other's requests. */
function seedOf(op: FuzzOperation): number {
  let h = SEED | 0;
  for (const c of op.id) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

function authHeaders(request: FuzzRequest): Record<string, string> {
  const token = sessions[request.principal];
  if (!token) return {};
  if (!request.viaCookie) return { authorization: `Bearer ${token}` };
  return { cookie: `${request.principal === 'citizen' ? 'tildel_citizen' : 'tildel_session'}=${encodeURIComponent(token)}` };
}

/** What is wrong with the answer, or null. */
function fault(status: number, contentType: string, text: string): string | null {
  if (status >= 500) return 'server error';
  if (status < 400) return null;
  if (!contentType.startsWith('application/problem+json')) return `a ${status} that is not problem+json (${contentType || 'no content type'})`;
  try {
    const problem = JSON.parse(text) as { title?: unknown; detail?: unknown };
    if (typeof problem.title !== 'string' || !problem.title || typeof problem.detail !== 'string' || !problem.detail) return 'a problem without a title and a detail';
  } catch {
    return 'a problem body that is not JSON';
  }
  return null;
}

/** The error the server logged for the request, if it logged one. */
function serverErrorFor(requestId: string | null): string | undefined {
  if (!requestId) return undefined;
  const line = server.logs.find((l) => l.includes(requestId) && l.includes('"err"'));
  if (!line) return undefined;
  const err = (JSON.parse(line) as { err?: { type?: string; message?: string; stack?: string } }).err;
  return cut(`${err?.type}: ${err?.message} ${err?.stack?.split('\n').slice(1, 4).join(' | ') ?? ''}`, 600);
}

async function send(op: FuzzOperation, seed: number, request: FuzzRequest): Promise<Failure | null> {
  const described = `${request.principal}${request.viaCookie ? ' (cookie)' : ''} ${request.method} ${cut(request.url, 200)} headers=${JSON.stringify(request.headers)} body=${cut(request.body, 200)}`;
  try {
    const response = await fetch(`${server.url}${request.url}`, {
      method: request.method,
      headers: { ...request.headers, ...authHeaders(request) },
      body: request.body ?? null,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const counts = (tally[op.id] ??= {});
    counts[response.status] = (counts[response.status] ?? 0) + 1;
    const wrong = fault(response.status, response.headers.get('content-type') ?? '', text);
    if (!wrong) return null;
    return { operation: op.id, seed, request: described, status: `${response.status} (${wrong})`, body: cut(text), serverError: serverErrorFor(response.headers.get('x-request-id')) };
  } catch (error) {
    return { operation: op.id, seed, request: described, status: 'no answer', body: String(error) };
  }
}

/**
 * A double click: the same command sent several times at once, each with its own Idempotency-Key
 * (a race on a unique constraint must answer 409, not 500).
 */
async function bursts(op: FuzzOperation, seed: number): Promise<Failure[]> {
  const found: Failure[] = [];
  for (const [n, request] of fc.sample(cleanRequestArbitrary(op, pools, principalsFor(op)), { seed: seed + 1, numRuns: BURSTS }).entries()) {
    const copies = Array.from({ length: PARALLEL }, (_, i) => ({ ...request, headers: { ...request.headers, 'idempotency-key': `burst-${seed}-${n}-${i}` } }));
    const answers = await Promise.all(copies.map((copy) => send(op, seed, copy)));
    found.push(...answers.filter((a): a is Failure => a !== null).map((a) => ({ ...a, request: `burst of ${PARALLEL}: ${a.request}` })));
  }
  return found;
}

describe('the fuzzer over the OpenAPI document', () => {
  it('covers every operation the server publishes', async () => {
    const published = operationsOf((await new Client(server.url).get('/openapi.json')).body);
    expect(published.map((o) => `${o.method} ${o.path}`).sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
    expect(operations.length).toBeGreaterThan(50);
  });

  for (const op of operations) {
    it(`answers ${op.method} ${op.path} (${op.id}) without a 5xx, and every 4xx as problem+json`, async () => {
      const seed = seedOf(op);
      const requests = fc.sample(requestArbitrary(op, pools, principalsFor(op)), { seed, numRuns: RUNS });
      const found: Failure[] = [];
      for (let i = 0; i < requests.length; i += PARALLEL) {
        const answers = await Promise.all(requests.slice(i, i + PARALLEL).map((r) => send(op, seed, r)));
        found.push(...answers.filter((a): a is Failure => a !== null));
      }
      if (op.command) found.push(...(await bursts(op, seed)));
      failures.push(...found);
      if (ENDS_SESSIONS.has(op.id)) await login();
      if (CHANGES_ORGANISATION.has(op.id)) await restoreOrganisation();
      expect(found.map(describeFailure), `FUZZ_SEED=${SEED} (operation seed ${seed})`).toEqual([]);
    }, 90_000);
  }

  it('still answers afterwards: health, readiness and a logged-in read', async () => {
    const anyone = new Client(server.url);
    expect((await anyone.get('/health/live')).status).toBe(200);
    expect((await anyone.get('/health/ready')).body).toMatchObject({ status: 'ready' });
    await login();
    expect((await new Client(server.url, sessions.admin ?? null).get('/api/v1/me')).status).toBe(200);
  });
});

/** Each thing the fuzzer found, pinned down so it stays fixed whatever the seed draws. */
describe('what the fuzzer found', () => {
  const raw = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${sessions.caseworker}`, ...init.headers } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as { title: string; detail: string; errors?: { field: string }[] } };
  };

  it('answers a request line over the size limit, a malformed URL and an overlong id as problem+json', async () => {
    for (const [path, status] of [[`/api/v1/cases?x=${'y'.repeat(20_000)}`, 431], ['/api/v1/cases/%', 400], [`/api/v1/cases/${'x'.repeat(500)}`, 414]] as const) {
      const r = await raw(path);
      expect([r.status, r.type]).toEqual([status, expect.stringContaining('application/problem+json')]);
      expect(r.body.detail).toBeTruthy();
    }
  });

  it('refuses a body nested far too deep with 400, before anything walks it recursively', async () => {
    const r = await raw('/api/v1/persons/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: deeplyNested(100_000, '[', ']') });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('nested more than');
  });

  it('refuses a person in a district of another municipality with 400 naming districtId', async () => {
    const { rows } = await db.owner.query<{ id: string }>(`SELECT id FROM district WHERE municipality_id <> $1 LIMIT 1`, [MUNICIPALITY]);
    const r = await raw('/api/v1/persons', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ nationalId: nationalId('1939-09-09'), givenName: 'Feil', familyName: 'Bydel', districtId: rows[0]?.id }),
    });
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.field)).toEqual(['districtId']);
  });

  it('answers the same catalogue version sent four times at once with one 201 and otherwise 409', async () => {
    const body = JSON.stringify({ effectiveFrom: '2031-01-01', services: {}, note: 'Dobbeltklikk' });
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () => fetch(`${server.url}/api/v1/service-catalogue`, { method: 'POST', headers: { authorization: `Bearer ${sessions.admin}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body }).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([201, 409, 409, 409]);
  });
});
