/**
 * The kill tests' tools, for the tests (faults.test.ts) and the scripts (scripts/chaos.ts, bench/load.ts,
 * bench/import.ts) alike: `tildel serve` in a child process, its memory, and a DBA's pg_terminate_backend
 * of tildel's connections.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { BIN } from './cli.ts';

export interface ServeChild {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  output(): string;
}

/** Starts `tildel serve` with these settings (DATABASE_URL, PORT, …) and resolves with its address once it listens. */
export function serveChild(env: Record<string, string>): Promise<ServeChild> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', TILDEL_LOCAL_PASSWORDS: 'true', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

/** As a DBA would: ends every connection tildel has open to the database; returns how many. */
export async function terminateAppConnections(adminUrl: string, database: string, activeOnly = false): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND application_name IN ('tildel', 'tildel-owner') AND ($2::boolean IS FALSE OR state = 'active')) t`,
      [database, activeOnly],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await admin.end();
  }
}

/** A process's resident memory in MB (Linux, /proc); 0 when it cannot be read. */
export async function rssMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
