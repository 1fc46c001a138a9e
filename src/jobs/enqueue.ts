/**
 * Work handed to the job runner by a request, after its transaction commits: delivery data that has
 * arrived is evaluated by the follow-up rules (app/followUpRules.ts) for the cases it touched. The job
 * lives in PostgreSQL (graphile-worker), so it survives a restart; the hourly run covers anything a
 * failed enqueue missed.
 */
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import type { Database } from '../store/database.ts';

export const FOLLOW_UP_RULES = 'follow_up_rules';
export const BUDGET_CHECKS = 'budget_checks';
export const DELIVER_OUTBOX = 'deliver_outbox';
export const RECEIVE_INCOMING = 'receive_incoming';

/** What a follow-up job covers: every case of every municipality, or the given cases of one. */
export interface FollowUpJob {
  readonly municipalityId?: string;
  readonly caseIds?: readonly string[];
}

const utils = new WeakMap<object, Promise<WorkerUtils>>();

function utilsFor(db: Database): Promise<WorkerUtils> {
  let u = utils.get(db.owner);
  if (!u) {
    u = makeWorkerUtils({ pgPool: db.owner }).then(async (w) => {
      await w.migrate();
      return w;
    });
    utils.set(db.owner, u);
  }
  return u;
}

/** Asks the job runner to evaluate the follow-up rules on these cases (debounced a few seconds, so a burst of visits is one run). */
export async function enqueueFollowUps(db: Database, municipalityId: string, caseIds: readonly string[], log?: (message: string) => void): Promise<void> {
  if (caseIds.length === 0) return;
  try {
    const w = await utilsFor(db);
    const job: FollowUpJob = { municipalityId, caseIds: [...new Set(caseIds)] };
    await w.addJob(FOLLOW_UP_RULES, job, { runAt: new Date(Date.now() + 3000) });
  } catch (error) {
    // The delivery is stored; the hourly run of the rules will see it.
    log?.(`could not hand delivery for ${caseIds.length} case(s) to the job runner: ${(error as Error).message}`);
  }
}

/**
 * Asks the job runner to check the budget of decisions just committed (app/budgetCheck.ts). The
 * checks themselves are rows written with the decisions, so a failed enqueue loses nothing: the
 * runner's every-minute pass takes them.
 */
export async function enqueueBudgetChecks(db: Database, municipalityId: string, log?: (message: string) => void): Promise<void> {
  try {
    const w = await utilsFor(db);
    await w.addJob(BUDGET_CHECKS, { municipalityId }, { jobKey: `budget-checks-${municipalityId}` });
  } catch (error) {
    log?.(`could not hand budget checks to the job runner: ${(error as Error).message}`);
  }
}

/**
 * Asks the job runner to send the municipality's outbox now rather than at the next minute (after a
 * letter is issued or a case registered). The messages are rows written with their causes, so a
 * failed hand-over loses nothing: the every-minute run sends them.
 */
export async function enqueueOutbox(db: Database, municipalityId: string, log?: (message: string) => void): Promise<void> {
  try {
    const w = await utilsFor(db);
    await w.addJob(DELIVER_OUTBOX, { municipalityId }, { jobKey: `outbox-${municipalityId}`, runAt: new Date(Date.now() + 1000) });
  } catch (error) {
    log?.(`could not hand the outbox to the job runner: ${(error as Error).message}`);
  }
}
