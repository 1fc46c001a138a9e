/**
 * Logins through a real OpenID Connect provider (oidc-provider, in this process): a staff member
 * through the municipality's provider and an applicant through ID-porten's profile, end to end over
 * HTTP (start → the provider's login form → callback → session cookie → /me). And the refusals: an
 * expired ID token, a wrong audience, a forged signature, a replayed callback and a replayed code,
 * a state that is not the browser's, an unknown subject (recorded), too low a level of assurance,
 * and local passwords off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { startWithIdentityProvider, type AppWithIdentityProvider, type TestAccount } from '../helpers/oidcProvider.ts';

/** A browser's cookies, per host and port (enough for one app and one provider on 127.0.0.1). */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...value] = pair.trim().split('=');
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, value.join('='));
    }
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }
}

/** One request as a browser makes it: the jar's cookies out, its Set-Cookie in, no redirects followed. */
async function visit(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) } });
  jar.store(url, response);
  return response;
}

/** Follows redirects until one leads to `stop` (returned, not visited) or a page answers. */
async function follow(jar: CookieJar, start: URL, stop: (url: URL) => boolean): Promise<{ url: URL; response: Response | null }> {
  let url = start;
  for (let hops = 0; hops < 10; hops += 1) {
    if (stop(url)) return { url, response: null };
    const response = await visit(jar, url);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url, response };
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

let db: Database;
let app: AppWithIdentityProvider;
let m: TestMunicipality;
const pid = nationalId('1950-06-01');
const lowPid = nationalId('1951-07-02');

const ACCOUNTS: Record<string, TestAccount> = {
  'entra-ola': { claims: { preferred_username: 'caseworker', name: 'Ola Saksbehandler' } },
  'entra-kari': { claims: { preferred_username: 'leader', name: 'Kari Leder' } },
  'entra-stranger': { claims: { preferred_username: 'nobody-here', name: 'Ukjent Person' } },
  'entra-imposter': { claims: { preferred_username: 'caseworker', name: 'Samme navn, annen person' } },
  'idporten-ingrid': { claims: { pid }, acr: 'idporten-loa-substantial', amr: ['BankID'] },
  'idporten-low': { claims: { pid: lowPid }, acr: 'idporten-loa-low', amr: ['Passport'] },
};

beforeAll(async () => {
  db = await createTestDatabase();
  m = await createMunicipality(db);
  app = await startWithIdentityProvider(db, ACCOUNTS);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const STAFF_CALLBACK = (u: URL) => u.pathname === '/api/v1/auth/oidc/callback';
const CITIZEN_CALLBACK = (u: URL) => u.pathname === '/api/v1/citizen/idporten/callback';

/** Start → the provider → its login form, signed in as `account` → the callback URL (not yet visited). */
async function throughProvider(jar: CookieJar, startPath: string, account: string, isCallback: (u: URL) => boolean): Promise<URL> {
  const toForm = await follow(jar, new URL(startPath, app.url), isCallback);
  expect(toForm.response?.status, 'the login form').toBe(200);
  expect(await toForm.response?.text()).toContain('<form method="post"');
  const posted = await visit(jar, toForm.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login: account, password: 'whatever' }).toString() });
  expect(posted.status).toBe(303);
  const back = await follow(jar, new URL(posted.headers.get('location') as string, toForm.url), isCallback);
  expect(back.response, 'the provider sent the browser back').toBeNull();
  return back.url;
}

async function staffCallback(account: string, jar = new CookieJar()): Promise<{ jar: CookieJar; callback: URL }> {
  const callback = await throughProvider(jar, `/api/v1/auth/oidc/start?municipality=${m.id}`, account, STAFF_CALLBACK);
  return { jar, callback };
}

async function problem(response: Response, status: number): Promise<{ type: string; detail: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.getSetCookie().some((c) => /^tildel_(session|citizen)=[^;]/.test(c))).toBe(false);
  return (await response.json()) as { type: string; detail: string };
}

