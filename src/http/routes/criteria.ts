/** Assessments, IPLOS variables, criteria sets, evaluation of a case, and the departures report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assessmentInput, personAssessments, registerAssessment } from '../../app/assessments.ts';
import type { AppContext } from '../../app/context.ts';
import { approveCriteria, approveInput, criteriaDepartures, criteriaSets, draftCriteriaSet, evaluateCase, newCriteriaSetInput } from '../../app/criteria.ts';
import { IPLOS_CURRENT } from '../../domain/assessment/iplos.ts';
import { SERVICE_CODES } from '../../domain/services/catalogue.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { commandErrors, commonErrors, idParams } from '../schemas.ts';

const json = z.record(z.string(), z.unknown());

export function criteriaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/iplos/variables', {
      schema: { tags: ['assessment'], summary: 'The IPLOS variables and score meanings in force (versioned data)', response: { 200: json, ...commonErrors } },
      handler: async () => ({ ...IPLOS_CURRENT }),
    });

    app.post('/persons/:id/assessments', {
      schema: { tags: ['assessment'], summary: 'Record an assessment (kartlegging) or a draft', headers: commandHeadersSchema, params: idParams, body: assessmentInput, response: { 201: json, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await registerAssessment(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/persons/:id/assessments', {
      schema: { tags: ['assessment'], summary: "A person's assessments and IPLOS completeness (complete / to be validated / missing)", params: idParams, response: { 200: json, ...commonErrors } },
      handler: async (request) => personAssessments(ctx, principalOf(request), requestMeta(request), request.params.id),
    });

    app.get('/criteria-sets', {
      schema: {
        tags: ['criteria'],
        summary: 'Criteria set versions with their status (draft, approved, in force, superseded)',
        querystring: z.object({ service: z.enum(SERVICE_CODES).optional() }),
        response: { 200: z.array(json), ...commonErrors },
      },
      handler: async (request) => criteriaSets(ctx, principalOf(request), request.query.service),
    });

    app.post('/criteria-sets', {
      schema: {
        tags: ['criteria'],
        summary: 'Draft a new criteria set version (every expression is checked; errors name field and position)',
        headers: commandHeadersSchema,
        body: newCriteriaSetInput,
        response: { 201: json, ...commandErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await draftCriteriaSet(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.post('/criteria-sets/:id/approve', {
      schema: { tags: ['criteria'], summary: 'Approve a draft (a named leader) with the date it comes into force', headers: commandHeadersSchema, params: idParams, body: approveInput, response: { 200: json, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await approveCriteria(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.post('/cases/:id/evaluation', {
      schema: {
        tags: ['criteria'],
        summary: 'Evaluate the case against the criteria in force and record the result in its history',
        headers: commandHeadersSchema,
        params: idParams,
        body: z.object({ assessmentId: z.uuid().optional().describe('Default: the latest completed assessment') }),
        response: { 200: json, ...commandErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await evaluateCase(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/reports/criteria-departures', {
      schema: { tags: ['reports'], summary: 'Decisions that departed from the criteria, with their reasons', response: { 200: z.array(json), ...commonErrors } },
      handler: async (request) => criteriaDepartures(ctx, principalOf(request)),
    });
  };
}
