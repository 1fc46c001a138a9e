/**
 * Onboarding (issue 17, item 1): the operator creates a municipality with the `tildel` command; its
 * administrator logs in with the one-time password, finds the first policy of the chosen model, and
 * sees no personal data. A taken id or kommunenummer, or bad options, change nothing. A municipality
 * is exported, removed and imported again as it was (a tenant moving between installations).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality } from '../../src/app/onboarding.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { connect } from '../../src/store/database.ts';
import { createDatabaseFromTemplate, databaseUrl } from '../helpers/database.ts';
import { createMunicipality as createTestMunicipality, nationalId } from '../helpers/fixtures.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';

const BIN = path.resolve('bin/tildel.mjs');
let db: Database;
let url: string;
let server: TestServer;

beforeAll(async () => {
  url = databaseUrl(await createDatabaseFromTemplate());
  db = await connect(url, 'onboarding test database');
  server = await startServer(db);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

function tildel(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('tildel municipality create', () => {
  it('creates a municipality whose administrator logs in and finds the first policy of its model, and no persons', async () => {
    const r = tildel(['municipality', 'create', '--id', 'fjellvik', '--name', 'Fjellvik kommune', '--number', '4655', '--template', 'trust_model', '--written-standard', 'nn', '--admin', 'systemansvarleg']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('trust model');
    const password = /one-time password (\S+)/.exec(r.out)?.[1] as string;
    expect(password).toBeTruthy();
    const admin = await Client.login(server.url, 'fjellvik', 'systemansvarleg', password);
    expect((await admin.get('/api/v1/me')).body.roles).toEqual(['admin']);
    const policies = (await admin.get('/api/v1/policies')).body;
    expect(policies).toEqual([expect.objectContaining({ rules: expect.objectContaining({ model: 'trust_model' }) })]);
    expect((await admin.get('/api/v1/cases')).status).toBe(403);
    const { rows } = await db.owner.query('SELECT municipality_number, letterhead FROM municipality WHERE id = $1', ['fjellvik']);
    expect(rows[0]).toMatchObject({ municipality_number: '4655', letterhead: { name: 'Fjellvik kommune', writtenStandard: 'nn' } });
  });

  it('refuses a taken id or kommunenummer, and bad options, naming the option, and changes nothing', async () => {
    await createMunicipality(db, { id: 'strandby', name: 'Strandby kommune', number: '3001', template: 'hybrid', writtenStandard: 'nb', admin: 'admin' }, '2026-12-03');
    const taken = tildel(['municipality', 'create', '--id', 'strandby', '--name', 'Strandby 2', '--number', '3002', '--template', 'hybrid']);
    expect(taken.code).not.toBe(0);
    expect(taken.out).toContain('exists already');
    const number = tildel(['municipality', 'create', '--id', 'nyby', '--name', 'Nyby kommune', '--number', '3001', '--template', 'hybrid']);
    expect(number.code).not.toBe(0);
    expect(number.out).toContain('3001');
    const bad = tildel(['municipality', 'create', '--id', 'X', '--name', 'Nyby kommune', '--number', '30011', '--template', 'anarchy']);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/--id: .*--number: .*--template/);
    const { rows } = await db.owner.query("SELECT id FROM municipality WHERE id IN ('nyby', 'x') OR name = 'Strandby 2'");
    expect(rows).toEqual([]);
  });
});

describe('tildel municipality export and remove', () => {
  it('exports every row of one municipality, and removes it all only with the digest of its present rows, leaving the others', async () => {
    const created = await createMunicipality(db, { id: 'flyttby', name: 'Flyttby kommune', number: '3003', template: 'purchaser_provider', writtenStandard: 'nb', admin: 'admin' }, '2026-12-03');
    const admin = await Client.login(server.url, 'flyttby', 'admin', created.admin.oneTimePassword);
    expect((await admin.command('/api/v1/organisation/districts', { name: 'Sentrum' })).status).toBe(201);
    const file = path.join(os.tmpdir(), `flyttby-${Date.now()}.ndjson`);
    const exported = tildel(['municipality', 'export', '--id', 'flyttby', '--out', file]);
    expect(exported.code, exported.out).toBe(0);
    const digest = /sha256 of the rows: ([0-9a-f]{64})/.exec(exported.out)?.[1] as string;
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'tildel-municipality-export', municipality: 'flyttby' });
    const tables = new Set(lines.slice(1).map((l) => l.table));
    expect([...tables]).toEqual(expect.arrayContaining(['municipality', 'district', 'org_unit', 'staff', 'allocation_policy', 'org_change', 'unit_membership', 'login_session']));
    expect(lines.slice(1).every((l) => (l.table === 'municipality' ? l.row.id : (l.row.municipality_id ?? l.row.municipality)) === 'flyttby')).toBe(true);

    const wrong = tildel(['municipality', 'remove', '--id', 'flyttby', '--confirm', 'flyttby', '--export-sha256', '0'.repeat(64)]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain('digest does not match');
    expect(tildel(['municipality', 'remove', '--id', 'flyttby', '--confirm', 'flytt', '--export-sha256', digest]).code).not.toBe(0);
    const before = (await db.owner.query("SELECT count(*)::int AS n FROM staff WHERE municipality_id <> 'flyttby'")).rows[0].n;
    const removed = tildel(['municipality', 'remove', '--id', 'flyttby', '--confirm', 'flyttby', '--export-sha256', digest]);
    expect(removed.code, removed.out).toBe(0);
    expect((await db.owner.query("SELECT count(*)::int AS n FROM municipality WHERE id = 'flyttby'")).rows[0].n).toBe(0);
    expect((await db.owner.query("SELECT count(*)::int AS n FROM org_change WHERE municipality_id = 'flyttby'")).rows[0].n).toBe(0);
    expect((await db.owner.query("SELECT count(*)::int AS n FROM staff WHERE municipality_id <> 'flyttby'")).rows[0].n).toBe(before);
    // The append-only rules hold again for everyone else.
    const { rows: triggers } = await db.owner.query("SELECT tgname, tgenabled FROM pg_trigger WHERE tgname LIKE '%append_only%' AND NOT tgisinternal");
    expect(triggers.length).toBeGreaterThan(5);
    expect(triggers.filter((t) => t.tgenabled !== 'O')).toEqual([]);
  }, 240_000);

  it('imports an export into an installation without the municipality, all or nothing, with its cases, letters and history as they were', async () => {
    const m = await createTestMunicipality(db);
    const caseworker = await Client.login(server.url, m.id, 'caseworker');
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1939-09-09'), givenName: 'Flytte', familyName: 'Flyttesen' })).body;
    let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-12-01', description: 'Trenger hjelp' })).body;
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    await completeAssessment(caseworker, person.id, { caseId: c.id });
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('practical_help') })).body;
    const letter = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    const pdfDigest = async () => (await db.owner.query('SELECT md5(pdf) AS d FROM letter WHERE municipality_id = $1', [m.id])).rows.map((r) => r.d);
    const pdfBefore = await pdfDigest();
    expect(pdfBefore).toHaveLength(1);

    const before = (await caseworker.get(`/api/v1/cases/${c.id}`)).body;
    const file = path.join(os.tmpdir(), `${m.id}-${Date.now()}.ndjson`);
    const exported = tildel(['municipality', 'export', '--id', m.id, '--out', file]);
    expect(exported.code, exported.out).toBe(0);
    const digest = /sha256 of the rows: ([0-9a-f]{64})/.exec(exported.out)?.[1] as string;
    // Present already: refused, nothing written.
    const present = tildel(['municipality', 'import', '--file', file]);
    expect(present.code).not.toBe(0);
    expect(present.out).toContain('exists already');
    expect(tildel(['municipality', 'remove', '--id', m.id, '--confirm', m.id, '--export-sha256', digest]).code).toBe(0);

    // A damaged file (a row of a table the header does not name): nothing of it stays.
    const damaged = `${file}.damaged`;
    fs.writeFileSync(damaged, `${fs.readFileSync(file, 'utf8')}${JSON.stringify({ table: 'no_such_table', row: {} })}\n`);
    const refused = tildel(['municipality', 'import', '--file', damaged]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('line');
    expect((await db.owner.query('SELECT count(*)::int AS n FROM case_action WHERE municipality_id = $1', [m.id])).rows[0].n).toBe(0);

    const imported = tildel(['municipality', 'import', '--file', file]);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain(`sha256 of the rows: ${digest}`);
    const again = await Client.login(server.url, m.id, 'caseworker');
    const read = (await again.get(`/api/v1/cases/${c.id}`)).body;
    expect(read).toEqual(before);
    expect(read).toMatchObject({ status: 'decided', decision: { outcome: 'granted' } });
    expect((await again.get(`/api/v1/cases/${c.id}/actions`)).body.map((a: any) => a.type)).toContain('letter_issued');
    expect(await pdfDigest()).toEqual(pdfBefore);
    // The history is append-only again after the import.
    await expect(db.owner.query('UPDATE case_action SET reason = reason WHERE municipality_id = $1', [m.id])).rejects.toThrow();
  }, 240_000);
});

