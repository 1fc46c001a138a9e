/** /api/v1/work-queue/page and /api/v1/work-queue/counts: the work queue one page at a time (issue 18), and its counts; /api/v1/reminders/page likewise. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { remindersPage, workQueuePage, workQueueTotals } from '../../app/workQueuePage.ts';
import { WORK_ITEM_KINDS } from '../../domain/organisation/policy.ts';
import { requestMeta } from '../command.ts';
import { cursorKey, pageQuery, pageSchema } from '../paging.ts';
import { principalOf } from '../principal.ts';
import { errorResponses, readHeadersSchema } from '../schemas.ts';

export const queueFilterQuery = {
  owner: z.enum(['me', 'my_units', 'unowned']).optional(),
  kind: z.enum(WORK_ITEM_KINDS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
};

const caseNumberQuery = z.string().max(40).optional().describe('Items of cases whose number contains this');

/** The work queue's cursor: the last item's place in the queue's order. */
const queueCursorSchema = z.strictObject({ since: z.iso.datetime(), caseNumber: z.string().min(1).max(100), itemKey: z.string().min(1).max(200) });

/** The reminders' cursor: the last reminder's place in their order. */
const reminderCursorSchema = z.strictObject({ dueOn: z.iso.date(), caseNumber: z.string().min(1).max(100), kind: z.string().min(1).max(50) });

export function workQueuePageRoutes(ctx: AppContext, workItemSchema: z.ZodType, reminderSchema: z.ZodType): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/work-queue/page', {
      schema: {
        tags: ['work'],
        operationId: 'getWorkQueuePage',
        summary: 'One page of the work queue (keyset paging: pass nextCursor as cursor for the next page); the same items and order as GET /work-queue',
        headers: readHeadersSchema,
        querystring: z.object({ ...queueFilterQuery, caseNumber: caseNumberQuery, ...pageQuery }),
        response: { 200: pageSchema(workItemSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => {
        const { cursor, limit, overdue, ...filter } = request.query;
        const after = cursorKey(queueCursorSchema, cursor);
        return workQueuePage(ctx, principalOf(request), requestMeta(request), { ...filter, overdueOnly: overdue === 'true', after, limit });
      },
    });

    app.get('/work-queue/counts', {
      schema: {
        tags: ['work'],
        operationId: 'getWorkQueueCounts',
        summary: 'How many items the work queue holds under the filter, and how many are overdue (counted in SQL; no person is shown)',
        headers: readHeadersSchema,
        querystring: z.object({ ...queueFilterQuery, caseNumber: caseNumberQuery }),
        response: { 200: z.object({ open: z.int(), overdue: z.int() }), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => {
        const { overdue, ...filter } = request.query;
        return workQueueTotals(ctx, principalOf(request), requestMeta(request), { ...filter, overdueOnly: overdue === 'true' });
      },
    });

    app.get('/reminders/page', {
      schema: {
        tags: ['work'],
        operationId: 'getRemindersPage',
        summary: 'One page of the raised deadline reminders (keyset paging by due day, case number and kind); the same reminders as GET /reminders',
        headers: readHeadersSchema,
        querystring: z.object({ owner: z.enum(['me', 'my_units']).optional(), ...pageQuery }),
        response: { 200: pageSchema(reminderSchema), ...errorResponses(400, 401, 403) },
      },
      handler: async (request) => {
        const { cursor, limit, owner } = request.query;
        return remindersPage(ctx, principalOf(request), requestMeta(request), { owner, after: cursorKey(reminderCursorSchema, cursor), limit });
      },
    });
  };
}
