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

export type ProblemKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'transition-not-allowed'
  | 'stale-version'
  | 'idempotency-key-missing'
  | 'idempotency-key-reused'
  | 'conflict'
  | 'too-many-requests';

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

export function issueFacts(issue: unknown): Record<string, unknown> {
  if (!issue || typeof issue !== 'object') return {};
  return Object.fromEntries(
    Object.entries(issue)
      .filter(([k, v]) => ISSUE_FACTS.includes(k) && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v]),
  );
}
