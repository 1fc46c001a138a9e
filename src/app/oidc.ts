/**
 * An OpenID Connect relying party: the authorization code flow with PKCE (S256), client
 * authentication with private_key_jwt, and an ID token that this code verifies itself (signature
 * against the provider's published keys, issuer, audience, expiry, age and nonce) before anyone is
 * let in. openid-client checks the state, the `iss` of the answer (RFC 9207) and exchanges the code;
 * it does not verify the ID token's signature (OIDC Core 3.1.3.7 lets it rely on TLS), so jose does.
 * The same code serves the staff's identity provider (Entra ID, HelseID) and ID-porten.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, createRemoteJWKSet, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import { AppError } from './errors.ts';
import { tenantToken } from '../store/routing.ts';

export interface OidcClientSettings {
  readonly issuer: string;
  readonly clientId: string;
  /** The client's private key: a PEM file (PKCS#8) or a JWK file (JSON, with its "kid"). */
  readonly privateKeyPath: string;
  /** Where the provider sends the browser back; registered with the provider. */
  readonly redirectUri: string;
  readonly scope: string;
  /** More parameters of the authorization request, e.g. ID-porten's acr_values. */
  readonly authorizationParams?: Readonly<Record<string, string>>;
}

/** The claims of a verified ID token (and the userinfo, where asked for). */
export type IdTokenClaims = JWTPayload & { readonly sub: string };

/** What the provider was asked: the state, nonce and PKCE verifier to check its answer against. */
export interface LoginChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

interface RelyingParty {
  readonly config: oidc.Configuration;
  readonly keys: ReturnType<typeof createRemoteJWKSet>;
}

/** Leeway for clocks that differ between us and the provider. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** An ID token issued longer ago than this is not taken, whatever its expiry. */
const MAX_ID_TOKEN_AGE = '10 minutes';
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;

const parties = new WeakMap<OidcClientSettings, Promise<RelyingParty>>();

/** Refuses the login with a reason a person can act on (no token content, no identity number). */
export function loginRefused(reason: string): AppError {
  return new AppError('unauthenticated', `The login was refused: ${reason}. Start the login again.`);
}

function signingAlgorithm(jwk: JWK): string {
  if (jwk.alg) return jwk.alg;
  if (jwk.kty === 'RSA') return 'RS256';
  const byCurve: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
  const alg = jwk.kty === 'EC' && jwk.crv ? byCurve[jwk.crv] : undefined;
  if (!alg) throw new Error('The client key must be an RSA or EC (P-256, P-384, P-521) private key.');
  return alg;
}

/** The client's key for private_key_jwt; its kid is the file's, or the key's JWK thumbprint (RFC 7638). */
export async function loadClientKey(path: string): Promise<oidc.PrivateKey> {
  const text = await readFile(path, 'utf8');
  const jwk = (text.trimStart().startsWith('{') ? JSON.parse(text) : createPrivateKey(text).export({ format: 'jwk' })) as JWK;
  if (!jwk.d) throw new Error(`${path} holds no private key.`);
  const key = await importJWK(jwk, signingAlgorithm(jwk));
  if (key instanceof Uint8Array) throw new Error(`${path}: a shared secret cannot sign private_key_jwt.`);
  const { kty, n, e, crv, x, y } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty, n, e, crv, x, y } as JWK));
  return { key, kid };
}

/** Plain http only to a provider on this machine (tests and local development). */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

async function discover(s: OidcClientSettings): Promise<RelyingParty> {
  const issuer = new URL(s.issuer);
  const clientAuth = oidc.PrivateKeyJwt(await loadClientKey(s.privateKeyPath));
  const config = await oidc
    .discovery(issuer, s.clientId, undefined, clientAuth, isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined)
    .catch((e: unknown) => {
      throw loginRefused(`the identity provider could not be reached (${describe(e)})`);
    });
  const jwksUri = config.serverMetadata().jwks_uri;
  if (!jwksUri) throw loginRefused('the identity provider publishes no signing keys (jwks_uri)');
  return { config, keys: createRemoteJWKSet(new URL(jwksUri)) };
}

/** The provider's configuration, discovered once per settings (and again after a failure). */
function relyingParty(s: OidcClientSettings): Promise<RelyingParty> {
  let party = parties.get(s);
  if (!party) {
    party = discover(s);
    parties.set(s, party);
    party.catch(() => parties.delete(s));
  }
  return party;
}

/**
 * A new authorization request: the URL to send the browser to, and what to check its answer against.
 * The state begins with the municipality's id, so the callback finds the server holding the login.
 */
