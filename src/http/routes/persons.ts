/** /api/v1/persons: register, search, read, contacts, the GP, and the access log of a person. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { addContact, addContactInput, getPerson, registerPerson, registerPersonInput, searchPersons } from '../../app/persons.ts';
import { personAccessLog } from '../../app/accessLog.ts';
import { recordGp, recordGpInput } from '../../app/personGp.ts';
import { gpSchema } from '../../app/views.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { contactSchema, errorResponses, idParams, personViewSchema, readHeadersSchema } from '../schemas.ts';

const searchBody = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    nationalId: z.string().regex(/^\d{11}$/, 'must be 11 digits').optional(),
    limit: z.int().min(1).max(100).default(20),
  })
  .refine((b) => b.name !== undefined || b.nationalId !== undefined, { path: ['name'], message: 'give a name or a nationalId' });

const accessLogEntry = z.object({
  at: z.string(),
  staffId: z.uuid(),
  staffName: z.string(),
  purpose: z.string(),
  operation: z.string(),
  resource: z.string(),
  requestId: z.string().nullable(),
});

export function personRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/persons', {
      schema: {
        tags: ['persons'],
        operationId: 'registerPerson',
        summary: 'Register an applicant or service user',
        headers: commandHeadersSchema,
        body: registerPersonInput,
        response: { 201: personViewSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
      handler: async (request, reply) =>
        sendCommandResult(reply, await registerPerson(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.post('/persons/search', {
      schema: {
        tags: ['persons'],
        operationId: 'searchPersons',
        summary: 'Search by name or identity number (logged)',
        description: 'A POST so that an identity number never appears in a URL or an access log. Every search is audited.',
        headers: readHeadersSchema,
        body: searchBody,
        response: { 200: z.array(personViewSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => searchPersons(ctx, principalOf(request), requestMeta(request), request.body),
    });

    app.get('/persons/:id', {
      schema: {
        tags: ['persons'],
        operationId: 'getPerson',
        summary: 'Read a person with contact persons (logged)',
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: personViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => getPerson(ctx, principalOf(request), requestMeta(request), request.params.id),
    });

    app.post('/persons/:id/contacts', {
      schema: {
        tags: ['persons'],
        operationId: 'addContact',
        summary: 'Add a relative, guardian or representative',
        headers: commandHeadersSchema,
        params: idParams,
        body: addContactInput,
        response: { 201: contactSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) =>
        sendCommandResult(reply, await addContact(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.post('/persons/:id/gp', {
      schema: {
        tags: ['persons'],
        operationId: 'recordGp',
        summary: 'Record the person’s GP (fastlege) from a date; a change is a new entry',
        headers: commandHeadersSchema,
        params: idParams,
        body: recordGpInput,
        response: { 201: gpSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordGp(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/persons/:id/access-log', {
      schema: {
        tags: ['persons'],
        operationId: 'getPersonAccessLog',
        summary: "Who has read or changed this person's data, and why",
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: z.array(accessLogEntry), ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => personAccessLog(ctx, principalOf(request), requestMeta(request), request.params.id),
    });
  };
}
