/**
 * The verdict on one action, as a pure function of the state before it, the action and the facts:
 * the transition table (state and guard; who may act is the policy's business) and every content
 * rule. The pipeline asks this for every writer, so the same action gets the same verdict whoever
 * sends it; the random walks in the tests ask it too.
 */
import { actionProblems, type RuleFacts } from '../decision/checks.ts';
import type { DecisionProblem } from '../decision/validate.ts';
import type { CaseAction } from './actions.ts';
import type { CaseState } from './state.ts';
import { checkTransition } from './transitions.ts';

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'transition'; readonly message: string }
  | { readonly ok: false; readonly kind: 'content'; readonly problems: readonly DecisionProblem[] };

export function judgeAction(state: CaseState, action: CaseAction, facts: RuleFacts): Verdict {
  const transition = checkTransition(state, action.type, null);
  if (!transition.ok) return { ok: false, kind: 'transition', message: transition.message };
  const problems = actionProblems(state, action, facts);
  return problems.length ? { ok: false, kind: 'content', problems } : { ok: true };
}
