import type { z } from 'zod';

/**
 * Errors a use case can end in, each with a stable kind that the HTTP edge turns into
 * application/problem+json (RFC 9457). Anything else reaching the edge is a bug and answers 500.
 */
export interface FieldProblem {
  /** The path of the offending field, e.g. "payload.hoursPerWeek". */
  readonly field: string;
  /** In English, for developers and logs; clients render `code` and `params` in the user's language. */
  readonly message: string;
  /**
   * What is wrong, as a stable code: the schema's (too_small, too_big, invalid_type, invalid_format,
   * invalid_value, unrecognized_keys, custom), `rule` for a content rule of the law (its citation in
   * params), or `invalid` for any other refusal of the field.
   */
  readonly code?: string;
  /** The facts of the code (minimum, maximum, expected, format, values, citation). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The kinds of refusal a use case can end in; each is a problem's stable top-level `code`. */
export const PROBLEM_KINDS = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not-found',
  'transition-not-allowed',
  'stale-version',
  'idempotency-key-missing',
  'idempotency-key-reused',
  'conflict',
  'too-many-requests',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/**
 * Every top-level `code` a problem response can carry: the use cases' kinds, an internal error (a
 * bug), what the HTTP parser refuses before a request is read, and `unavailable` (503: the database
 * connection was lost; the same request may be sent again). Clients map each to words.
 */
export const PROBLEM_CODES = [...PROBLEM_KINDS, 'internal', 'request-too-large', 'request-timeout', 'bad-request', 'unavailable'] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** The codes of zod's issues (zod 4): the compiler keeps this list complete (see the check below). */
export const SCHEMA_ISSUE_CODES = [
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
] as const;
type MissingIssueCode = Exclude<z.core.$ZodIssue['code'], (typeof SCHEMA_ISSUE_CODES)[number]>;
const everyIssueCode: [MissingIssueCode] extends [never] ? true : MissingIssueCode = true;
void everyIssueCode;

/**
 * Every code a field problem can carry: the schema's issue codes, `rule` (a content rule of the law,
 * its citation in params), `control_character` and `too_deep` (input refused before any schema),
 * and `invalid` (any other refusal of the field).
 */
export const FIELD_CODES = [...SCHEMA_ISSUE_CODES, 'rule', 'control_character', 'too_deep', 'invalid'] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly details: {
      readonly fields?: readonly FieldProblem[];
      readonly allowedActions?: readonly string[];
      readonly currentVersion?: number;
      /** The policy rule that refused the command, e.g. "separation_of_duties". */
      readonly rule?: string;
      /** Who may do it instead, in words. */
      readonly mayInstead?: readonly string[];
    } = {},
  ) {
    super(message);
  }
}

export function notFound(what: string): AppError {
  return new AppError('not-found', `${what} was not found.`);
}

export function invalidField(field: string, message: string): AppError {
  return new AppError('validation', `The field ${field} is invalid: ${message}`, { fields: [{ field, message }] });
}

/** The facts of a schema issue that a client needs to say it in words: the bound, the expected type or format, the allowed values. */
const ISSUE_FACTS = ['minimum', 'maximum', 'inclusive', 'origin', 'expected', 'format', 'values', 'keys', 'divisor'];

/**
 * The facts of an issue, and `missing: true` when a value of the wrong type was simply not given
 * (zod 4 says so only in its message: "expected string, received undefined"), so a client can say
 * "required" rather than "wrong type".
 */
export function issueFacts(issue: unknown): Record<string, unknown> {
  if (!issue || typeof issue !== 'object') return {};
  const facts = Object.fromEntries(
    Object.entries(issue)
      .filter(([k, v]) => ISSUE_FACTS.includes(k) && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'bigint' || v instanceof Date ? String(v instanceof Date ? v.toISOString().slice(0, 10) : v) : v]),
  );
  const { code, message } = issue as { code?: unknown; message?: unknown };
  if (code === 'invalid_type' && typeof message === 'string' && /received undefined$/.test(message)) facts.missing = true;
  return facts;
}
