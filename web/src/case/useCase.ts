/** Loading a case with its history, and appending actions to it with the version it was read at. */
import { useCallback, useEffect, useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import type { paths } from '../api/schema';
import type { Reply } from '../session.ts';

export type CaseData = Reply<'/api/v1/cases/{id}', 'get'>;
export type HistoryEntry = Reply<'/api/v1/cases/{id}/actions', 'get'>[number];
export type FollowUp = paths['/api/v1/cases/{id}/actions']['post']['requestBody']['content']['application/json']['action'];
export type Entry<T extends HistoryEntry['type']> = Extract<HistoryEntry, { type: T }>;

/** The history entry of a type at a seq (the action that opened a follow-up or a consultation). */
export function entryAt<T extends HistoryEntry['type']>(history: readonly HistoryEntry[], type: T, seq: number): Entry<T> | undefined {
  return history.find((e): e is Entry<T> => e.type === type && e.seq === seq);
}

export function useCase(id: string) {
  const [data, setData] = useState<CaseData | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const path = { params: { path: { id } } };
    try {
      const [c, h] = await Promise.all([api.GET('/api/v1/cases/{id}', path), api.GET('/api/v1/cases/{id}/actions', path)]);
      setData(ok(c));
      setHistory(ok(h));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, history, error, reload };
}

/** Appends one action; throws ApiProblem with the field errors when it is refused. */
export async function appendAction(c: CaseData, action: FollowUp, reason?: string): Promise<CaseData> {
  const r = await api.POST('/api/v1/cases/{id}/actions', {
    params: { path: { id: c.id }, header: commandHeaders() },
    body: { expectedVersion: c.version, action, ...(reason ? { reason } : {}) },
  });
  return ok(r);
}
