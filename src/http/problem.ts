/**
 * Errors as application/problem+json (RFC 9457): a stable type, a title, a human detail, and for
 * bad input the offending fields. A 500 is a bug; it is logged with the request id and the client
 * gets that id to quote.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, issueFacts, type FieldProblem, type ProblemCode, type ProblemKind } from '../app/errors.ts';
import { isDatabaseError, problemFromDatabase } from './databaseErrors.ts';
import { isConnectionLost } from '../store/faults.ts';

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
  /** The stable code of the problem (its kind): clients say it in the user's language. */
  code: ProblemCode;
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
    code: kind,
    title: TITLE[kind],
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
}

export function sendAppError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const { fields, ...rest } = error.details;
  const coded = fields?.map((f) => ({ code: 'invalid', ...f }));
  return send(reply, { ...base(request, error.kind, STATUS[error.kind], error.message), ...rest, ...(coded ? { errors: coded } : {}) });
}

/** The boundary should have refused it: logged (without the value, which may be personal data) so it gets a schema. */
function sendDatabaseProblem(request: FastifyRequest, reply: FastifyReply, error: { code?: string; table?: string; constraint?: string }, problem: AppError): FastifyReply {
  request.log.warn({ code: error.code, table: error.table, constraint: error.constraint }, 'the database refused the input');
  return sendAppError(request, reply, problem);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return sendAppError(request, reply, error);
  const fromDatabase = isDatabaseError(error) ? problemFromDatabase(error) : null;
  if (fromDatabase) return sendDatabaseProblem(request, reply, error, fromDatabase);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const fields = error.validation.map((v) => ({
      field: fieldName(where, v.instancePath),
      message: v.message ?? 'invalid',
      code: v.keyword,
      params: issueFacts({ ...v.params, code: v.keyword, message: v.message }),
    }));
    const detail = `Invalid ${fields.map((f) => `${f.field} (${f.message})`).join('; ')}.`;
    return send(reply, { ...base(request, 'validation', 400, detail), errors: fields });
  }
  if (error.statusCode === 429) {
    return send(reply, base(request, 'too-many-requests', 429, 'Too many requests from here in a short time; wait a minute and try again.'));
  }
  if (error.statusCode && error.statusCode < 500) {
    // Errors fastify raises itself before our code runs: malformed JSON, wrong content type, too large.
    const fields = [{ field: 'body', message: error.message, code: 'invalid' }];
    return send(reply, { ...base(request, 'validation', error.statusCode, error.message), errors: fields });
  }
  if (isConnectionLost(error)) return sendUnavailable(request, reply, error);
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, base(request, 'internal', 500, `Something went wrong on our side. Quote request id ${request.id}.`));
}

/**
 * The database connection was lost (a failover, a restart, a terminated connection) and the
 * transaction could not be run again safely: 503, to be retried. A command retried with its
 * Idempotency-Key is answered once, whether or not the lost COMMIT took effect.
 */
function sendUnavailable(request: FastifyRequest, reply: FastifyReply, error: Error): FastifyReply {
  request.log.warn({ err: error }, 'the database connection was lost');
  const detail = 'The service lost its database connection for a moment. Send the same request again (a command with the same Idempotency-Key).';
  const problem: Problem = { type: `${PROBLEM_TYPE_BASE}unavailable`, code: 'unavailable', title: 'Service unavailable', status: 503, detail, instance: request.url.split('?')[0] ?? request.url, requestId: request.id };
  return send(reply.header('retry-after', '1'), problem);
}

/** "payload.hoursPerWeek" for a body field; "query.limit" or "header.idempotency-key" elsewhere. */
function fieldName(context: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const prefix = context === 'body' ? '' : `${context === 'querystring' ? 'query' : context}.`;
  return `${prefix}${path}` || context;
}

/**
 * Errors Node's HTTP parser meets before fastify sees a request (a request line and headers over the
 * size limit, a timeout, bytes that are not HTTP): problem+json like every other refusal, written to
 * the socket since there is no request to reply to. Fastify's own handler writes plain JSON.
 */
export function clientErrorHandler(this: { log: FastifyBaseLogger }, error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, kind, detail]: [number, ProblemCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request-too-large', 'The request line and headers are too large (16 KB at most); send long values in the body.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request did not arrive in time.']
        : [400, 'bad-request', 'The request is not valid HTTP.'];
  const requestId = randomUUID();
  const body = JSON.stringify({ type: `${PROBLEM_TYPE_BASE}${kind}`, code: kind, title: STATUS_CODES[status] ?? 'Bad Request', status, detail, instance: '', requestId });
  this.log.info({ err: error, requestId }, 'client error before a request was read');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
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

/**
 * How deep a body or query may nest. Ours nest a handful of levels; far deeper input would exhaust
 * the stack of every recursive walk after this one (validation, the command fingerprint), so it is
 * refused here, by a walk that does not recurse.
 */
export const MAX_NESTING = 64;

const CONTROL_MESSAGE = 'contains a control character (such as NUL) that cannot be part of a text';
const NESTING_MESSAGE = `is nested more than ${MAX_NESTING} levels deep`;

/** The first field in `value` (depth first, in order) that holds a control character or nests too deeply, or null. */
export function unacceptableInputAt(value: unknown): FieldProblem | null {
  const stack: { value: unknown; at: string; depth: number }[] = [{ value, at: '', depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: v, at, depth } = item;
    if (typeof v === 'string' && hasControlCharacter(v)) return { field: at || 'body', message: CONTROL_MESSAGE, code: 'control_character' };
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_NESTING) return { field: at || 'body', message: NESTING_MESSAGE, code: 'too_deep', params: { maximum: MAX_NESTING } };
    const entries: [string | number, unknown][] = Array.isArray(v) ? [...v.entries()] : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i] as [string | number, unknown];
      stack.push({ value: child, at: join(at, key), depth: depth + 1 });
    }
  }
  return null;
}

/** The path of the first string in `value` that holds a control character, or null. */
export function controlCharacterAt(value: unknown): string | null {
  const found = unacceptableInputAt(value);
  return found?.message === CONTROL_MESSAGE ? found.field : null;
}

/**
 * Refuses a body or query with a NUL or another control character, or nested too deeply, naming the
 * field (before any use case runs).
 */
export async function refuseControlCharacters(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const inBody = unacceptableInputAt(request.body);
  const inQuery = unacceptableInputAt(request.query);
  const found = inBody ?? (inQuery ? { ...inQuery, field: `query.${inQuery.field}` } : null);
  if (!found) return;
  await send(reply, { ...base(request, 'validation', 400, `Invalid ${found.field} (${found.message}).`), errors: [found] });
}
