/**
 * Rebuilding and checking every projection from the case logs, for every municipality:
 * `tildel reproject` (and at start when the projection code is newer than what wrote the rows) and
 * `tildel doctor`.
 */
import type { Database } from '../store/database.ts';
import { listMunicipalities } from '../store/org.ts';
import { inTenant, type Tx } from '../store/tx.ts';
import { checkCase, PROJECTION_VERSION, reprojectCase } from './projection.ts';
import { serverPools } from '../store/routing.ts';
import { rebuildVisitMonths, visitMonthDifferences } from '../store/visitMonth.ts';
import { caseMilestoneDifferences, rebuildCaseMilestones } from '../store/caseMilestone.ts';

export interface ReprojectSummary {
  readonly municipalities: number;
  readonly cases: number;
  readonly caseRowsChanged: number;
  readonly workItemsChanged: number;
  readonly deadlinesChanged: number;
  readonly waitingListsChanged: number;
  /** Municipalities whose month's delivery kept from the visits (visit_month) differed and was rebuilt. */
  readonly visitMonthsRebuilt: number;
  /** Municipalities whose first assessment, decision and start per case kept from the actions (case_milestone) differed and were rebuilt. */
  readonly caseMilestonesRebuilt: number;
}

async function caseIds(tx: Tx): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM case_file WHERE municipality_id = current_municipality() ORDER BY case_number');
  return rows.map((r) => r.id);
}

/** Rebuilds the case rows and deadlines of every case from its log, one transaction per municipality. */
export async function reprojectAll(db: Database): Promise<ReprojectSummary> {
  let cases = 0;
  let caseRowsChanged = 0;
  let workItemsChanged = 0;
  let deadlinesChanged = 0;
  let waitingListsChanged = 0;
  let visitMonthsRebuilt = 0;
  let caseMilestonesRebuilt = 0;
  const municipalities = await listMunicipalities(db.app);
  for (const m of municipalities) {
    await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
      for (const id of await caseIds(tx)) {
        const r = await reprojectCase(tx, id);
        cases += 1;
        if (r.caseRowChanged) caseRowsChanged += 1;
        if (r.workItemsChanged) workItemsChanged += 1;
        if (r.deadlinesChanged) deadlinesChanged += 1;
        if (r.waitingListChanged) waitingListsChanged += 1;
      }
      if ((await visitMonthDifferences(tx)) > 0) {
        await rebuildVisitMonths(tx);
        visitMonthsRebuilt += 1;
      }
      if ((await caseMilestoneDifferences(tx)) > 0) {
        await rebuildCaseMilestones(tx);
        caseMilestonesRebuilt += 1;
      }
    });
  }
  // Every server the municipalities are routed to (routing.ts) now holds rows of this projection code.
  for (const owner of serverPools(db.owner)) {
    await owner.query(
      `INSERT INTO projection_version (only_row, version, reprojected_at) VALUES (true, $1, now())
       ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, reprojected_at = excluded.reprojected_at`,
      [PROJECTION_VERSION],
    );
  }
  return { municipalities: municipalities.length, cases, caseRowsChanged, workItemsChanged, deadlinesChanged, waitingListsChanged, visitMonthsRebuilt, caseMilestonesRebuilt };
}

/** Reprojects when the rows were written by older projection code (or never recorded); returns what it did, or null. */
export async function reprojectIfOutdated(db: Database): Promise<ReprojectSummary | null> {
  const versions = await Promise.all(serverPools(db.owner).map(async (owner) => (await owner.query<{ version: number }>('SELECT version FROM projection_version')).rows[0]?.version));
  if (versions.every((v) => v === PROJECTION_VERSION)) return null;
  return reprojectAll(db);
}

export interface ProjectionProblem {
  readonly municipalityId: string;
  /** The case, or null for a problem of the municipality's derived tables. */
  readonly caseId: string | null;
  readonly problem: string;
}

/** Checks every case row against its log without writing (safe while the server runs). */
export async function checkAllProjections(db: Database): Promise<{ cases: number; problems: ProjectionProblem[] }> {
  let cases = 0;
  const problems: ProjectionProblem[] = [];
  for (const m of await listMunicipalities(db.app)) {
    await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      for (const id of await caseIds(tx)) {
        cases += 1;
        for (const problem of await checkCase(tx, id)) problems.push({ municipalityId: m.id, caseId: id, problem });
      }
      const differing = await visitMonthDifferences(tx);
      if (differing > 0) problems.push({ municipalityId: m.id, caseId: null, problem: `${differing} rows of the month's delivery kept from the visits (visit_month) differ from the visits` });
      const milestones = await caseMilestoneDifferences(tx);
      if (milestones > 0) problems.push({ municipalityId: m.id, caseId: null, problem: `${milestones} rows of the cases' first assessment, decision and start kept from the actions (case_milestone) differ from the actions` });
    });
  }
  return { cases, problems };
}
