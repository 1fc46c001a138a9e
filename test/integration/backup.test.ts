/**
 * `tildel backup` and `tildel restore` as an operator runs them: a backup of a database with demo data
 * (one snapshot, every table, a manifest with counts and digests), restored into an empty database
 * (DATABASE_URL) and into a new embedded data folder (--data); the restored rows equal the original's,
 * the projections rebuilt from the restored logs equal the restored ones, and a damaged backup is
 * refused with nothing written.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.ts';
import { readManifest, rowCounts } from '../../src/store/backup.ts';
import { connect, ensureDatabase, type Database } from '../../src/store/database.ts';
import { startEmbeddedPostgres } from '../../src/store/embedded.ts';
import { tildel } from '../helpers/cli.ts';
import { createDatabaseFromTemplate, databaseUrl, serverUrl } from '../helpers/database.ts';
import { freePort } from '../helpers/ports.ts';

let root: string;
let name: string;
let db: Database;
let before: Record<string, number>;

async function emptyDatabase(): Promise<string> {
  const fresh = `tildel_test_restore_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${fresh}`);
  await admin.end();
  return databaseUrl(fresh);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tildel-backup-'));
  await chmod(root, 0o755);
  name = await createDatabaseFromTemplate();
  db = await connect(databaseUrl(name), `test database ${name}`);
  await loadDemo(db, { seed: 19, asOf: new Date(), scale: 0.05 });
  before = await rowCounts(db.owner);
}, 180_000);

/** Rows per table; the restore records that the projections are current (projection_version), which the source had not yet. */
async function restoredCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { projection_version: _, ...counts } = await rowCounts(pool);
  return counts;
}

const beforeCounts = () => {
  const { projection_version: _, ...counts } = before;
  return counts;
};

afterAll(async () => {
  await db?.close();
  await rm(root, { recursive: true, force: true });
});

describe('tildel backup and restore', () => {
  const dir = () => path.join(root, 'backup');

  it('writes every table from one snapshot with a manifest of migrations, counts and digests', async () => {
    const r = await tildel(['backup', dir()], { DATABASE_URL: databaseUrl(name) });
    expect(r.code, r.out).toBe(0);
    const manifest = await readManifest(dir());
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(before);
    expect(before.case_action).toBeGreaterThan(50);
    expect(manifest.migrations.map((m) => m.version)).toContain('0001_foundation');
    // Parents before children: the municipality before its persons, persons before their cases.
    const order = manifest.tables.map((t) => t.name);
    expect(order.indexOf('municipality')).toBeLessThan(order.indexOf('person'));
    expect(order.indexOf('person')).toBeLessThan(order.indexOf('case_file'));
    // A second backup into the same folder is refused.
    expect((await tildel(['backup', dir()], { DATABASE_URL: databaseUrl(name) })).code).toBe(1);
  }, 120_000);

  it('restores into an empty database: the same rows, and projections rebuilt from the logs equal the restored ones', async () => {
    const url = await emptyDatabase();
    const r = await tildel(['restore', dir()], { DATABASE_URL: url });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/cases checked against their logs, 0 differences; rebuilding them from the logs changed 0 sets/);
    const restored = await connect(url, 'restored', null, false);
    try {
      expect(await restoredCounts(restored.owner)).toEqual(beforeCounts());
      // The append-only triggers are in place after the restore.
      await expect(restored.owner.query('UPDATE case_action SET reason = reason')).rejects.toThrow();
      // A restore into a database that has data is refused.
      expect((await tildel(['restore', dir()], { DATABASE_URL: url })).code).toBe(1);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('restores into a new embedded data folder that tildel can start on', async () => {
    const dataDir = path.join(root, 'restored-pgdata');
    const r = await tildel(['restore', dir(), '--data', dataDir], { DATABASE_URL: '' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`TILDEL_DATA_DIR=${dataDir}`);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const restored = await connect(await ensureDatabase(server.url, 'tildel'), 'restored', server, false);
    try {
      expect(await restoredCounts(restored.owner)).toEqual(beforeCounts());
    } finally {
      await restored.close();
    }
  }, 180_000);

  it('refuses a damaged backup and writes nothing', async () => {
    const damaged = path.join(root, 'damaged');
    const r0 = await tildel(['backup', damaged], { DATABASE_URL: databaseUrl(name) });
    expect(r0.code, r0.out).toBe(0);
    const manifestFile = path.join(damaged, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    const actions = manifest.tables.find((t: { name: string }) => t.name === 'case_action');
    actions.sha256 = '0'.repeat(64);
    await writeFile(manifestFile, JSON.stringify(manifest));
    const url = await emptyDatabase();
    const r = await tildel(['restore', damaged], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.out).toContain('case_action.copy.gz does not match its digest');
    const target = await connect(url, 'target', null, false);
    try {
      expect((await rowCounts(target.owner)).municipality).toBe(0);
    } finally {
      await target.close();
    }
  }, 120_000);
});
