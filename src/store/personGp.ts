/** The person's GP (fastlege) as dated rows: a change is a new row, the latest in force is the GP. */
import type { Tx } from './tx.ts';

export interface GpRow {
  readonly id: string;
  readonly name: string;
  readonly practice: string | null;
  readonly phone: string | null;
  readonly her_id: string | null;
  readonly valid_from: string;
  readonly recorded_at: Date;
}

export interface NewGp {
  readonly personId: string;
  readonly name: string;
  readonly practice?: string | undefined;
  readonly phone?: string | undefined;
  readonly herId?: string | undefined;
  readonly validFrom: string;
  readonly recordedBy: string;
}

const COLUMNS = `id, name, practice, phone, her_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, recorded_at`;

export async function insertGp(tx: Tx, gp: NewGp): Promise<GpRow> {
  const { rows } = await tx.query<GpRow>(
    `INSERT INTO person_gp (municipality_id, person_id, name, practice, phone, her_id, valid_from, recorded_by)
     VALUES (current_municipality(), $1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [gp.personId, gp.name, gp.practice ?? null, gp.phone ?? null, gp.herId ?? null, gp.validFrom, gp.recordedBy],
  );
  return rows[0] as GpRow;
}

/** The GP in force on the date: the row with the latest start on or before it (the latest recorded on a tie). */
export async function gpOn(tx: Tx, personId: string, onDate: string): Promise<GpRow | null> {
  const { rows } = await tx.query<GpRow>(
    `SELECT ${COLUMNS} FROM person_gp
      WHERE municipality_id = current_municipality() AND person_id = $1 AND valid_from <= $2
      ORDER BY valid_from DESC, recorded_at DESC LIMIT 1`,
    [personId, onDate],
  );
  return rows[0] ?? null;
}
