/**
 * How requests were answered (issue 14: a request answered by a low-threshold offer, or refused with
 * somewhere to go, is counted as such): per service and overall, the first answer to each request —
 * granted, partly granted, refused (and how many of those with an onward referral), answered by a
 * low-threshold offer without a decision, withdrawn — and the requests still open, with shares of the
 * answered ones and n.
 */
import type { CaseStatus, DecisionOutcome } from './vocabulary.ts';

export interface RequestOutcomeRow {
  readonly serviceCode: string;
  readonly status: CaseStatus;
  /** The outcome of the first decision on the request, or null when none was made. */
  readonly firstOutcome: DecisionOutcome | null;
  /** Whether a refusal or partial grant on the request sent the person on (videre henvisning). */
  readonly referred: boolean;
  /** How many requests are alike in all of the above (the store counts them in SQL, issue 18). */
  readonly count: number;
}

export interface RequestOutcomes {
  readonly requests: number;
  readonly granted: number;
  readonly partlyGranted: number;
  readonly refused: number;
  readonly refusedOrPartlyWithReferral: number;
  readonly lowThreshold: number;
  readonly withdrawn: number;
  readonly open: number;
  /** Shares of the answered requests (decided, low-threshold or withdrawn), in per cent with one decimal; null when none. */
  readonly shares: { readonly granted: number | null; readonly partlyGranted: number | null; readonly refused: number | null; readonly lowThreshold: number | null; readonly withdrawn: number | null };
}

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);

export function requestOutcomes(rows: readonly RequestOutcomeRow[]): RequestOutcomes {
  const count = (p: (r: RequestOutcomeRow) => boolean) => rows.reduce((n, r) => (p(r) ? n + r.count : n), 0);
  const requests = count(() => true);
  const granted = count((r) => r.firstOutcome === 'granted');
  const partlyGranted = count((r) => r.firstOutcome === 'partly_granted');
  const refused = count((r) => r.firstOutcome === 'refused');
  const lowThreshold = count((r) => r.firstOutcome === null && r.status === 'answered_low_threshold');
  const withdrawn = count((r) => r.firstOutcome === null && r.status === 'withdrawn');
  const answered = granted + partlyGranted + refused + lowThreshold + withdrawn;
  return {
    requests,
    granted,
    partlyGranted,
    refused,
    refusedOrPartlyWithReferral: count((r) => r.referred && r.firstOutcome !== 'granted'),
    lowThreshold,
    withdrawn,
    open: requests - answered,
    shares: { granted: pct(granted, answered), partlyGranted: pct(partlyGranted, answered), refused: pct(refused, answered), lowThreshold: pct(lowThreshold, answered), withdrawn: pct(withdrawn, answered) },
  };
}

/** The outcomes overall and per service, from requests counted alike. */
export function requestOutcomesByService(rows: readonly RequestOutcomeRow[]): { overall: RequestOutcomes; byService: Record<string, RequestOutcomes> } {
  const services = [...new Set(rows.map((r) => r.serviceCode))].sort();
  return { overall: requestOutcomes(rows), byService: Object.fromEntries(services.map((s) => [s, requestOutcomes(rows.filter((r) => r.serviceCode === s))])) };
}
