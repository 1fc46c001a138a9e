/**
 * Outcome figures for steering (issue 20; seed 003 §4 C/E, domain reference §8): what came in and
 * how it was answered — requests, decisions by outcome (and whether a refusal offered an
 * alternative), increases, reductions, ends, re-evaluations, low-threshold answers, onward
 * referrals, and the persons left with no service after a refusal — per group and period, each with
 * n and its share of the figure it is a part of. The rules are here, pure; the store finds the
 * events (store/steering.ts) and the use case groups them (app/steering.ts).
 *
 * Every figure's numerator is a subset of its denominator, so a share lies in [0, 1]. The total's
 * share is pooled (each group weighted by its denominator); the plain mean of the groups' shares is
 * given beside it, labelled unweighted. No figure claims a cause (seed 003 L422, L625).
 */
import type { DecisionOutcome } from '../case/vocabulary.ts';
import { entryOf } from '../collections.ts';
import type { ShareOf } from './figures.ts';
import { OUTCOME_DEFINITIONS, OUTCOME_FIGURE_IDS, type OutcomeFigureId } from './outcomeDefinitions.ts';

export { OUTCOME_DEFINITIONS, OUTCOME_FIGURE_IDS, type OutcomeFigureId };

/** One event in the period, as the store finds it in the action log. */
export type OutcomeEvent =
  | { readonly kind: 'request'; readonly personId: string }
  | {
      readonly kind: 'decision';
      readonly personId: string;
      readonly outcome: DecisionOutcome;
      /** A refusal or partial grant that offered something else: an onward referral, an alternative service, an interim service. */
      readonly alternativeOffered: boolean;
      readonly onwardReferral: boolean;
      /** Against the case's previous decision: more hours, fewer (a refusal after a grant is fewer), or neither. */
      readonly change: 'increase' | 'reduction' | null;
      /** For a refusal: whether the person has no service in force and no low-threshold answer today. */
      readonly leftWithoutService: boolean;
    }
  | { readonly kind: 'end' | 'reevaluation' | 'low_threshold'; readonly personId: string };

export interface Figure {
  readonly n: number;
  /** The denominator of the share, or null for a count. */
  readonly of: number | null;
  /** n ÷ of, in [0, 1], rounded to four decimals; null for a count or when the denominator is 0. */
  readonly rate: number | null;
}

export type OutcomeFigures = Readonly<Record<OutcomeFigureId, Figure>>;

const rate = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : null);

/** The figures that count events (the persons left without a service are counted as a set). */
type CountId = Exclude<OutcomeFigureId, 'leftWithoutService'>;
const COUNT_IDS = OUTCOME_FIGURE_IDS.filter((id): id is CountId => id !== 'leftWithoutService');

/**
 * The counts of a set of events, built one event at a time (`tallyEvent`), so that a report over
 * an Oslo-size municipality can count its events in slices and give the event loop a turn between
 * them (app/slices.ts). Persons are kept as sets: a person refused twice is one refused person.
 */
export interface OutcomeTally {
  readonly counts: Record<CountId, number>;
  readonly refusedPersons: Set<string>;
  readonly leftWithoutService: Set<string>;
}

export function newOutcomeTally(): OutcomeTally {
  return { counts: Object.fromEntries(COUNT_IDS.map((id) => [id, 0])) as Record<CountId, number>, refusedPersons: new Set(), leftWithoutService: new Set() };
}

const KIND_COUNT = { request: 'requests', end: 'ends', reevaluation: 'reevaluations', low_threshold: 'lowThreshold' } as const satisfies Record<Exclude<OutcomeEvent['kind'], 'decision'>, CountId>;
const OUTCOME_COUNT = { granted: 'granted', partly_granted: 'partlyGranted', refused: 'refused' } as const satisfies Record<DecisionOutcome, CountId>;

/** Adds one event to the tally (the tally is the accumulator of a fold: it is changed, the event is not). */
export function tallyEvent(t: OutcomeTally, e: OutcomeEvent): void {
  const c = t.counts;
  if (e.kind !== 'decision') {
    c[KIND_COUNT[e.kind]] += 1;
    return;
  }
  c.decisions += 1;
  c[OUTCOME_COUNT[e.outcome]] += 1;
  if (e.change === 'increase') c.increases += 1;
  if (e.change === 'reduction') c.reductions += 1;
  if (e.onwardReferral) c.onwardReferrals += 1;
  if (e.outcome !== 'refused') return;
  if (e.alternativeOffered) c.refusedWithAlternative += 1;
  t.refusedPersons.add(e.personId);
  if (e.leftWithoutService) t.leftWithoutService.add(e.personId);
}

