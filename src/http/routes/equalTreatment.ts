/**
 * /api/v1/reports/equal-treatment (and its cases) and /api/v1/cases/{id}/comparable-grants: equal
 * treatment (likebehandling, issue 20) — the spread of granted hours for comparable need, for
 * leaders, and the comparable range at the moment of decision, for the caseworker.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { comparableGrants, equalTreatmentCases, equalTreatmentReport } from '../../app/equalTreatment.ts';
import { BREAKDOWNS, EQUAL_TREATMENT_FIGURE_IDS, NEED_BANDS } from '../../domain/reports/equalTreatment.ts';
import { SERVICE_CODES } from '../../domain/services/catalogue.ts';
import { requestMeta } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const words = z.object({ nb: z.string(), nn: z.string(), en: z.string() });
const localDate = z.iso.date().describe('YYYY-MM-DD');
const hours = z.number().nullable();

const cell = z
  .object({
    suppressed: z.boolean().describe('Fewer decisions than the minimum n: no figure is shown, n neither'),
    n: z.int().nullable(),
    mean: hours,
    median: hours,
    p10: hours,
    p90: hours,
    ciLow: hours.describe('The 95 % t-interval of the mean, lower end'),
    ciHigh: hours.describe('The 95 % t-interval of the mean, upper end'),
  })
  .describe('Granted hours per week');

const period = {
  from: localDate.optional().describe('First day of the period (the day of the decision); default: a year back'),
  to: localDate.optional().describe('Last day of the period; default: today'),
};
const reportQuery = z.object({
  service: z.enum(SERVICE_CODES).optional().describe('One service; every service with hours when left out'),
  ...period,
  by: z.enum(BREAKDOWNS).default('caseworker').describe('caseworker: who recorded the decision; team: the owning unit; district'),
});

const reportSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(BREAKDOWNS),
  service: z.string().nullable(),
  minimumN: z.object({ n: z.int(), reason: words }),
  bandRule: z.object({ id: z.string(), source: z.string(), bands: z.object({ limited: words, medium: words, extensive: words, unassessed: words } satisfies Record<(typeof NEED_BANDS)[number], typeof words>) }),
  definitions: z.array(z.object({ id: z.enum(EQUAL_TREATMENT_FIGURE_IDS), name: words, definition: words })),
  flagged: z.int().describe('Cells flagged as unwanted variation to look at'),
  groups: z.array(
    z.object({
      key: z.string().describe('service|band|diagnosis group (or none): the key the drill-down takes'),
      serviceCode: z.string(),
      band: z.enum(NEED_BANDS),
      diagnosisGroup: z.string().nullable(),
      municipality: cell,
      units: z.array(
        z.object({
          key: z.string().describe('A staff, unit or district id, or "none"'),
          label: z.string().nullable(),
          figures: cell,
          flag: z.enum(['above', 'below']).nullable().describe('Unwanted variation to look at: the interval wholly above or below the municipality’s. Never a cause.'),
        }),
      ),
    }),
  ),
});

const casesSchema = z.object({
  group: z.string(),
  unit: z.string(),
  notShown: z.int().nullable().describe('Cases in the cell the gate does not show (null where the cell is below the minimum n)'),
  cases: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), serviceCode: z.string(), hoursPerWeek: z.number(), decidedOn: z.string() })),
});

const comparableSchema = z.object({
  caseId: z.uuid(),
  from: z.string(),
  to: z.string(),
  serviceCode: z.string(),
  band: z.enum(NEED_BANDS),
  diagnosisGroup: z.string().nullable(),
  minimumN: z.int(),
  range: z.object({ suppressed: z.boolean(), n: z.int().nullable(), p10: hours, median: hours, p90: hours }),
});

export function equalTreatmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/equal-treatment', {
      schema: {
        tags: ['reports'],
        operationId: 'getEqualTreatment',
        summary: 'Equal treatment: granted hours per week for comparable assessed need (service, IPLOS band, diagnosis group) by caseworker, team or district, with n, mean, median, p10/p90, a 95 % interval and flags (logged)',
        headers: readHeadersSchema,
        querystring: reportQuery,
        response: { 200: reportSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => equalTreatmentReport(ctx, principalOf(request), requestMeta(request), request.query),
    });

    app.get('/reports/equal-treatment/cases', {
      schema: {
        tags: ['reports'],
        operationId: 'getEqualTreatmentCases',
        summary: 'The cases behind an equal-treatment cell, as far as access by need shows them (case numbers and hours, no names; logged)',
        headers: readHeadersSchema,
        querystring: reportQuery.extend({
          group: z.string().min(1).max(200).describe('The group key of the report'),
          unit: z.string().min(1).max(64).describe('The unit key of the report'),
        }),
        response: { 200: casesSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => equalTreatmentCases(ctx, principalOf(request), requestMeta(request), request.query),
    });

    app.get('/cases/:id/comparable-grants', {
      schema: {
        tags: ['decisions'],
        operationId: 'getComparableGrants',
        summary: 'The range of hours per week granted in the municipality to users with need comparable to this case’s (p10–p90, median, n), hidden below the minimum n (logged)',
        headers: readHeadersSchema,
        params: idParams,
        querystring: z.object({ service: z.enum(SERVICE_CODES).optional().describe('Default: the case’s service'), ...period }),
        response: { 200: comparableSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => comparableGrants(ctx, principalOf(request), requestMeta(request), request.params.id, request.query),
    });
  };
}
