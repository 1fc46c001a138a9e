/**
 * The month's delivery kept from the visits (migration 0033): how far the kept tables are from what
 * the visits give now, and their rebuild, for `tildel reproject` and `tildel doctor`.
 * Both act on the municipality of the transaction (row-level security).
 */
import type { Tx } from './tx.ts';

/**
 * Rows of visit_month and visit_month_employee that differ from the visits (either side's extra rows);
 * a row a correction brought to nothing is no difference.
 */
export async function visitMonthDifferences(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    // Each view is computed once (materialized) and compared both ways.
    `WITH fresh AS MATERIALIZED (SELECT * FROM visit_month_from_visits),
          fresh_employee AS MATERIALIZED (SELECT * FROM visit_month_employee_from_visits)
     SELECT ((SELECT count(*) FROM (SELECT * FROM visit_month WHERE performed_visits <> 0 OR performed_minutes <> 0 OR night_minutes <> 0
                                      EXCEPT ALL TABLE fresh) a)
           + (SELECT count(*) FROM (TABLE fresh EXCEPT ALL TABLE visit_month) b)
           + (SELECT count(*) FROM (SELECT * FROM visit_month_employee WHERE performed_visits <> 0 EXCEPT ALL TABLE fresh_employee) c)
           + (SELECT count(*) FROM (TABLE fresh_employee EXCEPT ALL TABLE visit_month_employee) d))::int AS n`,
  );
  return rows[0]?.n ?? 0;
}

/** Rebuilds the municipality's rows of both tables from its visits. */
export async function rebuildVisitMonths(tx: Tx): Promise<void> {
  await tx.query('SELECT visit_month_rebuild()');
}
