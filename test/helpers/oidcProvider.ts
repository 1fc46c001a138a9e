/**
 * A real OpenID Connect provider for tests: the npm package oidc-provider, in this process, on a
 * free port. Two clients that must authenticate with private_key_jwt and must use PKCE: one for
 * staff (the municipality's provider: preferred_username) and one in ID-porten's profile (pid, acr,
 * amr). Its own login form (the account id and any password). And a switch that rewrites the ID
 * token its token endpoint returns, re-signed with the provider's own key (or a stranger's), so the
 * relying party's verification meets an expired token, a wrong audience or a forged signature.
 */
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, decodeJwt, exportJWK, exportPKCS8, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from '../../src/app/context.ts';
import { IDPORTEN_ACR } from '../../src/app/oidcLogin.ts';
import { CITIZEN_CALLBACK_PATH, STAFF_CALLBACK_PATH } from '../../src/http/routes/oidc.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Database } from '../../src/store/database.ts';
import { freePort } from './ports.ts';

export interface TestAccount {
  /** Claims of the account (preferred_username, name; pid for ID-porten). */
  readonly claims: Record<string, unknown>;
  /** The level of assurance the login reports (ID-porten). */
  readonly acr?: string;
  readonly amr?: readonly string[];
}

export const STAFF_CLIENT = 'tildel-staff';
export const IDPORTEN_CLIENT = 'tildel-idporten';

export interface TestIdentityProvider {
  readonly issuer: string;
  /** The settings of the app under test (AppContext), for an app at `appUrl`. */
  readonly settings: Required<Pick<AppContext, 'staffIdentityProvider' | 'idporten'>>;
  /** Rewrites the ID tokens of the token endpoint from now on (null: leave them alone). */
  tamper(change: ((claims: JWTPayload) => JWTPayload) | null, options?: { foreignKey?: boolean }): void;
  close(): Promise<void>;
}

