/** Letters stored with their case. */
import type { Tx } from './tx.ts';

export interface LetterRow {
  id: string;
  case_id: string;
  kind: string;
  lang: string;
  title: string;
  sha256: string;
  created_at: Date;
}

export async function insertLetter(tx: Tx, l: { id: string; caseId: string; kind: string; lang: string; title: string; pdf: Buffer; sha256: string; createdBy: string }): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO letter (municipality_id, id, case_id, kind, lang, title, pdf, sha256, created_by)
     VALUES (current_municipality(), $8, $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [l.caseId, l.kind, l.lang, l.title, l.pdf, l.sha256, l.createdBy, l.id],
  );
  return (rows[0] as { id: string }).id;
}

export async function findLetter(tx: Tx, id: string): Promise<(LetterRow & { pdf: Buffer; person_id: string; reach: string[] }) | null> {
  const { rows } = await tx.query<LetterRow & { pdf: Buffer; person_id: string; reach: string[] }>(
    `SELECT l.id, l.case_id, l.kind, l.lang, l.title, l.sha256, l.created_at, l.pdf, c.person_id, c.reach
       FROM letter l JOIN case_file c ON c.municipality_id = l.municipality_id AND c.id = l.case_id
      WHERE l.municipality_id = current_municipality() AND l.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function lettersOfCase(tx: Tx, caseId: string): Promise<LetterRow[]> {
  const { rows } = await tx.query<LetterRow>(
    `SELECT id, case_id, kind, lang, title, sha256, created_at FROM letter
      WHERE municipality_id = current_municipality() AND case_id = $1 ORDER BY created_at`,
    [caseId],
  );
  return rows;
}
