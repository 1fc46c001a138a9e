/**
 * The provider side: agreements (approved providers, price models), incoming orders, visits and CSV
 * imports, delivery and continuity reports, settlement with budget frames and expenses, escalations,
 * change reports and the revision gate.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addAgreement, agreementInput, agreements, escalations, monthFigureInput, recordMonthFigure } from '../../app/agreements.ts';
import { changeReports, changeReportsByProvider, hoursRoseWithoutScoreChange, revisionGateOf } from '../../app/changeReports.ts';
import type { AppContext } from '../../app/context.ts';
import { continuityReport, deliveryPage, deliveryPerformance, importDelivery, incomingOrders, recordVisit } from '../../app/delivery.ts';
import { settlementReport } from '../../app/settlement.ts';
import { CSV_COLUMNS, visitInputSchema } from '../../domain/provider/delivery.ts';
import { SERVICE_CODES } from '../../domain/services/catalogue.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { cursorKey, pageQuery } from '../paging.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, problemSchema, readHeadersSchema } from '../schemas.ts';
import {
  agreementSchema,
  changeReportSchema,
  continuityReportSchema,
  deliveryPageSchema,
  deliveryReportSchema,
  escalationSchema,
  hoursRoseSchema,
  importRejectedSchema,
  importResultSchema,
  incomingOrderSchema,
  monthFigureSchema,
  newAgreementSchema,
  revisionGateSchema,
  settlementReportSchema,
  visitSchema,
} from './providerSchemas.ts';
import { visitImportStreamRoutes } from './visitImport.ts';

const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').describe('YYYY-MM') });

/** The delivery page's cursor: the last row's case number and its place among the case's orders. */
const deliveryCursorSchema = z.strictObject({ caseNumber: z.string().min(1).max(100), order: z.int().min(1) });

const importInput = z.object({
  providerUnitId: z.uuid(),
  fileName: z.string().trim().min(1).max(200),
  csv: z.string().min(1).max(900_000).describe(`CSV text with a header row; columns ${CSV_COLUMNS.join(', ')} (comma or semicolon)`),
  dryRun: z.boolean().default(false),
});

