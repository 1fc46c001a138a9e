/**
 * Budgets over the year in PostgreSQL: yearly frames and shared pools as versioned rows (the version
 * in force on a day is the latest effective on or before it), the budget checks waiting for the job
 * runner, and the month-by-month value of a unit's granted cases computed in SQL.
 */
import type { CarryOverRule, Phasing, PoolSplit } from '../domain/finance/budget.ts';
import { isoInstant } from './sqlTime.ts';
import type { Tx } from './tx.ts';

export interface YearFrameRow {
  id: string;
  unitId: string;
  serviceCode: string | null;
  year: number;
  amount: number;
  phasing: Phasing;
  carryOver: CarryOverRule;
  effectiveOn: string;
  recordedBy: string;
  recordedAt: string;
}

export interface PoolRow {
  id: string;
  poolId: string;
  name: string;
  serviceCode: string | null;
  year: number;
  amount: number;
  phasing: Phasing;
  split: PoolSplit;
  effectiveOn: string;
  recordedBy: string;
  recordedAt: string;
}

const FRAME_COLUMNS = `id, unit_id AS "unitId", service_code AS "serviceCode", year, amount::float8 AS amount, phasing, carry_over AS "carryOver",
  to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", recorded_by AS "recordedBy", ${isoInstant('recorded_at')} AS "recordedAt"`;
const POOL_COLUMNS = `id, pool_id AS "poolId", name, service_code AS "serviceCode", year, amount::float8 AS amount, phasing, split,
  to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", recorded_by AS "recordedBy", ${isoInstant('recorded_at')} AS "recordedAt"`;

export async function insertYearFrame(tx: Tx, f: Omit<YearFrameRow, 'id' | 'recordedAt'>, changeId: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO budget_year_frame (municipality_id, unit_id, service_code, year, amount, phasing, carry_over, effective_on, change_id, recorded_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [f.unitId, f.serviceCode, f.year, f.amount, JSON.stringify(f.phasing), JSON.stringify(f.carryOver), f.effectiveOn, changeId, f.recordedBy],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertPool(tx: Tx, p: Omit<PoolRow, 'id' | 'recordedAt'>, changeId: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO budget_pool (municipality_id, pool_id, name, service_code, year, amount, phasing, split, effective_on, change_id, recorded_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [p.poolId, p.name, p.serviceCode, p.year, p.amount, JSON.stringify(p.phasing), JSON.stringify(p.split), p.effectiveOn, changeId, p.recordedBy],
  );
  return (rows[0] as { id: string }).id;
}

/** The frames of a year in force on a day: per unit and service, the latest version effective on or before it. */
export async function yearFramesInForce(tx: Tx, year: number, onDate: string): Promise<YearFrameRow[]> {
  const { rows } = await tx.query<YearFrameRow>(
    `SELECT DISTINCT ON (unit_id, service_code) ${FRAME_COLUMNS} FROM budget_year_frame
      WHERE municipality_id = current_municipality() AND year = $1 AND effective_on <= $2
      ORDER BY unit_id, service_code, effective_on DESC, recorded_at DESC`,
    [year, onDate],
  );
  return rows;
}

/** The pools of a year in force on a day (the latest version of each). */
export async function poolsInForce(tx: Tx, year: number, onDate: string): Promise<PoolRow[]> {
  const { rows } = await tx.query<PoolRow>(
    `SELECT * FROM (SELECT DISTINCT ON (pool_id) ${POOL_COLUMNS} FROM budget_pool
      WHERE municipality_id = current_municipality() AND year = $1 AND effective_on <= $2
      ORDER BY pool_id, effective_on DESC, recorded_at DESC) p ORDER BY name`,
    [year, onDate],
  );
  return rows;
}

/** Every version of the year's frames and pools, newest first (the history the admin sees). */
export async function budgetHistory(tx: Tx, year: number): Promise<{ frames: YearFrameRow[]; pools: PoolRow[] }> {
  const frames = await tx.query<YearFrameRow>(
    `SELECT ${FRAME_COLUMNS} FROM budget_year_frame WHERE municipality_id = current_municipality() AND year = $1 ORDER BY recorded_at DESC LIMIT 500`,
    [year],
  );
  const pools = await tx.query<PoolRow>(`SELECT ${POOL_COLUMNS} FROM budget_pool WHERE municipality_id = current_municipality() AND year = $1 ORDER BY recorded_at DESC LIMIT 500`, [year]);
  return { frames: frames.rows, pools: pools.rows };
}

export async function poolExists(tx: Tx, poolId: string): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM budget_pool WHERE municipality_id = current_municipality() AND pool_id = $1 LIMIT 1', [poolId]);
  return (rowCount ?? 0) > 0;
}

/** The monthly overrides (POST /budget-frames) of a unit for the months of a year: month number (1–12) → amount. */
export async function monthOverrides(tx: Tx, unitId: string, year: number): Promise<Map<number, number>> {
  const { rows } = await tx.query<{ month: number; amount: number }>(
    `SELECT DISTINCT ON (month) extract(month FROM month)::int AS month, amount::float8 AS amount FROM month_figure
      WHERE municipality_id = current_municipality() AND kind = 'budget_frame' AND unit_id = $1 AND extract(year FROM month) = $2
      ORDER BY month, recorded_at DESC, id`,
    [unitId, year],
  );
  return new Map(rows.map((r) => [r.month, r.amount]));
}

/** A decision to be checked against its budget after commit (one row in the decision's transaction). */
export async function requestBudgetCheck(tx: Tx, caseId: string, onDate: string): Promise<void> {
  await tx.query('INSERT INTO budget_check (municipality_id, case_id, on_date) VALUES (current_municipality(), $1, $2)', [caseId, onDate]);
}

/** The checks waiting, oldest first, locked so that two runners never take the same one. */
export async function pendingBudgetChecks(tx: Tx, limit: number): Promise<{ id: string; caseId: string; onDate: string }[]> {
  const { rows } = await tx.query<{ id: string; caseId: string; onDate: string }>(
    `SELECT id, case_id AS "caseId", to_char(on_date, 'YYYY-MM-DD') AS "onDate" FROM budget_check
      WHERE municipality_id = current_municipality() AND checked_at IS NULL ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows;
}

export async function markBudgetChecked(tx: Tx, id: string, outcome: string): Promise<void> {
  await tx.query('UPDATE budget_check SET checked_at = now(), outcome = $2 WHERE municipality_id = current_municipality() AND id = $1', [id, outcome]);
}
