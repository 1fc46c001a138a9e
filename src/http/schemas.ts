/**
 * Response schemas of the HTTP API. Request schemas live with their use cases (app/) or in the
 * domain (action payloads); both feed the generated OpenAPI document.
 */
import { z } from 'zod';
import { ACTION_TYPES, actionPayloadSchemas, type ActionType } from '../domain/case/index.ts';
import { caseActionSchema as caseActionViewSchema } from '../app/views.ts';
import { PURPOSES } from '../app/principal.ts';
import { FIELD_CODES, PROBLEM_CODES } from '../app/errors.ts';
export { caseListSchema, caseViewSchema, contactSchema, personViewSchema, principalSchema } from '../app/views.ts';

export const problemSchema = z
  .object({
    type: z.string().describe('Stable problem type, urn:tildel:problem:<kind>'),
    code: z.enum(PROBLEM_CODES).describe('The stable code of the problem (its kind), for clients to say in the user’s language; `rule` refines it where a rule refused'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string().describe('In English, for developers; render `code` and `params` in the user’s language'),
          code: z.enum(FIELD_CODES).optional().describe('The schema’s issue code (too_small, too_big, invalid_type, invalid_format, invalid_value, unrecognized_keys, custom, …), rule (a rule of the law; its citation in params), control_character, too_deep, or invalid'),
          params: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .optional(),
    allowedActions: z.array(z.string()).optional(),
    currentVersion: z.int().optional(),
    rule: z.string().optional().describe('The policy rule that refused the command'),
    mayInstead: z.array(z.string()).optional().describe('Who may do it instead'),
  })
  .meta({ id: 'Problem', description: 'application/problem+json (RFC 9457)' });

const PROBLEMS = {
  400: 'Invalid input, or a command without its Idempotency-Key; `errors` names the fields',
  401: 'Not logged in',
  403: 'Not allowed for your roles or units; `rule` names the policy rule where one refused it',
  404: 'Not found in your municipality',
  409: 'Refused in the current state (`allowedActions`), a stale version (`currentVersion`) or a conflict with the data',
  422: 'The Idempotency-Key was used for a different request',
  429: 'Too many attempts: too many requests from your address, or too many failed logins for the name',
} as const;
export type ProblemStatus = keyof typeof PROBLEMS;

/** A problem+json answer with its meaning, for the OpenAPI document (and its serializer). */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

/** The problem+json answers a route can give, e.g. `errorResponses(400, 401, 404)`. */
export function errorResponses<S extends ProblemStatus>(...statuses: S[]): Record<S, ReturnType<typeof problemResponse>> {
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(PROBLEMS[s])])) as Record<S, ReturnType<typeof problemResponse>>;
}

/** A private read: not logged in, not allowed, bad query or path, not found. */
export const commonErrors = errorResponses(400, 401, 403, 404);
/** A command: also a refused transition or conflict (409) and a reused Idempotency-Key (422). */
export const commandErrors = errorResponses(400, 401, 403, 404, 409, 422);

export const idParams = z.object({ id: z.uuid() });

/** The optional Tildel-Purpose header: why personal data is processed, recorded in the access log. */
export const purposeHeader = z
  .enum(PURPOSES)
  .optional()
  .describe('Why personal data is processed, recorded in the access log; default case_processing');

/** The headers of a read of personal data: the purpose it is read for (optional). */
export const readHeadersSchema = z.object({ 'tildel-purpose': purposeHeader });

/**
 * A binary body, such as a PDF letter: bytes sent as they are (fastify does not serialize a
 * Buffer), documented as content of the media type (OpenAPI 3.1: contentMediaType, no JSON shape).
 */
export function binaryResponse<M extends string>(mediaType: M, description: string) {
  const schema = z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ contentMediaType: mediaType });
  return { description, content: { [mediaType]: { schema } } as Record<M, { schema: typeof schema }> };
}

const recordedBase = caseActionViewSchema.omit({ type: true, payload: true });

function recorded<T extends ActionType>(type: T) {
  return recordedBase.extend({ type: z.literal(type), payload: actionPayloadSchemas[type] });
}

const [firstType, ...otherTypes] = ACTION_TYPES;

/**
 * One entry of a case's history: who did what, when and under which authority, with the payload
 * of its action type (one schema per type, from the domain's actionPayloadSchemas).
 */
export const caseActionSchema = z.discriminatedUnion('type', [recorded(firstType), ...otherTypes.map(recorded)]).meta({ id: 'CaseAction' });
export type CaseActionResponse = z.output<typeof caseActionSchema>;
