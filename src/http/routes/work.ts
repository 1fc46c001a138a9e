/** /api/v1/work-queue, /api/v1/reports/queue-health, board meetings and staff absences. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { absenceInput, agendaInput, createMeeting, holdMeetingInput, meetings, newMeetingInput, putOnAgenda, recordMeeting, registerAbsence } from '../../app/boardMeetings.ts';
import type { AppContext } from '../../app/context.ts';
import { queueHealth, workQueue } from '../../app/queues.ts';
import { WORK_ITEM_KINDS } from '../../domain/organisation/policy.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { commandErrors, commonErrors, idParams } from '../schemas.ts';

const ref = z.object({ id: z.string(), name: z.string() });
const workItemSchema = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  personName: z.string(),
  kind: z.enum(WORK_ITEM_KINDS),
  since: z.string(),
  ageDays: z.int(),
  limitDays: z.int().nullable().describe('Escalation limit from the policy in force'),
  overdue: z.boolean(),
  owner: ref.nullable(),
  ownerUnit: ref.nullable(),
});

const meetingSchema = z.object({
  id: z.uuid(),
  boardUnitId: z.uuid(),
  meetsOn: z.string(),
  status: z.enum(['planned', 'held']),
  minutes: z.string().nullable(),
  members: z.int(),
  present: z.int(),
  agenda: z.array(z.object({ case_id: z.uuid(), position: z.int(), case_number: z.string() })),
});

export function workRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/work-queue', {
      schema: {
        tags: ['work'],
        summary: 'Open work items with owner, age and escalation limit',
        querystring: z.object({
          owner: z.enum(['me', 'my_units', 'unowned']).optional(),
          kind: z.enum(WORK_ITEM_KINDS).optional(),
          overdue: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.array(workItemSchema), ...commonErrors },
      },
      handler: async (request) =>
        workQueue(ctx, principalOf(request), requestMeta(request), { ...request.query, overdueOnly: request.query.overdue === 'true' }),
    });

    app.get('/reports/queue-health', {
      schema: {
        tags: ['reports'],
        summary: 'Unowned and overdue items, and reassignment tasks for absent responsible persons',
        response: {
          200: z.object({
            generatedAt: z.string(),
            openItems: z.int(),
            byKind: z.record(z.string(), z.int()),
            unowned: z.array(workItemSchema),
            overdue: z.array(workItemSchema),
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
          }),
          ...commonErrors,
        },
      },
      handler: async (request) => queueHealth(ctx, principalOf(request), requestMeta(request)),
    });

    app.get('/board-meetings', {
      schema: { tags: ['board'], summary: 'Allocation board meetings with agenda', response: { 200: z.array(meetingSchema), ...commonErrors } },
      handler: async (request) => meetings(ctx, principalOf(request)),
    });

    app.post('/board-meetings', {
      schema: { tags: ['board'], summary: 'Plan a board meeting', headers: commandHeadersSchema, body: newMeetingInput, response: { 201: meetingSchema, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await createMeeting(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.post('/board-meetings/:id/agenda', {
      schema: { tags: ['board'], summary: 'Put a case on the agenda', headers: commandHeadersSchema, params: idParams, body: agendaInput, response: { 200: meetingSchema, ...commandErrors } },
      handler: async (request, reply) => sendCommandResult(reply, await putOnAgenda(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.post('/board-meetings/:id/minutes', {
      schema: {
        tags: ['board'],
        summary: 'Record who was present and the minutes; the meeting is held',
        headers: commandHeadersSchema,
        params: idParams,
        body: holdMeetingInput,
        response: { 200: meetingSchema, ...commandErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordMeeting(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.post('/staff/:id/absences', {
      schema: {
        tags: ['organisation'],
        summary: 'Register an absence (for reassigning responsible persons)',
        headers: commandHeadersSchema,
        params: idParams,
        body: absenceInput,
        response: { 201: z.object({ id: z.uuid(), staffId: z.uuid(), fromDate: z.string(), toDate: z.string().nullable() }), ...commandErrors },
      },
      handler: async (request, reply) => sendCommandResult(reply, await registerAbsence(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });
  };
}
