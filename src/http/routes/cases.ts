/** /api/v1/cases: open, list, read, history, and append actions. */
import type { FastifyBaseLogger, FastifySerializerCompiler } from 'fastify';
import { serializerCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendCaseAction, openCase, openCaseInput } from '../../app/caseCommands.ts';
import { getCase, getCaseHistory, listCasesFor } from '../../app/cases.ts';
import type { AppContext } from '../../app/context.ts';
import { CASE_STATUSES, followUpActionSchema } from '../../domain/case/index.ts';
import { SERVICE_CODES } from '../../domain/services/catalogue.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { caseActionSchema, caseListSchema, caseViewSchema, errorResponses, idParams, readHeadersSchema, type CaseActionResponse } from '../schemas.ts';

const listQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  serviceCode: z.enum(SERVICE_CODES).optional(),
  personId: z.uuid().optional(),
  owner: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional().describe('"me", "none" (unowned) or a staff id'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const appendBody = z.object({
  expectedVersion: z.int().positive().describe('The version you read; a stale version is refused with 409'),
  reason: z.string().trim().min(1).max(4000).optional().describe('Why, in your words (begrunnelse)'),
  action: followUpActionSchema,
});

/**
 * The history is append-only: an entry recorded under an earlier payload schema must stay readable,
 * so an entry that no longer matches today's schema is sent as recorded (and logged), never a 500.
 */
function historySerializer(log: FastifyBaseLogger) {
  return (route: Parameters<FastifySerializerCompiler<unknown>>[0]) => {
    // Fastify compiles one response schema at a time (its route types name the whole route schema).
    const strict = serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
    return (data: unknown): string => {
      try {
        return strict(data);
      } catch (error) {
        log.warn({ err: error, url: route.url }, 'a history entry does not match its payload schema; sent as recorded');
        return JSON.stringify(data);
      }
    };
  };
}

export function caseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/cases', {
      schema: { tags: ['cases'], operationId: 'listCases', summary: "List the municipality's cases", headers: readHeadersSchema, querystring: listQuery, response: { 200: caseListSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => {
        const { owner, ...q } = request.query;
        return listCasesFor(ctx, principalOf(request), requestMeta(request), {
          ...q,
          mine: owner === 'me',
          unowned: owner === 'none',
          ownerStaffId: owner !== 'me' && owner !== 'none' ? owner : undefined,
        });
      },
    });

    app.post('/cases', {
      schema: {
        tags: ['cases'],
        operationId: 'openCase',
        summary: 'Register a request and open its case',
        headers: commandHeadersSchema,
        body: openCaseInput,
        response: { 201: caseViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) =>
        sendCommandResult(reply, await openCase(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.get('/cases/:id', {
      schema: { tags: ['cases'], operationId: 'getCase', summary: 'Read a case with the actions you may take next', headers: readHeadersSchema, params: idParams, response: { 200: caseViewSchema, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => getCase(ctx, principalOf(request), requestMeta(request), request.params.id),
    });

    app.get('/cases/:id/actions', {
      schema: {
        tags: ['cases'],
        operationId: 'getCaseHistory',
        summary: "The case's full history, oldest first",
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: z.array(caseActionSchema), ...errorResponses(400, 401, 403, 404) },
      },
      serializerCompiler: historySerializer(app.log),
      // The use case types a payload as a record; each entry's type and payload were written together from one schema.
      handler: async (request) => (await getCaseHistory(ctx, principalOf(request), requestMeta(request), request.params.id)) as CaseActionResponse[],
    });

    app.post('/cases/:id/actions', {
      schema: {
        tags: ['cases'],
        operationId: 'appendCaseAction',
        summary: 'Append an action to the case',
        description:
          'Allowed only if the transition table allows the action in the current state for your roles (409 lists the allowed ones) ' +
          'and expectedVersion is the current version (409 stale-version otherwise). Corrections are new actions (entry_corrected).',
        headers: commandHeadersSchema,
        params: idParams,
        body: appendBody,
        response: { 200: caseViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) =>
        sendCommandResult(
          reply,
          await appendCaseAction(ctx, principalOf(request), commandMeta(request), request.params.id, request.body),
        ),
    });
  };
}
