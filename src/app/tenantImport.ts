/**
 * A municipality arriving from another installation (issue 17 §1, the other half of
 * `tildel municipality export`): the export file is read line by line and its rows written, table by
 * table in the file's order (parents before children), in one transaction on the owner connection,
 * all or nothing. Each row is turned into the table's record type by PostgreSQL itself
 * (json_populate_recordset), so dates, arrays, JSON documents and numbers keep their types; a PDF
 * (bytea) comes back from its hex. Before the commit the rows now in the database are digested the
 * way the export digested them: an import that would not reproduce the export exactly is rolled back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Database } from '../store/database.ts';
import { NO_RETRY } from '../store/faults.ts';
import { inTransaction, type Tx } from '../store/tx.ts';
import { AppError } from './errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, readRows, tenantTables, type ExportSummary, type TenantTable } from './tenantTransfer.ts';
import { poolFor } from '../store/routing.ts';
import { writableColumns } from '../store/tableOrder.ts';

const BATCH = 500;

interface Header {
  readonly format: string;
  readonly version: number;
  readonly municipality: string;
  readonly tables: readonly string[];
}

function invalid(message: string, line: number): AppError {
  return new AppError('validation', `The export file is not one this installation can import: ${message} (line ${line}).`, { fields: [{ field: 'file', message: `${message} (line ${line})` }] });
}

function parseHeader(text: string | undefined, known: readonly TenantTable[]): Header {
  let header: Partial<Header>;
  try {
    header = JSON.parse(text ?? '') as Partial<Header>;
  } catch {
    throw invalid('the first line is not JSON', 1);
  }
  if (header.format !== EXPORT_FORMAT || header.version !== EXPORT_VERSION) throw invalid(`not a ${EXPORT_FORMAT} of version ${EXPORT_VERSION}`, 1);
  if (typeof header.municipality !== 'string' || !Array.isArray(header.tables)) throw invalid('the header names no municipality or tables', 1);
  const unknown = header.tables.filter((t) => !known.some((k) => k.name === t));
  if (unknown.length) throw invalid(`tables this installation does not have: ${unknown.join(', ')} (upgrade it first)`, 1);
  return header as Header;
}

/** A bytea value as the export wrote it (Node's Buffer in JSON) back to PostgreSQL's hex input. */
function restoreBinary(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const buffer = v as { type?: unknown; data?: unknown } | null;
    out[k] = buffer && typeof buffer === 'object' && buffer.type === 'Buffer' && Array.isArray(buffer.data) ? `\\x${Buffer.from(buffer.data as number[]).toString('hex')}` : v;
  }
  return out;
}

/** A table's column list for the rows: every stored column but the generated ones, which PostgreSQL computes again (assessment.adl_sum); read once per table and import. */
/** The columns the import writes, read once per table and import (generated columns are PostgreSQL's). */
async function columnsOf(tx: Tx, name: string, read: Map<string, string>): Promise<string> {
  const known = read.get(name);
  if (known !== undefined) return known;
  const list = (await writableColumns(tx, name)).map((c) => tx.escapeIdentifier(c)).join(', ');
  read.set(name, list);
  return list;
}

async function insertBatch(tx: Tx, table: string, rows: readonly Record<string, unknown>[], columns: Map<string, string>): Promise<void> {
  if (rows.length === 0) return;
  const name = tx.escapeIdentifier(table);
  const list = await columnsOf(tx, name, columns);
  await tx.query(`INSERT INTO ${name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${name}, $1::json)`, [JSON.stringify(rows.map(restoreBinary))]);
}

/** The digest of the municipality's rows as the export computes it, read inside the importing transaction. */
async function digestOf(tx: Tx, municipality: string, tables: readonly TenantTable[]): Promise<ExportSummary> {
  const hash = createHash('sha256');
  const rows = await readRows(tx, municipality, tables, (line) => hash.update(`${JSON.stringify(line)}\n`));
  return { municipality, rows, sha256: hash.digest('hex') };
}

/** Reads the file's rows into the database; the digest of the lines read is the export's own. */
async function writeRows(tx: Tx, file: string, known: readonly TenantTable[]): Promise<{ header: Header; sha256: string }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const hash = createHash('sha256');
  let header: Header | undefined;
  let table = '';
  let batch: Record<string, unknown>[] = [];
  const columns = new Map<string, string>();
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (!header) {
      header = parseHeader(text, known);
      if ((await tx.query('SELECT 1 FROM municipality WHERE id = $1', [header.municipality])).rowCount) {
        throw new AppError('conflict', `The municipality ${header.municipality} exists already in this installation.`, { fields: [{ field: 'municipality', message: 'exists already' }] });
      }
      continue;
    }
    if (text.trim() === '') continue;
    hash.update(`${text}\n`);
    const line = JSON.parse(text) as { table?: string; row?: Record<string, unknown> };
    if (!line.table || !line.row || !header.tables.includes(line.table)) throw invalid('a row of a table the header does not name', n);
    if (line.table !== table || batch.length >= BATCH) {
      await insertBatch(tx, table, batch, columns);
      batch = [];
      table = line.table;
    }
    batch.push(line.row);
  }
  if (!header) throw invalid('the file is empty', 1);
  await insertBatch(tx, table, batch, columns);
  return { header, sha256: hash.digest('hex') };
}

/** Imports an export into this installation, all or nothing; returns what is now there and its digest (the export's, when all went well). */
export async function importMunicipality(db: Database, file: string): Promise<ExportSummary> {
  const known = await tenantTables(db.owner);
  return inTransaction(
    db.owner,
    async (tx) => {
      const { header, sha256 } = await writeRows(tx, file, known);
      // An installation that routes municipalities (routing.ts) imports each on its own server.
      if (poolFor(db.owner, header.municipality) !== db.owner) {
        throw new AppError('validation', `The tenant routes place ${header.municipality} on another server: import it there (DATABASE_URL of that server, without TILDEL_TENANT_ROUTES).`, { fields: [{ field: 'file', message: 'belongs on another server' }] });
      }
      const now = await digestOf(tx, header.municipality, known);
      if (now.sha256 !== sha256) {
        throw new AppError('validation', 'The imported rows do not read back as the export wrote them (another schema version?); nothing was imported.', { fields: [{ field: 'file', message: 'does not round-trip' }] });
      }
      return now;
    },
    'BEGIN',
    // The file is read inside the transaction: a second run reads it again from the start, but a
    // failure here is the file's or the schema's, which a second run would not change.
    NO_RETRY,
  );
}
