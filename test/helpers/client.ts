/**
 * A thin client for the real server over real HTTP (fetch against a listening port). Apart from
 * api.ts (which needs vitest) so that scripts outside the tests (scripts/chaos.ts, bench/load.ts) use it too.
 */
import { randomUUID } from 'node:crypto';
import { PASSWORD } from './fixtures.ts';

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
