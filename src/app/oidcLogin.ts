/**
 * Logins through an identity provider (OpenID Connect): staff through the municipality's provider
 * (Entra ID, HelseID), applicants through ID-porten. The login is started for a municipality and
 * remembered (state, nonce, PKCE verifier) until the provider sends the browser back; the answer is
 * taken once, from the browser that started it. Then the staff member is found by the provider's
 * subject (or, the first time, by the username claim), or the applicant by ID-porten's `pid`, and
 * the same kind of session is opened as the local login and the test login open.
 */
import { timingSafeEqual } from 'node:crypto';
import { checkNationalId } from '../domain/person/nationalId.ts';
import { findMunicipality, findStaff, type StaffRow } from '../store/org.ts';
import {
  bindStaffSubject,
  consumePendingLogin,
  insertPendingLogin,
  recordLoginRefusal,
  staffForSubject,
  type LoginAudience,
  type PendingLogin,
  type StaffSubjectRow,
} from '../store/oidc.ts';
import { inTenant } from '../store/tx.ts';
import { hashToken, openStaffSession, type LoginResult } from './auth.ts';
import { openCitizenSession, type Citizen } from './citizen.ts';
import type { AppContext } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import { authorizationRequest, completeLogin, loginRefused, type IdTokenClaims, type OidcClientSettings } from './oidc.ts';
import { poolFor, poolForToken } from '../store/routing.ts';

/** How long a started login waits for the provider's answer. */
export const LOGIN_MINUTES = 10;

/** ID-porten's levels of assurance that let an applicant in (substantial: MinID with app, BankID; high: BankID). */
export const IDPORTEN_ACR = ['idporten-loa-substantial', 'idporten-loa-high'] as const;

/** Which logins this installation offers (for the login pages). */
export function loginMethods(ctx: AppContext) {
  return {
    localPasswords: ctx.localPasswords ?? true,
    identityProvider: ctx.staffIdentityProvider !== undefined,
    idporten: ctx.idporten !== undefined,
    citizenTestLogin: ctx.citizenTestLogin ?? false,
  };
}

function staffProvider(ctx: AppContext) {
  if (!ctx.staffIdentityProvider) throw new AppError('not-found', 'No identity provider for staff is configured in this installation (TILDEL_OIDC_ISSUER).');
  return ctx.staffIdentityProvider;
}

function idportenProvider(ctx: AppContext): OidcClientSettings {
  if (!ctx.idporten) throw new AppError('not-found', 'ID-porten is not configured in this installation (TILDEL_IDPORTEN_ISSUER).');
  return ctx.idporten;
}

export interface StartedLogin {
  /** Where to send the browser. */
  readonly url: string;
  /** The state, for the browser to hold (a cookie) until it comes back. */
  readonly state: string;
  readonly maxAgeSeconds: number;
}

async function start(ctx: AppContext, settings: OidcClientSettings, audience: LoginAudience, municipality: string): Promise<StartedLogin> {
  const found = await findMunicipality(ctx.db.app, municipality);
  if (!found) throw invalidField('query.municipality', 'no such municipality');
  const request = await authorizationRequest(settings, found.id);
  const pending: PendingLogin = { audience, municipalityId: found.id, nonce: request.nonce, codeVerifier: request.codeVerifier };
  await insertPendingLogin(poolFor(ctx.db.app, found.id), hashToken(request.state), pending, new Date(Date.now() + LOGIN_MINUTES * 60_000));
  return { url: request.url, state: request.state, maxAgeSeconds: LOGIN_MINUTES * 60 };
}

export const startStaffLogin = (ctx: AppContext, municipality: string) => start(ctx, staffProvider(ctx), 'staff', municipality);
export const startCitizenLogin = (ctx: AppContext, municipality: string) => start(ctx, idportenProvider(ctx), 'citizen', municipality);

