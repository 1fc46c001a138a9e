/**
 * The API client: typed by the generated OpenAPI types (schema.d.ts), authenticated by the session
 * cookie the login sets (HttpOnly, so no token is kept in script). Commands get a fresh
 * Idempotency-Key; problem+json answers become ApiProblem with their field errors, said in the
 * user's language from their stable codes (web/src/problems.ts), never the server's English.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import type { Lang } from '../i18n.tsx';
import { currentLang, fieldText, problemText, type FieldError, type ProblemBody } from '../problems.ts';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/**
 * A refusal: the server's problem+json (with its `code`, field `code`s and `params`), or one the
 * client makes itself before sending (no `type`, words already in the user's language).
 */
export type Problem = ProblemBody;

export class ApiProblem extends Error {
  /** The message is in the language chosen when the refusal came; a view renders `problem` anew on a change of language. */
  constructor(readonly problem: Problem) {
    super(problemText(currentLang(), problem));
  }

  /** The error of a field, matched by the end of its path (e.g. "hoursPerWeek"). */
  fieldProblem(field: string): FieldError | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`));
  }

  /** The error of a field in the user's language. */
  fieldError(field: string, lang: Lang = currentLang()): string | undefined {
    const found = this.fieldProblem(field);
    return found && fieldText(lang, found);
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
