/**
 * Processing times (saksbehandlingstid): days from the request to the first decision, per service,
 * and how many requests were decided within the month after which forvaltningsloven § 11 a
 * requires a provisional reply. Open requests count by age, so a leader sees the queue that will
 * become the next month's long processing times.
 */
import { pushTo } from '../collections.ts';
import { deadline } from '../law/deadlines.ts';
import { DEADLINES } from '../law/rules.ts';

export interface ProcessingRow {
  readonly serviceCode: string;
  /** The Norwegian date the request was received. */
  readonly receivedOn: string;
  /** The Norwegian date of the first decision, or null while undecided. */
  readonly decidedOn: string | null;
}

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

/** The nearest-rank percentile of sorted numbers (p in 0–100). */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/** The provisional-reply deadline of a request received on a day. */
type DueOf = (receivedOn: string) => string;

function summarise(rows: readonly ProcessingRow[], today: string, dueOf: DueOf): ServiceProcessing {
  const decided = rows.filter((r): r is ProcessingRow & { decidedOn: string } => r.decidedOn !== null);
  const days = decided.map((r) => daysBetween(r.receivedOn, r.decidedOn)).sort((a, b) => a - b);
  const due = (r: ProcessingRow) => dueOf(r.receivedOn);
  const open = rows.filter((r) => r.decidedOn === null);
  return {
    decided: decided.length,
    medianDays: percentile(days, 50),
    p90Days: percentile(days, 90),
    decidedWithinMonth: decided.filter((r) => r.decidedOn <= due(r)).length,
    open: open.length,
    openPastMonth: open.filter((r) => today > due(r)).length,
  };
}

export function processingTimes(rows: readonly ProcessingRow[], today: string): ProcessingTimes {
  // The deadline depends on the day received alone: computed once per day (a year of an Oslo-size
  // municipality's requests has tens of thousands of rows and at most 366 days).
  const dues = new Map<string, string>();
  const dueOf: DueOf = (receivedOn) => {
    let due = dues.get(receivedOn);
    if (due === undefined) dues.set(receivedOn, (due = deadline(DEADLINES.provisionalReply, receivedOn).due));
    return due;
  };
  const byService = new Map<string, ProcessingRow[]>();
  for (const r of rows) pushTo(byService, r.serviceCode, r);
  return {
    citation: DEADLINES.provisionalReply.citation,
    overall: summarise(rows, today, dueOf),
    byService: Object.fromEntries([...byService.keys()].sort().map((s) => [s, summarise(byService.get(s) ?? [], today, dueOf)])),
  };
}
