/** Inhabitants by age per year (population_by_age, append-only): the latest recorded row for a year is the one in force. */
import type { AgeBand } from '../domain/reports/population.ts';
import type { Tx } from './tx.ts';

export interface PopulationRow {
  id: string;
  year: number;
  bands: AgeBand[];
  total: number;
  source: string;
  note: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Date;
}

const SELECT = `SELECT p.id, p.year, p.bands, p.total, p.source, p.note, p.recorded_by, s.display_name AS recorded_by_name, p.recorded_at
    FROM population_by_age p JOIN staff s ON s.municipality_id = p.municipality_id AND s.id = p.recorded_by
   WHERE p.municipality_id = current_municipality()`;

export async function insertPopulation(tx: Tx, p: { year: number; bands: readonly AgeBand[]; total: number; source: string; note?: string | undefined }, recordedBy: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO population_by_age (municipality_id, year, bands, total, source, note, recorded_by) VALUES (current_municipality(), $1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.year, JSON.stringify(p.bands), p.total, p.source, p.note ?? null, recordedBy],
  );
  const row = rows[0];
  if (!row) throw new Error('population not stored');
  return row.id;
}

/** Every row, newest first within each year (the first of a year is in force). */
export async function populationHistory(tx: Tx): Promise<PopulationRow[]> {
  const { rows } = await tx.query<PopulationRow>(`${SELECT} ORDER BY p.year DESC, p.recorded_at DESC, p.id`);
  return rows;
}

/** The population in force for a year (as of 1 January), or null. */
export async function populationFor(tx: Tx, year: number): Promise<PopulationRow | null> {
  const { rows } = await tx.query<PopulationRow>(`${SELECT} AND p.year = $1 ORDER BY p.recorded_at DESC, p.id LIMIT 1`, [year]);
  return rows[0] ?? null;
}
