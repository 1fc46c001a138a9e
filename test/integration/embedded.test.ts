/** The embedded PostgreSQL: data survives a restart, and a taken port or locked folder says so clearly. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
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
