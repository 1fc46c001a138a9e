/**
 * A service ended with a later end date runs until that day (casePipeline; state.scheduledEndOn).
 * On the day, the job runner records the end through the one case pipeline, as the person who ended
 * it, so the same rules hold as for any other writer and the history says who and why.
 */
import { deriveCaseState, type ActionPayload } from '../domain/case/index.ts';
import { osloDate } from '../domain/law/deadlines.ts';
import type { Database } from '../store/database.ts';
import { caseHistory } from '../store/cases.ts';
import { findStaff, listMunicipalities } from '../store/org.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import type { Actor } from '../domain/organisation/authority.ts';
import { loadAuthorityContext } from './authority.ts';
import { appendToCase, writerAt } from './casePipeline.ts';
import { AppError } from './errors.ts';

async function dueEnds(tx: Tx, today: string): Promise<string[]> {
  const { rows } = await tx.query<{ case_id: string }>(
    `SELECT case_id FROM case_deadline WHERE municipality_id = current_municipality() AND kind = 'service_end'
        AND due_on <= $1 AND satisfied_at IS NULL ORDER BY due_on`,
    [today],
  );
  return rows.map((r) => r.case_id);
}

/** Records the end of one case whose scheduled end has come; returns whether it did. */
async function endOne(tx: Tx, caseId: string, at: Date): Promise<boolean> {
  const history = await caseHistory(tx, caseId);
  const scheduling = history.filter((a) => a.type === 'service_ended').at(-1);
  // Only the end still scheduled: a new decision, a closed or withdrawn case cancels it.
  if (!scheduling || deriveCaseState(history).scheduledEndOn !== (scheduling.payload as ActionPayload<'service_ended'>).endedOn) return false;
  const staff = await findStaff(tx, scheduling.actorStaffId);
  if (!staff) return false;
  const authority = await loadAuthorityContext(tx, { staffId: staff.id, roles: staff.roles as Actor['roles'], unitIds: staff.unit_ids });
  const payload = scheduling.payload as ActionPayload<'service_ended'>;
  await appendToCase(tx, writerAt(authority, null, at), {
    caseId,
    body: { type: 'service_ended', payload },
    reason: `The end recorded in entry ${scheduling.seq} for ${payload.endedOn} has come (recorded by the job runner).`,
  });
  return true;
}

/** Ends every service whose scheduled end has come, in every municipality; returns how many. A refused end stays due and is reported. */
export async function endScheduledServices(db: Database, at: Date, log?: (message: string) => void): Promise<number> {
  let ended = 0;
  const today = osloDate(at);
  for (const m of await listMunicipalities(db.app)) {
    const due = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => dueEnds(tx, today));
    for (const caseId of due) {
      try {
        if (await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => endOne(tx, caseId, at))) ended += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        log?.(`scheduled end of case ${caseId} in ${m.id} refused: ${error.message}`);
      }
    }
  }
  return ended;
}
