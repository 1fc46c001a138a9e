/** /api/v1/reports/kpr/…: the KPR/IPLOS extract (an XML file) and its validation report (issue 22). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { kprExtractFile, kprValidationReport } from '../../app/kpr.ts';
import { FINDING_KINDS } from '../../domain/kpr/index.ts';
import { requestMeta } from '../command.ts';
import { principalOf } from '../principal.ts';
import { binaryResponse, errorResponses, readHeadersSchema } from '../schemas.ts';

const periodQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('The yearly statement for this calendar year; default: this year'),
  from: z.iso.date().optional().describe('A continuous extract from this day to today (YYYY-MM-DD), instead of a year'),
});

const count = z.int().min(0);
const validationSchema = z.object({
  period: z.object({ kind: z.enum(['yearly', 'continuous']), from: z.string(), to: z.string() }),
  counts: z.object(Object.fromEntries(FINDING_KINDS.map((k) => [k, count])) as Record<(typeof FINDING_KINDS)[number], typeof count>).describe('Findings of each kind in the municipality (shows no one)'),
  total: count,
  notShown: count.describe('Findings about persons the reader has no need for: counted, not shown'),
  lines: z
    .array(
      z.object({
        kind: z.enum(FINDING_KINDS),
        personId: z.uuid(),
        personName: z.string(),
        caseId: z.uuid().nullable(),
        caseNumber: z.string().nullable(),
        detail: z.string().describe('What is wrong and what to do'),
      }),
    )
    .describe('The findings the reader has a need for (access by need), by kind and name'),
});

export function kprRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/kpr/extract', {
      schema: {
        tags: ['reports'],
        operationId: 'getKprExtract',
        summary: 'The IPLOS/KPR extract for a year or from a date, as XML validated against spec/iplos (leaders, purpose administration; logged)',
        headers: readHeadersSchema,
        querystring: periodQuery,
        response: { 200: binaryResponse('application/xml', 'The extract file'), ...errorResponses(400, 401, 403, 409) },
      },
      handler: async (request, reply) => {
        const file = await kprExtractFile(ctx, principalOf(request), requestMeta(request), request.query);
        return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.xml);
      },
    });

    app.get('/reports/kpr/validation', {
      schema: {
        tags: ['reports'],
        operationId: 'getKprValidation',
        summary: 'What to put right before the KPR extract: missing or outdated IPLOS scores, services without a decision, invalid identity numbers (lines by need; logged)',
        headers: readHeadersSchema,
        querystring: periodQuery,
        response: { 200: validationSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => kprValidationReport(ctx, principalOf(request), requestMeta(request), request.query),
    });
  };
}
