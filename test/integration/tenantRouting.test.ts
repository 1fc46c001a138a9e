/**
 * Tenant routing across two PostgreSQL servers (issue 18 §5): the test's own server is the home one,
 * and a second, embedded server is started beside it. A municipality moves with its data from the
 * home server to the second (export, import, removal), the routes then place it there, and every
 * request for each municipality reaches its own server: its session, its cases and the rows it writes.
 */
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reprojectAll } from '../../src/app/reprojection.ts';
import { importMunicipality } from '../../src/app/tenantImport.ts';
import { exportMunicipality, removeMunicipality } from '../../src/app/tenantTransfer.ts';
import { connect, ensureDatabase, type Database } from '../../src/store/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/store/embedded.ts';
import { withTenantRoutes } from '../../src/store/routedDatabase.ts';
import { readTenantRoutes } from '../../src/store/routing.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createDatabaseFromTemplate, databaseUrl } from '../helpers/database.ts';
import { completeAssessment } from '../helpers/decisions.ts';
import { createMunicipality, nationalId } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/ports.ts';

let root: string;
let homeUrl: string;
let second: EmbeddedServer;
let secondUrl: string;
let home: Database;
let other: Database;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tildel-routing-'));
  await chmod(root, 0o755);
  homeUrl = databaseUrl(await createDatabaseFromTemplate());
  second = await startEmbeddedPostgres({ dataDir: path.join(root, 'second'), port: await freePort(), ephemeral: true });
  secondUrl = await ensureDatabase(second.url, 'tildel_second');
  home = await connect(homeUrl, 'home server');
  other = await connect(secondUrl, 'second server');
}, 120_000);

afterAll(async () => {
  for (const o of open.reverse()) await o.close();
  await home?.close();
  await other?.close();
  await second?.stop();
  await rm(root, { recursive: true, force: true });
});

async function newCase(client: Client, born: string, description: string) {
  const person = (await client.command('/api/v1/persons', { nationalId: nationalId(born), givenName: 'Ruta', familyName: 'Tenantsen' })).body;
  const made = await client.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-12-01', description });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { ...(made.body as { id: string; version: number }), personId: person.id as string };
}

const casesOn = async (db: Database, municipality: string) =>
  (await db.owner.query<{ id: string }>('SELECT id FROM case_file WHERE municipality_id = $1 ORDER BY id', [municipality])).rows.map((r) => r.id);

describe('tenant routing across two PostgreSQL servers', () => {
  it('moves a municipality with its data to the second server, and then serves each municipality from its own server', async () => {
    // Before: both municipalities on the home server, one case in the one that will move.
    const moving = await createMunicipality(home);
    const staying = await createMunicipality(home);
    const before = await startServer(home);
    const beforeWorker = await Client.login(before.url, moving.id, 'caseworker');
    const early = await newCase(beforeWorker, '1940-01-01', 'Før flyttingen');
    // An assessment too: its score sum is a generated column (migration 0030), which the import leaves to PostgreSQL.
    await completeAssessment(beforeWorker, early.personId);
    await before.close();

    // The move: export from home, import into the second server, remove from home with the export's digest.
    const file = path.join(root, `${moving.id}.ndjson`);
    const out = createWriteStream(file);
    const exported = await exportMunicipality(home, moving.id, out);
    out.end();
    await finished(out);
    expect((await importMunicipality(other, file)).sha256).toBe(exported.sha256);
    await removeMunicipality(home, moving.id, { repeat: moving.id, exportSha256: exported.sha256 });
    expect(await casesOn(home, moving.id)).toEqual([]);
    expect(await casesOn(other, moving.id)).toEqual([early.id]);
    expect((await other.owner.query('SELECT adl_sum FROM assessment WHERE municipality_id = $1', [moving.id])).rows).toEqual([{ adl_sum: 9 }]);

    // After: the routes place the moved municipality on the second server.
    const routesFile = path.join(root, 'routes.json');
    await writeFile(routesFile, JSON.stringify({ servers: { second: secondUrl }, municipalities: { [moving.id]: 'second' } }));
    const routed = await withTenantRoutes(await connect(homeUrl, 'home server (routed)'), readTenantRoutes(routesFile));
    open.push(routed);
    const server: TestServer = await startServer(routed);
    open.push(server);

    const movedWorker = await Client.login(server.url, moving.id, 'caseworker');
    const stayingWorker = await Client.login(server.url, staying.id, 'caseworker');
    // The case made before the move reads as it was, from the second server.
    const read = await movedWorker.get(`/api/v1/cases/${early.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: early.id, version: early.version });
    // New writes land on each municipality's own server, and only there.
    const movedCase = await newCase(movedWorker, '1941-02-02', 'Etter flyttingen');
    const stayingCase = await newCase(stayingWorker, '1942-03-03', 'Blir hjemme');
    expect(await casesOn(other, moving.id)).toEqual([early.id, movedCase.id].sort());
    expect(await casesOn(home, moving.id)).toEqual([]);
    expect(await casesOn(home, staying.id)).toEqual([stayingCase.id]);
    expect(await casesOn(other, staying.id)).toEqual([]);
    // Sessions live with their municipality; a token of one cannot reach the other's case.
    expect((await other.owner.query('SELECT count(*)::int AS n FROM login_session WHERE municipality_id = $1', [moving.id])).rows[0].n).toBeGreaterThan(0);
    expect((await home.owner.query('SELECT count(*)::int AS n FROM login_session WHERE municipality_id = $1', [moving.id])).rows[0].n).toBe(0);
    expect((await stayingWorker.get(`/api/v1/cases/${movedCase.id}`)).status).toBe(404);
    expect((await movedWorker.get(`/api/v1/cases/${stayingCase.id}`)).status).toBe(404);

    // The installation's views across municipalities ask both servers.
    const listed = (await movedWorker.get('/api/v1/municipalities')).body.map((m: { id: string }) => m.id);
    expect(listed.filter((id: string) => id === moving.id || id === staying.id).sort()).toEqual([moving.id, staying.id].sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect((await movedWorker.get('/health/ready')).body).toMatchObject({ status: 'ready' });
    const rebuilt = await reprojectAll(routed);
    expect(rebuilt.cases).toBe(3);
    for (const db of [home, other]) expect((await db.owner.query('SELECT version FROM projection_version')).rows).toHaveLength(1);

    // An import into the wrong server of a routed installation is refused and changes nothing.
    await expect(importMunicipality(routed, file)).rejects.toThrow(/another server/);
    expect(await casesOn(home, moving.id)).toEqual([]);
  }, 240_000);

  it('refuses a routes file that places a municipality on a server it does not name, saying where', async () => {
    const file = path.join(root, 'bad-routes.json');
    await writeFile(file, JSON.stringify({ servers: { east: secondUrl }, municipalities: { nordby: 'west' } }));
    expect(() => readTenantRoutes(file)).toThrow(/municipalities\.nordby: no server named west/);
    await writeFile(file, JSON.stringify({ servers: { East: 'http://x' }, municipalities: {} }));
    expect(() => readTenantRoutes(file)).toThrow(/servers\.East/);
  });
});
