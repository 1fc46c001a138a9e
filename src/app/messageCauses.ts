/**
 * Messages caused by case actions (issue 21): the one case pipeline calls `queueMessagesCausedBy` for
 * every action it appends, in the action's transaction, so every writer (a person, the job runner, an
 * import, the demo) queues the same messages and none is queued without its cause committing.
 *
 * Each cause looks at the action and the case and, where its service is configured for the
 * municipality, queues an outbox message (store/outbox.ts `queueMessage`, with a dedupe key so a cause
 * seen twice queues once). A cause does not call the remote service: the job runner sends after commit.
 */
import type { ActionType, CaseAction, CaseState } from '../domain/case/index.ts';
import type { Tx } from '../store/tx.ts';
import { archiveCause } from '../integrations/fiksArkiv/cause.ts';
import { svarutCause } from '../integrations/svarut/cause.ts';
import { orientationCause } from '../integrations/nhn/orientation.ts';

/** What a cause sees: the action just appended and the case after it. */
export interface Caused {
  readonly caseId: string;
  readonly action: CaseAction;
  readonly state: CaseState;
}

/**
 * One integration's cause: the action types it looks at (a pure filter, so the other actions cost
 * nothing) and what it queues for one of them (it checks its service is configured, then queueMessage).
 */
export interface MessageCause {
  readonly on: readonly ActionType[];
  queue(tx: Tx, caused: Caused): Promise<void>;
}

/**
 * The causes, one per integration. Digital post of issued letters (integrations/svarut), the archive
 * of incoming requests and letters (integrations/fiksArkiv), and the orientation to the GP after a
 * decision (integrations/nhn) add theirs here.
 */
const CAUSES: MessageCause[] = [archiveCause, svarutCause, orientationCause];

export async function queueMessagesCausedBy(tx: Tx, caused: Caused): Promise<void> {
  for (const cause of CAUSES) if (cause.on.includes(caused.action.type)) await cause.queue(tx, caused);
}
