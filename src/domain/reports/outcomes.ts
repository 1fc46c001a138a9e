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
import type { ShareOf } from './figures.ts';
import { OUTCOME_DEFINITIONS, OUTCOME_FIGURE_IDS, type OutcomeFigureId } from './outcomeDefinitions.ts';
import { pushTo } from '../collections.ts';

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

type Decision = Extract<OutcomeEvent, { kind: 'decision' }>;

function decisionCounts(decisions: readonly Decision[]) {
  const count = (p: (d: Decision) => boolean) => decisions.filter(p).length;
  const refusals = decisions.filter((d) => d.outcome === 'refused');
  const refusedPersons = new Set(refusals.map((d) => d.personId));
  const leftPersons = new Set(refusals.filter((d) => d.leftWithoutService).map((d) => d.personId));
  return {
    decisions: decisions.length,
    granted: count((d) => d.outcome === 'granted'),
    partlyGranted: count((d) => d.outcome === 'partly_granted'),
    refused: refusals.length,
    refusedWithAlternative: refusals.filter((d) => d.alternativeOffered).length,
    increases: count((d) => d.change === 'increase'),
    reductions: count((d) => d.change === 'reduction'),
    onwardReferrals: count((d) => d.onwardReferral),
    refusedPersons: refusedPersons.size,
    leftWithoutService: leftPersons.size,
  };
}

/** The figures of one set of events (a group, or all). */
export function outcomeFigures(events: readonly OutcomeEvent[]): OutcomeFigures {
  const kind = (k: OutcomeEvent['kind']) => events.filter((e) => e.kind === k).length;
  const c = decisionCounts(events.filter((e): e is Decision => e.kind === 'decision'));
  const lowThreshold = kind('low_threshold');
  const denominators: Record<Exclude<ShareOf, null>, number> = { decisions: c.decisions, refusals: c.refused, answers: c.decisions + lowThreshold, refused_persons: c.refusedPersons };
  const counts: Record<OutcomeFigureId, number> = { ...c, requests: kind('request'), ends: kind('end'), reevaluations: kind('reevaluation'), lowThreshold };
  const figure = (id: OutcomeFigureId): Figure => {
    const of = OUTCOME_DEFINITIONS[id].of;
    const d = of === null ? null : denominators[of];
    return { n: counts[id], of: d, rate: d === null ? null : rate(counts[id], d) };
  };
  return Object.fromEntries(OUTCOME_FIGURE_IDS.map((id) => [id, figure(id)])) as unknown as OutcomeFigures;
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

/** The figures in total and per group; `groupOf` gives each event its group key. Groups in key order. */
export function outcomeBreakdown<E extends OutcomeEvent>(events: readonly E[], groupOf: (e: E) => string): OutcomeBreakdown {
  const byKey = new Map<string, E[]>();
  for (const e of events) {
    pushTo(byKey, groupOf(e), e);
  }
  const groups = [...byKey.keys()].sort().map((key) => ({ key, figures: outcomeFigures(byKey.get(key) ?? []) }));
  const unweighted: Partial<Record<OutcomeFigureId, number | null>> = {};
  for (const id of OUTCOME_FIGURE_IDS) {
    if (OUTCOME_DEFINITIONS[id].of === null) continue;
    const rates = groups.map((g) => g.figures[id].rate).filter((r): r is number => r !== null);
    unweighted[id] = rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10_000) / 10_000 : null;
  }
  return { total: outcomeFigures(events), unweightedMeanOfGroups: unweighted, groups };
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
