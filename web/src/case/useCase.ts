/** Loading a case with its history, and appending actions to it with the version it was read at. */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, ApiProblem, commandHeaders, ok, type Problem } from '../api/client.ts';
import type { paths } from '../api/schema';
import { currentLang, problemText } from '../problems.ts';
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

async function loadCase(id: string): Promise<{ c: CaseData; history: HistoryEntry[] }> {
  const path = { params: { path: { id } } };
  const c = ok(await api.GET('/api/v1/cases/{id}', path));
  const history = c.access === 'full' ? ok(await api.GET('/api/v1/cases/{id}/actions', path)) : [];
  return { c, history };
}

const NO_HISTORY: HistoryEntry[] = [];

/**
 * The case and, when the staff member sees all of it, its history, through the data layer
 * (queryClient.ts: retried when the failure may pass). An order's view (access 'order') has no
 * history to read, so none is asked for; a refusal keeps its problem, so the view can tell "no need"
 * (and offer emergency access) from "not found" and other errors, each said in the user's language.
 */
export function useCase(id: string) {
  const query = useQuery({ queryKey: ['case', id], queryFn: async () => loadCase(id) });
  const failed = query.error;
  const problem: Problem | null = failed ? (failed instanceof ApiProblem ? failed.problem : { status: 0 }) : null;
  // Without a need (an emergency access that ran out, say) nothing of the case stays on screen.
  const shown = problem?.rule === NO_NEED ? undefined : query.data;
  const { refetch } = query;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const error = problem ? problemText(currentLang(), problem) : null;
  return { data: shown?.c ?? null, history: shown?.history ?? NO_HISTORY, error, problem, reload };
}

/** Appends one action; throws ApiProblem with the field errors when it is refused. */
export async function appendAction(c: CaseData, action: FollowUp, reason?: string): Promise<CaseData> {
  const r = await api.POST('/api/v1/cases/{id}/actions', {
    params: { path: { id: c.id }, header: commandHeaders() },
    body: { expectedVersion: c.version, action, ...(reason ? { reason } : {}) },
  });
  return ok(r);
}