/** Approved providers and their agreements, and the orders to the caller's units. */
function agreementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/provider-agreements', {
      schema: {
        tags: ['provider'],
        operationId: 'listProviderAgreements',
        summary: 'Approved providers per service in force on a date, with user choice, answer time and price model',
        querystring: z.object({ on: z.iso.date().optional(), serviceCode: z.enum(SERVICE_CODES).optional() }),
        response: { 200: z.array(agreementSchema), ...errorResponses(400, 401) },
      },
      handler: async (request) => agreements(ctx, principalOf(request), request.query.on, request.query.serviceCode),
    });
    app.post('/provider-agreements', {
      schema: {
        tags: ['provider'],
        operationId: 'addProviderAgreement',
        summary: 'Add an agreement version (leader)',
        headers: commandHeadersSchema,
        body: agreementInput,
        response: { 201: newAgreementSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await addAgreement(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.get('/orders', {
      schema: {
        tags: ['provider'],
        operationId: 'listOrders',
        summary: "Orders to the caller's units, with what the provider needs (tasks, time, goals, practical information)",
        headers: readHeadersSchema,
        querystring: z.object({ status: z.enum(['awaiting', 'accepted', 'rejected']).optional() }),
        response: { 200: z.array(incomingOrderSchema), ...errorResponses(400, 401, 403) },
      },
      // The use case reads an order's details from the stored service_arranged payload without its type.
      handler: async (request) => (await incomingOrders(ctx, principalOf(request), requestMeta(request), request.query.status)) as z.output<typeof incomingOrderSchema>[],
    });
  };
}

/** Visits recorded or imported by the provider, and the delivery and continuity reports. */
function deliveryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/visits', {
      schema: {
        tags: ['provider'],
        operationId: 'recordVisit',
        summary: 'Record a performed or cancelled visit under an accepted order',
        headers: commandHeadersSchema,
        body: visitInputSchema.and(z.object({ providerUnitId: z.uuid().optional() })),
        response: { 201: visitSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordVisit(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.post('/visits/import', {
      schema: {
        tags: ['provider'],
        operationId: 'importVisits',
        summary: 'Import visits from a mobile care system as CSV: every row or none (422 lists each rejected row with line and field)',
        headers: commandHeadersSchema,
        body: importInput,
        response: {
          200: importResultSchema.describe('A dry run: every row can be imported, nothing was stored'),
          201: importResultSchema,
          ...errorResponses(400, 401, 403),
          422: {
            description: 'Rows that cannot be imported (the report), or an Idempotency-Key used for a different request',
            content: { 'application/problem+json': { schema: z.union([importRejectedSchema, problemSchema]) } },
          },
        },
      },
      handler: async (request, reply) => sendCommandResult(reply, await importDelivery(ctx, principalOf(request), commandMeta(request), request.body)),
    });
    app.get('/reports/delivery', {
      schema: {
        tags: ['reports'],
        operationId: 'getDeliveryReport',
        summary: 'Performed against decided time per decision and provider for a month, with cancellations by reason',
        headers: readHeadersSchema,
        querystring: monthQuery.extend({ providerUnitId: z.uuid().optional() }),
        response: { 200: deliveryReportSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => deliveryPerformance(ctx, principalOf(request), requestMeta(request), request.query.month, request.query.providerUnitId),
    });
    app.get('/reports/delivery/page', {
      schema: {
        tags: ['reports'],
        operationId: 'getDeliveryReportPage',
        summary: 'One page of the delivery report (keyset paging by case number: pass nextCursor as cursor for the next page); the same rows as GET /reports/delivery',
        headers: readHeadersSchema,
        querystring: monthQuery.extend({ providerUnitId: z.uuid().optional(), ...pageQuery }),
        response: { 200: deliveryPageSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => {
        const { month, providerUnitId, cursor, limit } = request.query;
        return deliveryPage(ctx, principalOf(request), requestMeta(request), month, { providerUnitId: providerUnitId ?? null, after: cursorKey(deliveryCursorSchema, cursor), limit });
      },
    });
    app.get('/reports/continuity', {
      schema: {
        tags: ['reports'],
        operationId: 'getContinuityReport',
        summary: 'Distinct employees per user and month, per unit; user-weighted and unweighted means labelled',
        headers: readHeadersSchema,
        querystring: monthQuery,
        response: { 200: continuityReportSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => continuityReport(ctx, principalOf(request), requestMeta(request), request.query.month),
    });
  };
}

/** The provider side: agreements, orders and delivery. */
export function providerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(agreementRoutes(ctx));
    await app.register(deliveryRoutes(ctx));
    await app.register(visitImportStreamRoutes(ctx));
  };
}

/** Money and follow-up: settlement, budget frames, expenses, escalations, change reports and the revision gate. */
export function providerReportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/settlement', {
      schema: {
        tags: ['reports'],
        operationId: 'getSettlementReport',
        summary: 'Monthly settlement per provider and service; activity deviation per purchaser and efficiency deviation per provider',
        headers: readHeadersSchema,
        querystring: monthQuery.extend({ cases: z.stringbool().default(false).describe("Each agreement's users with their month (about 2.5 MB for an Oslo-size month)") }),
        response: { 200: settlementReportSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => settlementReport(ctx, principalOf(request), requestMeta(request), request.query.month, { cases: request.query.cases }),
    });
    app.post('/budget-frames', {
      schema: {
        tags: ['provider'],
        operationId: 'recordBudgetFrame',
        summary: "A purchasing unit's budget frame for a month (leader)",
        headers: commandHeadersSchema,
        body: monthFigureInput,
        response: { 201: monthFigureSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordMonthFigure(ctx, principalOf(request), commandMeta(request), 'budget_frame', request.body)),
    });
    app.post('/provider-expenses', {
      schema: {
        tags: ['provider'],
        operationId: 'recordProviderExpenses',
        summary: "A provider's expenses for a month (leader)",
        headers: commandHeadersSchema,
        body: monthFigureInput,
        response: { 201: monthFigureSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordMonthFigure(ctx, principalOf(request), commandMeta(request), 'provider_expense', request.body)),
    });
    app.get('/escalations', {
      schema: {
        tags: ['provider'],
        operationId: 'listEscalations',
        summary: 'Escalations to leaders: decisions beyond the budget frame (the decision stands)',
        response: { 200: z.array(escalationSchema), ...errorResponses(401, 403) },
      },
      handler: async (request) => escalations(ctx, principalOf(request)),
    });
    await app.register(changeReportRoutes(ctx));
  };
}

/** Change reports and the unit's revision rule: the gate, the reports, and the balance per provider. */
function changeReportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/cases/:id/revision-gate', {
      schema: {
        tags: ['provider'],
        operationId: 'getRevisionGate',
        summary: "Whether the case's decision may be revised now under the unit's rule (±25 % sustained, IPLOS first)",
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: revisionGateSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => revisionGateOf(ctx, principalOf(request), requestMeta(request), request.params.id),
    });
    app.get('/reports/change-reports', {
      schema: {
        tags: ['reports'],
        operationId: 'getChangeReports',
        summary: "Change reports, flagged when they would raise the reporting provider's own revenue",
        headers: readHeadersSchema,
        response: { 200: z.array(changeReportSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => changeReports(ctx, principalOf(request), requestMeta(request)),
    });
    app.get('/reports/change-reports/by-provider', {
      schema: {
        tags: ['reports'],
        operationId: 'getChangeReportsByProvider',
        summary: 'Per provider, change reports asking for more against those asking for less, with the ratio',
        headers: readHeadersSchema,
        response: {
          200: z.array(
            z.object({
              providerUnitId: z.uuid(),
              providerName: z.string(),
              increases: z.int(),
              decreases: z.int(),
              ratio: z.number().nullable().describe('Increases per decrease; null without decreases'),
              raisingOwnRevenue: z.int().describe("Reports that would raise the provider's own revenue"),
            }),
          ),
          ...errorResponses(400, 401, 403),
        },
      },
      handler: async (request) => changeReportsByProvider(ctx, principalOf(request), requestMeta(request)),
    });
    app.get('/reports/hours-without-score-change', {
      schema: {
        tags: ['reports'],
        operationId: 'getHoursWithoutScoreChangeReport',
        summary: 'Decisions whose hours rose while the ADL sum did not (over-service)',
        headers: readHeadersSchema,
        response: { 200: z.array(hoursRoseSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => hoursRoseWithoutScoreChange(ctx, principalOf(request), requestMeta(request)),
    });
  };
}
