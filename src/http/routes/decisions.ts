/** /api/v1/cases/{id}/decision-reasons, /api/v1/law, /api/v1/reports/complaints and /api/v1/reports/processing-times. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { complaintStatistics, decisionReasons, lawRegister, processingTimeReport, requestOutcomeReport } from '../../app/decisions.ts';
import { requestMeta } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const counts = z.record(z.string(), z.int());
const processing = z.object({
  decided: z.int(),
  medianDays: z.int().nullable(),
  p90Days: z.int().nullable().describe('90th percentile, nearest rank'),
  decidedWithinMonth: z.int().describe('Decided by the provisional-reply deadline (fvl § 11 a)'),
  open: z.int(),
  openPastMonth: z.int().describe('Undecided and past that deadline today'),
});

const share = z.number().nullable();
const requestOutcomesSchema = z.object({
  requests: z.int(),
  granted: z.int(),
  partlyGranted: z.int(),
  refused: z.int(),
  refusedOrPartlyWithReferral: z.int().describe('Refusals and partial grants that sent the person on (videre henvisning)'),
  lowThreshold: z.int().describe('Answered by a low-threshold offer without a decision'),
  withdrawn: z.int(),
  open: z.int(),
  shares: z.object({ granted: share, partlyGranted: share, refused: share, lowThreshold: share, withdrawn: share }).describe('Per cent of the answered requests'),
});

export function decisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/cases/:id/decision-reasons', {
      schema: {
        tags: ['decisions'],
        operationId: 'getDecisionReasons',
        summary: "The decision's reasons: rules (law and criteria version), facts, main considerations, departure (fvl §§ 24–25)",
        headers: readHeadersSchema,
        params: idParams,
        querystring: z.object({ lang: z.enum(['nb', 'nn']).optional().describe("Default: the person's written language") }),
        response: {
          200: z.object({
            lang: z.enum(['nb', 'nn']),
            rules: z.array(z.object({ citation: z.string(), text: z.string() })).readonly(),
            criteria: z.array(z.string()).readonly().describe('The criteria as sentences: which were met, which not, which could not be settled'),
            facts: z.array(z.string()).readonly(),
            considerations: z.string().nullable(),
            departure: z.string().nullable(),
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      handler: async (request) => decisionReasons(ctx, principalOf(request), requestMeta(request), request.params.id, request.query.lang),
    });

    app.get('/law', {
      schema: {
        tags: ['decisions'],
        operationId: 'listLawRules',
        summary: 'The legal rules as data with their citations, for review by a jurist',
        response: {
          200: z.array(z.object({ id: z.string(), citation: z.string(), requirement: z.object({ nb: z.string(), en: z.string() }), verify: z.string().optional() })),
          ...errorResponses(401),
        },
      },
      handler: async () => lawRegister(),
    });

    app.get('/reports/complaints', {
      schema: {
        tags: ['reports'],
        operationId: 'getComplaintsReport',
        summary: 'Complaints by service, criteria version, unmet criterion, outcome, unit and what they concern',
        response: {
          200: z.object({
            total: z.int(),
            acceptedLate: z.int(),
            byService: counts,
            byCriteriaVersion: counts.describe('The criteria set version the decision rested on ("service vN"), or "none"'),
            byUnmetCriterion: counts.describe('Criteria found not met in the evaluation the decision rested on'),
            byOutcome: counts,
            byUnit: counts,
            byConcern: counts,
          }),
          ...errorResponses(401, 403),
        },
      },
      handler: async (request) => complaintStatistics(ctx, principalOf(request)),
    });

    app.get('/reports/processing-times', {
      schema: {
        tags: ['reports'],
        operationId: 'getProcessingTimesReport',
        summary: 'Days from request to first decision per service, and how many were decided within the month of fvl § 11 a',
        querystring: z.object({ days: z.coerce.number().int().min(7).max(3660).default(365).describe('Requests received in the last N days') }),
        response: {
          200: z.object({ since: z.string(), today: z.string(), citation: z.string(), overall: processing, byService: z.record(z.string(), processing) }),
          ...errorResponses(400, 401, 403),
        },
      },
      handler: async (request) => processingTimeReport(ctx, principalOf(request), request.query.days),
    });
    await app.register(outcomeRoutes(ctx));
  };
}

/** How requests were answered. */
function outcomeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/request-outcomes', {
      schema: {
        tags: ['reports'],
        operationId: 'getRequestOutcomesReport',
        summary: 'How requests were answered per service: granted, partly granted, refused (with onward referral), answered by a low-threshold offer, withdrawn, open',
        querystring: z.object({ days: z.coerce.number().int().min(7).max(3660).default(365).describe('Requests received in the last N days') }),
        response: {
          200: z.object({ since: z.string(), today: z.string(), overall: requestOutcomesSchema, byService: z.record(z.string(), requestOutcomesSchema) }),
          ...errorResponses(400, 401, 403),
        },
      },
      handler: async (request) => requestOutcomeReport(ctx, principalOf(request), request.query.days),
    });
  };
}
