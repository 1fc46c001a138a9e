/**
 * /api/v1/organisation/staff/:id/positions and /api/v1/reports/workforce (issue 20 part 7): a staff
 * member's positions, recorded and ended by the administrator, and seed 003's Tables 5.1–5.3 for
 * leaders (aggregates only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { configure } from '../../app/orgConfig.ts';
import { endPosition, endPositionInput, newPositionInput, recordPosition, staffPositions, workforceReport } from '../../app/workforce.ts';
import { KOSTRA_FUNCTION_IDS, PROFESSION_CATEGORY_IDS, SKILLED_SHARE_VARIANTS, WORKFORCE_FIGURE_IDS } from '../../domain/reports/workforceDefinitions.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams } from '../schemas.ts';

const positionSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  category: z.enum(PROFESSION_CATEGORY_IDS),
  fte: z.number(),
  permanent: z.boolean(),
  kostraFunction: z.enum(KOSTRA_FUNCTION_IDS),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  endedOn: z.string().nullable().describe('The recorded end, when the position has been ended'),
});
const recordedSchema = z.object({ id: z.uuid(), staffId: z.uuid() }).loose();
const writeErrors = errorResponses(400, 401, 403, 404, 409, 422);

const words = z.object({ nb: z.string(), nn: z.string(), en: z.string() });
const categoryFigures = z.object(Object.fromEntries(PROFESSION_CATEGORY_IDS.map((c) => [c, z.number()])) as Record<(typeof PROFESSION_CATEGORY_IDS)[number], z.ZodNumber>);
const categoryChanges = z.object(Object.fromEntries(PROFESSION_CATEGORY_IDS.map((c) => [c, z.number().nullable()])) as Record<(typeof PROFESSION_CATEGORY_IDS)[number], z.ZodNullable<z.ZodNumber>>);
const skilledShares = z.object(Object.fromEntries(SKILLED_SHARE_VARIANTS.map((v) => [v.id, z.number().nullable()])) as Record<(typeof SKILLED_SHARE_VARIANTS)[number]['id'], z.ZodNullable<z.ZodNumber>>);
const positionFigures = {
  fullTimeShare: z.number().nullable().describe('In [0, 1]'),
  meanPositionSize: z.number().nullable().describe('A fraction of a full-time position'),
  permanentShare: z.number().nullable().describe('In [0, 1]'),
};
const districtKey = { districtId: z.uuid().nullable(), districtName: z.string().nullable() };

const workforceSchema = z.object({
  from: z.int(),
  to: z.int(),
  day: z.string().describe('MM-DD: the reference day of Table 5.1 and the snapshot of Table 5.2 each year'),
  definitions: z.array(z.object({ id: z.enum(WORKFORCE_FIGURE_IDS), name: words, definition: words, mean: z.enum(['weighted', 'unweighted', 'none']), citation: z.string() })),
  skilledShareVariants: z.array(z.object({ id: z.enum(SKILLED_SHARE_VARIANTS.map((v) => v.id) as unknown as readonly [(typeof SKILLED_SHARE_VARIANTS)[number]['id']]), name: words, skilled: z.array(z.string()).describe('The education levels counted skilled') })).describe('The definitions of «faglært» the skilled share is given under (the source states none)'),
  fteByCategory: z.object({
    columns: z.array(z.object({ year: z.int(), day: z.string(), total: z.number(), byCategory: categoryFigures, skilledShare: skilledShares.describe('Per variant of «faglært» (workforceDefinitions.ts)') })),
    change: z.object({ total: z.number().nullable(), byCategory: categoryChanges }).describe('(last − first) ÷ first, from the first year to the last'),
  }).describe('Seed 003 Table 5.1: FTE under function 254 by profession category'),
  positions: z
    .array(z.object({
      day: z.string(),
      all: z.object({ employees: z.int(), ...positionFigures }).describe('Pooled over every employee'),
      simpleMeanOfDistricts: z.object(positionFigures).describe('The plain mean of the districts, each counting once'),
      districts: z.array(z.object({ ...districtKey, employees: z.int(), ...positionFigures })),
    }))
    .describe('Seed 003 Table 5.2: full-time share, mean position size and permanent share under function 254'),
  continuity: z
    .array(z.object({
      year: z.int(),
      userMonths: z.int(),
      weightedByUsers: z.number().nullable().describe('The mean over every user-month: districts weighted by their users'),
      simpleMeanOfDistricts: z.number().nullable().describe('The plain mean of the districts, each counting once'),
      medianOfDistricts: z.number().nullable(),
      districts: z.array(z.object({ ...districtKey, userMonths: z.int(), mean: z.number().nullable() })),
    }))
    .describe('Seed 003 Table 5.3: distinct employees per home-nursing user per month'),
});

export function workforceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/organisation/staff/:id/positions', {
      schema: { tags: ['organisation'], operationId: 'getStaffPositions', summary: "A staff member's positions (the administrator's)", params: idParams, response: { 200: z.array(positionSchema), ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => staffPositions(ctx, principalOf(request), request.params.id),
    });
    app.post('/organisation/staff/:id/positions', {
      schema: { tags: ['organisation'], operationId: 'recordStaffPosition', summary: 'Record a position of a staff member: profession category, size, permanent or temporary, KOSTRA function, unit and period', params: idParams, headers: commandHeadersSchema, body: newPositionInput, response: { 201: recordedSchema, 200: recordedSchema, ...writeErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx) => recordPosition(tx, principalOf(request).staffId, request.params.id, request.body))),
    });
    app.post('/organisation/staff/:id/positions/:positionId/end', {
      schema: { tags: ['organisation'], operationId: 'endStaffPosition', summary: 'End a position from a date', params: z.object({ id: z.uuid(), positionId: z.uuid() }), headers: commandHeadersSchema, body: endPositionInput, response: { 200: positionSchema, 201: positionSchema, ...writeErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await configure(ctx, principalOf(request), commandMeta(request), (tx) => endPosition(tx, principalOf(request).staffId, request.params.id, request.params.positionId, request.body), 200)),
    });
    app.get('/reports/workforce', {
      schema: {
        tags: ['reports'],
        operationId: 'getWorkforceReport',
        summary: 'Seed 003 Tables 5.1–5.3: FTE by profession with the skilled share, full-time/position size/permanent shares, and distinct employees per home-nursing user per month, per district and year, with definitions',
        querystring: z.object({
          from: z.coerce.number().int().min(1990).max(2100).optional().describe('First year; default: five years before `to`'),
          to: z.coerce.number().int().min(1990).max(2100).optional().describe('Last year; default: last year'),
          day: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day of the year as MM-DD').default('12-01').describe('The reference and snapshot day each year (MM-DD); default 1 December'),
        }),
        response: { 200: workforceSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => workforceReport(ctx, principalOf(request), request.query),
    });
  };
}