export async function authorizationRequest(s: OidcClientSettings, municipalityId: string): Promise<LoginChecks & { readonly url: string }> {
  const { config } = await relyingParty(s);
  const checks = { state: tenantToken(municipalityId, oidc.randomState()), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(config, {
    ...s.authorizationParams,
    redirect_uri: s.redirectUri,
    response_type: 'code',
    scope: s.scope,
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { ...checks, url: url.href };
}

/** Verifies the ID token here: signature by a key the issuer publishes, iss, aud (and azp), exp, iat, nonce. */
async function verifyIdToken(party: RelyingParty, s: OidcClientSettings, idToken: string | undefined, nonce: string): Promise<IdTokenClaims> {
  if (!idToken) throw loginRefused('the identity provider sent no ID token');
  const metadata = party.config.serverMetadata();
  const { payload } = await jwtVerify(idToken, party.keys, {
    issuer: metadata.issuer,
    audience: s.clientId,
    algorithms: (metadata.id_token_signing_alg_values_supported ?? ['RS256']).filter((a) => ASYMMETRIC.test(a)),
    requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    maxTokenAge: MAX_ID_TOKEN_AGE,
  });
  if (payload.nonce !== nonce) throw loginRefused('the ID token does not answer this login (nonce)');
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== s.clientId) throw loginRefused('the ID token was issued to another client (azp)');
  return payload as IdTokenClaims;
}

/**
 * Completes a login from the provider's answer (the query of the callback): checks the state and
 * the issuer, exchanges the code with the PKCE verifier and a signed client assertion, and verifies
 * the ID token. `needClaim`: a claim to fetch from userinfo when the ID token lacks it.
 */
export async function completeLogin(s: OidcClientSettings, callbackQuery: string, checks: LoginChecks, needClaim?: string): Promise<IdTokenClaims> {
  const party = await relyingParty(s);
  const callback = new URL(s.redirectUri);
  callback.search = callbackQuery;
  try {
    const tokens = await oidc.authorizationCodeGrant(party.config, callback, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = await verifyIdToken(party, s, tokens.id_token, checks.nonce);
    if (!needClaim || claims[needClaim] !== undefined || !party.config.serverMetadata().userinfo_endpoint) return claims;
    // The ID token's own claims win over userinfo's: only the missing claim is taken from there.
    return { ...(await oidc.fetchUserInfo(party.config, tokens.access_token, claims.sub)), ...claims };
  } catch (e) {
    throw e instanceof AppError ? e : loginRefused(describe(e));
  }
}

const JOSE_REASONS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'the ID token has expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the ID token’s signature does not verify',
  ERR_JWKS_NO_MATCHING_KEY: 'the ID token is signed with a key the identity provider does not publish',
  ERR_JWS_INVALID: 'the ID token is malformed',
  ERR_JWT_INVALID: 'the ID token is malformed',
  ERR_JOSE_ALG_NOT_ALLOWED: 'the ID token is signed with an algorithm that is not accepted',
};

/** The claim a failed check names (openid-client and jose both say which, in the error or its cause). */
function failedClaim(e: unknown): string | null {
  for (let at = e, depth = 0; at && typeof at === 'object' && depth < 3; at = (at as { cause?: unknown }).cause, depth += 1) {
    const claim = (at as { claim?: unknown }).claim;
    if (typeof claim === 'string') return claim;
  }
  return null;
}

/**
 * Why a login failed, in words without token content: error codes, the names of claims, and the
 * libraries' messages, never the claims' values (they can hold a national identity number).
 */
export function describe(e: unknown): string {
  if (e instanceof oidc.ResponseBodyError) return `the identity provider refused the code (${e.error})`;
  if (e instanceof oidc.AuthorizationResponseError) return `the identity provider answered ${e.error}`;
  const code = (e as { code?: unknown } | null)?.code;
  const claim = failedClaim(e);
  if (code === 'ERR_JWT_EXPIRED' || claim === 'exp') return 'the ID token has expired';
  if (claim) return `the ID token’s "${claim}" claim is wrong`;
  if (typeof code === 'string' && JOSE_REASONS[code]) return JOSE_REASONS[code];
  if (e instanceof oidc.ClientError) {
    const detail = e.cause instanceof Error ? e.cause.message : e.message;
    return `the identity provider’s answer did not pass the checks (${e.code ?? 'invalid'}: ${detail.slice(0, 120)})`;
  }
  return 'the identity provider could not be reached or gave an unexpected answer';
}
