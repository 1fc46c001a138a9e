/**
 * A stand-in for Maskinporten's token endpoint. It checks a JWT bearer grant as Maskinporten does
 * (Digdir, "Maskinporten: JWT grant", felleslosninger/docs _docs/Maskinporten/
 * maskinporten_protocol_jwtgrant.md; RFC 7523 § 3): a `kid` (matching the key registered on the client)
 * or `x5c` header, the signature against the client's public key, `aud` = our issuer, `iss` = a known
 * client id, `iat` within 10 s of our clock, `exp` at most 120 s after `iat`, a `jti` not used before,
 * and only scopes the client has been granted. Refusals are
 * OAuth errors (RFC 6749 § 5.2: `invalid_grant`, `invalid_scope`, `invalid_client`).
 *
 * It issues signed JWT access tokens (claims iss, client_id, scope, consumer, exp, iat, jti) and
 * publishes its keys at /jwk, so stand-ins for the APIs behind Maskinporten (SvarUt, KRR, the
 * population register) verify a token with `verifyMaskinportenToken` as the real APIs do.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { listenStandIn, type StandIn, type StandInOptions } from '../standIn.ts';

export interface MaskinportenStandInClient {
  readonly clientId: string;
  /** The public key registered for the client (its `kid`, if any, must match the grant's header). */
  readonly publicJwk: JWK;
  /** The scopes the client has been granted. */
  readonly scopes: readonly string[];
  /** The organisation the client belongs to (consumer in the token). */
  readonly organisationNumber?: string;
}

export interface MaskinportenStandInOptions extends StandInOptions {
  readonly clients?: readonly MaskinportenStandInClient[];
  /** Lifetime of the access tokens issued, in seconds (default 120). */
  readonly tokenSeconds?: number;
}

export interface MaskinportenStandIn extends StandIn {
  /** The issuer (`aud` of a grant; `iss` of the tokens): the base address with a trailing slash. */
  readonly issuer: string;
  readonly tokenUrl: string;
  addClient(client: MaskinportenStandInClient): void;
  /** Tokens issued so far. */
  readonly issued: () => number;
  /** Grants refused so far, with the reason. */
  readonly refusals: () => readonly string[];
}

/** A fresh key pair for a test client: the private key as a JWK string (for a key reference) and the public JWK. */
export async function newMaskinportenClientKey(kid: string = randomUUID()): Promise<{ privateKey: string; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const priv = { ...(await exportJWK(privateKey)), alg: 'RS256', kid };
  const pub = { ...(await exportJWK(publicKey)), alg: 'RS256', kid };
  return { privateKey: JSON.stringify(priv), publicJwk: pub };
}

const MAX_GRANT_SECONDS = 120;

class GrantRefused extends Error {
  constructor(
    readonly code: 'invalid_grant' | 'invalid_scope' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type',
    message: string,
  ) {
    super(message);
  }
}

/** "Either 'kid' or 'x5c' must be present"; a kid names the key registered on the client. */
function checkHeader(assertion: string, client: MaskinportenStandInClient): void {
  const header = decodeProtectedHeader(assertion);
  if (!header.kid && !header.x5c) throw new GrantRefused('invalid_grant', 'The grant header needs kid or x5c');
  if (header.kid && client.publicJwk.kid && header.kid !== client.publicJwk.kid) throw new GrantRefused('invalid_grant', 'Unknown kid for the client');
}

function checkTimes(claims: JWTPayload, nowSeconds: number): void {
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new GrantRefused('invalid_grant', 'The grant must have iat and exp');
  if (claims.exp - claims.iat > MAX_GRANT_SECONDS) throw new GrantRefused('invalid_grant', 'The grant may be valid for at most 120 seconds');
  // "Maskinporten will only accept grants where iat is less than 10 seconds ahead/after our clock."
  if (Math.abs(claims.iat - nowSeconds) > 10) throw new GrantRefused('invalid_grant', 'The grant’s iat is more than 10 seconds from Maskinporten’s clock');
}

function grantedScopes(claims: JWTPayload, client: MaskinportenStandInClient): string[] {
  const asked = typeof claims['scope'] === 'string' ? claims['scope'].split(' ').filter(Boolean) : [];
  if (asked.length === 0) throw new GrantRefused('invalid_scope', 'The grant asks for no scope');
  const missing = asked.filter((s) => !client.scopes.includes(s));
  if (missing.length > 0) throw new GrantRefused('invalid_scope', `The client has not been granted: ${missing.join(' ')}`);
  return asked;
}

