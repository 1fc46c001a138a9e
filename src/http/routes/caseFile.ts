/** /api/v1/cases/{id}/orders: the reads of the case file beyond the case itself (the web app's case view). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseOrders } from '../../app/caseFile.ts';
import type { AppContext } from '../../app/context.ts';
import { orderSchema } from '../../app/views.ts';
import { actionPayloadSchemas } from '../../domain/case/index.ts';
import { requestMeta } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const sent = actionPayloadSchemas.service_arranged.shape;

const caseOrdersSchema = z.object({
  orders: z
    .array(
      orderSchema.extend({
        startOn: z.string().nullable().describe('The day the service was to start, as ordered'),
        details: z
          .union([sent.partOrder.unwrap(), sent.order.unwrap()])
          .nullable()
          .describe('What the provider needs: tasks, time, goals, practical information (the part order under mixed provision)'),
      }),
    )
    .describe('Every order with the whole case; with an order’s view, the orders to your own units only'),
});

export function caseFileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/cases/:id/orders', {
      schema: {
        tags: ['cases'],
        operationId: 'getCaseOrders',
        summary: "The case's orders with what delivering them needs (logged)",
        description:
          'Staff who see the whole case get every order; a provider with an order’s view gets the orders to its own units. ' +
          'Without a need for the case: 403 with rule no_need.',
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: caseOrdersSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => caseOrders(ctx, principalOf(request), requestMeta(request), request.params.id),
    });
  };
}
