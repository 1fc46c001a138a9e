/**
 * Seed 003 Tables 5.1, 5.2 and 5.3 (issue 20 part 7) computed by GET /api/v1/reports/workforce from
 * data entered through the API on a real PostgreSQL, on a clock fixed at 2022-03-15, and the
 * source's own inconsistencies computed rather than copied.
 *
 * Scale. The source counts thousands of årsverk, employees and users; the fixtures are scaled down
 * so the file runs in seconds, and the tables are compared where the scaling keeps them:
 * - Table 5.1 at 1:1000: each category and year is one position whose size is the source's årsverk
 *   ÷ 1000 (618 → 0.618). Changes and shares are ratios, so they are the same at any scale; totals
 *   are compared × 1000.
 * - Table 5.2: «Alle bydelene» for des.15 and des.21 with the fewest employees whose shares round to
 *   the source's one decimal: 107 employees (55 full-time, 66 permanent) and 29 (17 full-time, 18
 *   permanent), in two districts. A district's own row would need 100–200 employees each.
 * - Table 5.3 for 2019 and 2021 (the two years whose stated average the simple mean misses): one home
 *   nursing user per district, visited in n months of each year (a user-month is what the mean is
 *   over), with the distinct employees of each month chosen so the district's mean is the source's
 *   value; n is the least that makes the value exact (1, 2, 5 or 10) and 10 for the districts whose
 *   users must weigh more, so that the user-weighted mean meets the stated average.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.ts';
import { PROFESSION_CATEGORY_IDS, SKILLED_SHARE_VARIANTS } from '../../src/domain/reports/workforceDefinitions.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { oneDecimal, STATED_SKILLED_SHARE, TABLE_51, TABLE_51_STATED_CHANGE, TABLE_51_STATED_TOTAL, TABLE_52_ALL, TABLE_52_FULL_TIME, TABLE_53, TABLE_53_STATED_AVERAGE } from '../helpers/seed003Tables5.ts';

const TODAY = '2022-03-15';
let db: Database;
let server: TestServer;
let a: TestMunicipality;
let b: TestMunicipality;
const clients: Record<string, Client> = {};
/** User-months per district and year (Table 5.3), in the order of TABLE_53. */
const USER_MONTHS = [2, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];

async function ok(r: Promise<{ status: number; body: any }>, status = 201): Promise<any> {
  const reply = await r;
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
}

async function addStaff(admin: Client, username: string, unitId: string): Promise<string> {
  return (await ok(admin.command('/api/v1/organisation/staff', { username, displayName: username, roles: ['provider_staff'], unitIds: [unitId], validFrom: TODAY }))).id;
}

const position = (admin: Client, staffId: string, body: Record<string, unknown>) => admin.command(`/api/v1/organisation/staff/${staffId}/positions`, { kostraFunction: '254', permanent: true, ...body });

/** Table 5.1 at 1:1000 in municipality A: one staff member per category, a position in 2015 and one in 2020; and noise the table must leave out. */
async function table51Fixture(admin: Client): Promise<void> {
  for (const category of PROFESSION_CATEGORY_IDS) {
    const staffId = await addStaff(admin, `t51-${category.replace(/_/g, '-')}`, a.providerId);
    for (const [i, year] of [[0, 2015], [5, 2020]] as const) {
      const fte = (TABLE_51[category][i] ?? 0) / 1000;
      if (fte > 0) await ok(position(admin, staffId, { unitId: a.providerId, category, fte, validFrom: `${year}-01-01`, validTo: `${year + 1}-01-01` }));
    }
  }
  const noise = await addStaff(admin, 't51-noise', a.providerId);
  // An institution position (function 253) and a home-services position ended before the reference day.
  await ok(position(admin, noise, { unitId: a.providerId, category: 'other_nurse', fte: 0.5, kostraFunction: '253', validFrom: '2015-01-01' }));
  const ended = await ok(position(admin, noise, { unitId: a.providerId, category: 'other_nurse', fte: 0.4, validFrom: '2015-01-01' }));
  await ok(admin.command(`/api/v1/organisation/staff/${noise}/positions/${ended.id}/end`, { effectiveOn: '2015-06-01', reason: 'Sluttet' }), 200);
}

async function inBatches(n: number, each: (i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < n; start += 8) await Promise.all(Array.from({ length: Math.min(8, n - start) }, (_, k) => each(start + k)));
}

