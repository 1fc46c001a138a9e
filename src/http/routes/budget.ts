/**
 * /api/v1/budget: budgets over the year (issue 17.5, 20.6). Frames per unit and service with monthly
 * phasing and a carry-over rule, and shared pools, as versioned configuration (administrators and
 * leaders); the year's view of them; and the forecast a decider sees before saving a decision.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { budgetYear, poolInput, setPool, setYearFrame, yearFrameInput } from '../../app/budget.ts';
import { budgetForecast, forecastQuery } from '../../app/budgetCheck.ts';
import type { AppContext } from '../../app/context.ts';
import { carryOverSchema, phasingSchema, poolSplitSchema } from '../../domain/finance/budget.ts';
import { commandHeadersSchema, commandMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses } from '../schemas.ts';

const months = z.array(z.number()).length(12).describe('January first');
const deviation = z.object({ amount: z.number(), percent: z.number().nullable() }).nullable().describe('Activity deviation: the forecast beyond (positive) or within (negative) the frame');
const version = { effectiveOn: z.string(), recordedBy: z.uuid(), recordedAt: z.string() };
const frameRow = z.object({ id: z.uuid(), unitId: z.uuid(), serviceCode: z.string().nullable(), year: z.int(), amount: z.number(), phasing: phasingSchema, carryOver: carryOverSchema, ...version });
const poolRow = z.object({ id: z.uuid(), poolId: z.uuid(), name: z.string(), serviceCode: z.string().nullable(), year: z.int(), amount: z.number(), phasing: phasingSchema, split: poolSplitSchema, ...version });

const yearSchema = z.object({
  year: z.int(),
  frames: z.array(
    frameRow.extend({
      unitName: z.string(),
      carriedIn: z.number().describe('What the previous year carried in when it closed'),
      months: months.describe('The frame month by month: phased amount and carry-in, monthly overrides, pool parts'),
      total: z.number(),
      yearToDate: z.number().describe('Decided value in the months begun so far'),
      forecast: z.number().describe('Decided value of the year as decisions in force commit it'),
      activityDeviation: deviation,
    }),
  ),
  pools: z.array(poolRow.extend({ unitNames: z.array(z.string()), parts: z.array(z.object({ unitId: z.uuid(), amount: z.number() })).describe('Each unit’s share (empty for a first-come pool)') })),
  history: z.object({ frames: z.array(frameRow), pools: z.array(poolRow) }).describe('Every version, newest first'),
});

const forecastSchema = z.object({
  year: z.int(),
  unitId: z.uuid(),
  serviceCode: z.string().nullable().describe("The frame's service; null when the forecast is of the unit's whole budget (the service has no frame of its own)"),
  frame: z
    .object({
      total: z.number(),
      months,
      carriedIn: z.number(),
      pools: z.array(z.object({ poolId: z.uuid(), name: z.string(), kind: z.enum(['shares', 'first_come']), amount: z.number() })),
    })
    .nullable(),
  months,
  yearToDate: z.number(),
  forecast: z.number(),
  activityDeviation: deviation,
  proposal: z
    .object({ added: z.number().describe('What the proposed decision adds to the year'), months, forecast: z.number(), activityDeviation: deviation })
    .nullable(),
});

const writeErrors = errorResponses(400, 401, 403, 404, 409, 422);

export function budgetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/budget', {
      schema: {
        tags: ['provider'],
        operationId: 'getBudgetYear',
        summary: "A year's budget frames with phasing, carry-over, pools, value so far and forecast, and every version (administrators and leaders)",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: yearSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => budgetYear(ctx, principalOf(request), request.query.year),
    });
    app.post('/budget/year-frames', {
      schema: {
        tags: ['provider'],
        operationId: 'setBudgetYearFrame',
        summary: "A new version of a unit's yearly frame for a service or its whole budget, phased over the months, with a carry-over rule",
        headers: commandHeadersSchema,
        body: yearFrameInput,
        response: { 201: frameRow.omit({ recordedBy: true, recordedAt: true }).extend({ changeId: z.uuid() }), ...writeErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await setYearFrame(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.post('/budget/pools', {
      schema: {
        tags: ['provider'],
        operationId: 'setBudgetPool',
        summary: 'A shared pool between units for a year, or a new version of one: split by shares or drawn first come',
        headers: commandHeadersSchema,
        body: poolInput,
        response: { 201: poolRow.omit({ recordedBy: true, recordedAt: true }).extend({ changeId: z.uuid() }), ...writeErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await setPool(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.get('/budget/forecast', {
      schema: {
        tags: ['provider'],
        operationId: 'getBudgetForecast',
        summary: "The year's forecast for a unit and service with and without a proposed decision, against the frame (information only; deciders and leaders)",
        querystring: forecastQuery,
        response: { 200: forecastSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => budgetForecast(ctx, principalOf(request), request.query),
    });
  };
}