const PROVIDER_KID = 'test-provider-key';

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, clientId: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body><main>
<h1>Test identity provider: sign in to ${escape(clientId)}</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label>Username <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></main></body></html>`;
}

/** The login form: any password; the account must exist. Its acr and amr go into the login result. */
function interactions(provider: Provider, accounts: Readonly<Record<string, TestAccount>>) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (!/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const clientId = String(details.params.client_id);
    ctx.type = 'html';
    if (ctx.method === 'GET') return void (ctx.body = loginPage(details.uid, clientId));
    const login = (await readForm(ctx.req)).get('login') ?? '';
    const account = accounts[login];
    if (!account) return void (ctx.body = loginPage(details.uid, clientId, 'Unknown user'));
    const result = { login: { accountId: login, ...(account.acr ? { acr: account.acr } : {}), ...(account.amr ? { amr: [...account.amr] } : {}) } };
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(returnTo);
  };
}

/** A first-party provider: the grant is given without a consent page. */
async function existingGrant(ctx: KoaContextWithOIDC) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = session.grantIdFor(client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope('openid profile');
  await grant.save();
  return grant;
}

async function clientKeys(dir: string) {
  const staff = await generateKeyPair('RS256', { extractable: true });
  const citizen = await generateKeyPair('ES256', { extractable: true });
  // The staff client's key as a JWK file with its kid; the citizen client's as a PEM (kid: thumbprint).
  const staffFile = path.join(dir, 'staff-client.jwk.json');
  await writeFile(staffFile, JSON.stringify({ ...(await exportJWK(staff.privateKey)), kid: 'staff-client-key' }));
  const citizenFile = path.join(dir, 'idporten-client.pem');
  await writeFile(citizenFile, await exportPKCS8(citizen.privateKey));
  const citizenPublic = await exportJWK(citizen.publicKey);
  return {
    staff: { file: staffFile, jwk: { ...(await exportJWK(staff.publicKey)), kid: 'staff-client-key' } },
    citizen: { file: citizenFile, jwk: { ...citizenPublic, kid: await calculateJwkThumbprint(citizenPublic) } },
  };
}

function configuration(appUrl: string, keys: Awaited<ReturnType<typeof clientKeys>>, providerJwk: object, accounts: Readonly<Record<string, TestAccount>>): Configuration {
  const client = (id: string, alg: string, jwk: object, callback: string) => ({
    client_id: id,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: alg,
    jwks: { keys: [jwk] },
    redirect_uris: [`${appUrl}${callback}`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  });
  return {
    clients: [client(STAFF_CLIENT, 'RS256', keys.staff.jwk, STAFF_CALLBACK_PATH), client(IDPORTEN_CLIENT, 'ES256', keys.citizen.jwk, CITIZEN_CALLBACK_PATH)],
    jwks: { keys: [providerJwk] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // The account's claims in the ID token itself (as ID-porten puts pid there), not only at userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'pid'], profile: ['name', 'preferred_username'] },
    acrValues: [...IDPORTEN_ACR, 'idporten-loa-low'],
    cookies: { keys: ['test-provider-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    findAccount: (_ctx, sub) => {
      const account = accounts[sub];
      return account ? { accountId: sub, claims: () => ({ sub, ...account.claims }) } : undefined;
    },
    loadExistingGrant: existingGrant,
  } as Configuration;
}

/** Starts the provider for an app that will listen at `appUrl`. */
export async function startIdentityProvider(appUrl: string, accounts: Readonly<Record<string, TestAccount>>): Promise<TestIdentityProvider> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-oidc-'));
  const keys = await clientKeys(dir);
  const signing = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const providerJwk = { ...(await exportJWK(signing.privateKey)), kid: PROVIDER_KID, alg: 'RS256', use: 'sig' };

  // The provider needs its issuer before it listens: take a port first, then listen on it.
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration(appUrl, keys, providerJwk, accounts));

  let change: ((claims: JWTPayload) => JWTPayload) | null = null;
  let foreign = false;
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (!change || ctx.path !== '/token' || ctx.status !== 200 || !body?.id_token) return;
    const claims = change(decodeJwt(body.id_token));
    const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: PROVIDER_KID }).sign(foreign ? stranger.privateKey : signing.privateKey);
    ctx.body = { ...body, id_token: idToken };
  });
  provider.use(interactions(provider, accounts));
  const server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));

  const common = { issuer, scope: 'openid profile' };
  return {
    issuer,
    settings: {
      staffIdentityProvider: { ...common, clientId: STAFF_CLIENT, privateKeyPath: keys.staff.file, redirectUri: `${appUrl}${STAFF_CALLBACK_PATH}`, usernameClaim: 'preferred_username' },
      idporten: { ...common, clientId: IDPORTEN_CLIENT, privateKeyPath: keys.citizen.file, redirectUri: `${appUrl}${CITIZEN_CALLBACK_PATH}`, authorizationParams: { acr_values: IDPORTEN_ACR[0] } },
    },
    tamper(next, options = {}) {
      change = next;
      foreign = options.foreignKey ?? false;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface AppWithIdentityProvider {
  readonly url: string;
  readonly idp: TestIdentityProvider;
  /** Every log line the app wrote. */
  readonly logs: string[];
  close(): Promise<void>;
}

/**
 * The app on a port chosen first (the provider must know its redirect URIs), with the provider's
 * settings, local passwords off as where a provider is configured, and `settings` over them.
 */
export async function startWithIdentityProvider(db: Database, accounts: Readonly<Record<string, TestAccount>>, settings: Partial<AppContext> = {}): Promise<AppWithIdentityProvider> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider(url, accounts);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const ctx: AppContext = { db, allowSyntheticIds: true, sessionHours: 1, loginsPerMinute: 10_000, localPasswords: false, ...idp.settings, ...settings };
  const app = await buildServer(ctx, { logLevel: 'info', logStream });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    idp,
    logs,
    async close() {
      await app.close();
      await idp.close();
    },
  };
}
