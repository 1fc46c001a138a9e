/**
 * /api/v1/reports/kostra: the national figures (KOSTRA) of a year for leaders, with each indicator's
 * definition and citation; and /api/v1/organisation/population: the inhabitants by age the figures
 * divide by, entered by the administrator (issue 20 part 5).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { kostraReport } from '../../app/kostra.ts';
import { listPopulation, populationInput, recordPopulation } from '../../app/population.ts';
import { KOSTRA_INDICATOR_IDS, NEED_LEVELS } from '../../domain/reports/kostraDefinitions.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses } from '../schemas.ts';

const words = z.object({ nb: z.string(), nn: z.string(), en: z.string() });
const figure = z.object({
  n: z.number().nullable().describe('What was counted: recipients, or the recipients a mean is over; null when suppressed (fewer than the minimum n)'),
  of: z.number().nullable().describe('The denominator: inhabitants or recipients; null for a mean'),
  value: z.number().nullable(),
  reason: z.enum(['no_population', 'population_bands', 'no_accounts', 'no_recipients', 'not_recorded', 'suppressed']).nullable().describe('Why the value is not computable'),
});
const columns = z.object({ '0-66': figure, '67-79': figure, '80+': figure, total: figure });
const needLevel = z.enum(NEED_LEVELS as ['extensive', 'medium', 'limited', 'unknown']);

const kostraSchema = z.object({
  year: z.int(),
  referenceDate: z.string().describe('The day recipients are counted: 31 December, or today while the year runs'),
  population: z.object({ year: z.int(), asOf: z.string(), total: z.int(), source: z.string() }).nullable().describe('The population divided by; null when none is entered'),
  recipients: z.int().describe('Persons with any granted service in force on the reference date'),
  needGrouping: z.object({ id: z.string(), minScored: z.int(), mediumFrom: z.number(), extensiveFrom: z.number(), source: z.string() }).describe('How IPLOS scores become a need level: the mean of the scores 1–5 against two thresholds (the band rule of the equal-treatment report; not verified against SSB)'),
  indicators: z.array(z.object({ id: z.enum(KOSTRA_INDICATOR_IDS), name: words, definition: words, citation: z.string(), verified: z.boolean(), note: z.string().nullable() })),
  rows: z.array(z.object({ id: z.string(), name: words, table14: z.string().nullable(), services: z.array(z.string()), notRecorded: z.string().nullable() })),
  serviceRows: z.array(z.object({ id: z.string(), per1000: columns, per100: figure, notRecorded: z.string().nullable() })),
  needRows: z.array(z.object({ level: needLevel, per1000: columns, per100: figure })),
  extensiveNeedShare: columns,
  hoursPerWeek: z.array(
    z.object({ id: z.enum(['practical_help', 'home_nursing', 'both']), byAge: columns, byNeed: z.object({ extensive: figure, medium: figure, limited: figure, unknown: figure }), withoutHours: z.int() }),
  ),
  bpa: z.object({ per1000Under67: figure, per10000Under67: figure, coverage: figure }),
  costs: z.object({
    expenses: z.number().nullable(),
    unattributed: z.number().nullable().describe('Expenses of providers whose agreements span several KOSTRA functions'),
    entries: z.int().describe('Provider-months with expenses entered'),
    perInhabitant: figure,
    perHomeServiceRecipient: figure,
    perInstitutionResident: figure,
  }),
});

const populationSchema = z.object({
  id: z.uuid(),
  year: z.int(),
  asOf: z.string(),
  bands: z.array(z.object({ fromAge: z.int(), toAge: z.int().nullable(), inhabitants: z.int() })),
  total: z.int(),
  source: z.string(),
  note: z.string().nullable(),
  recordedBy: z.object({ id: z.uuid(), name: z.string() }),
  recordedAt: z.string(),
  inForce: z.boolean().describe('The latest entry of its year: the one the figures use'),
});

export function kostraRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/kostra', {
      schema: {
        tags: ['reports'],
        operationId: 'getKostraFigures',
        summary: 'The national figures (KOSTRA) of a year: recipients per 1,000 inhabitants by service and age group, by need level, hours per week, BPA, costs where the accounts are entered; with definitions and citations (aggregates only)',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('The year; default: this year') }),
        response: { 200: kostraSchema.extend({ minimumN: z.int().describe('Cells counted over fewer recipients than this show neither value nor n') }), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => kostraReport(ctx, principalOf(request), request.query),
    });

    app.get('/organisation/population', {
      schema: {
        tags: ['organisation'],
        operationId: 'listPopulation',
        summary: 'The inhabitants by age per year (as of 1 January), every entry, the one in force for each year marked',
        response: { 200: z.array(populationSchema), ...errorResponses(401, 403) },
      },
      handler: async (request) => listPopulation(ctx, principalOf(request)),
    });

    app.post('/organisation/population', {
      schema: {
        tags: ['organisation'],
        operationId: 'recordPopulation',
        summary: 'Enter the inhabitants by age of a year as of 1 January, with the source (admin); a later entry for the same year replaces it',
        headers: commandHeadersSchema,
        body: populationInput,
        response: { 201: populationSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordPopulation(ctx, principalOf(request), commandMeta(request), request.body)),
    });
  };
}
