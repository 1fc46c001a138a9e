/** Emergency access to a case ("break the glass") and the leader's review of it and of unusual reading. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { accessReview, emergencyAccessInput, emergencyReviewInput, openEmergencyAccess, reviewEmergencyAccess } from '../../app/emergencyAccess.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const staffRef = z.object({ id: z.uuid(), name: z.string() });

const accessSchema = z.object({
  id: z.uuid(),
  staff: staffRef,
  caseId: z.uuid(),
  caseNumber: z.string(),
  personId: z.uuid(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  review: z.object({ by: z.string(), at: z.string(), verdict: z.enum(['justified', 'not_justified']), note: z.string() }).nullable(),
});

const reviewSchema = z.object({
  since: z.string(),
  threshold: z.int().describe('Distinct persons read one by one within an hour above which reading is listed'),
  emergencyAccesses: z.array(accessSchema).describe('Unreviewed first, newest first'),
  unusualReading: z.array(z.object({ staff: staffRef, hour: z.string(), persons: z.int() })),
});

export function accessRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/cases/:id/emergency-access', {
      schema: {
        tags: ['cases'],
        operationId: 'openEmergencyAccess',
        summary: 'Open a case you have no need for, for a stated reason and four hours (akuttilgang); logged for the person and reviewed by a leader',
        headers: commandHeadersSchema,
        params: idParams,
        body: emergencyAccessInput,
        response: {
          201: z.object({ id: z.uuid(), caseId: z.uuid(), grantedAt: z.string(), expiresAt: z.string() }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
      handler: async (request, reply) => sendCommandResult(reply, await openEmergencyAccess(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });
    app.get('/reports/access-review', {
      schema: {
        tags: ['reports'],
        operationId: 'getAccessReview',
        summary: 'Emergency accesses to review, and staff who read unusually many persons within an hour (leader)',
        headers: readHeadersSchema,
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: { 200: reviewSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => accessReview(ctx, principalOf(request), requestMeta(request), request.query.days),
    });
    app.post('/emergency-accesses/:id/review', {
      schema: {
        tags: ['reports'],
        operationId: 'reviewEmergencyAccess',
        summary: 'Record a leader’s verdict on an emergency access (once; never on one’s own)',
        headers: commandHeadersSchema,
        params: idParams,
        body: emergencyReviewInput,
        response: { 201: z.object({ id: z.uuid(), verdict: z.enum(['justified', 'not_justified']) }), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await reviewEmergencyAccess(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });
  };
}
