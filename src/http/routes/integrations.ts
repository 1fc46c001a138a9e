/** The national integrations: the municipality's settings per service (admin) and a case's messages. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { caseMessages, integrationInput, listIntegrationSettings, saveIntegrationSettings } from '../../app/integrationConfig.ts';
import { MESSAGE_STATUSES } from '../../domain/integration/outbox.ts';
import { INTEGRATION_SERVICES, OUTBOX_CHANNELS } from '../../integrations/channel.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const integrationSchema = z.object({
  service: z.enum(INTEGRATION_SERVICES),
  configured: z.boolean(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  updatedAt: z.string().nullable(),
  fields: z.array(z.object({ name: z.string(), required: z.boolean(), description: z.string().nullable(), kind: z.enum(['text', 'boolean', 'choice']), options: z.array(z.string()) })),
});

const messageSchema = z.object({
  id: z.uuid(),
  channel: z.enum(OUTBOX_CHANNELS),
  kind: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  settledAt: z.string().nullable(),
});

export function integrationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/integrations', {
      schema: {
        tags: ['integrations'],
        operationId: 'listIntegrations',
        summary: 'The municipality’s settings for each national service, and the fields each takes (admin)',
        headers: readHeadersSchema,
        response: { 200: z.array(integrationSchema), ...errorResponses(401, 403) },
      },
      handler: async (request) => listIntegrationSettings(ctx, principalOf(request)),
    });

    app.put('/integrations/:service', {
      schema: {
        tags: ['integrations'],
        operationId: 'saveIntegration',
        summary: 'Save the settings of one national service: endpoints, ids and key references, never keys (admin)',
        headers: commandHeadersSchema,
        params: z.object({ service: z.enum(INTEGRATION_SERVICES) }),
        body: integrationInput,
        response: { 200: integrationSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await saveIntegrationSettings(ctx, principalOf(request), commandMeta(request), request.params.service, request.body)),
    });

    app.get('/cases/:id/messages', {
      schema: {
        tags: ['integrations'],
        operationId: 'caseMessages',
        summary: 'The messages to national services the case caused (digital post, archive, the GP), and what became of them',
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: z.array(messageSchema), ...errorResponses(401, 403, 404) },
      },
      handler: async (request) => caseMessages(ctx, principalOf(request), requestMeta(request), request.params.id),
    });
  };
}
