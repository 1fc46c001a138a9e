/**
 * The provider side: agreements (approved providers, price models), incoming orders, visits and CSV
 * imports, delivery and continuity reports, settlement with budget frames and expenses, escalations,
 * change reports and the revision gate.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addAgreement, agreementInput, agreements, escalations, monthFigureInput, recordMonthFigure } from '../../app/agreements.ts';
import { changeReports, hoursRoseWithoutScoreChange, revisionGateOf } from '../../app/changeReports.ts';
import type { AppContext } from '../../app/context.ts';
import { continuityReport, deliveryPerformance, importDelivery, incomingOrders, recordVisit } from '../../app/delivery.ts';
import { settlementReport } from '../../app/settlement.ts';
import { CSV_COLUMNS, visitInputSchema } from '../../domain/provider/delivery.ts';
import { SERVICE_CODES } from '../../domain/services/catalogue.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { commandErrors, commonErrors, idParams } from '../schemas.ts';

const json = z.record(z.string(), z.unknown());
const deviation = z.object({ amount: z.number(), percent: z.number().nullable() }).nullable();
const settlementReportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  settlements: z
    .array(
      z.object({
        providerUnitId: z.uuid(),
        providerName: z.string(),
        serviceCode: z.string(),
        agreementId: z.uuid(),
        basis: z.enum(['decided', 'performed']),
        lines: z.array(z.object({ element: z.string(), quantity: z.number(), unitPrice: z.number(), amount: z.number() })).readonly(),
        total: z.number(),
        onDecided: z.number(),
        onPerformed: z.number(),
        decidedHours: z.number(),
        performedHours: z.number(),
        performedDeviationPercent: z.number().nullable(),
        cases: z.array(z.object({ caseNumber: z.string(), decidedHours: z.number(), performedHours: z.number(), performedVisits: z.number(), placeDays: z.number() })).readonly(),
      }),
    )
    .describe('Per provider agreement: price basis, lines, total, decided and performed hours'),
  providers: z.array(
    z.object({ providerUnitId: z.uuid(), providerName: z.string(), paid: z.number(), spent: z.number().nullable(), efficiencyDeviation: deviation.describe('Spent minus paid (effektivitetsavvik)') }),
  ),
  purchasers: z.array(
    z.object({ unitId: z.uuid(), unitName: z.string(), frame: z.number().nullable(), granted: z.number().describe('Decided value this month, in kroner'), activityDeviation: deviation.describe('Granted minus frame (aktivitetsavvik)') }),
  ),
});
const deliveryReportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      caseId: z.uuid(),
      caseNumber: z.string(),
      providerUnitId: z.uuid(),
      serviceCode: z.string(),
      decidedHours: z.number(),
      performedHours: z.number(),
      performedPercent: z.number().nullable().describe('Performed in per cent of decided time'),
      visits: z.int(),
      cancelled: z.int(),
      cancelReasons: z.record(z.string(), z.int()),
    }),
  ),
});
const continuityReportSchema = z.object({
  month: z.string(),
  units: z.array(z.object({ unitId: z.uuid(), month: z.string(), users: z.int(), meanDistinctEmployees: z.number() })).readonly(),
  perUser: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), unitId: z.uuid(), distinctEmployees: z.int() })),
  weightedByUsers: z.number().nullable().describe('Mean over all users (each unit weighted by its number of users)'),
  unweightedMeanOfUnits: z.number().nullable().describe('Plain mean of the unit figures'),
  medianOverUsers: z.number().nullable(),
  note: z.string(),
});
const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').describe('YYYY-MM') });

const importInput = z.object({
  providerUnitId: z.uuid(),
  fileName: z.string().trim().min(1).max(200),
  csv: z.string().min(1).max(900_000).describe(`CSV text with a header row; columns ${CSV_COLUMNS.join(', ')} (comma or semicolon)`),
  dryRun: z.boolean().default(false),
});

export function providerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/provider-agreements', {
      schema: {
        tags: ['provider'],
        summary: 'Approved providers per service in force on a date, with user choice, answer time and price model',
        querystring: z.object({ on: z.iso.date().optional(), serviceCode: z.enum(SERVICE_CODES).optional() }),
        response: { 200: z.array(json), ...commonErrors },
      },
      handler: async (request) => agreements(ctx, principalOf(request), request.query.on, request.query.serviceCode),
    });
    app.post('/provider-agreements', {
      schema: { tags: ['provider'], summary: 'Add an agreement version (leader)', headers: commandHeadersSchema, body: agreementInput, response: { 201: json, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await addAgreement(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.get('/orders', {
      schema: {
        tags: ['provider'],
        summary: "Orders to the caller's units, with what the provider needs (tasks, time, goals, practical information)",
        querystring: z.object({ status: z.enum(['awaiting', 'accepted', 'rejected']).optional() }),
        response: { 200: z.array(json), ...commonErrors },
      },
      handler: async (request) => incomingOrders(ctx, principalOf(request), requestMeta(request), request.query.status),
    });
    app.post('/visits', {
      schema: {
        tags: ['provider'],
        summary: 'Record a performed or cancelled visit under an accepted order',
        headers: commandHeadersSchema,
        body: visitInputSchema.and(z.object({ providerUnitId: z.uuid().optional() })),
        response: { 201: json, ...commandErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordVisit(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.post('/visits/import', {
      schema: {
        tags: ['provider'],
        summary: 'Import visits from a mobile care system as CSV: every row or none (422 lists each rejected row with line and field)',
        headers: commandHeadersSchema,
        body: importInput,
        response: { 200: json, 201: json, ...commandErrors, 422: json.describe('problem+json with the report: every rejected row with line, field and reason') },
      },
      handler: async (request, reply) => sendCommandResult(reply, await importDelivery(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.get('/reports/delivery', {
      schema: {
        tags: ['reports'],
        summary: 'Performed against decided time per decision and provider for a month, with cancellations by reason',
        querystring: monthQuery.extend({ providerUnitId: z.uuid().optional() }),
        response: { 200: deliveryReportSchema, ...commonErrors },
      },
      handler: async (request) => deliveryPerformance(ctx, principalOf(request), requestMeta(request), request.query.month, request.query.providerUnitId),
    });
    app.get('/reports/continuity', {
      schema: { tags: ['reports'], summary: 'Distinct employees per user and month, per unit; user-weighted and unweighted means labelled', querystring: monthQuery, response: { 200: continuityReportSchema, ...commonErrors } },
      handler: async (request) => continuityReport(ctx, principalOf(request), requestMeta(request), request.query.month),
    });
  };
}

/** Money and follow-up: settlement, budget frames, expenses, escalations, change reports and the revision gate. */
export function providerReportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/settlement', {
      schema: {
        tags: ['reports'],
        summary: 'Monthly settlement per provider and service; activity deviation per purchaser and efficiency deviation per provider',
        querystring: monthQuery,
        response: { 200: settlementReportSchema, ...commonErrors },
      },
      handler: async (request) => settlementReport(ctx, principalOf(request), requestMeta(request), request.query.month),
    });
    app.post('/budget-frames', {
      schema: { tags: ['provider'], summary: "A purchasing unit's budget frame for a month (leader)", headers: commandHeadersSchema, body: monthFigureInput, response: { 201: json, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await recordMonthFigure(ctx, principalOf(request), commandMeta(request), 'budget_frame', request.body)),
    });
    app.post('/provider-expenses', {
      schema: { tags: ['provider'], summary: "A provider's expenses for a month (leader)", headers: commandHeadersSchema, body: monthFigureInput, response: { 201: json, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await recordMonthFigure(ctx, principalOf(request), commandMeta(request), 'provider_expense', request.body)),
    });
    app.get('/escalations', {
      schema: { tags: ['provider'], summary: 'Escalations to leaders: decisions beyond the budget frame (the decision stands)', response: { 200: z.array(json), ...commonErrors } },
      handler: async (request) => escalations(ctx, principalOf(request)),
    });
    app.get('/cases/:id/revision-gate', {
      schema: { tags: ['provider'], summary: "Whether the case's decision may be revised now under the unit's rule (±25 % sustained, IPLOS first)", params: idParams, response: { 200: json, ...commonErrors } },
      handler: async (request) => revisionGateOf(ctx, principalOf(request), requestMeta(request), request.params.id),
    });
    app.get('/reports/change-reports', {
      schema: { tags: ['reports'], summary: "Change reports, flagged when they would raise the reporting provider's own revenue", response: { 200: z.array(json), ...commonErrors } },
      handler: async (request) => changeReports(ctx, principalOf(request), requestMeta(request)),
    });
    app.get('/reports/hours-without-score-change', {
      schema: { tags: ['reports'], summary: 'Decisions whose hours rose while the ADL sum did not (over-service)', response: { 200: z.array(json), ...commonErrors } },
      handler: async (request) => hoursRoseWithoutScoreChange(ctx, principalOf(request), requestMeta(request)),
    });
  };
}
