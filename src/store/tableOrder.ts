/**
 * The order in which tables can be loaded (parents before children, by their foreign keys), and the
 * columns a load writes, shared by `tildel backup`/`restore` (store/backup.ts) and a municipality's
 * export and import (app/tenantTransfer.ts, app/tenantImport.ts).
 */
import type pg from 'pg';

export interface ForeignKeyEdge {
  readonly child: string;
  readonly parent: string;
}

/** Every foreign key between two different tables of the public schema, in a fixed order (so every server orders the tables alike). */
export async function foreignKeyEdges(client: Pick<pg.ClientBase, 'query'>): Promise<ForeignKeyEdge[]> {
  const { rows } = await client.query<ForeignKeyEdge>(
    `SELECT DISTINCT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid
      ORDER BY 1, 2`,
  );
  return rows;
}

/**
 * `names` with each table after the tables among them it refers to, otherwise in the given order
 * (a depth-first walk to the parents; a cycle is broken where the walk meets it again).
 */
export function parentsFirst(names: readonly string[], edges: readonly ForeignKeyEdge[]): string[] {
  const among = new Set(names);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const e of edges) if (e.child === name && among.has(e.parent)) visit(e.parent, path);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

/** The columns of a table a load writes: not dropped and not generated (PostgreSQL computes those), in the table's order. */
export async function writableColumns(client: Pick<pg.ClientBase, 'query'>, table: string): Promise<string[]> {
  const { rows } = await client.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [table],
  );
  return rows.map((r) => r.attname);
}
