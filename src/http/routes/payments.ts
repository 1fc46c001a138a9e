/**
 * User payments (egenandelsforskriften): a person's income basis, the payment of a case's decision,
 * the municipality's rates per year, and the monthly files for the finance system (the invoice basis
 * of user payments and the provider settlement, as CSV or JSON).
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { PAYMENT_BASIS_COLUMNS, paymentBasis, SETTLEMENT_COLUMNS, settlementExport, toCsv } from '../../app/paymentExports.ts';
import { casePayment, getIncomeBasis, INCOME_SOURCES, listPaymentRates, paymentRatesInput, recordIncomeBasis, recordIncomeBasisInput, recordPaymentRates } from '../../app/payments.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').describe('YYYY-MM');
const exportQuery = z.object({ month, format: z.enum(['json', 'csv']).default('json').describe('csv: RFC 4180, comma-separated, UTF-8, header row') });

const incomeBasisSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  householdIncome: z.number(),
  householdSize: z.number().nullable(),
  netIncomeAfterTax: z.number().nullable(),
  annualDeductions: z.number().nullable(),
  incomeYear: z.number(),
  source: z.enum(INCOME_SOURCES),
  sourceDate: z.string(),
  note: z.string().nullable(),
  corrects: z.uuid().nullable(),
  recordedBy: z.object({ id: z.uuid(), name: z.string() }),
  recordedAt: z.string(),
});

const stepSchema = z.object({ rule: z.string(), what: z.string(), amount: z.number() });
const paymentLineSchema = z.object({
  serviceCode: z.string(),
  kind: z.enum(['free', 'practical_help', 'short_term_stay', 'long_term_stay', 'outside']),
  amount: z.number().nullable().describe('Kroner for the month; null when a figure is missing'),
  missing: z.enum(['income_basis', 'net_income', 'municipal_rates', 'hours']).nullable(),
  hoursPerMonth: z.number().nullable(),
  days: z.number().nullable(),
  incomeBand: z.number().nullable().describe('The index of the municipality’s income band (0 = the lowest)'),
  under2G: z.boolean().nullable(),
  steps: z.array(stepSchema).readonly(),
  citations: z.array(z.string()).readonly(),
});
const paymentSchema = z.object({
  caseId: z.uuid(),
  month: z.string(),
  lines: z.array(paymentLineSchema).readonly(),
  total: z.number(),
  complete: z.boolean().describe('False when a line lacks a figure (income basis, rates or hours)'),
  basicAmount: z.object({ amount: z.number(), effectiveFrom: z.string(), verify: z.string().optional() }),
  stateRates: z.object({ year: z.number(), stale: z.boolean().describe('True when the state’s figures are from an earlier year'), source: z.string() }),
  ratesYear: z.number().nullable(),
});
const ratesSchema = paymentRatesInput.extend({ id: z.uuid(), recordedAt: z.string() });

const basisRow = z.object({
  month: z.string(),
  caseNumber: z.string(),
  personId: z.uuid(),
  nationalId: z.string(),
  name: z.string(),
  serviceCode: z.string(),
  kind: z.string(),
  hoursPerMonth: z.number().nullable(),
  days: z.number().nullable(),
  incomeBand: z.number().nullable(),
  under2G: z.boolean().nullable(),
  amount: z.number().nullable(),
  missing: z.string().nullable(),
  incomeSource: z.string().nullable(),
  incomeSourceDate: z.string().nullable(),
  citations: z.string(),
});
const settlementRow = z.object({ month: z.string(), providerUnitId: z.uuid(), providerName: z.string(), serviceCode: z.string(), agreementId: z.uuid(), basis: z.string(), element: z.string(), quantity: z.number(), unitPrice: z.number(), amount: z.number() });

function fileResponse<S extends z.ZodType>(rows: S, description: string) {
  return { description, content: { 'application/json': { schema: z.array(rows) }, 'text/csv': { schema: z.string() } } };
}

/** The income basis, the payment of a decision and the rates. */
function paymentReadWriteRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/persons/:id/income', {
      schema: {
        tags: ['payments'],
        operationId: 'getIncomeBasis',
        summary: 'A person’s income basis for user payments, with its history (logged)',
        headers: readHeadersSchema,
        params: idParams,
        response: { 200: z.object({ current: incomeBasisSchema.nullable(), history: z.array(incomeBasisSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) => getIncomeBasis(ctx, principalOf(request), requestMeta(request), request.params.id),
    });

    app.post('/persons/:id/income', {
      schema: {
        tags: ['payments'],
        operationId: 'recordIncomeBasis',
        summary: 'Record a person’s income basis (a correction is a new record)',
        headers: commandHeadersSchema,
        params: idParams,
        body: recordIncomeBasisInput,
        response: { 201: incomeBasisSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordIncomeBasis(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.get('/cases/:id/payment', {
      schema: {
        tags: ['payments'],
        operationId: 'getCasePayment',
        summary: 'The user payment of the case’s current decision for a month (logged)',
        headers: readHeadersSchema,
        params: idParams,
        querystring: z.object({ month: month.optional().describe('Default: this month, or the month the service starts') }),
        response: { 200: paymentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request) => casePayment(ctx, principalOf(request), requestMeta(request), request.params.id, request.query.month),
    });

    app.get('/payment-rates', {
      schema: {
        tags: ['payments'],
        operationId: 'listPaymentRates',
        summary: 'The municipality’s payment rates per year (the latest recorded for each year)',
        headers: readHeadersSchema,
        response: { 200: z.array(ratesSchema), ...errorResponses(401) },
      },
      handler: async (request) => listPaymentRates(ctx, principalOf(request)),
    });

    app.post('/payment-rates', {
      schema: {
        tags: ['payments'],
        operationId: 'recordPaymentRates',
        summary: 'Record the municipality’s payment rates for a year (admin)',
        headers: commandHeadersSchema,
        body: paymentRatesInput,
        response: { 201: ratesSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordPaymentRates(ctx, principalOf(request), commandMeta(request), request.body)),
    });
  };
}

/** Rows as JSON, or as a CSV file named after what it holds and the month. */
function sendRows<T extends object>(reply: FastifyReply, q: { month: string; format: 'json' | 'csv' }, name: string, columns: readonly (keyof T & string)[], rows: readonly T[]): FastifyReply {
  if (q.format === 'json') return reply.type('application/json').send(rows);
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}-${q.month}.csv"`).send(toCsv(columns, rows));
}

/** The monthly files for the finance system. */
function paymentFileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/payment-basis', {
      schema: {
        tags: ['reports'],
        operationId: 'getPaymentBasis',
        summary: 'Monthly invoice basis of user payments for the finance system: one row per person and service (logged)',
        headers: readHeadersSchema,
        querystring: exportQuery,
        response: { 200: fileResponse(basisRow, 'Rows as JSON, or CSV with the same columns'), ...errorResponses(400, 401, 403) },
      },
      handler: async (request, reply) => {
        const rows = await paymentBasis(ctx, principalOf(request), requestMeta(request), request.query.month);
        return sendRows(reply, request.query, 'payment-basis', PAYMENT_BASIS_COLUMNS, rows);
      },
    });

    app.get('/reports/settlement/export', {
      schema: {
        tags: ['reports'],
        operationId: 'exportSettlement',
        summary: 'The provider settlement of a month as lines for the finance system',
        headers: readHeadersSchema,
        querystring: exportQuery,
        response: { 200: fileResponse(settlementRow, 'Rows as JSON, or CSV with the same columns'), ...errorResponses(400, 401, 403) },
      },
      handler: async (request, reply) => {
        const rows = await settlementExport(ctx, principalOf(request), requestMeta(request), request.query.month);
        return sendRows(reply, request.query, 'settlement', SETTLEMENT_COLUMNS, rows);
      },
    });
  };
}

export function paymentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(paymentReadWriteRoutes(ctx));
    await app.register(paymentFileRoutes(ctx));
  };
}
