/** /api/v1/auth: local login and logout; /api/v1/me: who am I. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout } from '../../app/auth.ts';
import type { AppContext } from '../../app/context.ts';
import { listMunicipalities } from '../../store/org.ts';
import { principalOf, SESSION_COOKIE, sessionToken } from '../principal.ts';
import { errorResponses, principalSchema } from '../schemas.ts';

const loginBody = z.object({
  municipality: z.string().min(1).max(40).describe('Municipality id, e.g. "granvik"'),
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

const loginResponse = z.object({ token: z.string(), expiresAt: z.string(), principal: principalSchema });

/** The staff session cookie (the local login and the identity provider's login set the same). */
export function staffSessionCookie(session: { token: string; expiresAt: string }, secure: boolean): string {
  const maxAge = Math.round((Date.parse(session.expiresAt) - Date.now()) / 1000);
  return `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/auth/login', {
      // Per client address: a burst of guesses is slowed here; the name itself is locked after repeated failures (app/auth.ts).
      config: { public: true, rateLimit: { max: ctx.loginsPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Log in; returns a session token (also set as an HttpOnly cookie)',
        security: [],
        description:
          'Not a command: it needs no Idempotency-Key. Send the token as "Authorization: Bearer <token>". ' +
          'Refused (403) where local passwords are off (TILDEL_LOCAL_PASSWORDS): staff log in through the identity provider (GET /api/v1/auth/oidc/start).',
        body: loginBody,
        response: { 200: loginResponse, ...errorResponses(400, 401, 403, 429) },
      },
      handler: async (request, reply) => {
        const result = await login(ctx, request.body);
        reply.header('set-cookie', staffSessionCookie(result, request.protocol === 'https'));
        return result;
      },
    });

    app.post('/auth/logout', {
      schema: { tags: ['auth'], operationId: 'logout', summary: 'End the session', response: { 204: z.null().describe('The session has ended'), ...errorResponses(401) } },
      handler: async (request, reply) => {
        const token = sessionToken(request);
        if (token) await logout(ctx, token);
        return reply.code(204).header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`).send(null);
      },
    });

    app.get('/me', {
      schema: { tags: ['auth'], operationId: 'getMe', summary: 'The logged-in staff member', response: { 200: principalSchema, ...errorResponses(401) } },
      handler: async (request) => principalOf(request),
    });

    app.get('/municipalities', {
      config: { public: true },
      schema: {
        tags: ['auth'],
        operationId: 'listMunicipalities',
        summary: 'Municipalities on this installation (for the login form)',
        security: [],
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), organisationalModel: z.string() })) },
      },
      handler: async () =>
        (await listMunicipalities(ctx.db.app)).map((m) => ({ id: m.id, name: m.name, organisationalModel: m.organisational_model })),
    });
  };
}
