/**
 * Maskinporten access tokens (Digdir): the JWT bearer grant of RFC 7523. We sign a short-lived grant
 * with the municipality's business certificate key (virksomhetssertifikat) or a key registered with
 * the Maskinporten client, and exchange it at the token endpoint for an access token with the scopes
 * asked for. Source: Digdir, "Maskinporten: JWT grant" (felleslosninger/docs, _docs/Maskinporten/
 * maskinporten_protocol_jwtgrant.md): claims aud (Maskinporten's issuer), iss (client id), scope
 * (space separated), iat, exp (at most 120 s after iat), jti (a grant cannot be reused); header alg
 * RS256/RS384/RS512 and kid (a key registered on the client; settings.keyId or the JWK's kid) or x5c.
 *
 * The key is read through `ctx.secret(privateKeyRef)` (env:NAME or file:/path), never from settings.
 * Tokens are kept in memory until shortly before they expire, per client and set of scopes.
 */
import { randomUUID } from 'node:crypto';
import { importJWK, importPKCS8, SignJWT, type JWK, type CryptoKey } from 'jose';
import { z } from 'zod';
import type { ChannelContext } from '../channel.ts';
import { SETTINGS, type Settings } from '../settings.ts';

/** The scopes we ask Maskinporten for. */
export const MASKINPORTEN_SCOPES = {
  /** KS Fiks (SvarUt, Fiks Arkiv, Fiks folkeregister): KS's documented Fiks scope. */
  fiks: 'ks:fiks',
  /** KRR: the address for digital post and the reservation (Digdir, Oppslagstjenesten REST). */
  krrDigitalPost: 'krr:global/digitalpost.read',
  /** KRR: e-mail and mobile number and whether they may be used for notices. */
  krrContactInfo: 'krr:global/kontaktinformasjon.read',
} as const;

/** How long a grant is valid: Maskinporten refuses more than 120 seconds. */
const GRANT_SECONDS = 100;
/** A cached token is renewed this long before it expires. */
const MARGIN_MS = 30_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});

interface Cached {
  readonly token: string;
  readonly expiresAt: number;
}
const cache = new Map<string, Cached>();

/** An error from Maskinporten: `transient` when trying again later may succeed (no answer, 5xx, 429). */
export class MaskinportenError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'MaskinportenError';
  }
}

/** The signing key: a PKCS#8 PEM or a private JWK (JSON); RS256 unless the JWK names another algorithm. */
async function signingKey(material: string): Promise<{ key: CryptoKey; alg: string; kid?: string }> {
  const text = material.trim();
  if (text.startsWith('{')) {
    const jwk = JSON.parse(text) as JWK;
    const alg = jwk.alg ?? 'RS256';
    return { key: (await importJWK(jwk, alg)) as CryptoKey, alg, ...(jwk.kid ? { kid: jwk.kid } : {}) };
  }
  return { key: await importPKCS8(text, 'RS256'), alg: 'RS256' };
}

/** Signs the JWT grant (RFC 7523 § 2.1) for a set of scopes. */
export async function signGrant(settings: Settings<'maskinporten'>, keyMaterial: string, scopes: readonly string[], now: Date): Promise<string> {
  const { key, alg, kid } = await signingKey(keyMaterial);
  const iat = Math.floor(now.getTime() / 1000);
  const keyId = settings.keyId ?? kid;
  // Maskinporten needs kid or x5c; a business certificate chain (x5c) is not supported here yet.
  if (!keyId) throw new MaskinportenError('Set keyId: the id of the key registered on the Maskinporten client', false);
  const header = { alg, kid: keyId };
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader(header)
    .setAudience(settings.audience)
    .setIssuer(settings.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + GRANT_SECONDS)
    .setJti(randomUUID())
    .sign(key);
}

async function exchange(tokenUrl: string, grant: string): Promise<z.infer<typeof tokenResponse>> {
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant }),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (e) {
    throw new MaskinportenError(`Maskinporten did not answer: ${(e as Error).message}`, true);
  }
  const text = await response.text();
  if (!response.ok) {
    const transient = response.status >= 500 || response.status === 429;
    throw new MaskinportenError(`Maskinporten refused the grant (${response.status}): ${text.slice(0, 300)}`, transient);
  }
  const parsed = tokenResponse.safeParse(JSON.parse(text));
  if (!parsed.success) throw new MaskinportenError('Maskinporten answered without an access token', true);
  return parsed.data;
}

/**
 * An access token from Maskinporten for the municipality in `ctx` with these scopes. Throws a
 * MaskinportenError when Maskinporten is not configured (not transient) or refuses.
 */
export async function maskinportenToken(ctx: ChannelContext, scopes: readonly string[]): Promise<string> {
  const settings = await ctx.settings('maskinporten', SETTINGS.maskinporten);
  if (!settings) throw new MaskinportenError('Maskinporten is not configured for the municipality', false);
  const sorted = [...new Set(scopes)].sort();
  const key = `${settings.tokenUrl}|${settings.clientId}|${sorted.join(' ')}`;
  const now = ctx.now().getTime();
  const hit = cache.get(key);
  if (hit && hit.expiresAt - MARGIN_MS > now) return hit.token;
  const grant = await signGrant(settings, await ctx.secret(settings.privateKeyRef), sorted, ctx.now());
  const answer = await exchange(settings.tokenUrl, grant);
  cache.set(key, { token: answer.access_token, expiresAt: now + answer.expires_in * 1000 });
  return answer.access_token;
}

/** Forgets cached tokens (tests, or after a key change). */
export function clearMaskinportenTokens(): void {
  cache.clear();
}
