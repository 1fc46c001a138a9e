/**
 * A thin client for the real server over real HTTP (fetch against a listening port).
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/app/clock.ts';
import type { AppContext } from '../../src/app/context.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Database } from '../../src/store/database.ts';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './database.ts';
import { PASSWORD } from './fixtures.ts';

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

export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export class Client {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  static async login(baseUrl: string, municipality: string, username: string, password = PASSWORD): Promise<Client> {
    const r = await new Client(baseUrl).post('/api/v1/auth/login', { municipality, username, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return new Client(baseUrl, r.body.token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : null,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  /** A command with a fresh idempotency key (or the given one). */
  command<T = any>(path: string, body: unknown, key: string = randomUUID()): Promise<Reply<T>> {
    return this.post<T>(path, body, { 'idempotency-key': key });
  }
}

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
