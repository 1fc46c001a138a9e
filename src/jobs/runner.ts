/**
 * The job runner, backed by PostgreSQL through graphile-worker: a task that raises every case
 * deadline that has fallen due and records the end of services whose end date has come, run at start (so a deadline that fell due while the server was down
 * is raised at once) and every minute after, with the unit merges whose day has come; the follow-up rules (app/followUpRules.ts), at start and every hour;
 * and the budget checks of committed decisions (app/budgetCheck.ts), when a request hands them over and every minute. The deadlines themselves live in case_deadline,
 * written with the actions, so nothing is lost across restarts; raising is idempotent. The outbox of the
 * national integrations (app/outbox.ts) is sent every minute and when a request hands it over, and the
 * incoming services (Norsk Helsenett, the population register) are asked for what has arrived every minute.
 * The access log's coming months' partitions are made at start and every night, on every server (store/audit.ts).
 */
import { Logger, run, type Runner, type Task } from 'graphile-worker';
import { norwegianDate, systemClock, type Clock } from '../app/clock.ts';
import { endScheduledServices } from '../app/scheduledEnds.ts';
import { applyDueMerges } from '../app/merges.ts';
import { runFollowUpRules, runFollowUpRulesIn } from '../app/followUpRules.ts';
import { runBudgetChecks } from '../app/budgetCheck.ts';
import { deliverOutbox, receiveIncoming } from '../app/outbox.ts';
import type { Database } from '../store/database.ts';
import { AUDIT_MONTHS_AHEAD, keepAuditMonths } from '../store/audit.ts';
import { raiseDueDeadlines } from '../store/deadlines.ts';
import { listMunicipalities } from '../store/org.ts';
import { serverPools } from '../store/routing.ts';
import { inTenant } from '../store/tx.ts';
import { traced } from '../store/tracing.ts';

export const RAISE_DUE_DEADLINES = 'raise_due_deadlines';
export const AUDIT_MONTHS = 'audit_months';
import { BUDGET_CHECKS, DELIVER_OUTBOX, FOLLOW_UP_RULES, RECEIVE_INCOMING, type FollowUpJob } from './enqueue.ts';
export { BUDGET_CHECKS, DELIVER_OUTBOX, FOLLOW_UP_RULES, RECEIVE_INCOMING };

/** Raises due deadlines in every municipality; returns how many were raised. */
export async function raiseDueDeadlinesEverywhere(db: Database, today: string = norwegianDate()): Promise<number> {
  let raised = 0;
  for (const m of await listMunicipalities(db.app)) {
    raised += await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => raiseDueDeadlines(tx, today));
  }
  return raised;
}

/** Makes the access log's partitions for this month and the next AUDIT_MONTHS_AHEAD on every server; returns the fewest any server has of them. */
export async function keepAuditMonthsEverywhere(db: Database, today: string = norwegianDate()): Promise<number> {
  const kept = await Promise.all(serverPools(db.owner).map((pool) => keepAuditMonths(pool, today)));
  return Math.min(...kept);
}

/** Each task in a span `job <task>` while tracing is on (store/tracing.ts), its database transactions as children. */
function tracedTasks(tasks: Record<string, Task>): Record<string, Task> {
  return Object.fromEntries(Object.entries(tasks).map(([name, task]) => [name, ((payload, helpers) => traced(`job ${name}`, { 'tildel.job.task': name }, () => Promise.resolve(task(payload, helpers)))) satisfies Task]));
}

export interface JobRunner {
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  readonly pollIntervalMs?: number;
  readonly log?: (message: string) => void;
  /** What the rules did in a run (deadlines raised, follow-ups opened …), as information; by default to `log`. */
  readonly info?: (message: string) => void;
  /** The clock the rules run on (a fixed one in tests and demo installations). */
  readonly clock?: Clock;
}

