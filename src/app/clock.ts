/**
 * The clock the rules run on. Legal dates and policy effective dates are Norwegian local dates. A
 * test or a demo installation can run at a fixed instant (`TILDEL_CLOCK`, ISO date or timestamp);
 * the database's own timestamps (recorded_at, audit times) stay server times.
 */
import { osloDate } from '../domain/law/deadlines.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock standing still at `at` (tests; demo installations shown at a fixed date). */
export function fixedClock(at: string | Date): Clock {
  const instant = new Date(typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T10:00:00Z` : at);
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a date or time: ${String(at)}`);
  return { now: () => new Date(instant) };
}

/** The time now on the context's clock. */
export function now(ctx: { readonly clock?: Clock | undefined }): Date {
  return (ctx.clock ?? systemClock).now();
}

/** Today in Norway on the context's clock. */
export function today(ctx: { readonly clock?: Clock | undefined }): string {
  return osloDate(now(ctx));
}

export function norwegianDate(at: Date = new Date()): string {
  return osloDate(at);
}
