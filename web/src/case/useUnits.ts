/** The municipality's units (for provider names and choices), loaded once per view; null until loaded. */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Reply } from '../session.ts';

export type Unit = Reply<'/api/v1/organisation', 'get'>['units'][number];

/** Units that deliver services: providers and (in the trust model) teams. */
export const isProviderUnit = (u: Unit) => /provider|team/.test(u.kind);

export function useUnits(): Unit[] | null {
  const [units, setUnits] = useState<Unit[] | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/organisation').then((r) => setUnits(r.data?.units ?? []));
  }, []);
  return units;
}

/** A unit's name, or null when it is not known (yet). */
export function unitName(units: readonly Unit[] | null, id: string | null): string | null {
  return (id && units?.find((u) => u.id === id)?.name) || null;
}
