/**
 * The client's data layer (web/src/queryClient.ts): a load is tried again only when the failure may
 * pass (no answer, 408, 429, 5xx), at most twice, with a growing pause; a refusal on the merits (400,
 * 403, 404, 409) is shown at once.
 */
import { describe, expect, it } from 'vitest';

interface ClientModule {
  ApiProblem: new (p: { status: number }) => Error;
}
interface QueryModule {
  isTransient(error: unknown): boolean;
  queryClient: { getDefaultOptions(): { queries?: { retry?: unknown; retryDelay?: unknown } } };
}

// The web app is type-checked with its own settings; a computed specifier keeps it out of the server's check.
const CLIENT = '../../web/src/api/client.ts';
const QUERY = '../../web/src/queryClient.ts';
const { ApiProblem } = (await import(/* @vite-ignore */ CLIENT)) as ClientModule;
const { isTransient, queryClient } = (await import(/* @vite-ignore */ QUERY)) as QueryModule;

describe('the data layer’s retries', () => {
  it('retries what may pass and not what the server refused on its merits', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(isTransient(new ApiProblem({ status })), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(isTransient(new ApiProblem({ status })), String(status)).toBe(false);
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
  });

  it('tries a transient failure at most twice more, with a growing pause', () => {
    const { retry, retryDelay } = queryClient.getDefaultOptions().queries ?? {};
    const shouldRetry = retry as (failures: number, error: unknown) => boolean;
    const delay = retryDelay as (attempt: number) => number;
    const unavailable = new ApiProblem({ status: 503 });
    expect([0, 1, 2, 3].map((n) => shouldRetry(n, unavailable))).toEqual([true, true, false, false]);
    expect(shouldRetry(0, new ApiProblem({ status: 404 }))).toBe(false);
    expect(delay(1)).toBeGreaterThan(delay(0));
    expect(delay(10)).toBeLessThanOrEqual(4000);
  });
});