export async function startMaskinportenStandIn(options: MaskinportenStandInOptions = {}): Promise<MaskinportenStandIn> {
  const clients = new Map<string, MaskinportenStandInClient>((options.clients ?? []).map((c) => [c.clientId, c]));
  const seenJti = new Set<string>();
  const refusals: string[] = [];
  let issued = 0;
  const tokenSeconds = options.tokenSeconds ?? 120;
  const signing = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(signing.publicKey)), kid: randomUUID(), alg: 'ES256', use: 'sig' };
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  let issuer = '';

  async function verifyGrant(assertion: string): Promise<{ client: MaskinportenStandInClient; scopes: string[] }> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(assertion);
    } catch {
      throw new GrantRefused('invalid_grant', 'The assertion is not a JWT');
    }
    const client = typeof unverified.iss === 'string' ? clients.get(unverified.iss) : undefined;
    if (!client) throw new GrantRefused('invalid_client', 'Unknown client (iss)');
    checkHeader(assertion, client);
    let claims: JWTPayload;
    try {
      const key = await importJWK(client.publicJwk, client.publicJwk.alg ?? 'RS256');
      ({ payload: claims } = await jwtVerify(assertion, key, { audience: issuer, issuer: client.clientId, algorithms: ['RS256', 'RS384', 'RS512'] }));
    } catch (e) {
      throw new GrantRefused('invalid_grant', `The grant does not verify: ${(e as Error).message}`);
    }
    checkTimes(claims, Math.floor(Date.now() / 1000));
    if (typeof claims.jti !== 'string' || seenJti.has(claims.jti)) throw new GrantRefused('invalid_grant', 'The grant needs a jti not used before');
    seenJti.add(claims.jti);
    return { client, scopes: grantedScopes(claims, client) };
  }

  app.get('/.well-known/oauth-authorization-server', async () => ({ issuer, token_endpoint: `${issuer}token`, jwks_uri: `${issuer}jwk` }));
  app.get('/jwk', async () => ({ keys: [publicJwk] }));
  app.post('/token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    try {
      if (body['grant_type'] !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') throw new GrantRefused('unsupported_grant_type', 'Only the JWT bearer grant');
      if (!body['assertion']) throw new GrantRefused('invalid_request', 'The assertion is missing');
      const { client, scopes } = await verifyGrant(body['assertion']);
      const token = await new SignJWT({
        client_id: client.clientId,
        scope: scopes.join(' '),
        token_type: 'Bearer',
        ...(client.organisationNumber ? { consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${client.organisationNumber}` } } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(`${tokenSeconds}s`)
        .setJti(randomUUID())
        .sign(signing.privateKey);
      issued += 1;
      return { access_token: token, token_type: 'Bearer', expires_in: tokenSeconds, scope: scopes.join(' ') };
    } catch (e) {
      if (!(e instanceof GrantRefused)) throw e;
      refusals.push(`${e.code}: ${e.message}`);
      return reply.code(e.code === 'invalid_client' ? 401 : 400).send({ error: e.code, error_description: e.message });
    }
  });

  const url = await listenStandIn(app, options);
  issuer = `${url}/`;
  return {
    name: 'maskinporten',
    url,
    issuer,
    tokenUrl: `${issuer}token`,
    addClient: (c) => void clients.set(c.clientId, c),
    issued: () => issued,
    refusals: () => refusals,
    close: () => app.close(),
  };
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** What a verified access token says. */
export interface MaskinportenAccess {
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The consumer's organisation number, when the token names one. */
  readonly organisationNumber: string | null;
}

/**
 * Checks a bearer token as an API behind Maskinporten does: signed by the issuer's published keys,
 * not expired, from that issuer, and carrying `scope`. Returns null when it does not hold.
 */
export async function verifyMaskinportenToken(issuer: string, authorization: string | undefined, scope: string): Promise<MaskinportenAccess | null> {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${issuer.replace(/\/$/, '')}/jwk`));
    keySets.set(issuer, keys);
  }
  try {
    const { payload } = await jwtVerify(token, keys, { issuer });
    const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
    if (!scopes.includes(scope)) return null;
    const consumer = payload['consumer'] as { ID?: string } | undefined;
    return { clientId: String(payload['client_id'] ?? ''), scopes, organisationNumber: consumer?.ID?.split(':')[1] ?? null };
  } catch {
    return null;
  }
}
