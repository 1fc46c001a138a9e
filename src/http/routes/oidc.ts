/**
 * Logins through an identity provider (OpenID Connect): /api/v1/auth/oidc for staff (the
 * municipality's Entra ID or HelseID), /api/v1/citizen/idporten for applicants, and
 * /api/v1/auth/methods for the login pages. "start" sends the browser to the provider with a state
 * the browser keeps in a cookie; "callback" is the redirect URI the provider sends it back to.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { finishCitizenLogin, finishStaffLogin, loginMethods, startCitizenLogin, startStaffLogin, type Callback, type StartedLogin } from '../../app/oidcLogin.ts';
import { errorResponses } from '../schemas.ts';
import { staffSessionCookie } from './auth.ts';
import { citizenSessionCookie } from './citizen.ts';

/** The redirect URIs to register with the providers, after TILDEL_PUBLIC_URL. */
export const STAFF_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const CITIZEN_CALLBACK_PATH = '/api/v1/citizen/idporten/callback';

/** Where the browser keeps the state of a login under way: only sent back to its own callback. */
const STATE_COOKIES = {
  staff: { name: 'tildel_oidc_state', path: '/api/v1/auth/oidc' },
  citizen: { name: 'tildel_idporten_state', path: '/api/v1/citizen/idporten' },
} as const;
type StateCookie = (typeof STATE_COOKIES)[keyof typeof STATE_COOKIES];

/**
 * SameSite=Lax, not Strict: the provider sends the browser back with a cross-site navigation, on
 * which a Strict cookie would not come along. It holds only the state, and lives ten minutes.
 */
