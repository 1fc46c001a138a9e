/**
 * The edges of the server (issue 15, item 4), over real HTTP: logins are slowed per address and a name
 * is locked after repeated failures, an unknown name is refused as slowly as a wrong password,
 * control characters are refused before anything runs, every error is problem+json, and personal data
 * is never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_FAILURES } from '../../src/app/auth.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';
import { decisionAction } from '../helpers/decisions.ts';
import type { Database } from '../../src/store/database.ts';

let db: Database;
let server: TestServer;
/** A server with the production-like limit of logins per address (the other tests log in often). */
let limited: TestServer;
let m: TestMunicipality;
const LIMIT = 12;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer(db);
  limited = await startServer(db, undefined, { loginsPerMinute: LIMIT });
  m = await createMunicipality(db);
});

afterAll(async () => {
  await server?.close();
  await limited?.close();
  await db?.close();
});

const login = (username: string, password: string, on: TestServer = server) =>
  fetch(`${on.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ municipality: m.id, username, password }) });

describe('logins', () => {
  it('lock a name after repeated failures, also for the right password, and leave other names alone', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i += 1) expect((await login('leader', 'wrong')).status).toBe(401);
    const locked = await login('leader', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    expect(((await locked.json()) as { detail: string }).detail).toContain('Too many failed logins for this name');
    expect((await login('admin', PASSWORD)).status).toBe(200);
  });

  it('refuse an unknown name about as slowly as a wrong password (no telling which names exist)', async () => {
    const time = async (username: string) => {
      const started = performance.now();
      expect((await login(username, 'not-the-password')).status).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      known.push(await time('teamleader'));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] as number;
    // Both run the password hash (tens of milliseconds); an answer without it would take about a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
  });

  it('are slowed per client after a burst', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i += 1) statuses.push((await login(`spray-${i}`, 'x', limited)).status);
    expect(statuses.slice(0, LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
  });
});

describe('the access log', () => {
  it('keeps refused attempts: who tried what, and why it was refused', async () => {
    const caseworker = await Client.login(server.url, m.id, 'caseworker');
    const refused = await caseworker.command('/api/v1/policies', { effectiveFrom: '2099-01-01', template: 'integrated' });
    expect(refused.status).toBe(403);
    const { rows } = await db.owner.query(`SELECT operation, resource, request_id FROM audit_event WHERE municipality_id = $1 AND staff_id = $2 AND operation = 'refused'`, [m.id, m.staff.caseworker]);
    expect(rows).toEqual([expect.objectContaining({ operation: 'refused', resource: expect.stringMatching(/^POST \/api\/v1\/policies: /), request_id: refused.headers.get('x-request-id') })]);
  });
});

describe('sessions', () => {
  it('end when unused for longer than the idle limit, whatever their absolute expiry', async () => {
    const caseworker = await Client.login(server.url, m.id, 'caseworker');
    expect((await caseworker.get('/api/v1/me')).status).toBe(200);
    // As if the last use were 31 minutes ago (the default limit is 30).
    await db.owner.query("UPDATE login_session SET last_seen_at = now() - interval '31 minutes' WHERE staff_id = $1", [m.staff.caseworker]);
    const idle = await caseworker.get('/api/v1/me');
    expect(idle.status).toBe(401);
    expect(idle.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('requests', () => {
  it('refuse a NUL or another control character in any text field, naming it, before anything is written', async () => {
    const caseworker = await Client.login(server.url, m.id, 'caseworker');
    const before = (await db.owner.query('SELECT count(*)::int AS n FROM person')).rows[0].n;
    const r = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Ola\u0000', familyName: 'Nordmann' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors).toEqual([{ field: 'givenName', message: expect.stringContaining('control character'), code: 'control_character' }]);
    expect(r.body.code).toBe('validation');
    expect((await db.owner.query('SELECT count(*)::int AS n FROM person')).rows[0].n).toBe(before);
    // Line breaks and tabs are ordinary text.
    const ok = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Kari', familyName: 'Nordmann' });
    expect(ok.status).toBe(201);
    const note = await caseworker.get('/api/v1/persons?q=Kari%07');
    expect(note.status).toBe(400);
    expect(note.body.errors[0].field).toBe('query.q');
  });

  it('answer a route that does not exist with problem+json, and never let personal data be cached', async () => {
    // Without a login nothing is told, not even which routes exist.
    const anonymous = await fetch(`${server.url}/api/v1/no-such-thing`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const caseworker = await Client.login(server.url, m.id, 'caseworker');
    const missing = await caseworker.get('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ type: 'urn:tildel:problem:not-found', code: 'not-found', status: 404, detail: 'There is no GET /api/v1/no-such-thing.' });
    const me = await caseworker.get('/api/v1/me');
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('send the security headers on every answer: a CSP that loads only the site’s own scripts, no framing, no sniffing', async () => {
    for (const path of ['/api/v1/municipalities', '/', '/docs/']) {
      const r = await fetch(`${server.url}${path}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
    }
  });
});