describe('staff login through the identity provider', () => {
  it('logs in end to end: the provider’s form, the callback sets the session cookie, and /me knows the staff member', async () => {
    const start = await visit(new CookieJar(), new URL(`/api/v1/auth/oidc/start?municipality=${m.id}`, app.url));
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get('location') as string);
    expect(to.origin).toBe(app.idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ response_type: 'code', code_challenge_method: 'S256', client_id: 'tildel-staff', scope: 'openid profile' });
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(start.headers.getSetCookie()[0]).toMatch(/^tildel_oidc_state=[^;]+; Path=\/api\/v1\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/);

    const { jar, callback } = await staffCallback('entra-ola');
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(app.idp.issuer);
    const done = await visit(jar, callback);
    expect(done.status, await done.clone().text()).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    expect(done.headers.getSetCookie().find((c) => c.startsWith('tildel_session='))).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(jar.get(app.url, 'tildel_oidc_state')).toBeUndefined();

    const me = await visit(jar, new URL('/api/v1/me', app.url));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ municipalityId: m.id, staffId: m.staff.caseworker, username: 'caseworker', roles: ['caseworker'] });

    // The same kind of session as the local login: its token works as a bearer token too, and it is stored hashed.
    const token = jar.get(app.url, 'tildel_session') as string;
    expect((await new Client(app.url, token).get('/api/v1/me')).body.username).toBe('caseworker');
    const stored = await db.owner.query('SELECT token_hash FROM login_session WHERE staff_id = $1', [m.staff.caseworker]);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);

    // The first login bound the provider's subject to the staff member.
    const bound = await db.owner.query('SELECT oidc_subject FROM staff WHERE municipality_id = $1 AND id = $2', [m.id, m.staff.caseworker]);
    expect(bound.rows[0].oidc_subject).toBe('entra-ola');
  });

  it('refuses a username claim bound to another subject (recorded), and logs in the bound subject again', async () => {
    const { jar, callback } = await staffCallback('entra-imposter');
    const refused = await problem(await visit(jar, callback), 403);
    expect(refused.type).toBe('urn:tildel:problem:forbidden');

    const again = await staffCallback('entra-ola');
    expect((await visit(again.jar, again.callback)).status).toBe(303);
    expect(again.jar.get(app.url, 'tildel_session')).toBeTruthy();
  });

  it('refuses an unknown subject with 403 problem+json and records the refusal', async () => {
    const { jar, callback } = await staffCallback('entra-stranger');
    const refused = await problem(await visit(jar, callback), 403);
    expect(refused.detail).toMatch(/not an active staff member/);
    const recorded = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => tx.query('SELECT audience, issuer, subject, reason FROM login_refusal ORDER BY at'));
    expect(recorded.rows).toEqual(
      expect.arrayContaining([
        { audience: 'staff', issuer: app.idp.issuer, subject: 'entra-stranger', reason: 'no staff member has this subject or username' },
        { audience: 'staff', issuer: app.idp.issuer, subject: 'entra-imposter', reason: 'the username is bound to another subject' },
      ]),
    );
  });

  it('refuses an inactive staff member', async () => {
    await db.owner.query('UPDATE staff SET active = false WHERE municipality_id = $1 AND id = $2', [m.id, m.staff.leader]);
    const { jar, callback } = await staffCallback('entra-kari');
    await problem(await visit(jar, callback), 403);
    await db.owner.query('UPDATE staff SET active = true WHERE municipality_id = $1 AND id = $2', [m.id, m.staff.leader]);
  });

  it('refuses a replayed callback: the same state and code a second time', async () => {
    const { jar, callback } = await staffCallback('entra-ola');
    const stateCookie = jar.get(app.url, 'tildel_oidc_state') as string;
    expect((await visit(jar, callback)).status).toBe(303);
    // An attacker who saw the redirect replays it with the victim's state cookie.
    const replay = new CookieJar();
    const replayed = await fetch(callback, { redirect: 'manual', headers: { cookie: `tildel_oidc_state=${stateCookie}` } });
    replay.store(callback, replayed);
    expect((await problem(replayed, 401)).detail).toMatch(/unknown, has expired or was already used/);
  });

  it('refuses a replayed code under a fresh login: the provider will not exchange it twice', async () => {
    const first = await staffCallback('entra-ola');
    expect((await visit(first.jar, first.callback)).status).toBe(303);
    const second = await staffCallback('entra-ola');
    const forged = new URL(second.callback);
    forged.searchParams.set('code', first.callback.searchParams.get('code') as string);
    expect((await problem(await visit(second.jar, forged), 401)).detail).toMatch(/refused the code \(invalid_grant\)/);
  });

  it('refuses a state that is not the one this browser started with', async () => {
    const { jar, callback } = await staffCallback('entra-ola');
    const other = new URL(callback);
    other.searchParams.set('state', 'not-the-state-of-this-browser');
    expect((await problem(await visit(jar, other), 401)).detail).toMatch(/not belong to a login started in this browser/);
    // Without the browser's state cookie (the callback opened in another browser).
    const elsewhere = await fetch(callback, { redirect: 'manual' });
    expect((await problem(elsewhere, 401)).detail).toMatch(/state/);
  });

  it('refuses an expired ID token, though signed by the provider', async () => {
    const now = Math.floor(Date.now() / 1000);
    app.idp.tamper((claims) => ({ ...claims, iat: now - 900, exp: now - 300 }));
    try {
      const { jar, callback } = await staffCallback('entra-ola');
      expect((await problem(await visit(jar, callback), 401)).detail).toMatch(/expired/);
    } finally {
      app.idp.tamper(null);
    }
  });

  it('refuses an ID token for another audience, though signed by the provider', async () => {
    app.idp.tamper((claims) => ({ ...claims, aud: 'another-client' }));
    try {
      const { jar, callback } = await staffCallback('entra-ola');
      expect((await problem(await visit(jar, callback), 401)).detail).toMatch(/"aud" claim is wrong/);
    } finally {
      app.idp.tamper(null);
    }
  });

  it('refuses an ID token whose signature is not the provider’s', async () => {
    app.idp.tamper((claims) => claims, { foreignKey: true });
    try {
      const { jar, callback } = await staffCallback('entra-ola');
      expect((await problem(await visit(jar, callback), 401)).detail).toMatch(/signature does not verify/);
    } finally {
      app.idp.tamper(null);
    }
  });

  it('refuses an ID token with another nonce', async () => {
    app.idp.tamper((claims) => ({ ...claims, nonce: 'from-another-login' }));
    try {
      const { jar, callback } = await staffCallback('entra-ola');
      expect((await problem(await visit(jar, callback), 401)).detail).toMatch(/nonce/);
    } finally {
      app.idp.tamper(null);
    }
  });

  it('has local passwords off where a provider is configured: the password login answers 403 problem+json', async () => {
    const r = await new Client(app.url).post('/api/v1/auth/login', { municipality: m.id, username: 'caseworker', password: 'test-password' });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body.detail).toMatch(/Local passwords are off/);
    expect((await new Client(app.url).get('/api/v1/auth/methods')).body).toEqual({ localPasswords: false, identityProvider: true, idporten: true, citizenTestLogin: false });
  });

  it('refuses to start a login for an unknown municipality', async () => {
    const r = await fetch(new URL('/api/v1/auth/oidc/start?municipality=atlantis', app.url), { redirect: 'manual' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('applicant login through ID-porten', () => {
  it('logs in with pid as the applicant, who applies and sees the case', async () => {
    const jar = new CookieJar();
    const callback = await throughProvider(jar, `/api/v1/citizen/idporten/start?municipality=${m.id}`, 'idporten-ingrid', CITIZEN_CALLBACK);
    const done = await visit(jar, callback);
    expect(done.status, await done.clone().text()).toBe(303);
    expect(done.headers.get('location')).toBe('/#/innbygger');
    const token = jar.get(app.url, 'tildel_citizen') as string;
    const me = await new Client(app.url, token).get('/api/v1/citizen/me');
    expect(me.body).toEqual({ municipalityId: m.id, displayName: 'Innbygger (ID-porten)', nationalIdMasked: `${pid.slice(0, 6)}*****`, method: 'idporten' });

    const citizen = new Client(app.url, token);
    const receipt = await citizen.command('/api/v1/citizen/applications', { applyFor: 'self', serviceCode: 'practical_help', description: 'Trenger hjelp til vask' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect((await citizen.get('/api/v1/citizen/cases')).body).toEqual([expect.objectContaining({ caseNumber: receipt.body.caseNumber, forWhom: 'self' })]);
    const person = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => tx.query('SELECT national_id FROM person p JOIN case_file c ON c.person_id = p.id AND c.municipality_id = p.municipality_id WHERE c.id = $1', [receipt.body.caseId]));
    expect(person.rows[0].national_id).toBe(pid);
    // The identity number never reaches the server's log.
    expect(app.logs.join('\n')).not.toContain(pid);
  });

  it('asks ID-porten for substantial assurance and refuses a lower level (recorded without the identity number)', async () => {
    const jar = new CookieJar();
    const start = await visit(jar, new URL(`/api/v1/citizen/idporten/start?municipality=${m.id}`, app.url));
    expect(new URL(start.headers.get('location') as string).searchParams.get('acr_values')).toBe('idporten-loa-substantial');
    const callback = await throughProvider(jar, `/api/v1/citizen/idporten/start?municipality=${m.id}`, 'idporten-low', CITIZEN_CALLBACK);
    expect((await problem(await visit(jar, callback), 403)).detail).toMatch(/level of assurance/);
    const recorded = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => tx.query("SELECT subject, reason FROM login_refusal WHERE audience = 'citizen'"));
    expect(recorded.rows).toEqual([{ subject: 'idporten-low', reason: expect.stringMatching(/level of assurance/) }]);
    expect(JSON.stringify(recorded.rows)).not.toContain(lowPid);
  });

  it('does not take a staff login’s state at the applicant’s callback', async () => {
    const { jar, callback } = await staffCallback('entra-ola');
    const state = jar.get(app.url, 'tildel_oidc_state') as string;
    const crossed = new URL(`/api/v1/citizen/idporten/callback${callback.search}`, app.url);
    const r = await fetch(crossed, { redirect: 'manual', headers: { cookie: `tildel_idporten_state=${state}` } });
    expect((await problem(r, 401)).detail).toMatch(/unknown, has expired or was already used/);
  });
});

describe('without identity providers', () => {
  it('answers 404 problem+json at the start, keeps local passwords on, and says so', async () => {
    const plain = await startServer(db);
    try {
      const r = await fetch(`${plain.url}/api/v1/auth/oidc/start?municipality=${m.id}`, { redirect: 'manual' });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await fetch(`${plain.url}/api/v1/citizen/idporten/start?municipality=${m.id}`, { redirect: 'manual' })).status).toBe(404);
      expect((await new Client(plain.url).get('/api/v1/auth/methods')).body).toEqual({ localPasswords: true, identityProvider: false, idporten: false, citizenTestLogin: true });
      expect((await Client.login(plain.url, m.id, 'caseworker')).token).toBeTruthy();
    } finally {
      await plain.close();
    }
  });
});
