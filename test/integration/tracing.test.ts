/**
 * OpenTelemetry traces (src/http/tracing.ts) sent to a stand-in collector over OTLP/HTTP JSON: a
 * server span per request named by its route pattern, the caller's trace continued, the database
 * transactions as children of the request, no personal data anywhere; and nothing at all while off.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../src/http/tracing.ts';
import { startJobRunner } from '../../src/jobs/runner.ts';
import { tracingOn } from '../../src/store/tracing.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId } from '../helpers/fixtures.ts';
import { startOtlpStandIn, type OtlpStandIn, type ReceivedSpan } from '../helpers/otlpStandIn.ts';

const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_SERVICE_NAME', 'OTEL_SDK_DISABLED', 'OTEL_TRACES_EXPORTER'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let db: Database;
let collector: OtlpStandIn;
const saved = Object.fromEntries(OTEL_VARIABLES.map((k) => [k, process.env[k]]));

/** Sets the OTEL_* variables for the server about to be built (tracing reads them at start), clearing the rest. */
function setOtel(values: Record<string, string>): void {
  for (const k of OTEL_VARIABLES) delete process.env[k];
  Object.assign(process.env, values);
}

function restoreOtel(): void {
  for (const k of OTEL_VARIABLES) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  collector = await startOtlpStandIn();
});

afterAll(async () => {
  restoreOtel();
  await collector?.close();
  await db?.close();
});

describe('traces while on', () => {
  let server: TestServer;
  const person = { nationalId: nationalId('1944-05-06'), givenName: 'Sporvid', familyName: 'Spennsen' };
  const callerTrace = randomUUID().replaceAll('-', '');
  const callerSpan = '00f067aa0ba902b7';
  let spans: ReceivedSpan[] = [];
  let caseId = '';
  let readHeaders: Headers;
  let municipality = '';

  beforeAll(async () => {
    setOtel({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'tildel-test' });
    try {
      server = await startServer(db);
    } finally {
      restoreOtel();
    }
    const m = await createMunicipality(db);
    municipality = m.id;
    const caseworker = await Client.login(server.url, m.id, 'caseworker');
    const created = await caseworker.command('/api/v1/persons', person);
    expect(created.status).toBe(201);
    const opened = await caseworker.command('/api/v1/cases', { personId: created.body.id, serviceCode: 'safety_alarm', channel: 'relative', receivedOn: '2026-09-01', description: 'Alarm' });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
    expect((await caseworker.post('/api/v1/persons/search', { name: person.familyName, limit: 10 })).status).toBe(200);
    const read = await caseworker.request('GET', `/api/v1/cases/${caseId}`, undefined, { traceparent: `00-${callerTrace}-${callerSpan}-01` });
    expect(read.status).toBe(200);
    readHeaders = read.headers;
    // Joins the server's tracing to force the batch out now; the job runner's first task comes with it.
    const handle = startTracing();
    const runner = await startJobRunner(db, { pollIntervalMs: 200 });
    try {
      for (let i = 0; i < 50 && !collector.spans().some((s) => s.name === 'job raise_due_deadlines'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await handle?.flush();
      }
    } finally {
      await runner.stop();
    }
    await handle?.flush();
    await handle?.shutdown();
    spans = collector.spans();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('sends OTLP/HTTP JSON that fits ExportTraceServiceRequest, with the service name and version', () => {
    expect(collector.rejected).toEqual([]);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]?.resource['service.name']).toBe('tildel-test');
    expect(spans[0]?.resource['service.version']).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('makes a server span per request, named by its route pattern, with the status code and the municipality', () => {
    const server = spans.filter((s) => s.kind === 2);
    const names = server.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'POST /api/v1/persons', 'POST /api/v1/cases', 'POST /api/v1/persons/search', 'GET /api/v1/cases/:id']));
    const read = server.find((s) => s.name === 'GET /api/v1/cases/:id');
    expect(read?.attribute('http.route')).toBe('/api/v1/cases/:id');
    expect(read?.attribute('http.request.method')).toBe('GET');
    expect(read?.attribute('http.response.status_code')).toBe(200);
    expect(read?.attribute('tildel.municipality')).toBe(municipality);
    expect(server.find((s) => s.name === 'POST /api/v1/cases')?.attribute('http.response.status_code')).toBe(201);
    for (const s of spans) expect(s.name).not.toMatch(UUID);
  });

  it("continues the caller's trace, and answers with the request's traceparent and logs its trace id", () => {
    const read = spans.find((s) => s.name === 'GET /api/v1/cases/:id');
    expect(read?.traceId).toBe(callerTrace);
    expect(read?.parentSpanId).toBe(callerSpan);
    expect(readHeaders.get('traceparent')).toBe(`00-${callerTrace}-${read?.spanId}-01`);
    const completed = server.logs.map((l) => JSON.parse(l) as { msg?: string; traceId?: string; req?: unknown; res?: unknown }).filter((l) => l.traceId === callerTrace);
    expect(completed.some((l) => l.msg === 'request completed')).toBe(true);
  });

  it('makes each database transaction a child span of its request', () => {
    for (const name of ['GET /api/v1/cases/:id', 'POST /api/v1/cases']) {
      const request = spans.find((s) => s.name === name);
      const children = spans.filter((s) => s.name === 'db.transaction' && s.parentSpanId === request?.spanId);
      expect(children.length, name).toBeGreaterThan(0);
      expect(children.every((c) => c.traceId === request?.traceId && c.attribute('retries') === 0)).toBe(true);
    }
  });

  it("makes each job runner task a span, its transactions as children", () => {
    const job = spans.find((s) => s.name === 'job raise_due_deadlines');
    expect(job?.attribute('tildel.job.task')).toBe('raise_due_deadlines');
    expect(spans.filter((s) => s.name === 'db.transaction' && s.parentSpanId === job?.spanId).length).toBeGreaterThan(0);
  });

  it('never exports a national id, a name or an id from a URL', () => {
    const all = collector.bodies.join('\n');
    expect(all).not.toContain(person.nationalId);
    expect(all).not.toContain(person.givenName);
    expect(all).not.toContain(person.familyName);
    expect(all).not.toContain(caseId);
  });
});

describe('traces while off', () => {
  it('sends nothing without an endpoint, or with the SDK disabled, and adds no traceparent', async () => {
    for (const env of [{}, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SDK_DISABLED: 'true' }] as Record<string, string>[]) {
      const before = collector.bodies.length;
      setOtel(env);
      let server: TestServer;
      try {
        server = await startServer(db);
      } finally {
        restoreOtel();
      }
      try {
        expect(tracingOn()).toBe(false);
        const m = await createMunicipality(db);
        const caseworker = await Client.login(server.url, m.id, 'caseworker');
        const created = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Av', familyName: 'Slått' });
        expect(created.status).toBe(201);
        expect(created.headers.get('traceparent')).toBeNull();
        expect(startTracing()).toBeNull();
      } finally {
        await server.close();
      }
      expect(collector.bodies.length).toBe(before);
    }
  });
});
