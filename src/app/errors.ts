/**
 * Errors a use case can end in, each with a stable kind that the HTTP edge turns into
 * application/problem+json (RFC 9457). Anything else reaching the edge is a bug and answers 500.
 */
export interface FieldProblem {
  /** The path of the offending field, e.g. "payload.hoursPerWeek". */
  readonly field: string;
  readonly message: string;
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