/** The figures of a tally: each count with its denominator and share. */
export function figuresOfTally(t: OutcomeTally): OutcomeFigures {
  const counts: Record<OutcomeFigureId, number> = { ...t.counts, leftWithoutService: t.leftWithoutService.size };
  const denominators: Record<Exclude<ShareOf, null>, number> = { decisions: counts.decisions, refusals: counts.refused, answers: counts.decisions + counts.lowThreshold, refused_persons: t.refusedPersons.size };
  const figure = (id: OutcomeFigureId): Figure => {
    const of = OUTCOME_DEFINITIONS[id].of;
    const d = of === null ? null : denominators[of];
    return { n: counts[id], of: d, rate: d === null ? null : rate(counts[id], d) };
  };
  return Object.fromEntries(OUTCOME_FIGURE_IDS.map((id) => [id, figure(id)])) as unknown as OutcomeFigures;
}

/** The figures of one set of events (a group, or all). */
export function outcomeFigures(events: readonly OutcomeEvent[]): OutcomeFigures {
  const t = newOutcomeTally();
  for (const e of events) tallyEvent(t, e);
  return figuresOfTally(t);
}

export interface OutcomeGroup {
  readonly key: string;
  readonly figures: OutcomeFigures;
}

export interface OutcomeBreakdown {
  readonly total: OutcomeFigures;
  /** Per figure with a share: the plain mean of the groups' shares (each group counting once), labelled unweighted. */
  readonly unweightedMeanOfGroups: Readonly<Partial<Record<OutcomeFigureId, number | null>>>;
  readonly groups: readonly OutcomeGroup[];
}

/** The breakdown of a tally of all events and one tally per group key. Groups in key order. */
export function breakdownOfTallies(total: OutcomeTally, byKey: ReadonlyMap<string, OutcomeTally>): OutcomeBreakdown {
  const groups = [...byKey.keys()].sort().map((key) => ({ key, figures: figuresOfTally(byKey.get(key) ?? newOutcomeTally()) }));
  const unweighted: Partial<Record<OutcomeFigureId, number | null>> = {};
  for (const id of OUTCOME_FIGURE_IDS) {
    if (OUTCOME_DEFINITIONS[id].of === null) continue;
    const rates = groups.map((g) => g.figures[id].rate).filter((r): r is number => r !== null);
    unweighted[id] = rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10_000) / 10_000 : null;
  }
  return { total: figuresOfTally(total), unweightedMeanOfGroups: unweighted, groups };
}

/** Adds one event to the total and to its group's tally. */
export function tallyGrouped(total: OutcomeTally, byKey: Map<string, OutcomeTally>, key: string, e: OutcomeEvent): void {
  tallyEvent(total, e);
  tallyEvent(entryOf(byKey, key, newOutcomeTally), e);
}

/** The figures in total and per group; `groupOf` gives each event its group key. Groups in key order. */
export function outcomeBreakdown<E extends OutcomeEvent>(events: readonly E[], groupOf: (e: E) => string): OutcomeBreakdown {
  const total = newOutcomeTally();
  const byKey = new Map<string, OutcomeTally>();
  for (const e of events) tallyGrouped(total, byKey, groupOf(e), e);
  return breakdownOfTallies(total, byKey);
}

/** Hours per week a decision stands for: its hours, or its frame's ceiling; a refusal stands for none. */
export function decidedHours(d: { outcome: DecisionOutcome; hoursPerWeek?: number | null; frame?: { maxHoursPerWeek: number } | null }): number | null {
  if (d.outcome === 'refused') return 0;
  return d.hoursPerWeek ?? d.frame?.maxHoursPerWeek ?? null;
}

/** Whether a decision raised or lowered the hours of the case's previous decision (null: the first decision, or hours not comparable). */
export function hoursChange(previous: number | null | undefined, next: number | null): 'increase' | 'reduction' | null {
  if (previous === undefined || previous === null || next === null) return null;
  if (next > previous) return 'increase';
  if (next < previous) return 'reduction';
  return null;
}
