/**
 * Errors as application/problem+json (RFC 9457): a stable type, a title, a human detail, and for
 * bad input the offending fields. A 500 is a bug; it is logged with the request id and the client
 * gets that id to quote.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem, type ProblemKind } from '../app/errors.ts';

const STATUS: Record<ProblemKind, number> = {
  validation: 400,
  'idempotency-key-missing': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'transition-not-allowed': 409,
  'stale-version': 409,
  conflict: 409,
  'idempotency-key-reused': 422,
  'too-many-requests': 429,
};

const TITLE: Record<ProblemKind | 'internal', string> = {
  validation: 'The request has invalid fields',
  'idempotency-key-missing': 'The command has no Idempotency-Key header',
  unauthenticated: 'You are not logged in',
  forbidden: 'You may not do this',
  'not-found': 'Not found',
  'transition-not-allowed': 'This action is not allowed in the current state',
  'stale-version': 'The case has changed since you read it',
  conflict: 'Conflict with the current data',
  'idempotency-key-reused': 'The Idempotency-Key was used for another request',
  'too-many-requests': 'Too many attempts',
  internal: 'Internal error',
};

export const PROBLEM_TYPE_BASE = 'urn:tildel:problem:';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: readonly FieldProblem[];
  allowedActions?: readonly string[];
  currentVersion?: number;
  rule?: string;
  mayInstead?: readonly string[];
}

function send(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

function base(request: FastifyRequest, kind: ProblemKind | 'internal', status: number, detail: string): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${kind}`,
    title: TITLE[kind],
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
}

export function sendAppError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const { fields, ...rest } = error.details;
  return send(reply, { ...base(request, error.kind, STATUS[error.kind], error.message), ...rest, ...(fields ? { errors: fields } : {}) });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return sendAppError(request, reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const fields = error.validation.map((v) => ({
      field: fieldName(where, v.instancePath),
      message: v.message ?? 'invalid',
    }));
    const detail = `Invalid ${fields.map((f) => `${f.field} (${f.message})`).join('; ')}.`;
    return send(reply, { ...base(request, 'validation', 400, detail), errors: fields });
  }
  if (error.statusCode === 429) {
    return send(reply, base(request, 'too-many-requests', 429, 'Too many requests from here in a short time; wait a minute and try again.'));
  }
  if (error.statusCode && error.statusCode < 500) {
    // Errors fastify raises itself before our code runs: malformed JSON, wrong content type, too large.
    const fields = [{ field: 'body', message: error.message }];
    return send(reply, { ...base(request, 'validation', error.statusCode, error.message), errors: fields });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, base(request, 'internal', 500, `Something went wrong on our side. Quote request id ${request.id}.`));
}

/** "payload.hoursPerWeek" for a body field; "query.limit" or "header.idempotency-key" elsewhere. */
function fieldName(context: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const prefix = context === 'body' ? '' : `${context === 'querystring' ? 'query' : context}.`;
  return `${prefix}${path}` || context;
}

/** A route that does not exist answers problem+json too. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, base(request, 'not-found', 404, `There is no ${request.method} ${request.url.split('?')[0] ?? ''}.`));
}

/** C0 control characters other than tab, line feed and carriage return, and DEL: never part of a text a person typed. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

const join = (at: string, key: string | number) => (at ? `${at}.${key}` : String(key));

/** The path of the first string in `value` that holds a control character, or null. */
export function controlCharacterAt(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return hasControlCharacter(value) ? at || 'body' : null;
  if (!value || typeof value !== 'object') return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  for (const [key, v] of entries) {
    const found = controlCharacterAt(v, join(at, key));
    if (found) return found;
  }
  return null;
}

/** Refuses a body or query with a NUL or another control character, naming the field (before any use case runs). */
export async function refuseControlCharacters(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const inBody = controlCharacterAt(request.body);
  const inQuery = controlCharacterAt(request.query);
  const field = inBody ?? (inQuery ? `query.${inQuery}` : null);
  if (!field) return;
  const message = 'contains a control character (such as NUL) that cannot be part of a text';
  await send(reply, { ...base(request, 'validation', 400, `Invalid ${field} (${message}).`), errors: [{ field, message }] });
}
