/**
 * The API client: typed by the generated OpenAPI types (schema.d.ts), authenticated by the session
 * cookie the login sets (HttpOnly, so no token is kept in script). Commands get a fresh
 * Idempotency-Key; problem+json answers become ApiProblem with their field errors.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export interface Problem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string }[];
  readonly rule?: string;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  /** The message for a field, matched by the end of its path (e.g. "hoursPerWeek"). */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

/** Unwraps an openapi-fetch result, turning an error answer into ApiProblem. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const p = (result.error ?? {}) as Partial<Problem>;
    throw new ApiProblem({ ...p, status: result.response.status });
  }
  return result.data as T;
}

export function commandHeaders(): { 'idempotency-key': string } {
  return { 'idempotency-key': crypto.randomUUID() };
}
