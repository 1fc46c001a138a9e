/**
 * A decision answers the request it was made on (forvaltningsloven § 25; pbrl § 2-1 a). When the
 * service decided is another than the one asked for (BPA asked, practical help decided), the request
 * itself is refused or partly granted, with its own reasons and the rule that governs it, and the
 * letter says what was asked for and what was decided.
 */
import type { ActionPayload } from '../case/actions.ts';
import type { DecisionOutcome } from '../case/vocabulary.ts';
import { REQUEST_RULES, type LegalRule } from '../law/rules.ts';

type Decision = Pick<ActionPayload<'decision_made'>, 'outcome' | 'serviceCode' | 'package' | 'requestAnswer'>;

/** Whether the decision decides the service that was asked for (as its service or in its package). */
export function decidesRequestedService(requested: string, d: Decision): boolean {
  return d.serviceCode === requested || (d.outcome !== 'refused' && (d.package ?? []).some((p) => p.serviceCode === requested));
}

/** The outcome of the request as made: the decision's own when it decides what was asked, else the recorded answer. */
export function requestOutcomeOf(requested: string, d: Decision): DecisionOutcome {
  if (decidesRequestedService(requested, d)) return d.outcome;
  return d.requestAnswer?.outcome ?? 'refused';
}

/** The legal rule a request for this service rests on, cited when it is not granted as made. */
export function requestRuleFor(serviceCode: string): LegalRule {
  if (serviceCode === 'bpa') return REQUEST_RULES.bpa;
  if (serviceCode === 'long_term_stay') return REQUEST_RULES.longTermStay;
  return REQUEST_RULES.necessaryServices;
}
