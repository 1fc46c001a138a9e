/**
 * The projections are disposable: the case row, its open work items, the case's deadlines and
 * its waiting-list entries are rebuilt from the log by `tildel reproject`, and checked against it by `tildel doctor` and by
 * every write (casePipeline.ts).
 */
import { applyAction, deriveCaseState, openCase, type CaseAction, type CaseState } from '../domain/case/index.ts';
import { deadlineChanges } from '../domain/law/caseDeadlines.ts';
import { caseHistory, lockCase, projectedColumnsDiffer, updateCaseFile } from '../store/cases.ts';
import { applyDeadlineChange, caseDeadlines, clearLoggedDeadlines, restoreRaised } from '../store/deadlines.ts';
import type { Tx } from '../store/tx.ts';
import { replaceWorkItems, workItemsDiffer } from '../store/workItems.ts';
import { openWorkItems } from '../domain/case/workItems.ts';
import { projectOrderDeadline } from './orders.ts';
import { projectWaitingList } from './waitingLists.ts';

/** The version of the projection code; raise it when the state's shape or a projection changes. */
export const PROJECTION_VERSION = 8;

/** A JSON value with its object keys sorted and undefined members left out, as jsonb stores it. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Where a stored state differs from the one derived from the log (the first differing field), or null. */
export function projectionDrift(stored: CaseState, derived: CaseState): string | null {
  if (canonical(stored) === canonical(derived)) return null;
  const keys = new Set([...Object.keys(stored), ...Object.keys(derived)]);
  const field = [...keys].sort().find((k) => canonical((stored as unknown as Record<string, unknown>)[k]) !== canonical((derived as unknown as Record<string, unknown>)[k]));
  return `field ${field ?? '?'} at version ${derived.version}`;
}

/** What `reproject` did to one case. */
export interface Reprojection {
  readonly caseId: string;
  readonly caseRowChanged: boolean;
  readonly workItemsChanged: boolean;
  readonly deadlinesChanged: boolean;
  readonly waitingListChanged: boolean;
}

/** Rebuilds one case's projections from its log, in the caller's transaction. */
export async function reprojectCase(tx: Tx, caseId: string): Promise<Reprojection> {
  const stored = await lockCase(tx, caseId);
  const history = await caseHistory(tx, caseId);
  const state = deriveCaseState(history);
  const caseRowChanged = stored === null || projectionDrift(stored, state) !== null || (await projectedColumnsDiffer(tx, caseId, state));
  if (caseRowChanged) await updateCaseFile(tx, caseId, state);
  const items = openWorkItems(state);
  const workItemsChanged = await workItemsDiffer(tx, caseId, items);
  if (workItemsChanged) await replaceWorkItems(tx, caseId, items);
  const before = (await caseDeadlines(tx, caseId)).filter((d) => d.kind !== 'goal_follow_up');
  await clearLoggedDeadlines(tx, caseId);
  await replayDeadlines(tx, caseId, history);
  for (const d of before) if (d.raised_at) await restoreRaised(tx, caseId, d.kind, d.due_on, d.raised_at);
  const after = (await caseDeadlines(tx, caseId)).filter((d) => d.kind !== 'goal_follow_up');
  const waitingListChanged = await projectWaitingList(tx, caseId, state.personId, history);
  return { caseId, caseRowChanged, workItemsChanged, deadlinesChanged: canonical(before) !== canonical(after), waitingListChanged };
}

/** Checks one case's projections against its log without writing; returns what differs. */
export async function checkCase(tx: Tx, caseId: string): Promise<string[]> {
  const { rows } = await tx.query<{ state: CaseState }>('SELECT state FROM case_file WHERE municipality_id = current_municipality() AND id = $1', [caseId]);
  const stored = rows[0]?.state;
  const history = await caseHistory(tx, caseId);
  const state = deriveCaseState(history);
  const problems: string[] = [];
  const drift = stored ? projectionDrift(stored, state) : 'no case row';
  if (drift) problems.push(`case row: ${drift}`);
  if (await projectedColumnsDiffer(tx, caseId, state)) problems.push('case row: a projected column differs from the state');
  if (await workItemsDiffer(tx, caseId, openWorkItems(state))) problems.push('work items: the stored items differ from those the history gives');
  return problems;
}

async function replayDeadlines(tx: Tx, caseId: string, history: readonly CaseAction[]): Promise<void> {
  const [first, ...rest] = history;
  if (!first || first.type !== 'request_received') return;
  let state = openCase(first);
  await applyDeadlineChange(tx, caseId, deadlineChanges(first), first.occurredAt);
  for (const action of rest) {
    const next = applyAction(state, action);
    await applyDeadlineChange(tx, caseId, deadlineChanges(action), action.occurredAt);
    await projectOrderDeadline(tx, caseId, state, next, action.occurredAt);
    state = next;
  }
}
