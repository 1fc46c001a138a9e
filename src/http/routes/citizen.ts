/**
 * /api/v1/citizen: the applicant's own channel. Its routes are outside the staff login: a citizen
 * session (the tildel_citizen cookie or "Authorization: Bearer") comes from ID-porten in production
 * and from the test login in demo and test installations.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationInput,
  authenticateCitizen,
  citizenAccessLog,
  citizenCaseList,
  citizenLogout,
  citizenTestLogin,
  citizenTestLoginInput,
  submitApplication,
  testIdentity,
  type Citizen,
} from '../../app/citizen.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../app/errors.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { sessionToken } from '../principal.ts';
import { errorResponses } from '../schemas.ts';
import { COMPLAINT_BODIES } from '../../domain/services/catalogue.ts';

export const CITIZEN_COOKIE = 'tildel_citizen';
const COOKIE_ATTRS = 'Path=/api/v1/citizen; HttpOnly; SameSite=Strict';

/** The applicant session cookie (the test login and ID-porten set the same). */
export function citizenSessionCookie(session: { token: string; expiresAt: string }): string {
  const maxAge = Math.round((Date.parse(session.expiresAt) - Date.now()) / 1000);
  return `${CITIZEN_COOKIE}=${session.token}; ${COOKIE_ATTRS}; Max-Age=${maxAge}`;
}

const citizenToken = (request: FastifyRequest) => sessionToken(request, CITIZEN_COOKIE);

const citizens = new WeakMap<FastifyRequest, Citizen>();

/** The applicant behind the request, found by the onRequest hook before the body is validated. */
function citizenOf(request: FastifyRequest): Citizen {
  const citizen = citizens.get(request);
  if (!citizen) throw new AppError('unauthenticated', 'Log in as an applicant first (ID-porten, or the test login in a demo installation).');
  return citizen;
}

/** For routes that need an applicant: an unknown caller learns nothing about the input (401 before 400). */
function requireCitizen(ctx: AppContext) {
  return async (request: FastifyRequest) => {
    const token = citizenToken(request);
    const citizen = token ? await authenticateCitizen(ctx, token) : null;
    if (!citizen) throw new AppError('unauthenticated', 'Log in as an applicant first (ID-porten, or the test login in a demo installation).');
    citizens.set(request, citizen);
  };
}

const citizenSchema = z.object({ municipalityId: z.string(), displayName: z.string(), nationalIdMasked: z.string(), method: z.enum(['test_login', 'idporten']) });
const view = (c: Citizen) => ({ municipalityId: c.municipalityId, displayName: c.displayName, nationalIdMasked: `${c.nationalId.slice(0, 6)}*****`, method: c.method });

/** An applicant session: the tildel_citizen cookie, or its token as "Authorization: Bearer". */
const citizenSecurity: { [scheme: string]: string[] }[] = [{ citizenCookie: [] }, { bearer: [] }];

const receiptSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  receivedOn: z.string(),
  serviceCode: z.string(),
  replyBy: z.string().describe('A decision or a provisional reply comes by this date'),
  replyByCitation: z.string(),
});

const citizenCaseSchema = z.object({
  caseNumber: z.string(),
  serviceCode: z.string(),
  receivedOn: z.string(),
  stateKey: z.string(),
  forWhom: z.enum(['self', 'someone_else']),
  personGivenName: z.string(),
  decision: z.object({ outcome: z.string(), decidedOn: z.string().nullable(), complaintBody: z.enum(COMPLAINT_BODIES).describe('Who decides a complaint against the decision: Statsforvalteren, or the municipal complaints board') }).nullable(),
  expectedBy: z.string().nullable().describe('From a provisional reply (fvl § 11 a), if one was sent'),
});

