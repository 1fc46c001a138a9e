/**
 * Visits a home-care provider records under a running decision (the rows a mobile care system's
 * delivery import brings, store/provider.ts): from the day the service started to the day it ended
 * (or the day before the data's "today"), as many visits a week as the decided hours suggest (about
 * 40 minutes each), with delivered minutes around the decided time and a few cancelled visits.
 * Places in an institution have no visits.
 */
import type { Faker } from '@faker-js/faker';
import type { CaseAction } from '../../domain/case/index.ts';
import { decidedHoursOf } from '../../domain/decision/extent.ts';
import { addDays } from '../../domain/law/deadlines.ts';
import { findService } from '../../domain/services/catalogue.ts';
import type { CaseLog } from './caseLog.ts';
import type { ScaleTables } from './tables.ts';

const CANCEL_REASONS = ['Bruker ikke hjemme', 'Bruker innlagt på sykehus', 'Avlyst av bruker'];
const STARTS = ['07:30', '08:15', '09:00', '10:30', '12:00', '14:00', '16:30', '19:00', '21:30'];

function lastDecidedHours(history: readonly CaseAction[]): number | undefined {
  const decision = history.findLast((a) => a.type === 'decision_made');
  return decision?.type === 'decision_made' ? decidedHoursOf(decision.payload) : undefined;
}

/** The period the service ran, within the window: [from, to] as dates, or null. */
function servicePeriod(log: CaseLog, window: { from: string; to: string }): { from: string; to: string } | null {
  const started = log.history.findLast((a) => a.type === 'service_started');
  if (started?.type !== 'service_started') return null;
  const ended = log.history.findLast((a) => a.type === 'service_ended');
  const end = ended?.type === 'service_ended' ? ended.payload.endedOn : window.to;
  const from = started.payload.startedOn > window.from ? started.payload.startedOn : window.from;
  const to = end < window.to ? end : window.to;
  return from <= to ? { from, to } : null;
}

export interface VisitContext {
  readonly municipalityId: string;
  readonly providerUnitId: string;
  readonly recordedBy: string;
  /** Visits are generated for days in this window (the months of history asked for). */
  readonly window: { readonly from: string; readonly to: string };
}

/** Adds the case's visits to the batch; returns how many. */
export function addVisits(t: ScaleTables, f: Faker, log: CaseLog, v: VisitContext): number {
  if (findService(log.state.serviceCode)?.institutional) return 0;
  const hours = lastDecidedHours(log.history);
  const period = servicePeriod(log, v.window);
  if (!hours || !period) return 0;
  const perWeek = Math.min(28, Math.max(1, Math.round((hours * 60) / 40)));
  const minutes = Math.max(5, Math.round((hours * 60) / perWeek));
  const employees = f.number.int({ min: 2, max: 6 });
  let n = 0;
  for (let week = period.from; week <= period.to; week = addDays(week, 7)) {
    for (let k = 0; k < perWeek; k += 1) {
      const day = addDays(week, k % 7);
      if (day > period.to) continue;
      addVisit(t, f, v, { caseId: log.caseId, day, k, minutes, employees });
      n += 1;
    }
  }
  return n;
}

function addVisit(t: ScaleTables, f: Faker, v: VisitContext, x: { caseId: string; day: string; k: number; minutes: number; employees: number }): void {
  const start = STARTS[(x.k + Math.floor(x.k / 7) * 3) % STARTS.length] ?? '08:00';
  const cancelled = f.number.float() < 0.03;
  const delivered = cancelled ? 0 : Math.max(1, Math.round(x.minutes * (0.8 + f.number.float() * 0.3)));
  const reason = cancelled ? (CANCEL_REASONS[x.k % CANCEL_REASONS.length] ?? 'Avlyst') : null;
  t.visit.add([
    v.municipalityId, x.caseId, v.providerUnitId, `ansatt-${(x.k % x.employees) + 1}`, x.day, start, delivered, start >= '21:00',
    cancelled ? 'cancelled' : 'performed', reason, v.recordedBy, `${x.day}T20:00:00Z`,
  ]);
}
