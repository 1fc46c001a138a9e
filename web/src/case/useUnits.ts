/** The municipality's units (for provider names and choices), loaded once per view; null until loaded. */
import { api, ok } from '../api/client.ts';
import { SHARED } from '../queryClient.ts';
import { useLoad } from '../useLoad.tsx';
import type { Reply } from '../session.ts';

export type Unit = Reply<'/api/v1/organisation', 'get'>['units'][number];

/** Units that deliver services: providers and (in the trust model) teams. */
export const isProviderUnit = (u: Unit) => /provider|team/.test(u.kind);

export function useUnits(): Unit[] | null {
  return useOrganisation().data?.units ?? null;
}

/** The organisation in force today, loaded once for every view that shows it. */
export function useOrganisation() {
  return useLoad(async () => ok(await api.GET('/api/v1/organisation')), [], SHARED.organisation);
}

/** A unit's name, or null when it is not known (yet). */
export function unitName(units: readonly Unit[] | null, id: string | null): string | null {
  return (id && units?.find((u) => u.id === id)?.name) || null;
}
