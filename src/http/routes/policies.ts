/** /api/v1/policies and /api/v1/reports/model-classification: organisational models as policy. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { addPolicy, comparePolicies, listPolicies, modelClassification, newPolicyInput } from '../../app/policies.ts';
import { policyRulesSchema } from '../../domain/organisation/policy.ts';
import { catalogueServicesSchema } from '../../domain/services/catalogueVersion.ts';
import { addCatalogueVersion, catalogueVersions, currentCatalogue, newCatalogueInput } from '../../app/catalogue.ts';
import { catalogueEntrySchema } from './reference.ts';
import { POLICY_TEMPLATES } from '../../domain/organisation/templates.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses } from '../schemas.ts';

const policyVersionSchema = z.object({
  id: z.uuid(),
  districtId: z.uuid().nullable(),
  serviceCode: z.string().nullable(),
  effectiveFrom: z.string(),
  rules: policyRulesSchema,
});

const classificationSchema = z.array(
  z.object({
    districtId: z.uuid(),
    district: z.string(),
    osloClass: z.number().nullable().describe('Seed 003 Table 3.1: 1, 1.5, 2, 2.5 or 3, from where caseworkers sit'),
    caseworkers: z.object({ inOneTeam: z.int(), spread: z.int(), central: z.int() }),
    model: z.string().nullable(),
    seed002Category: z.int().nullable().describe('Seed 002 Table 13: 1, 2 or 3, from the policy in force'),
    policyFrom: z.string().nullable(),
  }),
);

const catalogueVersionSchema = z.object({ id: z.uuid(), effectiveFrom: z.string(), services: catalogueServicesSchema, note: z.string().nullable() });

/** /api/v1/service-catalogue: the catalogue as versioned data per municipality. */
function catalogueRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/service-catalogue', {
      schema: {
        tags: ['policies'],
        operationId: 'getServiceCatalogue',
        summary: 'Your municipality’s service catalogue in force on a date (default today): forms, mandatory hours, goals, IPLOS and KOSTRA',
        querystring: z.object({ on: z.iso.date().optional() }),
        response: { 200: z.object({ onDate: z.string(), versionId: z.uuid().nullable(), services: z.array(catalogueEntrySchema) }), ...errorResponses(400, 401) },
      },
      handler: async (request) => currentCatalogue(ctx, principalOf(request), request.query.on),
    });

    app.get('/service-catalogue/versions', {
      schema: { tags: ['policies'], operationId: 'listServiceCatalogueVersions', summary: 'Every catalogue version of your municipality', response: { 200: z.array(catalogueVersionSchema), ...errorResponses(401) } },
      handler: async (request) => catalogueVersions(ctx, principalOf(request)),
    });

    app.post('/service-catalogue', {
      schema: {
        tags: ['policies'],
        operationId: 'addServiceCatalogueVersion',
        summary: 'Add a catalogue version from a date; it may not break the law nor contradict a policy in force',
        headers: commandHeadersSchema,
        body: newCatalogueInput,
        response: { 201: z.object({ id: z.uuid(), effectiveFrom: z.string(), services: z.array(catalogueEntrySchema) }), ...errorResponses(400, 401, 403, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await addCatalogueVersion(ctx, principalOf(request), commandMeta(request), request.body)),
    });
  };
}

export function policyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(catalogueRoutes(ctx));
    app.get('/policies', {
      schema: { tags: ['policies'], operationId: 'listPolicies', summary: 'Every policy version of your municipality', response: { 200: z.array(policyVersionSchema), ...errorResponses(401) } },
      handler: async (request) => listPolicies(ctx, principalOf(request)),
    });

    app.post('/policies', {
      schema: {
        tags: ['policies'],
        operationId: 'addPolicy',
        summary: 'Add a policy version from a date (a model change); versions are never changed',
        headers: commandHeadersSchema,
        body: newPolicyInput,
        response: { 201: policyVersionSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await addPolicy(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.get('/policies/templates', {
      schema: {
        tags: ['policies'],
        operationId: 'listPolicyTemplates',
        summary: 'The model templates a policy can start from',
        response: { 200: z.record(z.string(), policyRulesSchema).describe('Policy rules by template name'), ...errorResponses(401) },
      },
      handler: async () => POLICY_TEMPLATES,
    });

    app.get('/policies/compare', {
      schema: {
        tags: ['policies'],
        operationId: 'comparePolicies',
        summary: "Two models' rules side by side",
        querystring: z.object({ a: z.string().min(1).describe('Policy version id or template name'), b: z.string().min(1) }),
        response: {
          200: z.object({ a: z.string(), b: z.string(), rows: z.array(z.object({ rule: z.string(), a: z.string(), b: z.string(), same: z.boolean() })) }),
          ...errorResponses(400, 401),
        },
      },
      handler: async (request) => comparePolicies(ctx, principalOf(request), request.query.a, request.query.b),
    });

    app.get('/reports/model-classification', {
      schema: {
        tags: ['reports'],
        operationId: 'getModelClassificationReport',
        summary: "Each district's Oslo model class and seed-002 category, derived from configuration",
        response: { 200: classificationSchema, ...errorResponses(401) },
      },
      handler: async (request) => modelClassification(ctx, principalOf(request)),
    });
  };
}
