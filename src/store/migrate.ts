/**
 * Forward-only SQL migrations: the files in ./migrations, applied in name order, each in its own
 * transaction, recorded with a SHA-256 checksum. A migration that was changed after it was applied
 * is refused, and so is a database that has migrations this code does not know.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  readonly version: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
  /** Tables with rows that the migrations rewrote or created, vacuumed and analysed after them (rewrittenTables). */
  readonly vacuumed: readonly string[];
}

/** Each table's storage: its quoted name and the file its rows are in (pg_class.relfilenode), and whether it holds any rows' pages. */
export interface TableFile {
  readonly name: string;
  readonly file: string;
  readonly hasPages: boolean;
}

/**
 * The tables with pages that are new or whose file changed between two looks (issue 18): a migration
 * that rewrites a table (a stored generated column, a changed type) or creates one with rows leaves it
 * with no page marked all-visible and no statistics for its new columns, so index-only scans turn into
 * heap reads until autovacuum comes by; for an insert-only table such as case_action that is after a
 * fifth of its rows again (on the Oslo set a report's read of the actions by type took 95 ms instead
 * of 10). Pure, so that what is vacuumed is decided apart from the database.
 */
export function rewrittenTables(before: readonly TableFile[], after: readonly TableFile[]): string[] {
  const fileBefore = new Map(before.map((t) => [t.name, t.file]));
  return after.filter((t) => t.hasPages && fileBefore.get(t.name) !== t.file).map((t) => t.name);
}

/** The ordinary tables of the schema the migrations write (graphile_worker's own are its business). */
async function tableFiles(client: pg.PoolClient): Promise<TableFile[]> {
  const { rows } = await client.query<TableFile>(
    `SELECT c.oid::regclass::text AS name, c.relfilenode::text AS file, pg_relation_size(c.oid) > 0 AS "hasPages"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema()
      ORDER BY 1`,
  );
  return rows;
}

export class MigrationError extends Error {}

// An arbitrary constant: the advisory lock that keeps two processes from migrating at once.
const MIGRATION_LOCK = 724_231_001;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { version: file.replace(/\.sql$/, ''), sql, checksum: sha256(sql) };
    });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Applies the pending migrations with an owner connection. */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = loadMigrations()): Promise<MigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const recorded = await recordedMigrations(client);
    verifyRecorded(recorded, migrations);
    const pending = migrations.filter((m) => !recorded.has(m.version));
    const before = pending.length ? await tableFiles(client) : [];
    for (const m of pending) {
      await applyOne(client, m);
    }
    const vacuumed = pending.length ? rewrittenTables(before, await tableFiles(client)) : [];
    // Outside any transaction (VACUUM cannot run in one); it blocks neither reads nor writes.
    for (const table of vacuumed) await client.query(`VACUUM (ANALYZE) ${table}`);
    return { applied: pending.map((m) => m.version), alreadyApplied: [...recorded.keys()], vacuumed };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

async function recordedMigrations(client: pg.PoolClient): Promise<Map<string, string>> {
  const { rows } = await client.query<{ version: string; checksum: string }>(
    'SELECT version, checksum FROM schema_migration ORDER BY version',
  );
  return new Map(rows.map((r) => [r.version, r.checksum]));
}

function verifyRecorded(recorded: ReadonlyMap<string, string>, migrations: readonly Migration[]): void {
  const known = new Map(migrations.map((m) => [m.version, m.checksum]));
  for (const [version, checksum] of recorded) {
    const current = known.get(version);
    if (current === undefined) {
      throw new MigrationError(
        `The database has migration ${version}, which this version of tildel does not know. Is the code older than the database?`,
      );
    }
    if (current !== checksum) {
      throw new MigrationError(
        `Migration ${version} was changed after it was applied (checksum ${checksum.slice(0, 12)}… in the database, ` +
          `${current.slice(0, 12)}… on disk). Migrations are forward-only: restore the file and add a new migration instead.`,
      );
    }
  }
}

async function applyOne(client: pg.PoolClient, m: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(m.sql);
    await client.query('INSERT INTO schema_migration (version, checksum) VALUES ($1, $2)', [m.version, m.checksum]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new MigrationError(`Migration ${m.version} failed: ${(error as Error).message}`);
  }
}

/** Which migrations are pending or changed, without applying anything (for `tildel doctor`). */
export async function migrationStatus(
  pool: pg.Pool,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<{ pending: string[]; problem: string | null }> {
  const exists = await pool.query<{ exists: boolean }>("SELECT to_regclass('schema_migration') IS NOT NULL AS exists");
  if (!exists.rows[0]?.exists) return { pending: migrations.map((m) => m.version), problem: null };
  const { rows } = await pool.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migration');
  const recorded = new Map(rows.map((r) => [r.version, r.checksum]));
  try {
    verifyRecorded(recorded, migrations);
  } catch (error) {
    return { pending: [], problem: (error as Error).message };
  }
  return { pending: migrations.filter((m) => !recorded.has(m.version)).map((m) => m.version), problem: null };
}
