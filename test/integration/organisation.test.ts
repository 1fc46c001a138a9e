/**
 * The organisation as dated data (issue 17): a municipality created from nothing is configured over
 * the API alone (districts, units, staff, areas, routing rules) and reaches its first decided case;
 * requests are routed by area, service, age band, diagnosis group and pathway, to a named caseworker
 * from a pool; a merge moves staff, open cases and rules, now or on its day; CSV imports are all or
 * none; every change is in the log, and only the administrator may make one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality } from '../../src/app/onboarding.ts';
import { applyDueMerges } from '../../src/app/merges.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
const PASSWORD = 'et-langt-passord-2026';
const today = norwegianDate();
let admin: Client;
const ids: Record<string, string> = {};

async function ok(p: Promise<{ status: number; body: any }>, status = 201): Promise<any> {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

async function register(client: Client, person: { postalCode: string; birthDate: string }, request: Record<string, unknown>): Promise<any> {
  const p = await ok(client.command('/api/v1/persons', { nationalId: nationalId(person.birthDate), givenName: 'Test', familyName: 'Person', postalCode: person.postalCode }));
  return ok(client.command('/api/v1/cases', { personId: p.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Trenger hjelp hjemme', ...request }));
}

beforeAll(async () => {
  const created = await createMunicipality(env.db, { id: 'nyvik', name: 'Nyvik kommune', number: '4699', template: 'purchaser_provider', writtenStandard: 'nb', admin: 'admin' }, today);
  admin = await Client.login(env.server.url, 'nyvik', 'admin', created.admin.oneTimePassword);
  ids.north = (await ok(admin.command('/api/v1/organisation/districts', { name: 'Nord' }))).id;
  ids.south = (await ok(admin.command('/api/v1/organisation/districts', { name: 'Sør' }))).id;
  const unit = async (name: string, kind: string, districtId: string | null | undefined) => (await ok(admin.command('/api/v1/organisation/units', { name, kind, districtId, validFrom: today }))).id;
  ids.office = await unit('Tildelingskontoret', 'allocation_office', null);
  ids.dementia = await unit('Demensteamet', 'allocation_office', ids.north as string);
  ids.provider = await unit('Hjemmetjenesten', 'municipal_provider', null);
  const staff = async (username: string, roles: string[], unitIds: (string | undefined)[]) => (await ok(admin.command('/api/v1/organisation/staff', { username, displayName: username, roles, unitIds, validFrom: today, password: PASSWORD }))).id;
  ids.kari = await staff('kari', ['caseworker'], [ids.office]);
  ids.ola = await staff('ola', ['caseworker'], [ids.dementia]);
  ids.per = await staff('per', ['caseworker'], [ids.dementia]);
  ids.area = (await ok(admin.command('/api/v1/organisation/areas', { name: 'Nord sentrum', districtId: ids.north, postalCodes: ['0150-0199', '0250'], validFrom: today }))).id;
  ids.rule = (
    await ok(
      admin.command('/api/v1/routing-rules', {
        name: 'Demens, 67 år og eldre, i nord',
        priority: 10,
        conditions: { areaIds: [ids.area], ageFrom: 67, diagnosisGroups: ['dementia'] },
        target: { kind: 'caseworker_pool', unitId: ids.dementia, staffIds: [ids.ola, ids.per] },
        validFrom: today,
      }),
    )
  ).id;
  // The organisation has been in force for a month (the API dates nothing in the past), so it can be merged today.
  await env.db.owner.query("UPDATE org_unit SET valid_from = $1 WHERE municipality_id = 'nyvik' AND name <> 'Administrasjon'", [addDays(today, -30)]);
  await env.db.owner.query("UPDATE unit_membership SET valid_from = $1 WHERE municipality_id = 'nyvik'", [addDays(today, -30)]);
});

describe('a municipality configured over the API alone', () => {
  it('routes by area, age and diagnosis group to the pool member with the fewest open cases, and otherwise by the policy', async () => {
    const kari = await Client.login(env.server.url, 'nyvik', 'kari', PASSWORD);
    const first = await register(kari, { postalCode: '0155', birthDate: '1940-02-01' }, { diagnosisGroup: 'dementia' });
    expect(first).toMatchObject({ ownerUnitId: ids.dementia, owner: { id: ids.ola } });
    const person = (await kari.get(`/api/v1/persons/${first.person.id}`)).body;
    expect(person.districtId).toBe(ids.north);
    const second = await register(kari, { postalCode: '0250', birthDate: '1938-05-05' }, { diagnosisGroup: 'dementia' });
    expect(second.owner.id).toBe(ids.per);
    const history = (await kari.get(`/api/v1/cases/${first.id}/actions`)).body;
    expect(history.find((a: any) => a.type === 'case_routed').payload.rule).toContain('Demens, 67 år og eldre');
    // Too young, another diagnosis, or outside the area: the policy's intake (the allocation office), no owner.
    // The allocation office of the person's district (from the postcode's area) or, outside every area, the municipality's.
    for (const [person, request, unit] of [
      [{ postalCode: '0155', birthDate: '1990-02-01' }, { diagnosisGroup: 'dementia' }, 'dementia'],
      [{ postalCode: '0155', birthDate: '1940-02-01' }, { diagnosisGroup: 'somatic' }, 'dementia'],
      [{ postalCode: '0300', birthDate: '1940-02-01' }, { diagnosisGroup: 'dementia' }, 'office'],
    ] as const) {
      const other = await register(kari, person, request);
      expect(other).toMatchObject({ ownerUnitId: ids[unit], owner: null });
    }
  });

  it('reaches its first decided case', async () => {
    const kari = await Client.login(env.server.url, 'nyvik', 'kari', PASSWORD);
    const opened = await register(kari, { postalCode: '0400', birthDate: '1944-04-04' }, {});
    const started = await ok(kari.command(`/api/v1/cases/${opened.id}/actions`, { expectedVersion: opened.version, action: { type: 'assessment_started', payload: {} } }), 200);
    await completeAssessment(kari, opened.person.id, { caseId: opened.id });
    const decided = await ok(kari.command(`/api/v1/cases/${opened.id}/actions`, { expectedVersion: started.version, action: decisionAction('practical_help') }), 200);
    expect(decided).toMatchObject({ status: 'decided', decision: { outcome: 'granted' } });
  });

  it('refuses changes by anyone but the administrator, dates in the past, overlapping postcodes and a pool member from another unit, naming the field', async () => {
    const kari = await Client.login(env.server.url, 'nyvik', 'kari', PASSWORD);
    expect((await kari.command('/api/v1/organisation/districts', { name: 'Vest' })).status).toBe(403);
    const past = await admin.command('/api/v1/organisation/units', { name: 'Gammel', kind: 'interdisciplinary_team', districtId: null, validFrom: addDays(today, -1) });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('validFrom');
    const overlap = await admin.command('/api/v1/organisation/areas', { name: 'Overlapp', districtId: ids.south, postalCodes: ['0190-0210'], validFrom: today });
    expect(overlap.status).toBe(409);
    expect(overlap.body.errors[0]).toMatchObject({ field: 'postalCodes.0', message: expect.stringContaining('Nord sentrum') });
    const pool = await admin.command('/api/v1/routing-rules', { name: 'Feil', priority: 5, conditions: {}, target: { kind: 'caseworker_pool', unitId: ids.dementia, staffIds: [ids.kari] }, validFrom: today });
    expect(pool.status).toBe(400);
    expect(pool.body.errors[0].field).toBe('target.staffIds.0');
    const board = await admin.command('/api/v1/routing-rules', { name: 'Feil', priority: 5, conditions: {}, target: { kind: 'board_next_meeting', unitId: ids.office }, validFrom: today });
    expect(board.body.errors[0]).toMatchObject({ field: 'target.unitId', message: expect.stringContaining('allocation board') });
    expect((await admin.get('/api/v1/routing-rules')).body).toHaveLength(1);
  });
});

describe('areas drawn by street addresses and grunnkrets', () => {
  it('takes one side of a street out of a postcode another area holds, places a person by grunnkrets, and refuses a second claim on the same houses', async () => {
    const streets = await ok(
      admin.command('/api/v1/organisation/areas', { name: 'Storgata oddetall', districtId: ids.south, addressRanges: [{ street: 'Storgata', from: 1, to: 99, side: 'odd' }], grunnkrets: ['46990101'], validFrom: today }),
    );
    expect(streets).toMatchObject({ postalCodes: [], addressRanges: [{ street: 'Storgata', from: 1, to: 99, side: 'odd' }] });
    const kari = await Client.login(env.server.url, 'nyvik', 'kari', PASSWORD);
    const person = async (extra: Record<string, unknown>) =>
      (await ok(kari.command('/api/v1/persons', { nationalId: nationalId('1950-05-05'), givenName: 'Gate', familyName: 'Nummer', ...extra }))) as { districtId: string | null; grunnkrets: string | null };
    // 0155 is Nord sentrum's; the odd side of Storgata in it is the street area's (the more precise description wins).
    expect((await person({ postalCode: '0155', addressLine: 'Storgata 13 B' })).districtId).toBe(ids.south);
    expect((await person({ postalCode: '0155', addressLine: 'Storgata 14' })).districtId).toBe(ids.north);
    expect((await person({ postalCode: '0155' })).districtId).toBe(ids.north);
    // Outside every postcode, the grunnkrets places the person.
    expect(await person({ postalCode: '0300', grunnkrets: '46990101' })).toMatchObject({ districtId: ids.south, grunnkrets: '46990101' });
    expect((await person({ postalCode: '0300' })).districtId).toBeNull();

    const clash = await admin.command('/api/v1/organisation/areas', { name: 'Storgata nedre', districtId: ids.north, addressRanges: [{ street: 'storgata', from: 10, to: 21, side: 'both' }], validFrom: today });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0]).toMatchObject({ field: 'addressRanges.0', message: expect.stringContaining('Storgata oddetall') });
    // The even side is free: no clash.
    expect((await admin.command('/api/v1/organisation/areas', { name: 'Storgata partall', districtId: ids.north, addressRanges: [{ street: 'Storgata', from: 2, to: 98, side: 'even' }], validFrom: today })).status).toBe(201);
    const empty = await admin.command('/api/v1/organisation/areas', { name: 'Tomt', districtId: ids.north, validFrom: today });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('postalCodes');
    const badKrets = await admin.command('/api/v1/organisation/areas', { name: 'Feil', districtId: ids.north, grunnkrets: ['4699'], validFrom: today });
    expect(badKrets.body.errors[0].field).toBe('grunnkrets.0');
    const reversed = await admin.command('/api/v1/organisation/areas', { name: 'Feil', districtId: ids.north, addressRanges: [{ street: 'Bakken', from: 9, to: 3 }], validFrom: today });
    expect(reversed.body.errors[0].field).toBe('addressRanges.0.to');
  });
});

describe('a merge', () => {
  it('previews, then moves staff, open cases (through the pipeline) and routing rules, and says so', async () => {
    const preview = await ok(admin.post('/api/v1/organisation/merges/preview', { fromUnitId: ids.dementia, intoUnitId: ids.office, effectiveOn: today }), 200);
    expect(preview.staffMoving.map((s: any) => s.displayName).sort()).toEqual(['ola', 'per']);
    // The pool's two cases and the two the district routed there.
    expect(preview.openCasesMoving).toBe(4);
    expect(preview.routingRulesRepointed).toBe(1);
    const merged = await ok(admin.command('/api/v1/organisation/merges', { fromUnitId: ids.dementia, intoUnitId: ids.office, effectiveOn: today, reason: 'Demensteamet blir en del av kontoret' }));
    expect(merged).toMatchObject({ scheduled: false, summary: expect.stringContaining('4 open case(s) moved') });
    const ola = await Client.login(env.server.url, 'nyvik', 'ola', PASSWORD);
    expect((await ola.get('/api/v1/me')).body.unitIds).toEqual([ids.office]);
    const mine = (await ola.get('/api/v1/cases?owner=me')).body;
    const moved = mine.items ?? mine;
    expect(moved.every((c: any) => c.ownerUnitId === ids.office)).toBe(true);
    const history = (await ola.get(`/api/v1/cases/${moved[0].id}/actions`)).body;
    expect(history.at(-1)).toMatchObject({ type: 'case_routed', payload: { unitId: ids.office, rule: expect.stringContaining('merged into Tildelingskontoret') } });
    const rules = (await admin.get('/api/v1/routing-rules')).body;
    expect(rules.find((r: any) => r.validTo === null).target.unitId).toBe(ids.office);
    const organisation = (await admin.get('/api/v1/organisation')).body;
    expect(organisation.units.map((u: any) => u.id)).not.toContain(ids.dementia);
    const all = (await admin.get('/api/v1/organisation?history=true')).body;
    expect(all.units.find((u: any) => u.id === ids.dementia)).toMatchObject({ validTo: today, mergedInto: ids.office });
    const changes = (await admin.get('/api/v1/organisation/changes')).body;
    expect(changes[0]).toMatchObject({ kind: 'unit_merged', staffName: 'Administrator', reason: 'Demensteamet blir en del av kontoret', appliedAt: expect.any(String) });
  });

  it('dated later waits for its day and is applied by the job runner then, once', async () => {
    const team = (await ok(admin.command('/api/v1/organisation/units', { name: 'Team Sør', kind: 'allocation_office', districtId: ids.south, validFrom: today }))).id;
    const day = addDays(today, 10);
    const scheduled = await ok(admin.command('/api/v1/organisation/merges', { fromUnitId: team, intoUnitId: ids.office, effectiveOn: day, reason: 'Sammenslåing fra neste måned' }));
    expect(scheduled.scheduled).toBe(true);
    expect(await applyDueMerges(env.db, new Date())).toBe(0);
    expect(await applyDueMerges(env.db, new Date(`${day}T08:00:00Z`))).toBe(1);
    expect(await applyDueMerges(env.db, new Date(`${day}T09:00:00Z`))).toBe(0);
    const all = (await admin.get('/api/v1/organisation?history=true')).body;
    expect(all.units.find((u: any) => u.id === team)).toMatchObject({ validTo: day, mergedInto: ids.office });
  });
});

describe('CSV import', () => {
  it('imports every row or none, listing each refused row by line and column', async () => {
    const bad = 'username;displayName;profession;roles;units;validFrom\nlise;Lise;Sykepleier;caseworker;Tildelingskontoret;\nx;Feil;;wizard;Finnes ikke;\n';
    const refused = await admin.command('/api/v1/organisation/staff/import', { fileName: 'ansatte.csv', csv: bad });
    expect(refused.status).toBe(400);
    const fields = refused.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['csv.3.username', 'csv.3.roles.0']));
    expect(fields.some((f: string) => f.startsWith('csv.2'))).toBe(false);
    expect((await admin.get('/api/v1/organisation')).body.staff.map((s: any) => s.username)).not.toContain('lise');
    const good = 'username;displayName;profession;roles;units;validFrom\nlise;Lise;Sykepleier;caseworker;Tildelingskontoret;\nnils;Nils;;caseworker|team_leader;Tildelingskontoret;\n';
    const dry = await ok(admin.command('/api/v1/organisation/staff/import', { fileName: 'ansatte.csv', csv: good, dryRun: true }), 201);
    expect(dry).toMatchObject({ rows: 2, imported: false });
    expect((await admin.get('/api/v1/organisation')).body.staff.map((s: any) => s.username)).not.toContain('lise');
    expect(await ok(admin.command('/api/v1/organisation/staff/import', { fileName: 'ansatte.csv', csv: good }))).toMatchObject({ rows: 2, imported: true });
    const staff = (await admin.get('/api/v1/organisation')).body.staff;
    expect(staff.find((s: any) => s.username === 'nils')).toMatchObject({ roles: ['caseworker', 'team_leader'], unitIds: [ids.office] });
    const areas = await ok(admin.command('/api/v1/organisation/areas/import', { fileName: 'omrader.csv', csv: 'name;district;team;postalCodes;validFrom\nSør vest;Sør;;0500-0550|0560;\n' }));
    expect(areas.rows).toBe(1);
  });
});

describe('the model classification', () => {
  it('follows the configured organisation: a caseworker moved into a local team from today changes the district’s class', async () => {
    const classOf = async () => (await admin.get('/api/v1/reports/model-classification')).body.find((d: any) => d.districtId === ids.south);
    const before = await classOf();
    expect(before.osloClass).toBe(3);
    const team = (await ok(admin.command('/api/v1/organisation/units', { name: 'Hjemmeteam Sør', kind: 'interdisciplinary_team', districtId: ids.south, validFrom: today }))).id;
    const nils = (await admin.get('/api/v1/organisation')).body.staff.find((s: any) => s.username === 'nils');
    const moved = await ok(admin.command(`/api/v1/organisation/staff/${nils.id}/changes`, { unitIds: [team], effectiveOn: today, reason: 'Flytter til hjemmeteamet' }), 200);
    expect(moved).toMatchObject({ ended: [ids.office], started: [team] });
    const after = await classOf();
    expect(after.osloClass).toBeLessThan(3);
    expect(after.caseworkers.inOneTeam).toBe(before.caseworkers.inOneTeam + 1);
    const change = (await admin.get('/api/v1/organisation/changes')).body[0];
    expect(change).toMatchObject({ kind: 'staff_changed', subjectId: nils.id, summary: expect.stringContaining('1 ended, 1 started'), reason: 'Flytter til hjemmeteamet' });
  });
});
