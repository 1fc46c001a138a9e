/**
 * When a provider's change report may lead to a revised decision (seed 002 L848–851, L935): some units
 * revise only after a sustained change of at least ±25 % of decided time, and only after the change
 * shows in a new IPLOS registration. Both checks are explained, so the allocation office sees why.
 */
export interface RevisionRule {
  readonly thresholdPercent: number;
  readonly windowWeeks: number;
  readonly requireIplosChange: boolean;
}

export interface RevisionGateInput {
  readonly direction: 'increase' | 'decrease';
  readonly decidedHoursPerWeek: number;
  /**
   * Each of the last full weeks, oldest first: performed hours, and how many visits were recorded at
   * all (performed or cancelled). A week with none recorded has no delivery data: it is not a change.
   */
  readonly weeks: readonly { readonly weekStart: string; readonly performedHours: number; readonly recordedVisits: number }[];
  /** The ADL sum of the assessment the decision rested on, and of the latest one registered after the decision. */
  readonly adlBefore: number | null;
  readonly adlAfter: number | null;
}

export interface GateCheck {
  readonly id: 'sustained_change' | 'iplos_change';
  readonly met: boolean;
  readonly detail: string;
  /** The check could not be made for want of data (weeks without delivery records): never a change. */
  readonly notEnoughData?: boolean;
}

export interface RevisionGate {
  readonly mayRevise: boolean;
  readonly checks: readonly GateCheck[];
  readonly citation: string;
}

export const REVISION_CITATION = 'the unit’s revision rule (seed 002 L848–851: «vedvarende endring tilsvarende +/- 25 % av utmålt vedtakstid»; change registered in IPLOS first)';

/** The change in per cent of decided time (positive: more performed than decided). */
export function changePercent(decided: number, performed: number): number | null {
  if (decided <= 0) return null;
  return ((performed - decided) / decided) * 100;
}

function sustained(rule: RevisionRule, input: RevisionGateInput): GateCheck {
  const window = input.weeks.slice(-rule.windowWeeks);
  const empty = window.filter((w) => w.recordedVisits === 0);
  if (window.length < rule.windowWeeks || empty.length > 0 || input.decidedHoursPerWeek <= 0) {
    const why =
      input.decidedHoursPerWeek <= 0
        ? 'the decision states no hours to compare with'
        : `no delivery recorded in ${empty.length || rule.windowWeeks - window.length} of the last ${rule.windowWeeks} weeks${empty.length ? ` (from ${empty.map((w) => w.weekStart).join(', ')})` : ''}`;
    return { id: 'sustained_change', met: false, notEnoughData: true, detail: `not enough data: ${why}` };
  }
  const sign = input.direction === 'increase' ? 1 : -1;
  const changes = window.map((w) => changePercent(input.decidedHoursPerWeek, w.performedHours));
  const enough = window.length === rule.windowWeeks && changes.every((c) => c !== null && sign * c >= rule.thresholdPercent);
  const shown = changes.map((c) => (c === null ? '–' : `${c >= 0 ? '+' : ''}${Math.round(c * 10) / 10} %`)).join(', ');
  return {
    id: 'sustained_change',
    met: enough,
    detail: `${input.direction === 'increase' ? '+' : '−'}${rule.thresholdPercent} % of ${input.decidedHoursPerWeek} decided hours a week needed in each of the last ${rule.windowWeeks} weeks; seen: ${shown || 'no weeks with delivery'}`,
  };
}

function iplos(input: RevisionGateInput): GateCheck {
  const { adlBefore, adlAfter } = input;
  if (adlAfter === null) return { id: 'iplos_change', met: false, detail: 'no IPLOS registration after the decision' };
  if (adlBefore === null) return { id: 'iplos_change', met: true, detail: `a new IPLOS registration (ADL sum ${adlAfter}); none before to compare with` };
  const shows = input.direction === 'increase' ? adlAfter > adlBefore : adlAfter < adlBefore;
  return { id: 'iplos_change', met: shows, detail: `ADL sum ${adlBefore} at the decision, ${adlAfter} in the latest registration` };
}

export function revisionGate(rule: RevisionRule, input: RevisionGateInput): RevisionGate {
  const checks = [sustained(rule, input), ...(rule.requireIplosChange ? [iplos(input)] : [])];
  return { mayRevise: checks.every((c) => c.met), checks, citation: REVISION_CITATION };
}

type Scores = Readonly<Record<string, number>> | null | undefined;

/** Whether a score counts as need: 1–5 (9, not relevant, and an unscored variable do not). */
const counts = (v: number | undefined): v is number => v !== undefined && v >= 1 && v <= 5;

/**
 * The ADL sums of two registrations made comparable: over the variables scored (1–5) in both, so a
 * variable left unscored or scored 9 in one counts in neither. A plain sum counts those as 0, so
 * fewer variables scored read as less need (two 9s took a sum from 17 to 15 with nothing changed).
 * With only one registration, its own sum and none to compare with; with no variable scored in
 * both, likewise.
 */
export function comparableAdlSums(before: Scores, after: Scores): { readonly adlBefore: number | null; readonly adlAfter: number | null } {
  if (!before || !after) return { adlBefore: before ? adlSum(before) : null, adlAfter: after ? adlSum(after) : null };
  const shared = Object.keys(after).filter((code) => counts(after[code]) && counts(before[code]));
  if (!shared.length) return { adlBefore: null, adlAfter: adlSum(after) };
  const sum = (scores: Readonly<Record<string, number>>) => shared.reduce((total, code) => total + (scores[code] as number), 0);
  return { adlBefore: sum(before), adlAfter: sum(after) };
}

/** The sum of IPLOS scores that count as need (1–5; 9 = not relevant is left out). */
export function adlSum(scores: Readonly<Record<string, number>> | null | undefined): number | null {
  if (!scores) return null;
  const values = Object.values(scores).filter((v) => v >= 1 && v <= 5);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}
