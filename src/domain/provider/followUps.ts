/**
 * Rules that turn what the data shows into a follow-up for the allocation office (issue 14), as pure
 * functions: the job runner gathers the facts and appends what these return through the one pipeline.
 *
 * - A sustained change: delivery has differed from decided time beyond the unit's threshold in every
 *   week of the observation window (seed 002 L848–851). Weeks without any recorded delivery are not
 *   enough data, never a change. The same weeks never open a second follow-up.
 * - Hours without a change in scores: a decision raised the hours from the decision before it while
 *   the ADL sum did not rise (seed 002: over-service is the error that is hard to see).
 */
import type { ActionPayload } from '../case/actions.ts';
import type { CaseState } from '../case/state.ts';
import { addDays } from '../law/deadlines.ts';
import { changePercent, revisionGate, type GateCheck, type RevisionGateInput, type RevisionRule } from './changeRules.ts';

type FollowUp = ActionPayload<'follow_up_opened'>;

/** The weeks a sustained-change key covers: `sustained_change:<direction>:<first week>..<last week>`. */
function windowOf(key: string): { first: string; last: string } | null {
  const m = /^sustained_change:(?:increase|decrease):(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
  return m ? { first: m[1] as string, last: m[2] as string } : null;
}

/**
 * Whether a sustained-change follow-up can open on the case at all, from its state and decided hours
 * alone: the case is active, no such follow-up is open, and time is decided. The job runner asks
 * this before it reads the case's delivery (issue 18: most cases need no read).
 */
export function sustainedChangeMayOpen(state: Pick<CaseState, 'status' | 'followUps'>, decidedHoursPerWeek: number): boolean {
  return state.status === 'active' && !state.followUps.some((f) => f.kind === 'sustained_change') && decidedHoursPerWeek > 0;
}

/**
 * A sustained-change follow-up for the case, or null. `input.weeks` are the last full weeks; the
 * direction is the one the weeks point to. Nothing opens while a re-evaluation runs, while one such
 * follow-up is open, or for weeks an earlier one covered.
 */
export function sustainedChangeFollowUp(state: CaseState, rule: RevisionRule, input: Omit<RevisionGateInput, 'direction'>, today: string, answerDays: number): FollowUp | null {
  if (!sustainedChangeMayOpen(state, input.decidedHoursPerWeek)) return null;
  const weeks = input.weeks.slice(-rule.windowWeeks);
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return null;
  const mean = weeks.reduce((a, w) => a + w.performedHours, 0) / weeks.length;
  const direction = mean >= input.decidedHoursPerWeek ? 'increase' : 'decrease';
  const gate = revisionGate(rule, { ...input, weeks, direction });
  const covered = state.followUpKeys.map(windowOf).some((w) => w !== null && w.last >= first.weekStart);
  if (!gate.checks[0]?.met || covered) return null;
  return {
    kind: 'sustained_change',
    key: `sustained_change:${direction}:${first.weekStart}..${last.weekStart}`,
    dueOn: addDays(today, answerDays),
    summary: summaryOf(rule, input.decidedHoursPerWeek, weeks, direction, gate.checks.find((c) => c.id === 'iplos_change')),
    sustainedChange: {
      direction,
      thresholdPercent: rule.thresholdPercent,
      decidedHoursPerWeek: input.decidedHoursPerWeek,
      weeks: weeks.map((w) => ({ weekStart: w.weekStart, performedHours: w.performedHours, changePercent: roundOrNull(changePercent(input.decidedHoursPerWeek, w.performedHours)) })),
    },
  };
}

function summaryOf(rule: RevisionRule, decided: number, weeks: RevisionGateInput['weeks'], direction: 'increase' | 'decrease', iplos: GateCheck | undefined): string {
  const sign = direction === 'increase' ? '+' : '−';
  const seen = `Delivery has differed by ${sign}${rule.thresholdPercent} % or more from ${decided} decided hours a week in each of the ${weeks.length} weeks from ${weeks[0]?.weekStart}: ${weeks.map((w) => `${w.performedHours} h`).join(', ')}.`;
  if (!iplos) return seen;
  return `${seen} IPLOS: ${iplos.detail}${iplos.met ? '' : ' (a revised decision waits for a new IPLOS registration that shows the change)'}.`;
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

export interface HoursChange {
  /** The decision in force, and the one before it on the case. */
  readonly decisionSeq: number;
  readonly hoursBefore: number;
  readonly hoursAfter: number;
  /** The ADL sum of the latest registration on or before each decision (null: none). */
  readonly adlBefore: number | null;
  readonly adlAfter: number | null;
}

/** Whether the hours rose while the ADL sum did not (no registration, or the same or a lower sum): the over-service the report lists and the rule follows up. */
export function raisedWithoutScores(c: Pick<HoursChange, 'hoursBefore' | 'hoursAfter' | 'adlBefore' | 'adlAfter'>): boolean {
  if (c.hoursAfter <= c.hoursBefore) return false;
  return !(c.adlBefore !== null && c.adlAfter !== null && c.adlAfter > c.adlBefore);
}

/** A review of a decision that raised the hours while the ADL sum did not rise, or null. Opened once per decision. */
export function hoursWithoutScoreChangeFollowUp(state: CaseState, change: HoursChange, today: string, answerDays: number): FollowUp | null {
  const key = `hours_without_score_change:${change.decisionSeq}`;
  if (state.followUpKeys.includes(key) || state.decision?.seq !== change.decisionSeq) return null;
  if (!raisedWithoutScores(change)) return null;
  const scores = change.adlAfter === null ? 'no IPLOS registration' : change.adlBefore === null ? `ADL sum ${change.adlAfter}, none before to compare with` : `ADL sum ${change.adlBefore} then ${change.adlAfter}`;
  return {
    kind: 'hours_without_score_change',
    key,
    dueOn: addDays(today, answerDays),
    summary: `The decision raised the hours from ${change.hoursBefore} to ${change.hoursAfter} a week while the scores did not rise (${scores}). Review whether the need has changed.`,
    scores: change,
  };
}
