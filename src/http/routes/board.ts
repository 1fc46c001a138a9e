/** /api/v1/board-meetings: allocation board meetings, agenda, attendance and minutes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agendaInput, createMeeting, holdMeetingInput, meetings, newMeetingInput, putOnAgenda, recordMeeting } from '../../app/boardMeetings.ts';
import type { AppContext } from '../../app/context.ts';
import { commandHeadersSchema, commandMeta, requestMeta, sendCommandResult } from '../command.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, idParams, readHeadersSchema } from '../schemas.ts';

const meetingSchema = z.object({
  id: z.uuid(),
  boardUnitId: z.uuid(),
  meetsOn: z.string(),
  status: z.enum(['planned', 'held']),
  minutes: z.string().nullable(),
  members: z.int(),
  present: z.int(),
  agenda: z.array(
    z.object({
      case_id: z.uuid(),
      position: z.int(),
      case_number: z.string(),
      person_id: z.uuid(),
      person_name: z.string(),
      service_code: z.string(),
      status: z.string(),
      decision_outcome: z.string().nullable(),
      request: z.string().nullable().describe('What was asked for, from the request (first 400 characters)'),
    }),
  ),
});

export function boardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/board-meetings', {
      schema: { tags: ['board'], operationId: 'listBoardMeetings', summary: 'Allocation board meetings with agenda', headers: readHeadersSchema, response: { 200: z.array(meetingSchema), ...errorResponses(400, 401, 403) } },
      handler: async (request) => meetings(ctx, principalOf(request), requestMeta(request)),
    });

    app.post('/board-meetings', {
      schema: {
        tags: ['board'],
        operationId: 'planBoardMeeting',
        summary: 'Plan a board meeting',
        headers: commandHeadersSchema,
        body: newMeetingInput,
        response: { 201: meetingSchema, ...errorResponses(400, 401, 403, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await createMeeting(ctx, principalOf(request), commandMeta(request), request.body)),
    });

    app.post('/board-meetings/:id/agenda', {
      schema: {
        tags: ['board'],
        operationId: 'putCaseOnAgenda',
        summary: 'Put a case on the agenda',
        headers: commandHeadersSchema,
        params: idParams,
        body: agendaInput,
        response: { 200: meetingSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await putOnAgenda(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

    app.post('/board-meetings/:id/minutes', {
      schema: {
        tags: ['board'],
        operationId: 'recordBoardMinutes',
        summary: 'Record who was present and the minutes; the meeting is held',
        headers: commandHeadersSchema,
        params: idParams,
        body: holdMeetingInput,
        response: { 200: meetingSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
      handler: async (request, reply) => sendCommandResult(reply, await recordMeeting(ctx, principalOf(request), commandMeta(request), request.params.id, request.body)),
    });

  };
}
