/**
 * HelseID client credentials (system-to-system) for Norsk Helsenett's message service: the client
 * proves itself with a `private_key_jwt` client assertion (RFC 7523) signed with its own key, and
 * gets an access token for the message service's scope. The key comes from a key reference
 * (`ctx.secret(privateKeyRef)`), as a JWK (JSON) or a PKCS #8 PEM; it is never logged or stored.
 */
import { randomUUID } from 'node:crypto';
import { importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { z } from 'zod';
import type { Settings } from '../settings.ts';

export type HelseIdSettings = Settings<'helseid'>;

/** A failure talking to a national service; transient ones (no answer, 5xx, 429) are tried again later. */
export class NhnError extends Error {
  constructor(message: string, readonly transient: boolean) {
    super(message);
  }
}

interface SigningKey {
  readonly key: CryptoKey | KeyObject | Uint8Array;
  readonly alg: string;
  readonly kid?: string;
}

/** Reads the client's private key: a JWK (with its alg and kid) or a PKCS #8 PEM (RS256). */
export async function signingKey(material: string): Promise<SigningKey> {
  const text = material.trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as JWK;
    const alg = jwk.alg ?? (jwk.kty === 'EC' ? 'ES256' : 'RS256');
    return { key: await importJWK(jwk, alg), alg, ...(jwk.kid ? { kid: jwk.kid } : {}) };
  }
  if (text.includes('BEGIN PRIVATE KEY')) return { key: await importPKCS8(text, 'RS256'), alg: 'RS256' };
  throw new NhnError('The HelseID key is neither a JWK nor a PKCS #8 PEM private key', false);
}

/** The audience of the client assertion: HelseID's issuer, the origin of its token endpoint. */
export function assertionAudience(tokenUrl: string): string {
  return new URL(tokenUrl).origin;
}

/** A client assertion for one token request: short-lived, with a unique id so it cannot be replayed. */
export async function clientAssertion(settings: HelseIdSettings, key: SigningKey, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, typ: 'client-authentication+jwt', ...(key.kid ? { kid: key.kid } : {}) })
    .setIssuer(settings.clientId)
    .setSubject(settings.clientId)
    .setAudience(assertionAudience(settings.tokenUrl))
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 60)
    .sign(key.key);
}

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional(), token_type: z.string().optional() });

const cache = new Map<string, { token: string; until: number }>();

/** An access token for the message service, from the cache while it has more than 30 seconds left. */
export async function accessToken(settings: HelseIdSettings, secret: (ref: string) => Promise<string>, now: Date): Promise<string> {
  const cacheKey = `${settings.tokenUrl} ${settings.clientId} ${settings.scope} ${settings.privateKeyRef}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.until > now.getTime()) return cached.token;
  const assertion = await clientAssertion(settings, await signingKey(await secret(settings.privateKeyRef)), now);
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope: settings.scope,
  });
  let response: Response;
  try {
    response = await fetch(settings.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  } catch (e) {
    throw new NhnError(`HelseID did not answer: ${e instanceof Error ? e.message : String(e)}`, true);
  }
  if (!response.ok) throw new NhnError(`HelseID refused the token request (${response.status}): ${(await response.text()).slice(0, 300)}`, response.status >= 500 || response.status === 429);
  const parsed = tokenResponse.safeParse(await response.json());
  if (!parsed.success) throw new NhnError('HelseID answered without an access token', true);
  const lifetime = (parsed.data.expires_in ?? 300) * 1000;
  cache.set(cacheKey, { token: parsed.data.access_token, until: now.getTime() + lifetime - 30_000 });
  return parsed.data.access_token;
}
