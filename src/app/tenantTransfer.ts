/**
 * A municipality as a whole, for an operator (issue 17 §1): its export, every row of every table that
 * belongs to it, as newline-delimited JSON in an order that respects the foreign keys (a tenant leaving
 * or moving to another installation); and its removal, all or nothing, after an export.
 *
 * Removal is the one place rows of append-only tables are deleted: the case log, the audit trail and
 * the log of configuration changes belong to the municipality, which leaves with its export. It runs on
 * the owner connection, disables the append-only triggers for the transaction's deletes only, and
 * refuses unless the operator names the municipality twice and gives the digest of its export.
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import type pg from 'pg';
import type { Database } from '../store/database.ts';
import { DERIVED_TABLES, isDerivedTable } from '../store/derivedTables.ts';
import { NO_RETRY } from '../store/faults.ts';
import { foreignKeyEdges, parentsFirst } from '../store/tableOrder.ts';
import { inTransaction, type Tx } from '../store/tx.ts';
import { AppError } from './errors.ts';
import { poolFor } from '../store/routing.ts';

export const EXPORT_FORMAT = 'tildel-municipality-export';
export const EXPORT_VERSION = 1;

export interface TenantTable {
  readonly name: string;
  /** The column naming the municipality: municipality_id in tenant tables, municipality in platform tables (logins), id in the municipality itself. */
  readonly key: string;
}

/**
 * The tables holding the municipality's rows, parents before children (by their foreign keys); the
 * derived tables (store/derivedTables.ts) are left out, as an import rebuilds them.
 */
export async function tenantTables(owner: pg.Pool): Promise<TenantTable[]> {
  const { rows: tables } = await owner.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'municipality'
        -- a partitioned table's rows are read and written through it, not its partitions (audit_event, migration 0039)
        AND NOT (SELECT relispartition FROM pg_class WHERE oid = to_regclass(quote_ident(c.table_name)))
        AND (c.column_name = 'municipality_id' OR (c.column_name = 'municipality' AND c.data_type = 'text'))
      ORDER BY c.table_name`,
  );
  const names = tables.map((t) => t.table_name).filter((name) => !isDerivedTable(name));
  const keys = new Map(tables.map((t) => [t.table_name, t.column_name]));
  const ordered = parentsFirst(names, await foreignKeyEdges(owner));
  return [{ name: 'municipality', key: 'id' }, ...ordered.map((name) => ({ name, key: keys.get(name) ?? 'municipality_id' }))];
}

/**
 * Reads every row of the municipality, table by table in the given order and by the first column,
 * handing each to `line` as the export writes it (`{table, row}`); returns the count per table. The
 * export writes these lines; an import reads them back the same way to prove it reproduced them.
 */
export async function readRows(tx: Tx, municipality: string, tables: readonly TenantTable[], line: (l: { table: string; row: unknown }) => void): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await tx.query(`SELECT * FROM ${tx.escapeIdentifier(table.name)} WHERE ${tx.escapeIdentifier(table.key)} = $1 ORDER BY 1`, [municipality]);
    counts[table.name] = rows.length;
    for (const row of rows) line({ table: table.name, row });
  }
  return counts;
}

export interface ExportSummary {
  readonly municipality: string;
  readonly rows: Record<string, number>;
  /** The digest of the rows (not the header, which names the moment): the same rows give the same digest. */
  readonly sha256: string;
}

/** Writes the municipality's rows as NDJSON (a header line, then one line per row) in one snapshot; returns the counts and the digest of what was written. */
export async function exportMunicipality(db: Database, municipality: string, out: Writable): Promise<ExportSummary> {
  // On the server the municipality lives on (routing.ts).
  const owner = poolFor(db.owner, municipality);
  const tables = await tenantTables(owner);
  const hash = createHash('sha256');
  const write = (line: unknown, hashed = true) => {
    const text = `${JSON.stringify(line)}\n`;
    if (hashed) hash.update(text);
    out.write(text);
  };
  const counts: Record<string, number> = {};
  await inTransaction(
    owner,
    async (tx) => {
      const { rowCount } = await tx.query('SELECT 1 FROM municipality WHERE id = $1', [municipality]);
      if (!rowCount) throw new AppError('not-found', `No municipality with the id ${municipality}.`);
      write({ format: EXPORT_FORMAT, version: EXPORT_VERSION, municipality, exportedAt: new Date().toISOString(), tables: tables.map((t) => t.name) }, false);
      Object.assign(counts, await readRows(tx, municipality, tables, (line) => write(line)));
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    // The rows go to the file as they are read: a second run would write them twice.
    NO_RETRY,
  );
  return { municipality, rows: counts, sha256: hash.digest('hex') };
}

/**
 * Removes every row of the municipality, children first, in one transaction, if the operator names it
 * again and gives the digest of an export of exactly its present rows; returns the counts removed.
 */
export async function removeMunicipality(db: Database, municipality: string, confirm: { repeat: string; exportSha256: string }): Promise<Record<string, number>> {
  if (confirm.repeat !== municipality) throw new AppError('validation', 'Name the municipality again to confirm its removal.', { fields: [{ field: 'confirm', message: 'must repeat the municipality id' }] });
  const { sha256 } = await exportMunicipality(db, municipality, new PassThrough().resume());
  if (confirm.exportSha256 !== sha256) {
    throw new AppError('validation', 'The digest does not match the municipality’s rows now: take an export (tildel municipality export) and give the digest it printed.', { fields: [{ field: 'export-sha256', message: 'does not match the rows now' }] });
  }
  const owner = poolFor(db.owner, municipality);
  // The derived tables have no foreign keys: their rows go first, then the rest children before parents.
  const tables = [...DERIVED_TABLES.map((name) => ({ name, key: 'municipality_id' })), ...(await tenantTables(owner)).reverse()];
  const removed: Record<string, number> = {};
  await inTransaction(owner, async (tx) => {
    // The append-only triggers are lifted inside this transaction only (the DDL is transactional and
    // holds each table's lock until the end), so no other session can change history meanwhile.
    for (const t of tables) await tx.query(`ALTER TABLE ${tx.escapeIdentifier(t.name)} DISABLE TRIGGER USER`);
    for (const t of tables) {
      const r = await tx.query(`DELETE FROM ${tx.escapeIdentifier(t.name)} WHERE ${tx.escapeIdentifier(t.key)} = $1`, [municipality]);
      removed[t.name] = r.rowCount ?? 0;
    }
    for (const t of tables) await tx.query(`ALTER TABLE ${tx.escapeIdentifier(t.name)} ENABLE TRIGGER USER`);
  });
  return removed;
}
