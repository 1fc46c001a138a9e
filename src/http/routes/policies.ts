/** /api/v1/policies and /api/v1/reports/model-classification: organisational models as policy. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { addPolicy, comparePolicies, listPolicies, modelClassification, newPolicyInput } from '../../app/policies.ts';
import { policyRulesSchema } from '../../domain/organisation/policy.ts';
import { POLICY_TEMPLATES } from '../../domain/organisation/templates.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { commandErrors, commonErrors } from '../schemas.ts';

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

export function policyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/policies', {
      schema: { tags: ['policies'], summary: 'Every policy version of your municipality', response: { 200: z.array(policyVersionSchema), ...commonErrors } },
      handler: async (request) => listPolicies(ctx, principalOf(request)),
    });

    app.post('/policies', {
      schema: {
        tags: ['policies'],
        summary: 'Add a policy version from a date (a model change); versions are never changed',
        headers: commandHeadersSchema,
        body: newPolicyInput,
        response: { 201: policyVersionSchema, ...commandErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await addPolicy(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.get('/policies/templates', {
      schema: { tags: ['policies'], summary: 'The model templates a policy can start from', response: { 200: z.record(z.string(), policyRulesSchema), ...commonErrors } },
      handler: async () => POLICY_TEMPLATES,
    });

    app.get('/policies/compare', {
      schema: {
        tags: ['policies'],
        summary: "Two models' rules side by side",
        querystring: z.object({ a: z.string().min(1).describe('Policy version id or template name'), b: z.string().min(1) }),
        response: {
          200: z.object({ a: z.string(), b: z.string(), rows: z.array(z.object({ rule: z.string(), a: z.string(), b: z.string(), same: z.boolean() })) }),
          ...commonErrors,
        },
      },
      handler: async (request) => comparePolicies(ctx, principalOf(request), request.query.a, request.query.b),
    });

    app.get('/reports/model-classification', {
      schema: {
        tags: ['reports'],
        summary: "Each district's Oslo model class and seed-002 category, derived from configuration",
        response: { 200: classificationSchema, ...commonErrors },
      },
      handler: async (request) => modelClassification(ctx, principalOf(request)),
    });
  };
}
