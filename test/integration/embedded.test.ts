/** The embedded PostgreSQL: data survives a restart, and a taken port or locked folder says so clearly. */
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStartError, startEmbeddedPostgres } from '../../src/store/embedded.ts';
import { freePort } from '../helpers/ports.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tildel-embedded-'));
  await chmod(root, 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps its data in the folder across a restart', async () => {
    const dataDir = path.join(root, 'persist');
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      expect((await query(second.url, 'SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('gets a random superuser password per data folder, kept in it for its owner only, and replaces the fixed one of earlier versions', async () => {
    const dataDir = path.join(root, 'password');
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port });
    try {
      const file = path.join(dataDir, 'tildel-superuser-password');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const password = (await readFile(file, 'utf8')).trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(server.url).toContain(encodeURIComponent(password));
      // The fixed password of earlier versions no longer opens the database.
      await expect(query(`postgres://postgres:tildel-local@localhost:${port}/postgres`, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
      // A folder from an earlier version: its fixed password is replaced at the next start.
      await query(server.url, "ALTER ROLE postgres PASSWORD 'tildel-local'");
    } finally {
      await server.stop();
    }
    await rm(path.join(dataDir, 'tildel-superuser-password'));
    const again = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      const replaced = (await readFile(path.join(dataDir, 'tildel-superuser-password'), 'utf8')).trim();
      expect(replaced).not.toBe('tildel-local');
      expect((await query(again.url, 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await again.stop();
    }
  });

  it('says clearly when the port is taken', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, 'localhost', resolve));
    try {
      const attempt = startEmbeddedPostgres({ dataDir: path.join(root, 'port'), port });
      await expect(attempt).rejects.toThrow(EmbeddedStartError);
      await expect(attempt).rejects.toThrow(`Port ${port} is taken`);
    } finally {
      blocker.close();
    }
  });

  it('says clearly when another server holds the data folder', async () => {
    const dataDir = path.join(root, 'locked');
    const running = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(/is in use by another PostgreSQL server/);
    } finally {
      await running.stop();
    }
  });
});
