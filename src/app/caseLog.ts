/**
 * The one place where a case's history grows: an action is checked against the transition table,
 * applied by the pure reducer, appended to the log and projected, all in the caller's transaction.
 * The API's use cases and the demo loader both write through here.
 */
import { applyAction, checkTransition, openCase, type CaseAction, type CaseState } from '../domain/case/index.ts';
import { appendAction, insertCaseFile, updateCaseFile } from '../store/cases.ts';
import type { Tx } from '../store/tx.ts';
import { actionProblems } from '../domain/decision/checks.ts';
import { deadlineChanges } from '../domain/law/caseDeadlines.ts';
import { applyDeadlineChange } from '../store/deadlines.ts';
import { AppError } from './errors.ts';
import { projectOrderDeadline } from './orders.ts';

export async function startCaseLog(
  tx: Tx,
  caseId: string,
  caseNumber: string,
  action: CaseAction & { type: 'request_received' },
  requestId: string | null,
): Promise<CaseState> {
  const state = openCase(action);
  await insertCaseFile(tx, caseId, caseNumber, state);
  await appendAction(tx, caseId, action, requestId);
  await applyDeadlineChange(tx, caseId, deadlineChanges(action));
  return state;
}

/**
 * Appends `action` (whose seq must be state.version + 1) and returns the new state. Who may take
 * it was settled by authoriseAction; here the state must still allow it (the row is locked).
 */
export async function recordAction(
  tx: Tx,
  caseId: string,
  state: CaseState,
  action: CaseAction,
  requestId: string | null,
): Promise<CaseState> {
  const check = checkTransition(state, action.type, null);
  if (!check.ok) throw new AppError('transition-not-allowed', check.message);
  const problems = actionProblems(state, action);
  if (problems.length) {
    throw new AppError('validation', `The ${action.type.replace(/_/g, ' ')} does not satisfy the rules: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`, {
      fields: problems.map((p) => ({ field: `action.payload.${p.field}`, message: `${p.message} (${p.citation})` })),
    });
  }
  const next = applyAction(state, action);
  await appendAction(tx, caseId, action, requestId);
  await updateCaseFile(tx, caseId, next);
  await applyDeadlineChange(tx, caseId, deadlineChanges(action));
  await projectOrderDeadline(tx, caseId, state, next);
  return next;
}
