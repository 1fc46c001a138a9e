/** /api/v1/waiting-lists: scarce places in priority order, the watch list, and the proposal for a vacated place. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { offerPlace, placeOfferInput, waitingLists } from '../../app/waitingLists.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, readHeadersSchema } from '../schemas.ts';

const entry = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  personName: z.string(),
  kind: z.enum(['waiting', 'watching']),
  placeType: z.string(),
  assessedNeed: z.string().describe('The assessed need, not only what was applied for'),
  recommendedLevel: z.string(),
  listedOn: z.string(),
  interimService: z.string().nullable(),
  reviewBy: z.string().nullable(),
  priority: z
    .object({
      group: z.enum(['A', 'B', 'C']),
      key: z.number(),
      groupReason: z.string(),
      explanation: z.array(z.object({ factor: z.string(), value: z.number(), weight: z.number(), points: z.number() })).readonly(),
    })
    .nullable(),
});

export function waitingListRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/waiting-lists', {
      schema: {
        tags: ['criteria'],
        operationId: 'getWaitingLists',
        summary: 'Waiting list in priority order (groups, keys and their explanation), watch list, and who to propose for a vacated place',
        headers: readHeadersSchema,
        querystring: z.object({ placeType: z.enum(['long_term_stay', 'short_term_stay', 'care_flat']).optional() }),
        response: { 200: z.object({ waiting: z.array(entry), watching: z.array(entry), proposal: entry.nullable() }), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => waitingLists(ctx, principalOf(request), requestMeta(request), request.query.placeType),
    });
    app.post('/waiting-lists/offers', {
      schema: {
        tags: ['criteria'],
        operationId: 'offerPlace',
        summary: 'Offer a vacated place to a person on the waiting list; anyone ahead in the priority order who is passed over is named with the reason',
        headers: commandHeadersSchema,
        body: placeOfferInput,
        response: {
          201: z.object({ caseId: z.uuid(), rank: z.int().describe('Their place in the priority order (1 = first)'), version: z.int(), answerBy: z.string() }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
      handler: async (request, reply) => sendCommandResult(reply, await offerPlace(ctx, principalOf(request), commandMeta(request), request.body)),
    });
  };
}
