/**
 * The client's data layer (TanStack Query): every load goes through one QueryClient, which retries
 * what may succeed on a second try (a dropped connection, a 502/503/504 while the server restarts, a
 * 429) twice with a growing pause, and never what the server refused on its merits (a 4xx: asking
 * again changes nothing). A 401 ends the session (sessionExpiry.ts sends the user to the login).
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './api/client.ts';

const RETRIES = 2;
const TRANSIENT = new Set([0, 408, 429, 500, 502, 503, 504]);

/** Whether a failed load is worth a second try: no answer at all, or an answer that says "later". */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ApiProblem) || TRANSIENT.has(error.problem.status);
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < RETRIES && isTransient(error),
      retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
      // Views show what the server holds now: a case another worker changed is read again when the tab is back.
      staleTime: 0,
      refetchOnWindowFocus: false,
    },
  },
});

/** The keys of data many views share, so it is loaded once and refreshed in one place. */
export const SHARED = {
  organisation: ['organisation'],
  services: ['services'],
} as const;
