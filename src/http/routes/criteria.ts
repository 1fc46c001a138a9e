/** Assessments, IPLOS variables, criteria sets, evaluation of a case, and the departures report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assessmentInput, personAssessments, registerAssessment } from '../../app/assessments.ts';
import type { AppContext } from '../../app/context.ts';
import { approveCriteria, approveInput, criteriaDepartures, criteriaSets, draftCriteriaSet, evaluateCase, newCriteriaSetInput } from '../../app/criteria.ts';
import { IPLOS_CURRENT } from '../../domain/assessment/iplos.ts';
import { actionPayloadSchemas } from '../../domain/case/index.ts';
import { criteriaRulesSchema } from '../../domain/criteria/criteriaSet.ts';
import { SERVICE_CODES } from '../../domain/services/catalogue.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { caseViewSchema, errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const words = z.object({ nb: z.string(), nn: z.string(), en: z.string() });
const iplosVersionSchema = z.object({
  version: z.string(),
  source: z.string(),
  variables: z.array(z.object({ code: z.string(), group: z.enum(['social', 'household', 'personal_care', 'mobility', 'senses']), name: words })).readonly(),
  scores: z.object({ 1: words, 2: words, 3: words, 4: words, 5: words, 9: words }).describe('The meaning of each score'),
});

const content = assessmentInput.shape;
const assessmentSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  caseId: z.uuid().nullable(),
  previousId: z.uuid().nullable(),
  status: z.enum(['draft', 'completed']),
  assessedOn: z.string(),
  assessor: z.object({ id: z.uuid(), name: z.string() }),
  iplosVersion: z.string(),
  scores: z.record(z.string(), z.int()).describe('IPLOS 1–5, 9 = not relevant'),
  whatMatters: z.string().nullable(),
  whatMattersMissingReason: z.string().nullable(),
  goals: content.goals,
  resources: z.string().nullable(),
  relatives: content.relatives,
  diagnoses: content.diagnoses,
  participants: content.participants,
  answers: content.answers,
  jointVisit: z.boolean().describe('Two or more professions at the same visit: a joint interdisciplinary assessment'),
  createdAt: z.string(),
});
const personAssessmentsSchema = z.object({
  iplos: z.object({ status: z.enum(['complete', 'to_be_validated', 'missing']), unscored: z.array(z.string()), reason: z.string() }),
  assessments: z.array(assessmentSchema).describe('Oldest first'),
});

const criteriaSetSchema = z.object({
  id: z.uuid(),
  serviceCode: z.string(),
  version: z.int(),
  status: z.enum(['draft', 'approved', 'in_force', 'superseded']),
  rules: criteriaRulesSchema,
  note: z.string().nullable(),
  approvedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  approvedAt: z.string().nullable(),
  inForceFrom: z.string().nullable(),
});

const evaluationSchema = z.object({
  evaluation: actionPayloadSchemas.criteria_evaluated.describe('The evaluation as recorded in the case history (criteria_evaluated)'),
  case: caseViewSchema,
});

const departureSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  serviceCode: z.string(),
  outcome: z.string(),
  reason: z.string().describe('Why the decision departed from the criteria'),
  decidedBy: z.string(),
  at: z.string(),
});

/** The IPLOS variables in force, and a person's assessments. */
function assessmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/iplos/variables', {
      schema: {
        tags: ['assessment'],
        operationId: 'getIplosVariables',
        summary: 'The IPLOS variables and score meanings in force (versioned data)',
        response: { 200: iplosVersionSchema, ...errorResponses(401) },
      },
      handler: async () => ({ ...IPLOS_CURRENT }),
    });

    app.post('/persons/:id/assessments', {
      schema: {
        tags: ['assessment'],
        operationId: 'registerAssessment',
        summary: 'Record an assessment (kartlegging) or a draft',
        headers: commandHeadersSchema,
        params: idParams,
        body: assessmentInput,
        response: { 201: assessmentSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await registerAssessment(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/persons/:id/assessments', {
      schema: {
        tags: ['assessment'],
        operationId: 'listPersonAssessments',
        summary: "A person's assessments and IPLOS completeness (complete / to be validated / missing)",
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: personAssessmentsSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => personAssessments(ctx, principalOf(request), requestMeta(request), request.params.id),
    });
  };
}

/** Criteria set versions, evaluation of a case, and the departures report. */
function criteriaSetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/criteria-sets', {
      schema: {
        tags: ['criteria'],
        operationId: 'listCriteriaSets',
        summary: 'Criteria set versions with their status (draft, approved, in force, superseded)',
        querystring: z.object({ service: z.enum(SERVICE_CODES).optional() }),
        response: { 200: z.array(criteriaSetSchema), ...errorResponses(400, 401) },
      },
      handler: async (request) => criteriaSets(ctx, principalOf(request), request.query.service),
    });

    app.post('/criteria-sets', {
      schema: {
        tags: ['criteria'],
        operationId: 'draftCriteriaSet',
        summary: 'Draft a new criteria set version (every expression is checked; errors name field and position)',
        headers: commandHeadersSchema,
        body: newCriteriaSetInput,
        response: { 201: criteriaSetSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await draftCriteriaSet(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.post('/criteria-sets/:id/approve', {
      schema: {
        tags: ['criteria'],
        operationId: 'approveCriteriaSet',
        summary: 'Approve a draft (a named leader) with the date it comes into force',
        headers: commandHeadersSchema,
        params: idParams,
        body: approveInput,
        response: { 200: criteriaSetSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await approveCriteria(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.post('/cases/:id/evaluation', {
      schema: {
        tags: ['criteria'],
        operationId: 'evaluateCase',
        summary: 'Evaluate the case against the criteria in force and record the result in its history',
        headers: commandHeadersSchema,
        params: idParams,
        body: z.object({ assessmentId: z.uuid().optional().describe('Default: the latest completed assessment') }),
        response: { 200: evaluationSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await evaluateCase(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/reports/criteria-departures', {
      schema: {
        tags: ['reports'],
        operationId: 'getCriteriaDeparturesReport',
        summary: 'Decisions that departed from the criteria, with their reasons',
        response: { 200: z.array(departureSchema), ...errorResponses(401, 403) },
      },
      handler: async (request) => criteriaDepartures(ctx, principalOf(request)),
    });
  };
}

/** Assessments and allocation criteria. */
export function criteriaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(assessmentRoutes(ctx));
    await app.register(criteriaSetRoutes(ctx));
  };
}
