/**
 * Local login for demo and small installations: a municipality, a username and a password give a
 * session token. The rest of the system only sees the resulting Principal; the identity provider's
 * login (oidcLogin.ts) opens the same kind of session. Local passwords can be turned off
 * (TILDEL_LOCAL_PASSWORDS), and are off by default where an identity provider is configured.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StaffRole } from '../domain/organisation/vocabulary.ts';
import { findMunicipality, findSessionStaffOnce, findStaffCredentials, findStaffOnce, type StaffRow } from '../store/org.ts';
import { findLiveSession, insertSession, revokeSession } from '../store/sessions.ts';
import { inTenant } from '../store/tx.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearFailures, failuresSince, recordFailure } from '../store/loginFailures.ts';
import type { Principal } from './principal.ts';
import { poolFor, poolForToken, tenantOfToken, tenantToken } from '../store/routing.ts';

export interface LoginInput {
  readonly municipality: string;
  readonly username: string;
  readonly password: string;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: string;
  readonly principal: Principal;
}

const WRONG = 'Unknown municipality, username or password.';

/** After this many failed logins for a name within the window, the name is locked for the rest of it. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

/** A hash of no real password, checked when the name is unknown so that an unknown name takes as long to refuse as a wrong password. */
const DECOY_HASH = hashPassword('tildel-decoy-password');

/** Only the SHA-256 hash of a session token is stored (staff and applicant sessions alike). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toPrincipal(municipalityId: string, s: StaffRow): Principal {
  return {
    municipalityId,
    staffId: s.id,
    username: s.username,
    displayName: s.display_name,
    roles: s.roles as StaffRole[],
    unitIds: s.unit_ids,
  };
}

/**
 * A session for a staff member who has shown who they are (a password here, or the identity
 * provider in oidcLogin.ts): the same kind of session either way, so the rest only sees a Principal.
 */
export async function openStaffSession(ctx: AppContext, municipalityId: string, staff: StaffRow): Promise<LoginResult> {
  const token = tenantToken(municipalityId, randomBytes(32).toString('base64url'));
  const expiresAt = new Date(Date.now() + ctx.sessionHours * 3600_000);
  await insertSession(poolFor(ctx.db.app, municipalityId), { tokenHash: hashToken(token), municipalityId, staffId: staff.id, expiresAt });
  return { token, expiresAt: expiresAt.toISOString(), principal: toPrincipal(municipalityId, staff) };
}

export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  if (ctx.localPasswords === false) {
    throw new AppError('forbidden', 'Local passwords are off in this installation (TILDEL_LOCAL_PASSWORDS): log in through the identity provider (GET /api/v1/auth/oidc/start).');
  }
  const name = input.username.trim().toLowerCase();
  const windowStart = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
  const failures = await failuresSince(poolFor(ctx.db.app, input.municipality), input.municipality, name, windowStart);
  if (failures.count >= LOCKOUT_FAILURES) {
    const until = new Date((failures.last ?? new Date()).getTime() + LOCKOUT_MINUTES * 60_000);
    throw new AppError('too-many-requests', `Too many failed logins for this name: try again after ${until.toISOString().slice(11, 16)} UTC, or ask an administrator.`);
  }
  const municipality = await findMunicipality(ctx.db.app, input.municipality);
  const staff = municipality
    ? await inTenant(ctx.db.app, { municipalityId: municipality.id, staffId: null }, (tx) => findStaffCredentials(tx, input.username))
    : null;
  // The password is checked against a decoy when there is no such name, so the answer takes as long.
  const verified = await verifyPassword(input.password, staff?.password_hash ?? (await DECOY_HASH));
  if (!municipality || !staff?.active || !staff.password_hash || !verified) {
    await recordFailure(poolFor(ctx.db.app, input.municipality), input.municipality, name, windowStart);
    throw new AppError('unauthenticated', WRONG);
  }
  await clearFailures(poolFor(ctx.db.app, input.municipality), input.municipality, name);
  return openStaffSession(ctx, municipality.id, staff);
}

/** The principal behind a session token, or null if the token is unknown, expired or revoked. */
export async function authenticate(ctx: AppContext, token: string): Promise<Principal | null> {
  const idleMinutes = ctx.sessionIdleMinutes ?? 30;
  const tenant = tenantOfToken(token);
  // A token that names its municipality: the session and its staff member in one round trip.
  const found = tenant ? await findSessionStaffOnce(ctx.db.app, tenant, hashToken(token), idleMinutes) : await findLiveSession(poolForToken(ctx.db.app, token), hashToken(token), idleMinutes);
  if (!found) return null;
  const staff = 'staff' in found && found.municipality_id === tenant ? found.staff : await findStaffOnce(ctx.db.app, found.municipality_id, found.staff_id);
  return staff?.active ? toPrincipal(found.municipality_id, staff) : null;
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await revokeSession(poolForToken(ctx.db.app, token), hashToken(token));
}
