/**
 * A logical backup of the whole database through SQL, with no pg_dump: the embedded package ships
 * none, and Debian's pg_dump 15 refuses a PostgreSQL 17 server. Every table of the public schema is
 * written with COPY … TO STDOUT inside one REPEATABLE READ READ ONLY transaction (one snapshot, so the
 * tables agree with each other), parents before children, gzip-compressed, with a manifest naming the
 * migrations, each table's columns, row count and the SHA-256 of its COPY data.
 *
 * A restore goes into an empty database migrated to exactly the backup's migrations: COPY … FROM
 * STDIN in the same order, in one transaction, checking each file's digest and each table's count
 * before it commits. Inserts are all it does, so the append-only triggers stay as they are.
 * The job queue (schema graphile_worker) is not kept: its jobs are rebuilt at start.
 *
 * One municipality alone is exported by `tildel municipality export` (app/tenantTransfer.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { isDerivedTable } from './derivedTables.ts';
import { foreignKeyEdges, parentsFirst } from './tableOrder.ts';

export const BACKUP_FORMAT = 'tildel-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST = 'manifest.json';

export interface BackupTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number;
  readonly file: string;
  /** SHA-256 of the uncompressed COPY data. */
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly createdAt: string;
  readonly serverVersion: string;
  readonly migrations: readonly { readonly version: string; readonly checksum: string }[];
  /** Parents before children. */
  readonly tables: readonly BackupTable[];
}

export class BackupError extends Error {}

/**
 * The tables we keep (schema_migration is written by the migrations themselves; the derived tables
 * are rebuilt by their triggers as the rows they come from are loaded), parents before children.
 */
export async function tablesInOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migration'
      GROUP BY c.relname ORDER BY c.relname`,
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const kept = tables.map((t) => t.name).filter((name) => !isDerivedTable(name));
  return parentsFirst(kept, await foreignKeyEdges(client)).flatMap((name) => byName.get(name) ?? []);
}

/** Counts lines (COPY text format: one row per line) and hashes the bytes passing through. */
class Tally extends Transform {
  readonly hash = createHash('sha256');
  rows = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows += 1;
    done(null, chunk);
  }
}

const columnList = (client: pg.ClientBase, columns: readonly string[]) => columns.map((c) => client.escapeIdentifier(c)).join(', ');

/** Writes a backup of the database into `dir` (which must be empty or new); returns its manifest. */
export async function backupDatabase(pool: pg.Pool, dir: string): Promise<BackupManifest> {
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new BackupError(`${dir} is not empty: a backup goes into a new or empty folder.`);
  await mkdir(path.join(dir, 'tables'), { recursive: true });
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const server = await client.query<{ server_version: string }>('SHOW server_version');
    const migrations = await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migration ORDER BY version');
    const tables: BackupTable[] = [];
    for (const t of await tablesInOrder(client)) {
      const file = `tables/${t.name}.copy.gz`;
      const tally = new Tally();
      // From a query, not the table: a partitioned table (audit_event) cannot be copied from by name, only its partitions.
      await pipeline(client.query(copyTo(`COPY (SELECT ${columnList(client, t.columns)} FROM ${client.escapeIdentifier(t.name)}) TO STDOUT`)), tally, createGzip(), createWriteStream(path.join(dir, file), { flags: 'wx' }));
      tables.push({ name: t.name, columns: t.columns, rows: tally.rows, file, sha256: tally.hash.digest('hex') });
    }
    await client.query('COMMIT');
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), serverVersion: server.rows[0]?.server_version ?? '', migrations: migrations.rows, tables };
    await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new BackupError(`${dir} has no ${MANIFEST}: is it a folder written by \`tildel backup\`?`);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) throw new BackupError(`${file} is not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} manifest.`);
  return manifest;
}

/** Refuses a target that already holds data in any of the backup's tables. */
async function assertEmpty(client: pg.ClientBase, tables: readonly BackupTable[]): Promise<void> {
  for (const t of tables) {
    const { rowCount } = await client.query(`SELECT 1 FROM ${client.escapeIdentifier(t.name)} LIMIT 1`);
    if (rowCount) throw new BackupError(`The target database already has rows in ${t.name}: restore into a new, empty database or folder.`);
  }
}

/** Loads one table's file, checking its digest and row count against the manifest. */
async function loadTable(client: pg.ClientBase, dir: string, t: BackupTable): Promise<void> {
  const tally = new Tally();
  await pipeline(createReadStream(path.join(dir, t.file)), createGunzip(), tally, client.query(copyFrom(`COPY ${client.escapeIdentifier(t.name)} (${columnList(client, t.columns)}) FROM STDIN`)));
  const sha256 = tally.hash.digest('hex');
  if (sha256 !== t.sha256) throw new BackupError(`${t.file} does not match its digest in the manifest (damaged or changed).`);
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${client.escapeIdentifier(t.name)}`);
  if (rows[0]?.n !== t.rows) throw new BackupError(`${t.name}: ${rows[0]?.n} rows after the restore, the manifest says ${t.rows}.`);
}

/**
 * Loads a backup into a database migrated to the backup's migrations, all or nothing; returns the
 * rows restored per table.
 */
export async function restoreTables(pool: pg.Pool, dir: string, manifest: BackupManifest): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await assertEmpty(client, manifest.tables);
    for (const t of manifest.tables) await loadTable(client, dir, t);
    await client.query('COMMIT');
    return Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Rows per table now, for comparing a restored database with its backup. */
export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of await tablesInOrder(client)) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${client.escapeIdentifier(t.name)}`);
      counts[t.name] = rows[0]?.n ?? 0;
    }
    return counts;
  } finally {
    client.release();
  }
}
