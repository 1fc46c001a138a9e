/** What every use case needs: the database and the settings that shape behaviour. */
import type { Database } from '../store/database.ts';
import type { Clock } from './clock.ts';
import type { OidcClientSettings } from './oidc.ts';
import type { Purpose } from './principal.ts';

export interface AppContext {
  readonly db: Database;
  readonly allowSyntheticIds: boolean;
  readonly sessionHours: number;
  /** Minutes a staff session may go unused before it ends (30 when not set); sessionHours is its absolute limit. */
  readonly sessionIdleMinutes?: number;
  /** Login attempts per minute from one client address (30 when not set). */
  readonly loginsPerMinute?: number;
  /** Applicants may log in with a test identity instead of ID-porten (demo and test installations). */
  readonly citizenTestLogin?: boolean;
  /** Staff may log in with a local username and password (true when not set; off where an identity provider is configured). */
  readonly localPasswords?: boolean;
  /** The staff's identity provider (OIDC: the municipality's Entra ID, HelseID); none when not set. */
  readonly staffIdentityProvider?: OidcClientSettings & {
    /** The claim matched to a staff member's username on their first login (e.g. preferred_username). */
    readonly usernameClaim: string;
  };
  /** ID-porten for applicants (OIDC); none when not set. */
  readonly idporten?: OidcClientSettings;
  /** The clock the rules run on (the system clock unless a test or demo installation fixes it). */
  readonly clock?: Clock;
}

/** Facts about one request that use cases record: its id (for logs) and its purpose (for audit). */
export interface RequestMeta {
  readonly requestId: string | null;
  readonly purpose: Purpose;
}

/** A command also carries the client's idempotency key and a fingerprint of the request. */
export interface CommandMeta extends RequestMeta {
  readonly idempotencyKey: string;
  readonly fingerprint: string;
}
