/** /api/v1/persons: register, search, read, contacts, the GP, and the access log of a person. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { addContact, addContactInput, getPerson, lookUpPerson, lookUpPersonInput, registerPerson, registerPersonInput, searchPersons } from '../../app/persons.ts';
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

const registerLookupSchema = z.object({
  status: z.enum(['found', 'not_found', 'not_configured', 'unavailable']).describe('found; not_found (not in the register); not_configured (the municipality has not connected the register); unavailable (the register did not answer): register manually'),
  checkedAt: z.string().nullable(),
  person: z
    .object({
      givenName: z.string(),
      familyName: z.string(),
      address: z.object({ line: z.string().nullable(), postalCode: z.string().nullable(), postalPlace: z.string().nullable() }).nullable().describe('Left out for a protected address'),
      protectedAddress: z.boolean(),
      diedOn: z.string().nullable(),
    })
    .nullable(),
  registeredId: z.uuid().nullable().describe('The person’s id when already registered in the municipality'),
});

const accessLogEntry = z.object({
  at: z.string(),
  staffId: z.uuid(),
  staffName: z.string(),
  purpose: z.string(),
  operation: z.string(),
  resource: z.string(),
  requestId: z.string().nullable(),
});

/** POST /persons/lookup: the population register, asked before registering. */
function lookUpRoute(app: Parameters<FastifyPluginAsyncZod>[0], ctx: AppContext): void {
  app.post('/persons/lookup', {
    schema: {
      tags: ['persons'],
      operationId: 'lookUpPerson',
      summary: 'Look a person up in the population register (Folkeregisteret) before registering (logged)',
      description: 'For the intake. A POST so that the identity number never appears in a URL. Every look-up is audited. When the register is not configured or does not answer, the status says so and the person is registered manually.',
      headers: readHeadersSchema,
      body: lookUpPersonInput,
      response: { 200: registerLookupSchema, ...errorResponses(400, 401, 403) },
    },
    handler: async (request) => lookUpPerson(ctx, principalOf(request), requestMeta(request), request.body),
  });
}

export function personRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/persons', {
      schema: {
        tags: ['persons'],
        operationId: 'registerPerson',
        summary: 'Register an applicant or service user',
        description: 'Where the municipality has connected the population register, the name, address, grunnkrets, address protection and date of death are taken from it (source folkeregister, with the time of the look-up); otherwise, or when it does not answer, from the body (source manual).',
        headers: commandHeadersSchema,
        body: registerPersonInput,
        response: { 201: personViewSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
      handler: async (request, reply) =>
        sendCommandResult(reply, await registerPerson(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    lookUpRoute(app, ctx);

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
