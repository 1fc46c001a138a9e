/**
 * /api/v1/fhir/…: the read-only FHIR R4 view (issue 22) for the journal system and other consumers.
 * Answers are application/fhir+json; access follows need through the one gate, and reads are logged.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { fhirCarePlans, fhirEverything, fhirPatient } from '../../app/fhir.ts';
import { requestMeta } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const FHIR_JSON = 'application/fhir+json';

function fhirResponse(resourceType: string, description: string) {
  const schema = z.looseObject({ resourceType: z.literal(resourceType) }).describe(`A FHIR R4 ${resourceType} (http://hl7.org/fhir/R4/${resourceType.toLowerCase()}.html)`);
  return { description, content: { [FHIR_JSON]: { schema } } };
}

/** The FHIR base of this server, for the full URLs of a Bundle's entries. */
function baseOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/api/v1/fhir`;
}

function sendFhir(reply: FastifyReply, resource: object): FastifyReply {
  return reply.type(`${FHIR_JSON}; charset=utf-8`).send(Buffer.from(JSON.stringify(resource), 'utf8'));
}

export function fhirRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/fhir/Patient/:id', {
      schema: {
        tags: ['fhir'],
        operationId: 'getFhirPatient',
        summary: 'The person as a FHIR R4 Patient: identity number (no-basis systems), name, birth date, address unless protected (logged)',
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: fhirResponse('Patient', 'The Patient'), ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request, reply) => sendFhir(reply, await fhirPatient(ctx, principalOf(request), requestMeta(request), request.params.id)),
    });

    app.get('/fhir/Patient/:id/$everything', {
      schema: {
        tags: ['fhir'],
        operationId: 'getFhirPatientEverything',
        summary: 'The person and every resource of theirs the reader has a need for: ServiceRequest, CarePlan, Goal, Task, Observation (IPLOS), as a searchset Bundle (logged)',
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: fhirResponse('Bundle', 'A searchset Bundle'), ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request, reply) => sendFhir(reply, await fhirEverything(ctx, principalOf(request), requestMeta(request), request.params.id, baseOf(request))),
    });

    app.get('/fhir/CarePlan', {
      schema: {
        tags: ['fhir'],
        operationId: 'searchFhirCarePlans',
        summary: 'The care plans (granted decisions, with extent, goals, author and performer) of a patient the reader has a need for, as a searchset Bundle (logged)',
        headers: readHeadersSchema,
        querystring: z.object({ patient: z.uuid().describe('The Patient id (the person id)') }),
        response: { 200: fhirResponse('Bundle', 'A searchset Bundle of CarePlans'), ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request, reply) => sendFhir(reply, await fhirCarePlans(ctx, principalOf(request), requestMeta(request), request.query.patient, baseOf(request))),
    });
  };
}
