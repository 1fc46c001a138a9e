/**
 * Finds who a request acts for: a session token as "Authorization: Bearer …" or in the
 * tildel_session cookie (for the web app). Routes are private unless their config says public.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { PURPOSES, type Principal, type Purpose } from '../app/principal.ts';

export const SESSION_COOKIE = 'tildel_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (health, login, API documentation). */
    public?: boolean;
  }
}

/** A session token as "Authorization: Bearer …" or in the named cookie (the staff cookie unless told). */
export function sessionToken(request: FastifyRequest, cookie: string = SESSION_COOKIE): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookies = request.headers.cookie?.split(';') ?? [];
  for (const entry of cookies) {
    const [name, ...value] = entry.trim().split('=');
    if (name === cookie) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  // onRequest: before the body is parsed or validated, so an anonymous caller learns nothing about the input.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public || !request.url.startsWith('/api/')) return;
    const token = sessionToken(request);
    const principal = token ? await authenticate(ctx, token) : null;
    if (!principal) throw new AppError('unauthenticated', 'Log in first: POST /api/v1/auth/login, then send the token as "Authorization: Bearer <token>".');
    request.principal = principal;
    request.log = request.log.child({ staffId: principal.staffId, municipalityId: principal.municipalityId });
  });
}

/** The principal of a private route (set by the preHandler). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Log in first.');
  return request.principal;
}

/** The purpose the client states in the Tildel-Purpose header, or case processing by default. */
export function purposeOf(request: FastifyRequest): Purpose {
  const stated = request.headers['tildel-purpose'];
  if (stated === undefined) return 'case_processing';
  if (typeof stated === 'string' && (PURPOSES as readonly string[]).includes(stated)) return stated as Purpose;
  throw new AppError('validation', `The Tildel-Purpose header must be one of ${PURPOSES.join(', ')}.`, {
    fields: [{ field: 'header.tildel-purpose', message: `must be one of ${PURPOSES.join(', ')}` }],
  });
}