/** The applicant's session: the test login, a test identity for it, and logout. */
function citizenSessionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/citizen/test-login', {
      config: { public: true, rateLimit: { max: ctx.loginsPerMinute ?? 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['citizen'],
        operationId: 'citizenTestLogin',
        summary: 'Applicant test login (demo and test installations; ID-porten in production)',
        security: [],
        description: 'Off unless TILDEL_CITIZEN_TEST_LOGIN is on. Not a command: it needs no Idempotency-Key.',
        body: citizenTestLoginInput,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), citizen: citizenSchema }), ...errorResponses(400, 403, 429) },
      },
      handler: async (request, reply) => {
        const r = await citizenTestLogin(ctx, request.body);
        reply.header('set-cookie', citizenSessionCookie(r));
        return { token: r.token, expiresAt: r.expiresAt, citizen: view(r.citizen) };
      },
    });

    app.get('/citizen/test-identity', {
      config: { public: true },
      schema: {
        tags: ['citizen'],
        operationId: 'getCitizenTestIdentity',
        summary: 'A new synthetic (Test Norge) identity for the test login',
        security: [],
        response: { 200: z.object({ nationalId: z.string(), givenName: z.string(), familyName: z.string() }), ...errorResponses(403) },
      },
      handler: async () => testIdentity(ctx),
    });

    app.post('/citizen/logout', {
      config: { public: true },
      schema: {
        tags: ['citizen'],
        operationId: 'citizenLogout',
        summary: 'End the applicant session',
        security: [],
        response: { 204: z.null().describe('The applicant session has ended'), ...errorResponses(400) },
      },
      handler: async (request, reply) => {
        const token = citizenToken(request);
        if (token) await citizenLogout(ctx, token);
        return reply.code(204).header('set-cookie', `${CITIZEN_COOKIE}=; ${COOKIE_ATTRS}; Max-Age=0`).send(null);
      },
    });
  };
}

/** What a logged-in applicant does: who am I, apply, and my cases. */
function applicantRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const onRequest = requireCitizen(ctx);
    app.get('/citizen/me', {
      config: { public: true },
      onRequest,
      schema: { tags: ['citizen'], operationId: 'getCitizenMe', summary: 'The logged-in applicant', security: citizenSecurity, response: { 200: citizenSchema, ...errorResponses(401) } },
      handler: async (request) => view(citizenOf(request)),
    });

    app.post('/citizen/applications', {
      config: { public: true },
      onRequest,
      schema: {
        tags: ['citizen'],
        operationId: 'submitCitizenApplication',
        summary: 'Apply for a service, for oneself or for someone one acts for (fvl § 12); returns the receipt',
        security: citizenSecurity,
        headers: commandHeadersSchema,
        body: applicationInput,
        response: { 201: receiptSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
      handler: async (request, reply) => {
        return sendCommandResult(reply, await submitApplication(ctx, citizenOf(request), commandMeta(request), request.body));
      },
    });

    app.get('/citizen/cases', {
      config: { public: true },
      onRequest,
      schema: {
        tags: ['citizen'],
        operationId: 'listCitizenCases',
        summary: "The applicant's cases: their own, and those they applied for on someone's behalf",
        security: citizenSecurity,
        response: { 200: z.array(citizenCaseSchema), ...errorResponses(401) },
      },
      handler: async (request) => citizenCaseList(ctx, citizenOf(request), request.id),
    });
    app.get('/citizen/access-log', {
      config: { public: true },
      onRequest,
      schema: {
        tags: ['citizen'],
        operationId: 'getCitizenAccessLog',
        summary: "Who has read or changed the applicant's own record, when and for what purpose (pasientjournalloven § 18), emergency access included",
        security: citizenSecurity,
        response: {
          200: z.array(z.object({ at: z.string(), staffName: z.string(), purpose: z.string(), operation: z.string(), resource: z.string() })),
          ...errorResponses(401),
        },
      },
      handler: async (request) => citizenAccessLog(ctx, citizenOf(request), request.id),
    });
  };
}

/** The applicant's own channel. */
export function citizenRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(citizenSessionRoutes(ctx));
    await app.register(applicantRoutes(ctx));
  };
}
