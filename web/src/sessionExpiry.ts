/**
 * An expired session: a 401 answer to any API call made while logged in sends the user back to the
 * login page with a message, rather than leaving stale data on screen. The staff side and the
 * applicant's side have sessions of their own; each hears only about its own.
 */
import { useEffect } from 'react';
import { api } from './api/client.ts';

export type Side = 'staff' | 'citizen';
type Listener = (side: Side) => void;

const listeners = new Set<Listener>();

/** Answers where a 401 is not an expiry: a login's refusal, logging out, and the first "who am I". */
const NOT_EXPIRY = /^\/api\/v1\/(me$|auth\/|citizen\/(me|test-login|test-identity|logout|idporten)(\/|$))/;

/** The side whose session a 401 on this path says has expired, or null when it says nothing of the kind. */
export function expiredSide(pathname: string): Side | null {
  if (!pathname.startsWith('/api/') || NOT_EXPIRY.test(pathname)) return null;
  return pathname.startsWith('/api/v1/citizen/') ? 'citizen' : 'staff';
}

api.use({
  onResponse({ request, response }) {
    if (response.status !== 401) return undefined;
    const side = expiredSide(new URL(request.url, location.href).pathname);
    if (side) for (const l of listeners) l(side);
    return undefined;
  },
});

/** Calls `onExpired` when a call on this side answers 401 (while the component is mounted). */
export function useSessionExpired(side: Side, onExpired: () => void): void {
  useEffect(() => {
    const l: Listener = (s) => {
      if (s === side) onExpired();
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [side, onExpired]);
}
