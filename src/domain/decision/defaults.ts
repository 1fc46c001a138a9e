/**
 * Defaults a decision takes from the criteria set it rests on (seed 004 G-06: each decision has an
 * evaluation date and a length, configured per service): a granted decision with neither an end date
 * nor "until further notice" ends after the set's default duration, and one without a re-evaluation
 * date is re-evaluated after the set's interval (and before it ends).
 */
import type { ActionPayload } from '../case/actions.ts';
import { addDays, addMonths } from '../law/deadlines.ts';

type Decision = ActionPayload<'decision_made'>;

export interface DurationRules {
  readonly defaultDurationMonths: number;
  readonly evaluationIntervalMonths: number;
}

export function decisionDefaults(d: Decision, rules: DurationRules): Decision {
  if (d.outcome === 'refused') return d;
  const validTo = d.validTo ?? (d.untilFurtherNotice ? undefined : addDays(addMonths(d.validFrom, rules.defaultDurationMonths), -1));
  const interval = addMonths(d.validFrom, rules.evaluationIntervalMonths);
  const reevaluateBy = d.reevaluateBy ?? (validTo && validTo < interval ? validTo : interval);
  return { ...d, ...(validTo ? { validTo } : {}), reevaluateBy };
}
