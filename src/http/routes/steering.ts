/** /api/v1/reports/outcomes and /api/v1/reports/steering-card: steering information for leaders (issue 20). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { today } from '../../app/clock.ts';
import type { AppContext } from '../../app/context.ts';
import { OUTCOME_GROUPINGS, outcomeReport, steeringCardReport } from '../../app/steering.ts';
import { OUTCOME_FIGURE_IDS } from '../../domain/reports/outcomeDefinitions.ts';
import { STEERING_FIGURE_IDS } from '../../domain/reports/steeringDefinitions.ts';
import { requestMeta } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, readHeadersSchema } from '../schemas.ts';

const words = z.object({ nb: z.string(), nn: z.string(), en: z.string() });
const definition = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.object({
    id: z.enum(ids),
    name: words,
    definition: words,
    of: z.enum(['decisions', 'refusals', 'answers', 'refused_persons']).nullable().describe('What the share is of; null: a count'),
    mean: z.enum(['weighted', 'unweighted', 'none']).describe('How a mean over groups is formed: weighted (pooled by n), unweighted (each group once), none (a count)'),
  });

const figure = z.object({
  n: z.int(),
  of: z.int().nullable().describe('The denominator of the share; null for a count'),
  rate: z.number().nullable().describe('n ÷ of, in [0, 1]; null for a count or an empty denominator'),
});
const figures = z.object(Object.fromEntries(OUTCOME_FIGURE_IDS.map((id) => [id, figure])) as Record<(typeof OUTCOME_FIGURE_IDS)[number], typeof figure>);
const localDate = z.iso.date().describe('YYYY-MM-DD');

const outcomesSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(OUTCOME_GROUPINGS),
  definitions: z.array(definition(OUTCOME_FIGURE_IDS)),
  total: figures.describe('All groups together; each share is pooled (weighted by its denominator)'),
  unweightedMeanOfGroups: z.record(z.string(), z.number().nullable()).describe('Per share: the plain mean of the groups’ shares, each group counting once'),
  groups: z.array(z.object({ key: z.string().describe('A service code, staff, unit or district id, model class, YYYY-MM, or "none"'), label: z.string().nullable(), figures })),
});

const cardFigure = z.object({
  id: z.enum(STEERING_FIGURE_IDS),
  value: z.number().nullable(),
  n: z.int(),
  unweighted: z.number().nullable().optional().describe('For a weighted mean: the plain mean of the parts, each counting once'),
});

const steeringCardSchema = z.object({
  month: z.string(),
  alertAbove: z.int(),
  definitions: z.array(definition(STEERING_FIGURE_IDS)),
  continuityOverall: z.object({
    weightedByUsers: z.number().nullable().describe('Mean over all users, each user once (as seed 003 Table 5.3 appears to publish)'),
    unweightedMeanOfTeams: z.number().nullable().describe('The plain mean of the teams’ figures'),
    median: z.number().nullable(),
    users: z.int(),
  }),
  teams: z.array(
    z.object({
      unitId: z.uuid(),
      name: z.string(),
      figures: z.array(cardFigure),
      usersAboveAlert: z.int().describe('Users the team visited with more distinct employees than alertAbove (a count; shows no one)'),
      continuityAlerts: z
        .array(z.object({ caseId: z.uuid(), caseNumber: z.string(), distinctEmployees: z.int() }))
        .describe('Those of the users above the alert the staff member has a need for (access by need)'),
    }),
  ),
});

export function steeringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reports/outcomes', {
      schema: {
        tags: ['reports'],
        operationId: 'getOutcomeFigures',
        summary: 'Requests, decisions by outcome, increases, reductions, ends, re-evaluations, low-threshold answers, onward referrals and users left with no service, per group and period, with n, shares and definitions',
        querystring: z.object({
          from: localDate.optional().describe('First day of the period; default: the first day of the month two months back'),
          to: localDate.optional().describe('Last day of the period; default: today'),
          groupBy: z.enum(OUTCOME_GROUPINGS).default('service'),
        }),
        response: { 200: outcomesSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => outcomeReport(ctx, principalOf(request), request.query),
    });

    app.get('/reports/steering-card', {
      schema: {
        tags: ['reports'],
        operationId: 'getSteeringCard',
        summary: 'The team steering card (styringskort) for a month: what matters, responsibles, goals, times, delivery, continuity per user across teams, complaints',
        headers: readHeadersSchema,
        querystring: z.object({
          team: z.uuid().optional().describe('The unit; every unit that owns or provides cases when left out'),
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').optional().describe('YYYY-MM; default: this month'),
          alertAbove: z.coerce.number().int().min(1).max(100).default(15).describe('Continuity alert: users with more distinct employees in the month than this'),
        }),
        response: { 200: steeringCardSchema, ...errorResponses(400, 401, 403, 404) },
      },
      handler: async (request) =>
        steeringCardReport(ctx, principalOf(request), requestMeta(request), { ...request.query, month: request.query.month ?? today(ctx).slice(0, 7) }),
    });
  };
}
