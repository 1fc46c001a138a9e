/**
 * The provider's cases read a page at a time: the cases awaiting their start (service_arranged) and
 * the running ones (active), each status from GET /cases by offset, one page of each per "Vis flere",
 * so a provider with a thousand users sees every one of them (the list once stopped at 500 a status
 * and showed the first 200, without a word).
 */

export const PROVIDER_STATUSES = ['service_arranged', 'active'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** Where the next page of each status starts, or null when the status is read to its end. */
export type Offsets = Readonly<Record<ProviderStatus, number | null>>;

export const FIRST_OFFSETS: Offsets = { service_arranged: 0, active: 0 };

/** One status's page as the API answered it: the items read from the offset, and how many the status holds. */
export interface StatusPage {
  readonly read: number;
  readonly total: number;
}

/** The offsets after a page: each status moves on by what it read, and ends when it has read its total or the page came back empty. */
export function offsetsAfter(offsets: Offsets, pages: Readonly<Record<ProviderStatus, StatusPage>>): Offsets {
  const next = (status: ProviderStatus): number | null => {
    const from = offsets[status];
    if (from === null) return null;
    const { read, total } = pages[status];
    return read > 0 && from + read < total ? from + read : null;
  };
  return { service_arranged: next('service_arranged'), active: next('active') };
}

/** Whether any status has more to read. */
export const hasMore = (offsets: Offsets): boolean => PROVIDER_STATUSES.some((s) => offsets[s] !== null);
