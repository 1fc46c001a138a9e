/**
 * The real server on a test database of its own, and the thin client over real HTTP (client.ts).
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/app/clock.ts';
import type { AppContext } from '../../src/app/context.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Database } from '../../src/store/database.ts';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './database.ts';

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  /** Every log line the server wrote. */
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startServer(db: Database, clock?: Clock, settings: Partial<AppContext> = {}): Promise<TestServer> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // The tests log in often from one address; the edges test sets the production limit itself.
  const ctx: AppContext = { db, allowSyntheticIds: true, sessionHours: 1, citizenTestLogin: true, loginsPerMinute: 10_000, ...(clock ? { clock } : {}), ...settings };
  const app = await buildServer(ctx, { logLevel: 'info', logStream: stream });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, logs, close: () => app.close() };
}

export { Client, type Reply } from './client.ts';

export interface TestEnvironment {
  db: Database;
  server: TestServer;
}

/**
 * Registers beforeAll/afterAll hooks that give the test file its own database and a running
 * server; the returned object is filled in before the first test runs.
 */
export function useTestEnvironment(): TestEnvironment {
  const env = {} as TestEnvironment;
  beforeAll(async () => {
    env.db = await createTestDatabase();
    env.server = await startServer(env.db);
  });
  afterAll(async () => {
    await env.server?.close();
    await env.db?.close();
  });
  return env;
}
