/**
 * Connections the database ends (a failover, a restart, a DBA's pg_terminate_backend) do not end the
 * process: a request whose connection was lost is run again where that is safe, or answers 503, and
 * the next requests succeed. `tildel serve` stops gracefully on SIGTERM, and keeps its idle connections
 * warm longer than node-postgres' default (database.ts: SERVER_IDLE_CONNECTION_MS).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../../src/store/database.ts';
import { inTransaction } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { tildel } from '../helpers/cli.ts';
import { serveChild, terminateAppConnections as terminateConnections } from '../helpers/serve.ts';
import { createDatabaseFromTemplate, databaseUrl, serverUrl } from '../helpers/database.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

let name: string;
let db: Database;
let m: TestMunicipality;

beforeAll(async () => {
  name = await createDatabaseFromTemplate();
  db = await connect(databaseUrl(name), `test database ${name}`);
  m = await createMunicipality(db);
});

afterAll(async () => {
  await db?.close();
});

/** As a DBA would: ends every connection tildel has open to this database; returns how many. */
const terminateAppConnections = (activeOnly = false) => terminateConnections(serverUrl(), name, activeOnly);

const person = () => ({ nationalId: nationalId(), givenName: 'Feil', familyName: 'Tolerant' });

describe('connections ended by the database, in the server', () => {
  let server: TestServer;
  let caseworker: Client;

  beforeAll(async () => {
    server = await startServer(db);
    caseworker = await Client.login(server.url, m.id, 'caseworker');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('runs a transaction again on a fresh connection when its connection is ended in the middle of it', async () => {
    let attempts = 0;
    const slow = inTransaction(db.app, async (tx) => {
      attempts += 1;
      await tx.query('SELECT pg_sleep(0.8)');
      return 'done';
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await terminateAppConnections(true)).toBeGreaterThanOrEqual(1);
    await expect(slow).resolves.toBe('done');
    expect(attempts).toBe(2);
  });

  it('answers every request during the cut with success or 503, never 500, and the next ones succeed', async () => {
    const p = await caseworker.command('/api/v1/persons', person());
    expect(p.status).toBe(201);
    const during = Array.from({ length: 12 }, (_, i) => (i % 2 ? caseworker.get(`/api/v1/persons/${p.body.id}`) : caseworker.command('/api/v1/persons', person())));
    expect(await terminateAppConnections()).toBeGreaterThanOrEqual(1);
    const replies = await Promise.all(during);
    for (const r of replies) {
      expect([200, 201, 503], JSON.stringify(r.body)).toContain(r.status);
      if (r.status === 503) expect(r.body).toMatchObject({ code: 'unavailable', status: 503 });
    }
    // Every idle connection of both pools is gone now too.
    await terminateAppConnections();
    const lost = () => server.logs.filter((l) => l.includes('connection was lost')).slice(-2).join('\n');
    expect((await caseworker.get(`/api/v1/persons/${p.body.id}`)).status, lost()).toBe(200);
    expect((await caseworker.command('/api/v1/persons', person())).status, lost()).toBe(201);
    expect((await caseworker.get('/health/ready')).status).toBe(200);
    expect(server.logs.join('')).not.toMatch(/"level":50.*unhandled error/);
  });
});

/** Starts `tildel serve` on the test database and resolves with its address once it listens. */
const serve = () => serveChild({ DATABASE_URL: databaseUrl(name), PORT: '0' });

describe('tildel serve', () => {
  it('stays up when a DBA ends its connections, serves the next requests, and stops gracefully on SIGTERM', async () => {
    const { child, url, output } = await serve();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const caseworker = await Client.login(url, m.id, 'caseworker');
      expect((await caseworker.command('/api/v1/persons', person())).status).toBe(201);
      for (let round = 0; round < 2; round += 1) {
        const during = Array.from({ length: 6 }, () => caseworker.command('/api/v1/persons', person()));
        expect(await terminateAppConnections()).toBeGreaterThanOrEqual(1);
        for (const r of await Promise.all(during)) expect([201, 503]).toContain(r.status);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(child.exitCode, output()).toBeNull();
      expect((await caseworker.command('/api/v1/persons', person())).status).toBe(201);
      expect((await caseworker.get('/health/ready')).status).toBe(200);
      // The doctor runs against the live server: the database, the projections, and the server's readiness.
      const doctor = await tildel(['doctor'], { DATABASE_URL: databaseUrl(name), HOST: '127.0.0.1', PORT: new URL(url).port });
      expect(doctor.out).toMatch(new RegExp(`✓ Server: ${url}: ready`));
      expect(doctor.out).toMatch(/✓ Projections:/);
      // A request in flight when SIGTERM comes is still answered.
      const inFlight = caseworker.command('/api/v1/persons', person());
      await new Promise((resolve) => setTimeout(resolve, 20));
      child.kill('SIGTERM');
      expect((await inFlight).status).toBe(201);
      expect(await exited, output()).toBe(0);
      expect(output()).toContain('tildel: stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it("keeps its idle application connections past node-postgres' 10 s, so a report after a pause reads on a warm backend", async () => {
    const { child, url } = await serve();
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    // The backends of the server's application connections that are idle now.
    const idleBackends = async () =>
      (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'tildel' AND state = 'idle'", [name])).rows.map((r) => r.pid);
    try {
      const caseworker = await Client.login(url, m.id, 'caseworker');
      // Two reads at once, so the pool holds at least two connections.
      await Promise.all([caseworker.get('/api/v1/work-queue'), caseworker.get('/api/v1/work-queue')]);
      const before = await idleBackends();
      expect(before.length).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      const after = await idleBackends();
      expect(after).toEqual(expect.arrayContaining(before));
    } finally {
      await admin.end();
      child.kill('SIGTERM');
    }
  }, 60_000);
});
