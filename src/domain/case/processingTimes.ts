/**
 * Processing times (saksbehandlingstid): days from the request to the first decision, per service,
 * and how many requests were decided within the month after which forvaltningsloven § 11 a
 * requires a provisional reply. Open requests count by age, so a leader sees the queue that will
 * become the next month's long processing times.
 *
 * The requests arrive counted (issue 18): the store groups a year of an Oslo-size municipality's
 * requests (about 30,000) into a few thousand counts by service, days to the first decision and the
 * deadline, against the deadline of each day received that `provisionalReplyDues` works out here.
 */
import { addDays, deadline } from '../law/deadlines.ts';
import { DEADLINES } from '../law/rules.ts';

/** Requests alike: of one service, decided after the same number of days and on the same side of the deadline, or open on the same side of it today. */
export type RequestCount =
  | { readonly serviceCode: string; readonly decided: true; readonly days: number; readonly withinMonth: boolean; readonly count: number }
  | { readonly serviceCode: string; readonly decided: false; readonly pastMonth: boolean; readonly count: number };

export interface ServiceProcessing {
  readonly decided: number;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /** Decided on or before the provisional-reply deadline (fvl § 11 a). */
  readonly decidedWithinMonth: number;
  readonly open: number;
  /** Undecided and past the provisional-reply deadline today. */
  readonly openPastMonth: number;
}

export interface ProcessingTimes {
  readonly citation: string;
  readonly overall: ServiceProcessing;
  readonly byService: Readonly<Record<string, ServiceProcessing>>;
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

/** The provisional-reply deadline (fvl § 11 a) of a request received on each day from `first` to `last`. */
export function provisionalReplyDues(first: string, last: string): ReadonlyMap<string, string> {
  const dues = new Map<string, string>();
  for (let day = first; day <= last; day = addDays(day, 1)) dues.set(day, deadline(DEADLINES.provisionalReply, day).due);
  return dues;
}

type Decided = Extract<RequestCount, { decided: true }>;

/** The nearest-rank percentile (p in 0–100) of counted days, sorted by days. */
function percentile(sorted: readonly Decided[], total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(0, Math.ceil((p / 100) * total) - 1);
  let seen = 0;
  for (const c of sorted) {
    seen += c.count;
    if (seen > rank) return c.days;
  }
  return null;
}

const sum = (counts: readonly RequestCount[]) => counts.reduce((n, c) => n + c.count, 0);

function summarise(counts: readonly RequestCount[]): ServiceProcessing {
  const decided = counts.filter((c): c is Decided => c.decided).sort((a, b) => a.days - b.days);
  const open = counts.filter((c) => !c.decided);
  const total = sum(decided);
  return {
    decided: total,
    medianDays: percentile(decided, total, 50),
    p90Days: percentile(decided, total, 90),
    decidedWithinMonth: sum(decided.filter((c) => c.withinMonth)),
    open: sum(open),
    openPastMonth: sum(open.filter((c) => !c.decided && c.pastMonth)),
  };
}

export function processingTimes(counts: readonly RequestCount[]): ProcessingTimes {
  const services = [...new Set(counts.map((c) => c.serviceCode))].sort();
  return {
    citation: DEADLINES.provisionalReply.citation,
    overall: summarise(counts),
    byService: Object.fromEntries(services.map((s) => [s, summarise(counts.filter((c) => c.serviceCode === s))])),
  };
}
