/**
 * What must hold of every case after every action, whoever wrote it. The random walks in the tests
 * assert these after each step, and `tildel doctor` checks every stored case against them.
 */
import { FORM_REQUIREMENTS, formsFor } from '../decision/forms.ts';
import type { CaseState } from './state.ts';
import { grantInForce } from './transitions.ts';
import { openWorkItems } from './workItems.ts';
import { UNDER_SERVICE_STATUSES } from './vocabulary.ts';

export function caseInvariantProblems(state: CaseState): string[] {
  const problems: string[] = [];
  if (state.orders.some((o) => o.status === 'accepted' && o.kind !== 'end') && !grantInForce(state)) {
    problems.push('an order stands accepted without a granted decision in force');
  }
  problems.push(...workItemProblems(state));
  if (state.status === 'answered_low_threshold' && state.decision !== null) problems.push('a request answered by a low-threshold offer has a decision');
  problems.push(...decisionProblems(state));
  if (state.scheduledEndOn !== null && !UNDER_SERVICE_STATUSES.includes(state.status)) {
    problems.push(`a ${state.status} case still has a scheduled end`);
  }
  return problems;
}

/** Every open item has an owner, a key of its own, and opens before it is due. */
function workItemProblems(state: CaseState): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const item of openWorkItems(state)) {
    const owned = item.holder === 'office' ? state.ownerStaffId !== null || state.ownerUnitId !== null : item.providerUnitId !== null || state.orders.length > 0;
    if (!owned) problems.push(`the open ${item.kind} item has no owner`);
    if (keys.has(item.key)) problems.push(`two open items share the key ${item.key}`);
    keys.add(item.key);
    if (item.dueOn !== null && item.opensOn !== null && item.opensOn > item.dueOn) problems.push(`the ${item.kind} item opens after it is due`);
  }
  return problems;
}

type Decision = NonNullable<CaseState['decision']>;

/** What a granted decision in the state must hold, each with what is wrong when it does not. */
const DECISION_INVARIANTS: readonly [(d: Decision) => boolean, (d: Decision) => string][] = [
  [(d) => d.form !== null || !formsFor(null, d.serviceCode).length, (d) => `the granted decision on ${d.serviceCode} has no form`],
  [(d) => d.form === null || FORM_REQUIREMENTS[d.form].states !== 'hours' || d.hoursPerWeek !== null, () => 'a time-fixed decision without hours'],
  [(d) => d.form === null || FORM_REQUIREMENTS[d.form].states !== 'frame' || d.frame !== null, () => 'a frame decision without its frame'],
  [(d) => d.form !== 'place' || d.hoursPerWeek === null, () => 'a place with hours'],
  [(d) => d.validTo !== null || d.untilFurtherNotice, () => 'a granted decision with neither an end nor "until further notice"'],
];

/** A granted decision in the state holds what its form demands, and says how long it runs. */
function decisionProblems(state: CaseState): string[] {
  const d = state.decision;
  if (!d || d.outcome === 'refused') return [];
  return DECISION_INVARIANTS.filter(([holds]) => !holds(d)).map(([, problem]) => problem(d));
}