/** Table 5.2 in municipality B: des.15 107 employees, des.21 the first 29 of them, split over two districts. */
async function table52Fixture(admin: Client): Promise<void> {
  const district = await ok(admin.command('/api/v1/organisation/districts', { name: 'Vest' }));
  const west = (await ok(admin.command('/api/v1/organisation/units', { name: 'Hjemmetjenesten Vest', kind: 'municipal_provider', districtId: district.id, validFrom: TODAY }))).id;
  const csv = ['username;displayName;profession;roles;units;validFrom', ...Array.from({ length: 107 }, (_, i) => `e${i};Ansatt ${i};;provider_staff;Hjemmetjenesten;${TODAY}`)].join('\n');
  await ok(admin.command('/api/v1/organisation/staff/import', { fileName: 'ansatte.csv', csv }));
  const org = await ok(admin.get('/api/v1/organisation'), 200);
  const id = (i: number) => org.staff.find((s: any) => s.username === `e${i}`).id as string;
  const unit = (i: number) => (i % 2 ? west : b.providerId);
  // des.15: 55 full-time, then 38 at 50 % and 14 at 60 % (size 82.4 of 107 = 77.0 %); the first 66 permanent.
  // Independent commands, sent eight at a time to keep the file fast.
  const all = (n: number, body: (i: number) => Record<string, unknown>) => inBatches(n, (i) => ok(position(admin, id(i), body(i))));
  await all(107, (i) => ({ unitId: unit(i), category: 'health_worker', fte: i < 55 ? 1 : i < 93 ? 0.5 : 0.6, permanent: i < 66, validFrom: '2015-01-01', validTo: '2016-01-01' }));
  // des.21: 17 full-time (one of them in two positions, 60 % + 40 %), 12 at 52.5 % (23.3 of 29 = 80.3 %); 18 permanent.
  await all(29, (i) => ({ unitId: unit(i), category: 'other_nurse', fte: i === 0 ? 0.6 : i < 17 ? 1 : 0.525, permanent: i < 18, validFrom: '2021-01-01' }));
  await ok(position(admin, id(0), { unitId: unit(0), category: 'other_nurse', fte: 0.4, permanent: false, validFrom: '2021-01-01' }));
  // Not in home services: left out of Table 5.2.
  await ok(position(admin, id(30), { unitId: west, category: 'other_nurse', fte: 0.3, permanent: false, kostraFunction: '253', validFrom: '2021-01-01' }));
}

async function act(who: Client, c: { id: string; version: number }, type: string, payload: unknown = {}): Promise<any> {
  return ok(who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type, payload } }), 200);
}

/** A home-nursing user in the district, granted from 2019 and visited by the provider. */
async function homeNursingUser(districtId: string, name: string): Promise<string> {
  const { caseworker: office, provider } = clients as Record<string, Client>;
  const person = await ok(office!.command('/api/v1/persons', { nationalId: nationalId('1935-05-05'), givenName: name, familyName: 'Bruker', districtId }));
  let c = await ok(office!.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: '2018-11-01', description: 'Søknad' }));
  c = await act(office!, c, 'owner_assigned', { ownerStaffId: a.staff.caseworker });
  c = await act(office!, c, 'assessment_started');
  c = await act(office!, c, 'decision_made', { outcome: 'granted', serviceCode: 'home_nursing', validFrom: '2019-01-01', summary: 'Vedtak', withoutAssessmentReason: 'Testen gjelder tallene', form: 'time_fixed', hoursPerWeek: 5, untilFurtherNotice: true, reevaluateBy: '2023-01-01' });
  c = await act(office!, c, 'service_arranged', { providerUnitId: a.providerId, startOn: '2019-01-01' });
  c = await act(provider!, c, 'order_accepted', { providerUnitId: a.providerId });
  c = await act(provider!, c, 'service_started', { startedOn: '2019-01-01' });
  return c.caseNumber;
}

/** Visit rows for one user and year: n months, the k-th with ⌊n·v⌋/n or one more distinct employees, so the months' mean is v. */
function visitRows(caseNumber: string, district: number, year: number, n: number, value: number): string[] {
  const total = Math.round(n * value);
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, k) => (k < total - base * n ? base + 1 : base)).flatMap((count, k) =>
    Array.from({ length: count }, (_, j) => `${caseNumber};d${district}-e${j};${year}-${String(k + 1).padStart(2, '0')}-${String(j + 1).padStart(2, '0')};30`),
  );
}

