/** Loading a case with its history, and appending actions to it with the version it was read at. */
import { useCallback, useEffect, useState } from 'react';
import { api, commandHeaders, ok } from '../api/client.ts';
import type { paths } from '../api/schema';
import type { Reply } from '../session.ts';

export type CaseData = Reply<'/api/v1/cases/{id}', 'get'>;
export type HistoryEntry = Reply<'/api/v1/cases/{id}/actions', 'get'>[number];
export type FollowUp = paths['/api/v1/cases/{id}/actions']['post']['requestBody']['content']['application/json']['action'];

export function useCase(id: string) {
  const [data, setData] = useState<CaseData | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const reload = useCallback(async () => {
    const path = { params: { path: { id } } };
    setData(ok(await api.GET('/api/v1/cases/{id}', path)));
    setHistory(ok(await api.GET('/api/v1/cases/{id}/actions', path)));
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, history, reload };
}

/** Appends one action; throws ApiProblem with the field errors when it is refused. */
export async function appendAction(c: CaseData, action: FollowUp, reason?: string): Promise<CaseData> {
  const r = await api.POST('/api/v1/cases/{id}/actions', {
    params: { path: { id: c.id }, header: commandHeaders() },
    body: { expectedVersion: c.version, action, ...(reason ? { reason } : {}) },
  });
  return ok(r);
}
