/** Forward-only migrations with checksums, on a real PostgreSQL. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, migrationStatus } from '../../src/store/migrate.ts';
import { createDatabaseFromTemplate, databaseUrl, serverUrl } from '../helpers/database.ts';

const pools: pg.Pool[] = [];

async function emptyDatabase(): Promise<pg.Pool> {
  const name = `tildel_test_mig_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 2 });
  pools.push(pool);
  return pool;
}

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-mig-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(path.join(dir, name), sql);
  return dir;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});

describe('migrations', () => {
  it('applies the shipped migrations once, recording checksums; a second run applies nothing', async () => {
    const pool = await emptyDatabase();
    const first = await migrate(pool);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.version));
    const second = await migrate(pool);
    expect(second.applied).toEqual([]);
    const { rows } = await pool.query('SELECT version, checksum FROM schema_migration ORDER BY version');
    expect(rows).toEqual(loadMigrations().map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('vacuums and analyses the tables with rows that the migrations rewrote or created, and no other', async () => {
    const pool = await emptyDatabase();
    const relation = async (name: string) =>
      (await pool.query<{ pages: number; visible: number }>('SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE oid = $1::regclass', [name])).rows[0];
    const v1 = { '0001_a.sql': 'CREATE TABLE a (x int PRIMARY KEY); INSERT INTO a SELECT generate_series(1, 20000); CREATE TABLE empty (y int);' };
    const first = await migrate(pool, loadMigrations(await folderWith(v1)));
    expect(first.vacuumed).toEqual(['a']);
    expect((await relation('a'))?.visible).toBeGreaterThan(0);
    // Marked all-visible again, so the planner may read it from the index alone.
    await pool.query('UPDATE a SET x = -x WHERE x = 1');
    const v2 = {
      ...v1,
      '0002_b.sql': 'ALTER TABLE a ADD COLUMN doubled int GENERATED ALWAYS AS (x * 2) STORED; CREATE TABLE b (z int); INSERT INTO b VALUES (1);',
    };
    const second = await migrate(pool, loadMigrations(await folderWith(v2)));
    expect(second.vacuumed).toEqual(['a', 'b']);
    const a = await relation('a');
    expect(a?.visible).toBe(a?.pages);
    const stats = await pool.query("SELECT 1 FROM pg_stats WHERE tablename = 'a' AND attname = 'doubled'");
    expect(stats.rowCount).toBe(1);
    // An index rewrites no table; a run with nothing pending looks at nothing.
    const v3 = loadMigrations(await folderWith({ ...v2, '0003_c.sql': 'CREATE INDEX a_doubled ON a (doubled);' }));
    const third = await migrate(pool, v3);
    expect(third.applied).toEqual(['0003_c']);
    expect(third.vacuumed).toEqual([]);
    expect(await migrate(pool, v3)).toMatchObject({ applied: [], vacuumed: [] });
  });

  it('refuses a migration that was changed after it was applied, and applies nothing after it', async () => {
    const pool = await emptyDatabase();
    const v1 = await folderWith({ '0001_a.sql': 'CREATE TABLE a (x int);' });
    await migrate(pool, loadMigrations(v1));
    const changed = await folderWith({ '0001_a.sql': 'CREATE TABLE a (x bigint);', '0002_b.sql': 'CREATE TABLE b (y int);' });
    await expect(migrate(pool, loadMigrations(changed))).rejects.toThrow(/0001_a was changed after it was applied/);
    const { rows } = await pool.query("SELECT to_regclass('b') AS b");
    expect(rows[0].b).toBeNull();
    expect((await migrationStatus(pool, loadMigrations(changed))).problem).toMatch(/changed/);
  });

  it('refuses a database with a migration this code does not know', async () => {
    const pool = await emptyDatabase();
    await migrate(pool, loadMigrations(await folderWith({ '0001_a.sql': 'SELECT 1;', '0002_b.sql': 'SELECT 2;' })));
    await expect(migrate(pool, loadMigrations(await folderWith({ '0001_a.sql': 'SELECT 1;' })))).rejects.toThrow(/does not know/);
  });

  it('rolls back a failing migration completely', async () => {
    const pool = await emptyDatabase();
    const dir = await folderWith({ '0001_a.sql': 'CREATE TABLE a (x int); SELECT no_such_function();' });
    await expect(migrate(pool, loadMigrations(dir))).rejects.toThrow(/0001_a failed/);
    const { rows } = await pool.query("SELECT to_regclass('a') AS a");
    expect(rows[0].a).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM schema_migration')).rows[0].n).toBe(0);
  });

  it('reports pending migrations on a template clone as none', async () => {
    const name = await createDatabaseFromTemplate();
    const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 1 });
    pools.push(pool);
    expect(await migrationStatus(pool)).toEqual({ pending: [], problem: null });
  });
});
