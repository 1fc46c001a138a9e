/**
 * `tildel backup <dir>` and `tildel restore <dir> --data <new folder>` (store/backup.ts): a consistent
 * logical backup of the whole database, taken while the server runs, and its restore into a new
 * embedded data folder or an empty database named by DATABASE_URL, checked table by table and then by
 * the projection check (every case row rebuilt from its log must equal the restored one). One
 * municipality alone: `tildel municipality export`.
 */
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { checkAllProjections, reprojectAll } from '../app/reprojection.ts';
import { loadConfig } from '../config.ts';
import { backupDatabase, BackupError, readManifest, restoreTables, type BackupManifest } from '../store/backup.ts';
import { connect, ensureDatabase, type Database } from '../store/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../store/embedded.ts';
import { loadMigrations, migrate, migrationStatus, type Migration } from '../store/migrate.ts';
import { fail, openConfiguredDatabase } from './runtime.ts';

export async function backupCommand(dir: string): Promise<void> {
  const config = loadConfig();
  const db = await openConfiguredDatabase(config, { migrate: false, attachIfRunning: true }).catch(fail);
  try {
    const started = Date.now();
    const manifest = await backupDatabase(db.owner, path.resolve(dir));
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(`Backed up ${db.description}: ${rows} rows from ${manifest.tables.length} tables, one snapshot, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log(`Migrations: ${manifest.migrations.length} (last ${manifest.migrations.at(-1)?.version ?? 'none'}). Manifest with row counts and SHA-256 digests: ${path.join(path.resolve(dir), 'manifest.json')}`);
  } catch (error) {
    await db.close();
    fail(error);
  }
  await db.close();
  process.exit(0);
}

/** The code's migrations the backup was taken at; refused when the backup is newer than the code or a migration differs. */
function migrationsOf(manifest: BackupManifest): Migration[] {
  const known = new Map(loadMigrations().map((m) => [m.version, m]));
  return manifest.migrations.map((b) => {
    const m = known.get(b.version);
    if (!m) throw new BackupError(`The backup has migration ${b.version}, which this version of tildel does not know: restore it with the version of tildel that took it, or a newer one.`);
    if (m.checksum !== b.checksum) throw new BackupError(`Migration ${b.version} differs between the backup and this code.`);
    return m;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, 'localhost', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A new embedded data folder (--data), or the empty database in DATABASE_URL. */
async function openTarget(data: string | undefined): Promise<Database> {
  const config = loadConfig();
  if (data) {
    const dataDir = path.resolve(data);
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new BackupError(`${dataDir} is not empty: restore into a new folder.`);
    const embedded: EmbeddedServer = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      return await connect(await ensureDatabase(embedded.url, config.TILDEL_DB_NAME), `embedded PostgreSQL, data in ${dataDir}`, embedded, false);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }
  if (!config.DATABASE_URL) throw new BackupError('Name a new data folder with --data <folder>, or set DATABASE_URL to an empty database.');
  const db = await connect(config.DATABASE_URL, 'the database in DATABASE_URL', null, false);
  const status = await migrationStatus(db.owner, []);
  if (status.problem) {
    await db.close();
    throw new BackupError('The database in DATABASE_URL already has tildel migrations: restore into a new, empty database.');
  }
  return db;
}

/** Restores, applies the code's later migrations, and checks the projections against the logs. */
async function restoreInto(db: Database, dir: string, manifest: BackupManifest): Promise<void> {
  await migrate(db.owner, migrationsOf(manifest));
  const restored = await restoreTables(db.owner, dir, manifest);
  const total = Object.values(restored).reduce((a, b) => a + b, 0);
  console.log(`Restored ${total} rows into ${Object.keys(restored).length} tables of ${db.description}; every table's digest and row count match the manifest.`);
  const later = await migrate(db.owner);
  if (later.applied.length) console.log(`Applied the migrations this code has beyond the backup: ${later.applied.join(', ')}`);
  const check = await checkAllProjections(db);
  const rebuilt = await reprojectAll(db);
  const changed = rebuilt.caseRowsChanged + rebuilt.workItemsChanged + rebuilt.deadlinesChanged + rebuilt.waitingListsChanged + rebuilt.visitMonthsRebuilt + rebuilt.caseMilestonesRebuilt;
  console.log(`Projections: ${check.cases} cases checked against their logs, ${check.problems.length} differences; rebuilding them from the logs changed ${changed} sets.`);
  if (check.problems.length > 0 || changed > 0) throw new BackupError('The restored projections differ from their logs (see above); the logs are restored and now rebuilt, but report this.');
}

export async function restoreCommand(dir: string, options: { data?: string }): Promise<void> {
  let db: Database | null = null;
  try {
    const manifest = await readManifest(path.resolve(dir));
    db = await openTarget(options.data);
    await restoreInto(db, path.resolve(dir), manifest);
    console.log(options.data ? `Start on it with: TILDEL_DATA_DIR=${path.resolve(options.data)} tildel serve` : 'Start tildel on DATABASE_URL as before.');
  } catch (error) {
    await db?.close();
    fail(error);
  }
  await db.close();
  process.exit(0);
}