export async function startJobRunner(db: Database, options: JobRunnerOptions = {}): Promise<JobRunner> {
  // Refusals and failures are warnings; what a run did is information.
  const info = options.info ?? options.log;
  const raise: Task = async () => {
    const at = (options.clock ?? systemClock).now();
    const raised = await raiseDueDeadlinesEverywhere(db, norwegianDate(at));
    if (raised > 0) info?.(`raised ${raised} deadlines that have fallen due`);
    const ended = await endScheduledServices(db, at, options.log);
    if (ended > 0) info?.(`ended ${ended} services whose end date has come`);
    const merged = await applyDueMerges(db, at, options.log);
    if (merged > 0) info?.(`applied ${merged} unit merges whose day has come`);
  };
  // The follow-up rules read delivery data: for every case at start and every hour, and for the cases
  // whose delivery just arrived when a request hands them over (jobs/enqueue.ts).
  const followUps: Task = async (payload) => {
    const at = (options.clock ?? systemClock).now();
    const job = (payload ?? {}) as FollowUpJob;
    const opened = job.municipalityId ? await runFollowUpRulesIn(db, job.municipalityId, at, options.log, job.caseIds) : await runFollowUpRules(db, at, options.log);
    if (opened > 0) info?.(`opened ${opened} follow-ups from delivery data and decisions`);
  };
  // Budget checks of decisions after they were committed: when a request hands them over, and every
  // minute for any a failed hand-over or another writer (the demo, imports) left waiting.
  const budgetChecks: Task = async (payload) => {
    const job = (payload ?? {}) as { municipalityId?: string };
    const escalated = await runBudgetChecks(db, norwegianDate((options.clock ?? systemClock).now()), options.log, job.municipalityId);
    if (escalated > 0) info?.(`escalated ${escalated} decisions beyond their budget frame`);
  };
  // The national integrations (issue 21): the outbox sends what causes queued, every minute and when a
  // request hands it over; the incoming services are asked for what has arrived every minute.
  const clockNow = () => (options.clock ?? systemClock).now();
  const outbox: Task = async (payload) => {
    const job = (payload ?? {}) as { municipalityId?: string };
    const run = await deliverOutbox(db, { now: clockNow, ...(options.log ? { log: options.log } : {}), ...(job.municipalityId ? { municipalityId: job.municipalityId } : {}) });
    if (run.attempted + run.receipts > 0) info?.(`outbox: ${run.sent} sent, ${run.failed} failed, ${run.receipts} receipts`);
  };
  const incoming: Task = async () => {
    const handled = await receiveIncoming(db, { now: clockNow, ...(options.log ? { log: options.log } : {}) });
    if (handled > 0) info?.(`received ${handled} messages from national services`);
  };
  // The access log's partitions, by the real date (the database stamps each row with its own clock, not
  // the rules' clock); a month whose rows already went to the default partition is told of (they are kept there).
  const auditMonths: Task = async () => {
    const kept = await keepAuditMonthsEverywhere(db, norwegianDate());
    if (kept < AUDIT_MONTHS_AHEAD + 1) options.log?.(`the access log has partitions for ${kept} of this month and the next ${AUDIT_MONTHS_AHEAD}; the others keep their rows in audit_event_default`);
  };
  const runner: Runner = await run({
    pgPool: db.owner,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2000,
    taskList: tracedTasks({ [RAISE_DUE_DEADLINES]: raise, [FOLLOW_UP_RULES]: followUps, [BUDGET_CHECKS]: budgetChecks, [DELIVER_OUTBOX]: outbox, [RECEIVE_INCOMING]: incoming, [AUDIT_MONTHS]: auditMonths }),
    crontab: `* * * * * ${RAISE_DUE_DEADLINES}\n17 * * * * ${FOLLOW_UP_RULES}\n* * * * * ${BUDGET_CHECKS}\n* * * * * ${DELIVER_OUTBOX}\n* * * * * ${RECEIVE_INCOMING}\n7 2 * * * ${AUDIT_MONTHS}`,
    // Only the runner's warnings and errors reach the log; its chatter about polling does not.
    logger: new Logger(() => (level, message) => {
      if (level === 'error' || level === 'warning') options.log?.(`job runner ${level}: ${message}`);
    }),
  });
  await runner.addJob(RAISE_DUE_DEADLINES, {}, { jobKey: 'raise-at-start' });
  await runner.addJob(FOLLOW_UP_RULES, {}, { jobKey: 'follow-ups-at-start' });
  await runner.addJob(BUDGET_CHECKS, {}, { jobKey: 'budget-checks-at-start' });
  await runner.addJob(DELIVER_OUTBOX, {}, { jobKey: 'outbox-at-start' });
  await runner.addJob(AUDIT_MONTHS, {}, { jobKey: 'audit-months-at-start' });
  return { stop: () => runner.stop() };
}