/** Table 5.3 in municipality A: the 15 districts, one user each, visits in 2019 and 2021 imported as one CSV, and a visit that must not count. */
async function table53Fixture(admin: Client): Promise<void> {
  const rows: string[] = [];
  for (const [i, [name, , v2019, , v2021]] of TABLE_53.entries()) {
    const district = await ok(admin.command('/api/v1/organisation/districts', { name }));
    const caseNumber = await homeNursingUser(district.id, `Bruker ${i}`);
    rows.push(...visitRows(caseNumber, i, 2019, USER_MONTHS[i] ?? 1, v2019), ...visitRows(caseNumber, i, 2021, USER_MONTHS[i] ?? 1, v2021));
    // A cancelled visit by one more employee does not make them one more.
    if (i === 0) rows.push(`${caseNumber};extra;2019-01-28;0;cancelled;Bruker ikke hjemme`);
  }
  const csv = ['case_number;employee;date;minutes;status;cancel_reason', ...rows.map((r) => (r.split(';').length === 4 ? `${r};;` : r))].join('\n');
  const imported = await ok(clients.provider!.command('/api/v1/visits/import', { providerUnitId: a.providerId, fileName: 'besok.csv', csv }));
  expect(imported.imported ?? imported.rows ?? rows.length).toBeTruthy();
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer(db, fixedClock(TODAY));
  a = await createMunicipality(db);
  b = await createMunicipality(db);
  for (const who of ['admin', 'leader', 'caseworker', 'provider', 'teamleader']) clients[who] = await Client.login(server.url, a.id, who);
  clients.adminB = await Client.login(server.url, b.id, 'admin');
  clients.leaderB = await Client.login(server.url, b.id, 'leader');
  await table51Fixture(clients.admin!);
  await table53Fixture(clients.admin!);
  await table52Fixture(clients.adminB!);
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const report = async (who: Client, query: string) => ok(who.get(`/api/v1/reports/workforce?${query}`), 200);
const pct = (x: number | null | undefined) => oneDecimal((x ?? Number.NaN) * 100);

describe('Table 5.1: agreed årsverk by profession (1:1000)', () => {
  it('gives each category back for 2015 and 2020, and totals that are the rows’ sums, not the stated «I alt»', async () => {
    const r = await report(clients.leader!, 'from=2015&to=2020');
    const [first, last] = [r.fteByCategory.columns[0], r.fteByCategory.columns[5]];
    expect([first.year, first.day, last.year]).toEqual([2015, '2015-12-01', 2020]);
    for (const c of PROFESSION_CATEGORY_IDS) expect([c, Math.round(first.byCategory[c] * 1000), Math.round(last.byCategory[c] * 1000)]).toEqual([c, TABLE_51[c][0], TABLE_51[c][5]]);
    const totals = [Math.round(first.total * 1000), Math.round(last.total * 1000)];
    expect(totals).toEqual([2313, 2682]);
    // The source's inconsistency: its «I alt» is not the sum of its rows.
    expect([totals[0]! - TABLE_51_STATED_TOTAL[0], totals[1]! - TABLE_51_STATED_TOTAL[5]]).toEqual([2, 1]);
    // The years between have no positions; the noise (function 253, a position ended in June) is left out.
    expect(r.fteByCategory.columns.slice(1, 5).map((c: any) => c.total)).toEqual([0, 0, 0, 0]);
  });

  it('computes the change 2015 → 2020; two stated changes do not follow from the table', async () => {
    const { change } = (await report(clients.leader!, 'from=2015&to=2020')).fteByCategory;
    expect(Math.round(change.total * 100)).toBe(TABLE_51_STATED_CHANGE.total);
    expect(Math.round(change.byCategory.health_worker * 100)).toBe(TABLE_51_STATED_CHANGE.health_worker);
    expect(Math.round(change.byCategory.auxiliary_nurse * 100)).toBe(TABLE_51_STATED_CHANGE.auxiliary_nurse);
    // «Ergoterapeuter … fra 40 til 115 (184 %)» (L958, L941): 40 → 115 is 187.5 %.
    expect(pct(change.byCategory.occupational_therapist)).toBe(187.5);
    expect(pct(change.byCategory.occupational_therapist)).not.toBe(TABLE_51_STATED_CHANGE.occupational_therapist);
    // «andre sykepleiere … fra 618 til 831 (35 %)» (L958) against the table's 34 %: 34.5 % rounds either way.
    expect(pct(change.byCategory.other_nurse)).toBe(34.5);
  });

  it('cannot reproduce the stated skilled share of 79 → 83 % under any definition of «faglært»', async () => {
    const r = await report(clients.leader!, 'from=2015&to=2020');
    const [first, last] = [r.fteByCategory.columns[0], r.fteByCategory.columns[5]];
    const shares = Object.fromEntries(SKILLED_SHARE_VARIANTS.map((v) => [v.id, [Math.round(first.skilledShare[v.id] * 100), Math.round(last.skilledShare[v.id] * 100)]]));
    expect(shares).toEqual({ allButWithoutHealthEducation: [76, 82], allButWithoutOrUnspecified: [73, 81], healthEducation: [70, 77] });
    const stated = [STATED_SKILLED_SHARE[2015] * 100, STATED_SKILLED_SHARE[2020] * 100];
    for (const pair of Object.values(shares)) expect(pair).not.toEqual(stated);
    expect(r.definitions.find((d: any) => d.id === 'skilledShare').citation).toContain('L925');
  });
});

describe('Table 5.2: full-time share, position size, permanent share (function 254, December)', () => {
  it('reproduces «Alle bydelene» for des.15 and des.21 from employees’ positions', async () => {
    const r = await report(clients.leaderB!, 'from=2015&to=2021');
    const col = (year: number) => r.positions.find((p: any) => p.day === `${year}-12-01`);
    for (const [year, label] of [[2015, 'des.15'], [2021, 'des.21']] as const) {
      const { all } = col(year);
      expect([label, pct(all.fullTimeShare), pct(all.meanPositionSize), pct(all.permanentShare)]).toEqual([label, TABLE_52_ALL[label].fullTime, TABLE_52_ALL[label].size, TABLE_52_ALL[label].permanent]);
    }
    expect([col(2015).all.employees, col(2021).all.employees]).toEqual([107, 29]);
    expect(col(2018).all.employees).toBe(0);
  });

  it('pools «all» over employees, which is not the plain mean of the districts (as in the source)', async () => {
    const r = await report(clients.leaderB!, 'from=2015&to=2015');
    const [col] = r.positions;
    // Even-numbered employees are in the first district: 54 of 107, of whom 28 full-time; odd: 53, of whom 27.
    const byCount = Object.fromEntries(col.districts.map((d: any) => [d.employees, d.fullTimeShare]));
    expect(byCount).toEqual({ 54: 0.5185, 53: 0.5094 });
    expect(col.simpleMeanOfDistricts.fullTimeShare).toBeCloseTo((28 / 54 + 27 / 53) / 2, 3);
    expect(col.simpleMeanOfDistricts.fullTimeShare).not.toBe(col.all.fullTimeShare);
    // The source: the plain mean of its 15 districts is not its «Alle bydelene».
    const plain = TABLE_52_FULL_TIME.reduce((s, [, d15]) => s + d15, 0) / TABLE_52_FULL_TIME.length;
    expect([oneDecimal(plain), TABLE_52_ALL['des.15'].fullTime]).toEqual([52.7, 51.4]);
  });
});

describe('Table 5.3: distinct employees per home-nursing user per month', () => {
  it('gives each district’s value for 2019 and 2021, and no figure for a year without visits', async () => {
    const r = await report(clients.leader!, 'from=2019&to=2021');
    const [y2019, y2020, y2021] = r.continuity;
    for (const [year, column] of [[y2019, 2], [y2021, 4]] as const) {
      const byName = Object.fromEntries(year.districts.map((d: any) => [d.districtName, d.mean]));
      expect(byName).toEqual(Object.fromEntries(TABLE_53.map((row) => [row[0], row[column]])));
    }
    expect([y2019.userMonths, y2020.userMonths, y2020.weightedByUsers]).toEqual([USER_MONTHS.reduce((s, n) => s + n, 0), 0, null]);
  });

  it('shows the stated averages are not simple means of the districts, and that a user-weighted mean can match them', async () => {
    const [y2019, , y2021] = (await report(clients.leader!, 'from=2019&to=2021')).continuity;
    expect([y2019.simpleMeanOfDistricts, oneDecimal(y2019.simpleMeanOfDistricts)]).toEqual([15.34, 15.3]);
    expect([Math.round(y2021.simpleMeanOfDistricts * 100) / 100, oneDecimal(y2021.simpleMeanOfDistricts)]).toEqual([14.61, 14.6]);
    expect([oneDecimal(y2019.simpleMeanOfDistricts), oneDecimal(y2021.simpleMeanOfDistricts)]).not.toEqual([TABLE_53_STATED_AVERAGE[1], TABLE_53_STATED_AVERAGE[3]]);
    expect([oneDecimal(y2019.weightedByUsers), oneDecimal(y2021.weightedByUsers)]).toEqual([TABLE_53_STATED_AVERAGE[1], TABLE_53_STATED_AVERAGE[3]]);
    expect([y2019.medianOfDistricts, y2021.medianOfDistricts]).toEqual([15.1, 15.1]);
    const labels = r53Labels((await report(clients.leader!, 'from=2019&to=2021')).definitions);
    expect(labels).toEqual(['weighted', 'unweighted', 'none']);
  });
});

const r53Labels = (defs: any[]) => ['continuityWeighted', 'continuitySimpleMean', 'continuityMedian'].map((id) => defs.find((d) => d.id === id).mean);

describe('who may read and record', () => {
  it('refuses the report to caseworkers and providers, and positions to anyone but the administrator', async () => {
    for (const who of ['caseworker', 'provider']) expect([who, (await clients[who]!.get('/api/v1/reports/workforce')).status]).toEqual([who, 403]);
    expect((await clients.teamleader!.get('/api/v1/reports/workforce?from=2019&to=2019')).status).toBe(200);
    const staffId = a.staff.provider as string;
    for (const who of ['leader', 'caseworker', 'provider']) {
      expect([who, (await clients[who]!.get(`/api/v1/organisation/staff/${staffId}/positions`)).status]).toEqual([who, 403]);
      expect([who, (await position(clients[who]!, staffId, { unitId: a.providerId, category: 'health_worker', fte: 1, validFrom: '2022-01-01' })).status]).toEqual([who, 403]);
    }
  });

  it('keeps municipalities apart', async () => {
    const rb = await report(clients.leaderB!, 'from=2019&to=2021');
    expect(rb.continuity.map((y: any) => y.userMonths)).toEqual([0, 0, 0]);
    const ra = await report(clients.leader!, 'from=2021&to=2021');
    expect(ra.positions[0].all.employees).toBe(0);
    // A's administrator cannot see or record positions of B's staff.
    const bStaff = b.staff.provider as string;
    expect((await clients.admin!.get(`/api/v1/organisation/staff/${bStaff}/positions`)).status).toBe(404);
    expect((await position(clients.admin!, bStaff, { unitId: a.providerId, category: 'health_worker', fte: 1, validFrom: '2022-01-01' })).status).toBe(404);
  });

  it('names the field of bad input', async () => {
    const staffId = a.staff.provider as string;
    const bad = await position(clients.admin!, staffId, { unitId: a.providerId, category: 'health_worker', fte: 1.2, validFrom: '2022-01-01' });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'fte']);
    const order = await position(clients.admin!, staffId, { unitId: a.providerId, category: 'health_worker', fte: 1, validFrom: '2022-01-01', validTo: '2021-01-01' });
    expect([order.status, order.body.errors?.[0]?.field]).toEqual([400, 'validTo']);
    const years = await clients.leader!.get('/api/v1/reports/workforce?from=2021&to=2019');
    expect([years.status, years.body.errors?.[0]?.field]).toEqual([400, 'from']);
    const listed = await ok(clients.admin!.get(`/api/v1/organisation/staff/${staffId}/positions`), 200);
    expect(listed).toEqual([]);
  });

  it('writes each record and end to the log of changes, and keeps the ended position with its end', async () => {
    const log = await ok(clients.admin!.get('/api/v1/organisation/changes?limit=1000'), 200);
    const kinds = log.map((c: any) => c.kind);
    expect(kinds.filter((k: string) => k === 'staff_position_recorded').length).toBe(PROFESSION_CATEGORY_IDS.reduce((n, c) => n + (TABLE_51[c][0] ? 1 : 0) + (TABLE_51[c][5] ? 1 : 0), 0) + 2);
    const ended = log.find((c: any) => c.kind === 'staff_position_ended');
    expect([ended.effectiveOn, ended.reason]).toEqual(['2015-06-01', 'Sluttet']);
    const noise = (await ok(clients.admin!.get('/api/v1/organisation'), 200)).staff.find((s: any) => s.username === 't51-noise').id;
    const positions = await ok(clients.admin!.get(`/api/v1/organisation/staff/${noise}/positions`), 200);
    expect(positions.map((p: any) => [p.kostraFunction, p.fte, p.endedOn])).toEqual([['253', 0.5, null], ['254', 0.4, '2015-06-01']]);
  });
});