/** The provider's answer as the callback received it. */
export interface Callback {
  /** The callback's query string (code, state, iss; or error). */
  readonly query: string;
  readonly state: string | undefined;
  /** The state the browser kept from the start (its cookie). */
  readonly browserState: string | null;
  readonly requestId: string | null;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function finish(ctx: AppContext, settings: OidcClientSettings, audience: LoginAudience, cb: Callback, needClaim?: string) {
  // The answer must come back to the browser that started the login (no login CSRF, no swapped sessions).
  if (!cb.state || !cb.browserState || !sameText(cb.state, cb.browserState)) throw loginRefused('the answer does not belong to a login started in this browser (state)');
  // Taken once: a replayed callback (the same state and code) finds the login used.
  const pending = await consumePendingLogin(poolForToken(ctx.db.app, cb.state), hashToken(cb.state));
  if (!pending || pending.audience !== audience) throw loginRefused('this login is unknown, has expired or was already used');
  const claims = await completeLogin(settings, cb.query, { state: cb.state, nonce: pending.nonce, codeVerifier: pending.codeVerifier }, needClaim);
  return { pending, claims };
}

type Match = { readonly staff: StaffSubjectRow } | { readonly refused: string };

/** The staff member bound to the subject; else, the first time, the one the username claim names. */
export function matchStaff(rows: readonly StaffSubjectRow[], subject: string, username: string | null): Match {
  const bound = rows.find((r) => r.oidc_subject === subject);
  if (bound) return bound.active ? { staff: bound } : { refused: 'the staff member is not active' };
  const named = username ? rows.find((r) => r.username === username) : undefined;
  if (!named) return { refused: 'no staff member has this subject or username' };
  if (named.oidc_subject !== null) return { refused: 'the username is bound to another subject' };
  return named.active ? { staff: named } : { refused: 'the staff member is not active' };
}

function usernameClaim(claims: IdTokenClaims, claim: string): string | null {
  const value = claims[claim];
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null;
}

/** Completes a staff login: the provider's subject must be an active staff member of the municipality. */
export async function finishStaffLogin(ctx: AppContext, cb: Callback): Promise<LoginResult> {
  const settings = staffProvider(ctx);
  const { pending, claims } = await finish(ctx, settings, 'staff', cb, settings.usernameClaim);
  const username = usernameClaim(claims, settings.usernameClaim);
  const staff = await inTenant(ctx.db.app, { municipalityId: pending.municipalityId, staffId: null }, async (tx): Promise<StaffRow | null> => {
    const match = matchStaff(await staffForSubject(tx, claims.sub, username), claims.sub, username);
    if ('refused' in match) {
      await recordLoginRefusal(tx, { audience: 'staff', issuer: settings.issuer, subject: claims.sub, reason: match.refused, requestId: cb.requestId });
      return null;
    }
    if (match.staff.oidc_subject === null) await bindStaffSubject(tx, match.staff.id, claims.sub);
    return findStaff(tx, match.staff.id);
  });
  if (!staff) {
    throw new AppError('forbidden', 'The identity provider vouched for you, but you are not an active staff member of this municipality in tildel. Ask an administrator to link your account.');
  }
  return openStaffSession(ctx, pending.municipalityId, staff);
}

/** Why ID-porten's answer cannot open an applicant session, or null. Never names the identity number. */
function citizenRefusal(ctx: AppContext, claims: IdTokenClaims): string | null {
  if (!(IDPORTEN_ACR as readonly unknown[]).includes(claims.acr)) return `the level of assurance (acr) must be one of ${IDPORTEN_ACR.join(', ')}`;
  if (typeof claims.pid !== 'string') return 'ID-porten sent no national identity number (pid)';
  const id = checkNationalId(claims.pid, { allowSynthetic: ctx.allowSyntheticIds });
  return id.valid ? null : `the national identity number (pid) is not accepted: ${id.reason}`;
}

/** ID-porten gives no name unless asked through a profile service; the person register has it. */
function displayNameOf(claims: IdTokenClaims): string {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const full = text(claims.name) ?? [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return full || 'Innbygger (ID-porten)';
}

/** Completes an applicant's login through ID-porten: the `pid` is the applicant. */
export async function finishCitizenLogin(ctx: AppContext, cb: Callback): Promise<{ token: string; expiresAt: string; citizen: Citizen }> {
  const settings = idportenProvider(ctx);
  const { pending, claims } = await finish(ctx, settings, 'citizen', cb);
  const refused = citizenRefusal(ctx, claims);
  if (refused) {
    await inTenant(ctx.db.app, { municipalityId: pending.municipalityId, staffId: null }, (tx) =>
      recordLoginRefusal(tx, { audience: 'citizen', issuer: settings.issuer, subject: claims.sub, reason: refused, requestId: cb.requestId }),
    );
    throw new AppError('forbidden', `ID-porten’s login cannot be used here: ${refused}.`);
  }
  return openCitizenSession(ctx, { municipalityId: pending.municipalityId, nationalId: claims.pid as string, displayName: displayNameOf(claims), method: 'idporten' });
}