describe('field problems', () => {
  it('carry a stable code and its facts, so the client can say them in the user’s language', async () => {
    const caseworker = await Client.login(server.url, m.id, 'caseworker', PASSWORD);
    const short = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: '', familyName: 'Kort' });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('validation');
    expect(short.body.errors).toContainEqual(expect.objectContaining({ field: 'givenName', code: 'too_small', params: expect.objectContaining({ minimum: 1 }) }));
    const wrongType = await caseworker.command('/api/v1/persons', { nationalId: 12345678901, givenName: 'A', familyName: 'B' });
    expect(wrongType.body.errors).toContainEqual(expect.objectContaining({ field: 'nationalId', code: 'invalid_type', params: expect.objectContaining({ expected: 'string' }) }));
    // A field left out is told apart from one of the wrong type: the client says "required".
    const left = await caseworker.command('/api/v1/persons', { givenName: 'A', familyName: 'B' });
    expect(left.body.errors).toContainEqual(expect.objectContaining({ field: 'nationalId', code: 'invalid_type', params: expect.objectContaining({ missing: true }) }));
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Regel', familyName: 'Sjekk' })).body;
    const c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-11-20', description: 'Søknad' })).body;
    const started = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    // A decision without a completed assessment (and no reason to go without) breaks a rule: the code says so, and the citation is its fact.
    const ruled = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: started.version, action: decisionAction('practical_help') });
    expect(ruled.status).toBe(400);
    expect(ruled.body.code).toBe('validation');
    const rule = ruled.body.errors.find((e: { code: string }) => e.code === 'rule');
    expect(rule?.params?.citation, JSON.stringify(ruled.body)).toMatch(/§/);
    const unknownCase = await caseworker.command('/api/v1/cases', { personId: '00000000-0000-4000-8000-000000000000', serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-11-20', description: 'x' });
    expect(unknownCase.body.errors).toContainEqual(expect.objectContaining({ field: 'personId', code: 'invalid' }));
  });
});

describe('problem codes', () => {
  it('give every refusal a stable top-level code the client says in the user’s language', async () => {
    const anonymous = await fetch(`${server.url}/api/v1/me`);
    expect(((await anonymous.json()) as { code?: string }).code).toBe('unauthenticated');
    const caseworker = await Client.login(server.url, m.id, 'caseworker', PASSWORD);
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Kode', familyName: 'Sjekk' })).body;
    const c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-11-20', description: 'Søknad' })).body;
    // A decision on a request not yet assessed: refused by the transition table, naming what is allowed now.
    const early = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('practical_help') });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'transition-not-allowed', allowedActions: expect.arrayContaining(['assessment_started']) });
    const stale = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version + 5, action: { type: 'assessment_started', payload: {} } });
    expect(stale.body).toMatchObject({ status: 409, code: 'stale-version' });
    const missing = await caseworker.get('/api/v1/cases/00000000-0000-4000-8000-000000000000');
    expect(missing.body).toMatchObject({ status: 404, code: 'not-found' });
  });
});
