/** The Maskinporten token client against its stand-in: a good grant gets a token; bad ones are refused. */
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ChannelContext, IntegrationService } from '../channel.ts';
import type { Settings } from '../settings.ts';
import { newMaskinportenClientKey, startMaskinportenStandIn, verifyMaskinportenToken, type MaskinportenStandIn } from './standIn.ts';
import { clearMaskinportenTokens, MASKINPORTEN_SCOPES, maskinportenToken, signGrant } from './token.ts';

let mp: MaskinportenStandIn;
let key: Awaited<ReturnType<typeof newMaskinportenClientKey>>;

function context(settings: Partial<Settings<'maskinporten'>> = {}, secret?: string): ChannelContext {
  const all: Settings<'maskinporten'> = { tokenUrl: mp.tokenUrl, audience: mp.issuer, clientId: 'tildel-test', privateKeyRef: 'env:MP_KEY', ...settings };
  return {
    db: null as never,
    municipalityId: 'm',
    settings: async <T,>(service: IntegrationService, schema: z.ZodType<T>) => (service === 'maskinporten' ? schema.parse(all) : null),
    secret: async () => secret ?? key.privateKey,
    log: () => undefined,
    now: () => new Date(),
  };
}

beforeAll(async () => {
  key = await newMaskinportenClientKey();
  mp = await startMaskinportenStandIn({ clients: [{ clientId: 'tildel-test', publicJwk: key.publicJwk, scopes: [MASKINPORTEN_SCOPES.fiks, MASKINPORTEN_SCOPES.krrDigitalPost], organisationNumber: '974760673' }] });
});
afterAll(() => mp.close());
beforeEach(() => clearMaskinportenTokens());

describe('maskinportenToken', () => {
  it('exchanges a signed grant for a token the APIs accept, and reuses it while valid', async () => {
    const token = await maskinportenToken(context(), [MASKINPORTEN_SCOPES.fiks]);
    const access = await verifyMaskinportenToken(mp.issuer, `Bearer ${token}`, MASKINPORTEN_SCOPES.fiks);
    expect(access).toEqual({ clientId: 'tildel-test', scopes: ['ks:fiks'], organisationNumber: '974760673' });
    expect(await verifyMaskinportenToken(mp.issuer, `Bearer ${token}`, MASKINPORTEN_SCOPES.krrDigitalPost)).toBeNull();
    const before = mp.issued();
    expect(await maskinportenToken(context(), [MASKINPORTEN_SCOPES.fiks])).toBe(token);
    expect(mp.issued()).toBe(before);
  });

  it('is refused a scope the client has not been granted', async () => {
    await expect(maskinportenToken(context(), [MASKINPORTEN_SCOPES.krrContactInfo])).rejects.toThrow(/invalid_scope/);
  });

  it('is refused with the wrong audience, an unknown client or another key', async () => {
    await expect(maskinportenToken(context({ audience: 'https://maskinporten.no/' }), ['ks:fiks'])).rejects.toThrow(/invalid_grant/);
    await expect(maskinportenToken(context({ clientId: 'someone-else' }), ['ks:fiks'])).rejects.toThrow(/invalid_client/);
    const other = await newMaskinportenClientKey(String(key.publicJwk.kid));
    await expect(maskinportenToken(context({}, other.privateKey), ['ks:fiks'])).rejects.toThrow(/invalid_grant/);
  });

  it('needs a key id: the client says so, and Maskinporten refuses a grant without kid or x5c', async () => {
    const { kid: _kid, ...noKid } = JSON.parse(key.privateKey) as Record<string, unknown>;
    await expect(maskinportenToken(context({}, JSON.stringify(noKid)), ['ks:fiks'])).rejects.toThrow(/keyId/);
    const signer = await importJWK(noKid as JWK, 'RS256');
    const grant = await new SignJWT({ scope: 'ks:fiks' }).setProtectedHeader({ alg: 'RS256' }).setAudience(mp.issuer).setIssuer('tildel-test').setIssuedAt().setExpirationTime('60s').setJti(randomUUID()).sign(signer);
    const r = await fetch(mp.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant }) });
    expect(r.status).toBe(400);
    expect(mp.refusals().at(-1)).toContain('kid or x5c');
  });

  it('refuses a grant replayed or valid for longer than 120 seconds', async () => {
    const settings: Settings<'maskinporten'> = { tokenUrl: mp.tokenUrl, audience: mp.issuer, clientId: 'tildel-test', privateKeyRef: 'env:X' };
    const grant = await signGrant(settings, key.privateKey, ['ks:fiks'], new Date());
    const post = (assertion: string) =>
      fetch(mp.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
    expect((await post(grant)).status).toBe(200);
    const replay = await post(grant);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    const old = await signGrant(settings, key.privateKey, ['ks:fiks'], new Date(Date.now() - 10 * 60_000));
    expect((await post(old)).status).toBe(400);
    expect(mp.refusals().some((r) => r.includes('exp'))).toBe(true);
  });
});
