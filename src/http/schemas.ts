/**
 * Response schemas of the HTTP API. Request schemas live with their use cases (app/) or in the
 * domain (action payloads); both feed the generated OpenAPI document.
 */
import { z } from 'zod';
export { caseActionSchema, caseListSchema, caseViewSchema, contactSchema, personViewSchema, principalSchema } from '../app/views.ts';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    allowedActions: z.array(z.string()).optional(),
    currentVersion: z.int().optional(),
    rule: z.string().optional().describe('The policy rule that refused the command'),
    mayInstead: z.array(z.string()).optional().describe('Who may do it instead'),
  })
  .describe('application/problem+json (RFC 9457)');

export const idParams = z.object({ id: z.uuid() });

/** The error responses every private route can give. */
export const commonErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
export const commandErrors = { ...commonErrors, 409: problemSchema, 422: problemSchema };
