/**
 * The first assessment, first decision and start of each case, kept from the actions (migration
 * 0036): how far the kept table is from what the actions give now, and its rebuild, for
 * `tildel reproject` and `tildel doctor`. Both act on the municipality of the transaction (row-level
 * security).
 */
import type { Tx } from './tx.ts';

/** Rows of case_milestone that differ from the actions (either side's extra rows). */
export async function caseMilestoneDifferences(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `WITH fresh AS MATERIALIZED (SELECT * FROM case_milestone_from_actions)
     SELECT ((SELECT count(*) FROM (TABLE case_milestone EXCEPT ALL TABLE fresh) a)
           + (SELECT count(*) FROM (TABLE fresh EXCEPT ALL TABLE case_milestone) b))::int AS n`,
  );
  return rows[0]?.n ?? 0;
}

/** Rebuilds the municipality's rows from its actions. */
export async function rebuildCaseMilestones(tx: Tx): Promise<void> {
  await tx.query('SELECT case_milestone_rebuild()');
}