function stateCookie(cookie: StateCookie, value: string, maxAge: number, secure: boolean): string {
  return `${cookie.name}=${value}; Path=${cookie.path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

function cookieValue(request: FastifyRequest, name: string): string | null {
  for (const entry of request.headers.cookie?.split(';') ?? []) {
    const [key, ...value] = entry.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}

const startQuery = z.object({ municipality: z.string().min(1).max(40).describe('Municipality id, e.g. "granvik"') });

const callbackQuery = z.object({
  code: z.string().max(4096).optional().describe('The authorization code'),
  state: z.string().max(512).optional(),
  iss: z.string().max(512).optional().describe('The issuer of the answer (RFC 9207)'),
  error: z.string().max(256).optional().describe('Set when the provider refused or the user cancelled'),
  error_description: z.string().max(1024).optional(),
});

const redirect = (to: string) => z.null().describe(`Redirects to ${to}`);

/** The provider's answer: the raw query (for openid-client's checks), its state, and the browser's. */
function callbackOf(request: FastifyRequest, state: string | undefined, cookie: StateCookie): Callback {
  return { query: request.url.split('?')[1] ?? '', state, browserState: cookieValue(request, cookie.name), requestId: request.id };
}

function sendToProvider(reply: FastifyReply, started: StartedLogin, cookie: StateCookie, secure: boolean): FastifyReply {
  return reply.header('set-cookie', stateCookie(cookie, started.state, started.maxAgeSeconds, secure)).redirect(started.url, 302);
}

/** Staff: /auth/oidc/start and /auth/oidc/callback. */
function staffRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const secure = ctx.staffIdentityProvider?.redirectUri.startsWith('https:') ?? false;
  const cookie = STATE_COOKIES.staff;
  return async (app) => {
    app.get('/auth/oidc/start', {
      config: { public: true, rateLimit: { max: ctx.loginsPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'startStaffOidcLogin',
        summary: "Log in through the municipality's identity provider (OpenID Connect): redirects to it",
        description: 'Authorization code flow with PKCE; the browser keeps the state in a cookie until the provider sends it back to the callback. 404 where no provider is configured (TILDEL_OIDC_ISSUER).',
        security: [],
        querystring: startQuery,
        response: { 302: redirect("the identity provider's login"), ...errorResponses(400, 401, 404, 429) },
      },
      handler: async (request, reply) => sendToProvider(reply, await startStaffLogin(ctx, request.query.municipality), cookie, secure),
    });

    app.get('/auth/oidc/callback', {
      config: { public: true, rateLimit: { max: ctx.loginsPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        operationId: 'finishStaffOidcLogin',
        summary: "The identity provider's redirect URI: opens a staff session (cookie) and redirects to the app",
        description:
          'Refused (401) when the state is not the one this browser started with, the login is unknown, expired or already used, or the ID token does not verify; ' +
          '(403) when the subject is no active staff member of the municipality (the refusal is recorded).',
        security: [],
        querystring: callbackQuery,
        response: { 303: redirect('the web app, logged in'), ...errorResponses(400, 401, 403, 404, 429) },
      },
      handler: async (request, reply) => {
        const session = await finishStaffLogin(ctx, callbackOf(request, request.query.state, cookie));
        return reply.header('set-cookie', [stateCookie(cookie, '', 0, secure), staffSessionCookie(session, secure)]).redirect('/', 303);
      },
    });
  };
}

/** Applicants: /citizen/idporten/start and /citizen/idporten/callback. */
function citizenRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const secure = ctx.idporten?.redirectUri.startsWith('https:') ?? false;
  const cookie = STATE_COOKIES.citizen;
  return async (app) => {
    app.get('/citizen/idporten/start', {
      config: { public: true, rateLimit: { max: ctx.loginsPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['citizen'],
        operationId: 'startIdportenLogin',
        summary: 'Applicant login through ID-porten: redirects to it',
        description: 'Authorization code flow with PKCE at level of assurance substantial or high. 404 where ID-porten is not configured (TILDEL_IDPORTEN_ISSUER).',
        security: [],
        querystring: startQuery,
        response: { 302: redirect("ID-porten's login"), ...errorResponses(400, 401, 404, 429) },
      },
      handler: async (request, reply) => sendToProvider(reply, await startCitizenLogin(ctx, request.query.municipality), cookie, secure),
    });

    app.get('/citizen/idporten/callback', {
      config: { public: true, rateLimit: { max: ctx.loginsPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['citizen'],
        operationId: 'finishIdportenLogin',
        summary: "ID-porten's redirect URI: opens an applicant session (cookie) and redirects to the applicant's side",
        description: 'Refused (401) as the staff callback is; (403) when the level of assurance is too low or the national identity number (pid) is not accepted.',
        security: [],
        querystring: callbackQuery,
        response: { 303: redirect("the applicant's side, logged in"), ...errorResponses(400, 401, 403, 404, 429) },
      },
      handler: async (request, reply) => {
        const session = await finishCitizenLogin(ctx, callbackOf(request, request.query.state, cookie));
        return reply.header('set-cookie', [stateCookie(cookie, '', 0, secure), citizenSessionCookie(session)]).redirect('/#/innbygger', 303);
      },
    });
  };
}

const methodsSchema = z.object({
  localPasswords: z.boolean().describe('Staff log in with username and password (POST /api/v1/auth/login)'),
  identityProvider: z.boolean().describe("Staff log in through the municipality's identity provider (GET /api/v1/auth/oidc/start)"),
  idporten: z.boolean().describe('Applicants log in through ID-porten (GET /api/v1/citizen/idporten/start)'),
  citizenTestLogin: z.boolean().describe('Applicants may use the test login (demo installations)'),
});

/** The logins through identity providers, and which logins this installation offers. */
export function identityProviderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/auth/methods', {
      config: { public: true },
      schema: { tags: ['auth'], operationId: 'getLoginMethods', summary: 'Which logins this installation offers (for the login pages)', security: [], response: { 200: methodsSchema } },
      handler: async () => loginMethods(ctx),
    });
    await app.register(staffRoutes(ctx));
    await app.register(citizenRoutes(ctx));
  };
}
