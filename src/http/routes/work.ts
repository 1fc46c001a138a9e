/** /api/v1/work-queue, /api/v1/reports/queue-health, /api/v1/plan-adjustments and staff absences. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absenceInput, registerAbsence } from '../../app/boardMeetings.ts';
import type { AppContext } from '../../app/context.ts';
import { adjustmentsToReview, reminders, workQueue } from '../../app/queues.ts';
import { WORK_ITEM_KINDS } from '../../domain/organisation/policy.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { queueFilterQuery, workQueuePageRoutes } from './workQueuePage.ts';
import { queueHealth } from '../../app/workQueuePage.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const ref = z.object({ id: z.string(), name: z.string() });
const workItemSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  serviceCode: z.string(),
  receivedOn: z.string().describe('The day the request was received'),
  stateKey: z.string().describe('The case’s status, or complaint_<stage> while a complaint is open'),
  caseNumber: z.string(),
  personName: z.string(),
  key: z.string().describe('The item on the case; a reasoned answer (follow_up_answered) names it'),
  kind: z.enum(WORK_ITEM_KINDS),
  since: z.string(),
  opensOn: z.string().nullable().describe('A dated item is in the queue from this day'),
  dueOn: z.string().nullable().describe('A dated item is overdue after this day'),
  ageDays: z.int(),
  limitDays: z.int().nullable().describe('Escalation limit from the policy in force (aged items)'),
  overdue: z.boolean(),
  holder: z.enum(['office', 'provider', 'provider_and_office']).describe('Who answers: the case owner, the provider, or the provider while the office follows it'),
  owner: ref.nullable(),
  ownerUnit: ref.nullable(),
  providerUnit: ref.nullable(),
  answeredBy: z.array(z.string()).describe('The actions that answer the item'),
});

const adjustmentSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  personName: z.string(),
  seq: z.int(),
  hoursPerWeek: z.number(),
  change: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

const reminderSchema = z.object({
  caseId: z.uuid(),
  personId: z.uuid(),
  caseNumber: z.string(),
  personName: z.string(),
  kind: z.string(),
  dueOn: z.string(),
  citation: z.string(),
  raisedAt: z.string(),
  owner: ref.nullable(),
  ownerUnitId: z.uuid().nullable(),
});

const queueHealthSchema = z.object({
  generatedAt: z.string(),
  openItems: z.int(),
  byKind: z.record(z.string(), z.int()),
  overdueByKind: z.record(z.string(), z.int()),
  unowned: z.array(workItemSchema),
  overdue: z.array(workItemSchema),
  outdatedDecisions: z.array(workItemSchema).describe('Users whose decision has run out or is past its re-evaluation date (mangler oppdatert vedtak)'),
  reassignments: z.array(
    z.object({
      caseId: z.uuid(),
      caseNumber: z.string(),
      personName: z.string(),
      role: z.enum(['service_responsible', 'primary_contact']),
      absentStaff: ref,
      absentSince: z.string(),
      absentDays: z.int(),
    }),
  ),
  escalatedReminders: z.array(reminderSchema).describe('Deadline reminders unhandled for more than a week'),
});



export function workRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/work-queue', {
      schema: {
        tags: ['work'],
        operationId: 'getWorkQueue',
        summary: 'Open work items with owner, age and escalation limit, all at once (the web queue reads GET /work-queue/page a page at a time)',
        headers: readHeadersSchema,
        querystring: z.object(queueFilterQuery),
        response: { 200: z.array(workItemSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) =>
        workQueue(ctx, principalOf(request), requestMeta(request), { ...request.query, overdueOnly: request.query.overdue === 'true' }),
    });

    await app.register(workQueuePageRoutes(ctx, workItemSchema, reminderSchema));

    app.get('/reports/queue-health', {
      schema: {
        tags: ['reports'],
        operationId: 'getQueueHealthReport',
        summary: 'Unowned and overdue items, and reassignment tasks for absent responsible persons',
        headers: readHeadersSchema,
        response: { 200: queueHealthSchema, ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => queueHealth(ctx, principalOf(request), requestMeta(request)),
    });

    app.get('/plan-adjustments', {
      schema: {
        tags: ['work'],
        operationId: 'listPlanAdjustments',
        summary: 'Adjustments within the frame on the users you are service-responsible for',
        headers: readHeadersSchema,
        querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
        response: { 200: z.array(adjustmentSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => adjustmentsToReview(ctx, principalOf(request), requestMeta(request), request.query.days),
    });

    app.get('/reminders', {
      schema: {
        tags: ['work'],
        operationId: 'listReminders',
        summary: 'Deadlines that have fallen due (provisional reply, re-evaluation), raised by the job runner',
        headers: readHeadersSchema,
        querystring: z.object({ owner: z.enum(['me', 'my_units']).optional() }),
        response: { 200: z.array(reminderSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => reminders(ctx, principalOf(request), requestMeta(request), request.query.owner),
    });

    app.post('/staff/:id/absences', {
      schema: {
        tags: ['organisation'],
        operationId: 'registerStaffAbsence',
        summary: 'Register an absence (for reassigning responsible persons)',
        headers: commandHeadersSchema,
        params: idParams,
        body: absenceInput,
        response: { 201: z.object({ id: z.uuid(), staffId: z.uuid(), fromDate: z.string(), toDate: z.string().nullable() }), ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await registerAbsence(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });
  };
}
