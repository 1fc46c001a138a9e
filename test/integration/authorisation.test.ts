/**
 * Authorisation per endpoint and role. The list of endpoints comes from the served OpenAPI
 * document, so a new route without a login check shows up here as a failure.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { ensureSystemStaff } from '../../src/store/org.ts';
import { inTenant } from '../../src/store/tx.ts';

const env = useTestEnvironment();
let m: TestMunicipality;

const PUBLIC = new Set([
  'POST /api/v1/auth/login',
  'GET /api/v1/municipalities',
  'GET /api/v1/services',
  'GET /health/live',
  'GET /health/ready',
  // The applicant's channel: logging in and out; its other routes need an applicant session (401 without).
  'POST /api/v1/citizen/test-login',
  'GET /api/v1/citizen/test-identity',
  'POST /api/v1/citizen/logout',
  // Logins through an identity provider (staff, and applicants through ID-porten): start, callback, and which logins exist.
  'GET /api/v1/auth/methods',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  'GET /api/v1/citizen/idporten/start',
  'GET /api/v1/citizen/idporten/callback',
]);

beforeAll(async () => {
  m = await createMunicipality(env.db);
});

async function endpoints(): Promise<string[]> {
  const doc = (await new Client(env.server.url).get('/openapi.json')).body;
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('login', () => {
  it('refuses a wrong password or unknown user with the same answer', async () => {
    const anon = new Client(env.server.url);
    const wrong = await anon.post('/api/v1/auth/login', { municipality: m.id, username: 'caseworker', password: 'nope' });
    const unknown = await anon.post('/api/v1/auth/login', { municipality: m.id, username: 'nobody', password: 'nope' });
    const noTown = await anon.post('/api/v1/auth/login', { municipality: 'atlantis', username: 'caseworker', password: 'nope' });
    for (const r of [wrong, unknown, noTown]) {
      expect(r.status).toBe(401);
      expect(r.body.detail).toBe('Unknown municipality, username or password.');
    }
  });

  it('ends the session on logout', async () => {
    const c = await Client.login(env.server.url, m.id, 'caseworker');
    expect((await c.get('/api/v1/me')).body).toMatchObject({ municipalityId: m.id, staffId: m.staff.caseworker, roles: ['caseworker'] });
    expect((await c.post('/api/v1/auth/logout', undefined)).status).toBe(204);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('accepts the session cookie the login sets', async () => {
    const r = await new Client(env.server.url).post('/api/v1/auth/login', { municipality: m.id, username: 'caseworker', password: 'test-password' });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    const me = await new Client(env.server.url).request('GET', '/api/v1/me', undefined, { cookie: cookie.split(';')[0]! });
    expect(me.status).toBe(200);
  });
});

describe('every private endpoint needs a login', () => {
  it('lists the endpoints it checks', async () => {
    const all = await endpoints();
    expect(all).toContain('POST /api/v1/cases/{id}/actions');
    expect(all.length).toBeGreaterThan(15);
  });

  it('answers 401 problem+json without a token, and with a made-up token', async () => {
    for (const endpoint of await endpoints()) {
      if (PUBLIC.has(endpoint)) continue;
      const [method, template] = endpoint.split(' ') as [string, string];
      const path = template.replace('{id}', randomUUID());
      for (const client of [new Client(env.server.url), new Client(env.server.url, 'made-up-token')]) {
        const r = await client.request(method, path, method === 'POST' ? {} : undefined, { 'idempotency-key': randomUUID() });
        expect(r.status, endpoint).toBe(401);
        expect(r.body.type, endpoint).toBe('urn:tildel:problem:unauthenticated');
      }
    }
  });
});

describe('roles', () => {
  it('lets the intake register requests, and without a policy that gives it to the delivering units not provider staff, leaders or admins', async () => {
    const caseworker = await Client.login(env.server.url, m.id, 'caseworker');
    const person = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Rolle', familyName: 'Test' });
    const body = { personId: person.body.id, serviceCode: 'day_centre', channel: 'self', receivedOn: '2026-10-10', description: 'Dagsenter' };
    const expected: Record<string, number> = { caseworker: 201, provider: 403, teamleader: 201, leader: 403, admin: 403 };
    for (const [username, status] of Object.entries(expected)) {
      const client = await Client.login(env.server.url, m.id, username);
      const r = await client.command('/api/v1/cases', body);
      expect(r.status, username).toBe(status);
      if (username === 'leader' || username === 'provider') expect(r.body.detail).toContain('caseworker');
      if (username === 'admin') expect(r.body.detail).toContain('personal data');
    }
  });

  it('shows each role the actions it may take on the same case, a leader only for a stated purpose, and no case at all to an admin', async () => {
    const caseworker = await Client.login(env.server.url, m.id, 'caseworker');
    const person = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Rolle', familyName: 'Test' });
    const opened = await caseworker.command('/api/v1/cases', { personId: person.body.id, serviceCode: 'respite', channel: 'self', receivedOn: '2026-10-10', description: 'x' });
    const leader = await Client.login(env.server.url, m.id, 'leader');
    const admin = await Client.login(env.server.url, m.id, 'admin');
    // A leader sees aggregates; a person's case only for quality assurance or a complaint (access by need).
    const unstated = await leader.get(`/api/v1/cases/${opened.body.id}`);
    expect(unstated.status).toBe(403);
    expect(unstated.body.rule).toBe('no_need');
    const forQuality = await leader.request('GET', `/api/v1/cases/${opened.body.id}`, undefined, { 'tildel-purpose': 'quality_assurance' });
    expect(forQuality.body.allowedActions).toEqual(['case_routed', 'owner_assigned', 'note_added', 'entry_corrected']);
    expect((await admin.get(`/api/v1/cases/${opened.body.id}`)).status).toBe(403);
    expect((await admin.get('/api/v1/cases')).status).toBe(403);
  });

  it('opens the reports on how requests were answered and on change reports per provider to the roles that steer, and no one else', async () => {
    const expected: Record<string, { outcomes: number; balance: number }> = {
      caseworker: { outcomes: 403, balance: 200 },
      teamleader: { outcomes: 200, balance: 200 },
      leader: { outcomes: 200, balance: 200 },
      provider: { outcomes: 403, balance: 403 },
      admin: { outcomes: 403, balance: 403 },
    };
    for (const [username, want] of Object.entries(expected)) {
      const client = await Client.login(env.server.url, m.id, username);
      expect((await client.get('/api/v1/reports/request-outcomes')).status, `${username} outcomes`).toBe(want.outcomes);
      expect((await client.get('/api/v1/reports/change-reports/by-provider')).status, `${username} balance`).toBe(want.balance);
    }
  });

  it('lets only the allocation office offer a vacated place, and nobody log in as the system member that records the rules’ findings', async () => {
    for (const username of ['provider', 'leader', 'admin']) {
      const client = await Client.login(env.server.url, m.id, username);
      const r = await client.command('/api/v1/waiting-lists/offers', { caseId: randomUUID(), placeType: 'long_term_stay', answerBy: '2099-01-01', reason: 'x' });
      expect(r.status, username).toBe(403);
    }
    // The member exists once a rule has run; it has no password, and the database refuses one.
    const systemId = await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, (tx) => ensureSystemStaff(tx));
    await expect(env.db.owner.query("UPDATE staff SET password_hash = 'scrypt$1$1$1$x$y' WHERE id = $1", [systemId])).rejects.toThrow(/staff_system_has_no_password/);
    const anon = new Client(env.server.url);
    const system = await anon.post('/api/v1/auth/login', { municipality: m.id, username: 'tildel-system', password: '' });
    expect(system.status).toBe(400);
    const guessed = await anon.post('/api/v1/auth/login', { municipality: m.id, username: 'tildel-system', password: 'anything' });
    expect(guessed.status).toBe(401);
  });
});
