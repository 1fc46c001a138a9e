/**
 * A PostgreSQL left behind by a crashed tildel (Node killed with SIGKILL) does not block the next
 * start: it is found by its postmaster.pid, recognised as an orphan (its starter is gone) and stopped
 * with a fast shutdown; a server whose tildel still runs is refused, naming the process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/store/embedded.ts';
import { findLeftover, isAlive } from '../../src/store/leftover.ts';
import { freePort } from '../helpers/ports.ts';

let root: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tildel-leftover-'));
  await chmod(root, 0o755);
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

/** Starts the embedded server in another Node process; resolves once it accepts connections. */
function startInChild(dataDir: string, port: number): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/helpers/embeddedChild.ts'), dataDir, String(port)]);
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('started')) resolve(child);
    });
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
}

const postmasterPid = async (dataDir: string) => Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);

async function count(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM kept')).rows[0].n;
  } finally {
    await client.end();
  }
}

describe('a PostgreSQL left behind on the data folder', () => {
  it('is stopped at the next start when the tildel that started it was killed with SIGKILL, and the data is intact', async () => {
    const dataDir = path.join(root, 'orphan');
    const child = await startInChild(dataDir, await freePort());
    const orphan = await postmasterPid(dataDir);
    const password = (await readFile(path.join(dataDir, 'tildel-superuser-password'), 'utf8')).trim();
    const port = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[3]);
    const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/postgres` });
    await client.connect();
    await client.query('CREATE TABLE kept (v int); INSERT INTO kept SELECT generate_series(1, 100)');
    await client.end();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The server outlives its Node parent: the orphan the issue describes.
    expect(isAlive(orphan)).toBe(true);
    expect(findLeftover(dataDir)).toMatchObject({ kind: 'orphan', pid: orphan });
    const again = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(await postmasterPid(dataDir)).not.toBe(orphan);
      expect(await count(again.url)).toBe(100);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('is refused, naming the process, while the tildel that started it still runs', async () => {
    const dataDir = path.join(root, 'in-use');
    const child = await startInChild(dataDir, await freePort());
    const pid = await postmasterPid(dataDir);
    await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(new RegExp(`in use by another PostgreSQL server \\(process ${pid}, started by process ${child.pid}`));
    expect(isAlive(pid)).toBe(true);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }, 120_000);

  it('removes a stale lock file that names a process which is not PostgreSQL', async () => {
    const dataDir = path.join(root, 'stale');
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await first.stop();
    // A lock file left by a crash whose process number now belongs to another program (this test).
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n0\n5432\n`);
    expect(findLeftover(dataDir)).toEqual({ kind: 'stale-lock', pid: process.pid });
    const again = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await again.stop();
  }, 120_000);
});
