/**
 * A request span is named by the route pattern, never by the URL: whatever ids and query strings a
 * request carries, no span name holds a uuid (or anything else from the URL). Every operation of the
 * real server (its OpenAPI document) is called with random uuids in its path and a national id in
 * its query string; no database is needed, the spans come from the request hooks.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../store/database.ts';
import { startOtlpStandIn, type OtlpStandIn } from '../../test/helpers/otlpStandIn.ts';
import { buildServer } from './server.ts';
import { spanName, startTracing, tracingSettings } from './tracing.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

let collector: OtlpStandIn;
let app: FastifyInstance;
let operations: { method: string; pattern: string }[] = [];

beforeAll(async () => {
  collector = await startOtlpStandIn();
  const before = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  try {
    app = await buildServer({ db: {} as Database, allowSyntheticIds: true, sessionHours: 1, loginsPerMinute: 1_000_000 }, { logLevel: 'silent' });
  } finally {
    if (before === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = before;
  }
  await app.ready();
  const paths = (app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> }).paths;
  operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => METHODS.has(m))
      .map((m) => ({ method: m.toUpperCase(), pattern: path.replace(/\{(\w+)\}/g, ':$1') })),
  );
});

afterAll(async () => {
  await app?.close();
  await collector?.close();
});

describe('request span names', () => {
  it('are the method and the route pattern, or the method alone when no route matched', () => {
    expect(spanName('GET', '/api/v1/cases/:id')).toBe('GET /api/v1/cases/:id');
    expect(spanName('GET', undefined)).toBe('GET');
    expect(tracingSettings({})).toBeNull();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toEqual({ serviceName: 'tildel' });
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeNull();
  });

  it('never contain a uuid or anything else of the URL, for every route and any ids', async () => {
    expect(operations.length).toBeGreaterThan(50);
    const sent: { method: string; url: string }[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.uuid(), fc.uuid(), async (op, id, other) => {
        let n = 0;
        const url = `${op.pattern.replace(/:\w+/g, () => (n++ % 2 === 0 ? id : other))}?q=${id}&nationalId=15034112345`;
        sent.push({ method: op.method, url });
        await app.inject({ method: op.method as 'GET', url, payload: op.method === 'GET' ? undefined : {} });
      }),
      { numRuns: 150 },
    );
    // An unknown path with an id in it: no route, so the name is the method alone.
    await app.inject({ method: 'GET', url: `/api/v1/nowhere/${sent[0]?.url.match(UUID)?.[0] ?? 'x'}` });
    const handle = startTracing();
    await handle?.flush();
    await handle?.shutdown();
    const names = collector.spans().filter((s) => s.kind === 2).map((s) => s.name);
    expect(collector.rejected).toEqual([]);
    expect(names.length).toBe(sent.length + 1);
    expect(names.filter((n) => UUID.test(n) || n.includes('?') || n.includes('15034112345'))).toEqual([]);
    const allowed = new Set([...operations.map((o) => `${o.method} ${o.pattern}`), 'GET']);
    expect(names.filter((n) => !allowed.has(n))).toEqual([]);
    expect(names).toContain('GET');
  });
});
