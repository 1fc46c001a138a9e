/** Loading a case with its history, and appending actions to it with the version it was read at. */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem, commandHeaders, ok, type Problem } from '../api/client.ts';
import type { paths } from '../api/schema';
import type { Reply } from '../session.ts';

export type CaseData = Reply<'/api/v1/cases/{id}', 'get'>;
export type HistoryEntry = Reply<'/api/v1/cases/{id}/actions', 'get'>[number];
export type FollowUp = paths['/api/v1/cases/{id}/actions']['post']['requestBody']['content']['application/json']['action'];
/** The rule a refusal names when the staff member has no need for the case (the server's gate); emergency access is offered on it. */
export const NO_NEED = 'no_need';
export type Entry<T extends HistoryEntry['type']> = Extract<HistoryEntry, { type: T }>;

/** The history entry of a type at a seq (the action that opened a follow-up or a consultation). */
export function entryAt<T extends HistoryEntry['type']>(history: readonly HistoryEntry[], type: T, seq: number): Entry<T> | undefined {
  return history.find((e): e is Entry<T> => e.type === type && e.seq === seq);
}

/**
 * The case and, when the staff member sees all of it, its history. An order's view (access 'order')
 * has no history to read, so none is asked for; a refusal keeps its problem, so the view can tell
 * "no need" (and offer emergency access) from other errors.
 */
export function useCase(id: string) {
  const [data, setData] = useState<CaseData | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const reload = useCallback(async () => {
    const path = { params: { path: { id } } };
    try {
      const c = ok(await api.GET('/api/v1/cases/{id}', path));
      const h = c.access === 'full' ? ok(await api.GET('/api/v1/cases/{id}/actions', path)) : [];
      setData(c);
      setHistory(h);
      setProblem(null);
    } catch (e) {
      const found: Problem = e instanceof ApiProblem ? e.problem : { status: 0, detail: String(e) };
      // Without a need (an emergency access that ran out, say) nothing of the case stays on screen.
      if (found.rule === NO_NEED) setData(null);
      setProblem(found);
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const error = problem ? (problem.detail ?? problem.title ?? `HTTP ${problem.status}`) : null;
  return { data, history, error, problem, reload };
}

/** Appends one action; throws ApiProblem with the field errors when it is refused. */
export async function appendAction(c: CaseData, action: FollowUp, reason?: string): Promise<CaseData> {
  const r = await api.POST('/api/v1/cases/{id}/actions', {
    params: { path: { id: c.id }, header: commandHeaders() },
    body: { expectedVersion: c.version, action, ...(reason ? { reason } : {}) },
  });
  return ok(r);
}
