/** What every use case needs: the database and the settings that shape behaviour. */
import type { Database } from '../store/database.ts';
import type { Clock } from './clock.ts';
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
