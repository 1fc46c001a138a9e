/**
 * GET /metrics: Prometheus text with request latency per route pattern (never a URL with an id) and
 * status, the database pools, the job runner's lag and the deadlines; readable with the operator's
 * token, or from this machine when no token is set, and never through a proxy without one.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Database } from '../../src/store/database.ts';
import { Client } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId } from '../helpers/fixtures.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789';
let db: Database;
const servers: { close(): Promise<void> }[] = [];

async function serve(metricsToken?: string): Promise<string> {
  const app = await buildServer({ db, allowSyntheticIds: true, sessionHours: 1, loginsPerMinute: 10_000 }, { logLevel: 'silent', metricsToken });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await db?.close();
});

describe('GET /metrics', () => {
  it('counts requests by route pattern and status, and shows the pools, the job lag and the deadlines', async () => {
    const url = await serve();
    const m = await createMunicipality(db);
    const caseworker = await Client.login(url, m.id, 'caseworker');
    const person = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Måle', familyName: 'Tall' });
    expect((await caseworker.get(`/api/v1/persons/${person.body.id}`)).status).toBe(200);
    const r = await fetch(`${url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = await r.text();
    expect(text).toMatch(/tildel_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/persons\/:id",status="200"\} 1/);
    expect(text).toMatch(/tildel_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/persons",status="201"\} 1/);
    expect(text).not.toContain(person.body.id);
    expect(text).toMatch(/tildel_db_pool_connections\{pool="app",state="total"\} \d+/);
    expect(text).toMatch(/tildel_db_pool_connections\{pool="app",state="waiting"\} 0/);
    expect(text).toMatch(/tildel_job_lag_seconds \d/);
    expect(text).toContain('# TYPE tildel_deadlines gauge');
    expect(text).toContain('# TYPE tildel_outbox_messages gauge');
    expect(text).toContain('tildel_process_resident_memory_bytes');
  });

  it('is refused through a proxy when no token is set, and without the token when one is', async () => {
    const local = await serve();
    const proxied = await fetch(`${local}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect(proxied.headers.get('content-type')).toContain('application/problem+json');
    const guarded = await serve(TOKEN);
    expect((await fetch(`${guarded}/metrics`)).status).toBe(403);
    expect((await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await fetch(`${guarded}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('shows the event-loop delay since the previous scrape, and the largest delay during a request on its log line', async () => {
    const logs: string[] = [];
    const logStream = new Writable({ write: (chunk, _enc, done) => void (logs.push(String(chunk)), done()) });
    const app = await buildServer({ db, allowSyntheticIds: true, sessionHours: 1, loginsPerMinute: 10_000 }, { logLevel: 'info', logStream });
    // A route that holds the loop for 120 ms, as a report computed in JavaScript would.
    app.get('/test/block', { config: { public: true }, schema: { hide: true } }, async () => {
      const until = performance.now() + 120;
      while (performance.now() < until);
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    servers.push(app);
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await fetch(`${url}/metrics`);
    expect((await fetch(`${url}/test/block`)).status).toBe(200);
    const stat = (text: string, name: string) => Number(new RegExp(`tildel_event_loop_delay_seconds\\{stat="${name}"\\} ([0-9.e-]+)`).exec(text)?.[1]);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('# TYPE tildel_event_loop_delay_seconds gauge');
    expect(stat(text, 'max')).toBeGreaterThan(0.08);
    expect(stat(text, 'p99')).toBeGreaterThanOrEqual(stat(text, 'p50'));
    const lines = logs.map((l) => JSON.parse(l));
    const incoming = lines.find((l) => l.msg === 'incoming request' && l.req?.path === '/test/block');
    const blocked = lines.find((l) => l.msg === 'request completed' && l.reqId === incoming?.reqId);
    expect(blocked?.res.eventLoopMaxDelayMs).toBeGreaterThan(80);
    // The scrape after the block starts a new window: the block is no longer in it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stat(await (await fetch(`${url}/metrics`)).text(), 'max')).toBeLessThan(0.08);
  });
});
