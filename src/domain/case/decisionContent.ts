/**
 * The content of a case's current decision: what it states in full (the service, form, hours, frame,
 * package, period, summary and considerations). A decision is stated by `decision_made`, or by a
 * reversal on complaint that states the new decision in full, which the law requires when it grants
 * what was refused (forvaltningsloven § 33 second paragraph for the own review,
 * `complaint_reversed_on_review`; § 34 for Statsforvalteren's reversal, `complaint_resolved`). A
 * reversal without one changes the outcome only, and the content stays that of the decision before it
 * (state.ts, withNewOutcome). Letters, reasons and payments read the content from here, and the SQL
 * that reads it for many cases (store/cases.ts, currentDecisionActions) follows the same rule.
 */
import type { ActionPayload, CaseAction } from './actions.ts';

export type DecisionContent = ActionPayload<'decision_made'>;

/** The reversals on complaint that may state a new decision (`newDecision`). */
export const STATING_REVERSALS = ['complaint_reversed_on_review', 'complaint_resolved'] as const satisfies readonly CaseAction['type'][];

/**
 * The decision an action states in full, or null: an action that states none, a reversal without one,
 * or a `newDecision` on a complaint Statsforvalteren upheld or sent back, which changes no decision
 * (state.ts applies it only to a reversal).
 */
export function statedDecision(action: Pick<CaseAction, 'type' | 'payload'>): DecisionContent | null {
  if (action.type === 'decision_made') return action.payload as DecisionContent;
  if (!(STATING_REVERSALS as readonly string[]).includes(action.type)) return null;
  const p = action.payload as { result?: string; newDecision?: DecisionContent };
  if (action.type === 'complaint_resolved' && p.result !== 'reversed') return null;
  return p.newDecision ?? null;
}

/**
 * The content of the decision in force at `decisionSeq` (the state's `decision.seq`): the decision the
 * latest action up to it stated; null when none did.
 */
export function currentDecisionContent(history: readonly Pick<CaseAction, 'type' | 'payload' | 'seq'>[], decisionSeq: number): DecisionContent | null {
  let found: { seq: number; content: DecisionContent } | null = null;
  for (const a of history) {
    if (a.seq > decisionSeq || (found && a.seq < found.seq)) continue;
    const content = statedDecision(a);
    if (content) found = { seq: a.seq, content };
  }
  return found?.content ?? null;
}
