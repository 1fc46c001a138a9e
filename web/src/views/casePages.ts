/**
 * A list of cases in several statuses read a page at a time: each status from GET /cases by offset,
 * one page of each per "Vis flere", until every status is read to its end. The provider's cases
 * (awaiting start, running) and the team's users (decided, awaiting start, running) are read so; they
 * once stopped at 500 a status and showed the first 200, without a word.
 */

/** Where the next page of each status starts, or null when the status is read to its end. */
export type Offsets<S extends string> = Readonly<Record<S, number | null>>;

/** One status's page as the API answered it: the items read from the offset, and how many the status holds. */
export interface StatusPage<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** Every status from its first case. */
export function firstOffsets<S extends string>(statuses: readonly S[]): Offsets<S> {
  return Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>;
}

/** The offsets after a page: each status moves on by what it read, and ends when it has read its total or the page came back empty. */
export function offsetsAfter<S extends string>(offsets: Offsets<S>, pages: Readonly<Record<S, { readonly read: number; readonly total: number }>>): Offsets<S> {
  const statuses = Object.keys(offsets) as S[];
  return Object.fromEntries(
    statuses.map((s) => {
      const from = offsets[s];
      const { read, total } = pages[s];
      return [s, from !== null && read > 0 && from + read < total ? from + read : null];
    }),
  ) as Record<S, number | null>;
}

/** Whether any status has more to read. */
export const hasMore = <S extends string>(offsets: Offsets<S>): boolean => Object.values<number | null>(offsets).some((o) => o !== null);

/** One page of the list: each status's items in the order of the statuses, the offsets after it, and how many cases the statuses hold. */
export interface CasePage<T> {
  readonly byStatus: readonly (readonly T[])[];
  readonly next: Offsets<string>;
  readonly total: number;
}

/** Reads the next page of each status not yet read to its end (`read` asks the API for one status from an offset). */
export async function readCasePage<S extends string, T>(offsets: Offsets<S>, read: (status: S, offset: number) => Promise<StatusPage<T>>): Promise<CasePage<T>> {
  const statuses = Object.keys(offsets) as S[];
  const pages = await Promise.all(statuses.map(async (s) => (offsets[s] === null ? { items: [], total: 0 } : read(s, offsets[s] as number))));
  const counts = Object.fromEntries(statuses.map((s, i) => [s, { read: pages[i]?.items.length ?? 0, total: pages[i]?.total ?? 0 }])) as Record<S, { read: number; total: number }>;
  return { byStatus: pages.map((p) => p.items), next: offsetsAfter(offsets, counts), total: pages.reduce((a, p) => a + p.total, 0) };
}
