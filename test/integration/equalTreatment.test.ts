/**
 * Equal treatment over HTTP on a real PostgreSQL (issue 20): cases made through the API on a clock
 * fixed at 2026-11-20 — persons assessed with IPLOS scores, practical help decided by three
 * caseworkers — and the figures (n, mean, median, p10/p90, the 95 % t-interval, the flags) compared
 * with what is computed here by hand from the hours the test granted; suppression below n = 5; the
 * range at the moment of decision; and who may see what: leaders only for the figures, the gate for
 * the cases behind a cell and for the comparable range, nothing across municipalities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import type { Database } from '../../src/store/database.ts';
import { insertStaff, insertUnit } from '../../src/store/org.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { lawfulDecision } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';

const TODAY = '2026-11-20';
const MEDIUM = { household_tasks: 3, shopping: 3, own_health: 3, cooking: 3 }; // mean 3: medium
const EXTENSIVE = { household_tasks: 4, shopping: 5, own_health: 4, cooking: 4 }; // mean 4.25: extensive
/** Hours granted per decider: the caseworker low, the team leader high, a third with too few decisions to show. */
const HOURS = { caseworker: [2, 2, 3, 2, 3, 2], teamleader: [7, 8, 7, 8, 7, 8], cw2: [4, 4, 5] } as const;
/** Student's t, 97.5 % quantile, from the standard table (df 5 and 14). */
const T = { 5: 2.5706, 14: 2.1448 } as Record<number, number>;

let db: Database;
let server: TestServer;
let m: TestMunicipality;
let office: Client;
let leader: Client;
const clients: Record<string, Client> = {};
const made: { medium: Record<string, string[]>; extensiveCase: string; open: string; openExtensive: string } = { medium: {}, extensiveCase: '', open: '', openExtensive: '' };

async function act(who: Client, c: { id: string; version: number }, type: string, payload: unknown = {}): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type, payload } });
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function assess(personId: string, assessedOn: string, scores: Record<string, number>, caseId?: string): Promise<void> {
  const r = await office.command(`/api/v1/persons/${personId}/assessments`, { complete: true, assessedOn, scores, whatMatters: 'Å bo hjemme', ...(caseId ? { caseId } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** A person with a case on `serviceCode` owned by `decider`, assessed with `scores` on 10 Nov, not yet decided. */
async function assessedCase(decider: string, serviceCode: string, scores: Record<string, number>, before?: Record<string, number>): Promise<any> {
  const person = await office.command('/api/v1/persons', { nationalId: nationalId('1938-04-04'), givenName: 'Lik', familyName: 'Behandling' });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  // An earlier assessment in another band: the latest before the decision is the one that counts.
  if (before) await assess(person.body.id, '2026-11-01', before);
  let c = (await office.command('/api/v1/cases', { personId: person.body.id, serviceCode, channel: 'self', receivedOn: '2026-11-02', description: 'Søknad' })).body;
  c = await act(office, c, 'owner_assigned', { ownerStaffId: m.staff[decider] });
  c = await act(office, c, 'assessment_started');
  await assess(person.body.id, '2026-11-10', scores, c.id);
  return c;
}

async function decide(decider: string, c: any, overrides: Record<string, unknown>): Promise<any> {
  const fresh = (await office.get(`/api/v1/cases/${c.id}`)).body;
  return act(clients[decider] as Client, fresh, 'decision_made', lawfulDecision(String(overrides.serviceCode ?? 'practical_help'), { validFrom: TODAY, ...overrides }));
}

async function makeCases(): Promise<void> {
  for (const [decider, hours] of Object.entries(HOURS)) {
    made.medium[decider] = [];
    for (const [i, h] of hours.entries()) {
      const c = await assessedCase(decider, 'practical_help', MEDIUM, i === 0 ? EXTENSIVE : undefined);
      await decide(decider, c, { hoursPerWeek: h });
      made.medium[decider]?.push(c.id);
    }
  }
  // A refusal in the same group counts for nothing: the figures are of granted hours.
  await decide('caseworker', await assessedCase('caseworker', 'practical_help', MEDIUM), { outcome: 'refused' });
  // Home nursing as a frame, in the extensive band: the frame's ceiling is the hours.
  const ext = await assessedCase('caseworker', 'home_nursing', EXTENSIVE);
  await decide('caseworker', ext, { serviceCode: 'home_nursing', form: 'frame', frame: { maxHoursPerWeek: 10, goals: ['Klare morgenstellet selv'] } });
  made.extensiveCase = ext.id;
  made.open = (await assessedCase('caseworker', 'practical_help', MEDIUM)).id;
  made.openExtensive = (await assessedCase('caseworker', 'practical_help', EXTENSIVE)).id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer(db, fixedClock(TODAY));
  m = await createMunicipality(db);
  const passwordHash = await hashPassword(PASSWORD);
  const staff = await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    const cw2 = await insertStaff(tx, { username: 'cw2', displayName: 'Tredje Saksbehandler', profession: 'Sosionom', roles: ['caseworker'], passwordHash, unitIds: [m.officeId] });
    // A caseworker in a team without a district: a need only for the cases the team holds.
    const team = await insertUnit(tx, { name: 'Team Vest', kind: 'interdisciplinary_team', districtId: null });
    await insertStaff(tx, { username: 'outsider', displayName: 'Team Vest', profession: 'Sykepleier', roles: ['caseworker'], passwordHash, unitIds: [team] });
    return { cw2 };
  });
  m = { ...m, staff: { ...m.staff, ...staff } };
  office = await Client.login(server.url, m.id, 'caseworker');
  leader = await Client.login(server.url, m.id, 'leader');
  for (const u of ['caseworker', 'teamleader', 'cw2']) clients[u] = await Client.login(server.url, m.id, u);
  await makeCases();
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The figures of a list of hours, by hand: mean, median and p10/p90 interpolated, the t-interval. */
function byHand(hours: readonly number[]) {
  const s = [...hours].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return (s[lo] as number) + (h - lo) * ((s[Math.min(lo + 1, n - 1)] as number) - (s[lo] as number));
  };
  const half = ((T[n - 1] as number) * sd) / Math.sqrt(n);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { suppressed: false, n, mean: r(mean), median: r(q(0.5)), p10: r(q(0.1)), p90: r(q(0.9)), ciLow: r(mean - half), ciHigh: r(mean + half) };
}

const SUPPRESSED = { suppressed: true, n: null, mean: null, median: null, p10: null, p90: null, ciLow: null, ciHigh: null };
const all = [...HOURS.caseworker, ...HOURS.teamleader, ...HOURS.cw2];

describe('the equal-treatment figures', () => {
  it('give the spread per caseworker for comparable need, as computed by hand, and flag the intervals outside the municipality’s', async () => {
    const r = await leader.get('/api/v1/reports/equal-treatment?service=practical_help&from=2026-11-01&to=2026-11-30&by=caseworker');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.groups.map((g: any) => g.key)).toEqual(['practical_help|medium|none']);
    const [group] = r.body.groups;
    expect(group.municipality).toEqual(byHand(all));
    const units = Object.fromEntries(group.units.map((u: any) => [u.key, u]));
    expect(units[m.staff.caseworker as string].figures).toEqual(byHand(HOURS.caseworker));
    expect(units[m.staff.teamleader as string].figures).toEqual(byHand(HOURS.teamleader));
    expect(units[m.staff.caseworker as string].label).toBe('caseworker Testesen');
    // The municipality's interval [3.4, 6.2] against the caseworker's [1.8, 2.9] and the team leader's [6.9, 8.1].
    expect(units[m.staff.caseworker as string].flag).toBe('below');
    expect(units[m.staff.teamleader as string].flag).toBe('above');
    // Three decisions: suppressed, n too, and never flagged.
    expect([units[m.staff.cw2 as string].figures, units[m.staff.cw2 as string].flag]).toEqual([SUPPRESSED, null]);
    expect(r.body.flagged).toBe(2);
    expect(r.body.minimumN.n).toBe(5);
    expect(r.body.definitions.map((d: any) => d.id)).toContain('ci95');
    for (const d of r.body.definitions) for (const lang of ['nb', 'nn', 'en']) expect(d.definition[lang].length).toBeGreaterThan(10);
  });

  it('break down by team and district, and put a frame decision of another band in a group of its own', async () => {
    const byTeam = (await leader.get('/api/v1/reports/equal-treatment?from=2026-11-01&to=2026-11-30&by=team')).body;
    expect(byTeam.groups.map((g: any) => g.key)).toEqual(['home_nursing|extensive|none', 'practical_help|medium|none']);
    const [ext, medium] = byTeam.groups;
    expect([ext.municipality, ext.units]).toEqual([SUPPRESSED, [{ key: m.officeId, label: 'Tildelingskontoret', figures: SUPPRESSED, flag: null }]]);
    // One team holds every case: its figures are the municipality's, and it is not flagged against itself.
    expect(medium.units).toEqual([{ key: m.officeId, label: 'Tildelingskontoret', figures: byHand(all), flag: null }]);
    const byDistrict = (await leader.get('/api/v1/reports/equal-treatment?service=practical_help&from=2026-11-01&to=2026-11-30&by=district')).body;
    expect(byDistrict.groups[0].units.map((u: any) => [u.key, u.figures.n])).toEqual([['none', 15]]);
  });

  it('default to the last year and refuse a period that ends before it begins', async () => {
    const r = await leader.get('/api/v1/reports/equal-treatment');
    expect([r.status, r.body.from, r.body.to, r.body.by]).toEqual([200, '2025-11-20', TODAY, 'caseworker']);
    const bad = await leader.get('/api/v1/reports/equal-treatment?from=2026-11-30&to=2026-11-01');
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'from']);
    const wrong = await leader.get('/api/v1/reports/equal-treatment?by=planet');
    expect(wrong.status).toBe(400);
  });
});

describe('the cases behind a cell', () => {
  const path = (unit: string, group = 'practical_help|medium|none') =>
    `/api/v1/reports/equal-treatment/cases?from=2026-11-01&to=2026-11-30&by=caseworker&group=${encodeURIComponent(group)}&unit=${unit}`;

  it('lists the case numbers to a leader reading for quality assurance, and audits the read', async () => {
    const before = (await db.owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource = 'equal treatment cases'`)).rows[0].n;
    const r = await leader.request('GET', path(m.staff.teamleader as string), undefined, { 'tildel-purpose': 'quality_assurance' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.cases.map((c: any) => c.caseId).sort()).toEqual([...(made.medium.teamleader ?? [])].sort());
    expect(r.body.cases.map((c: any) => c.hoursPerWeek).sort()).toEqual([...HOURS.teamleader].sort());
    expect(r.body.cases[0].caseNumber).toMatch(/\d/);
    expect(r.body.notShown).toBe(0);
    const after = (await db.owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource = 'equal treatment cases'`)).rows[0].n;
    expect(after).toBe(before + 1);
    // The frame decision's hours are its ceiling.
    const ext = await leader.request('GET', path(m.staff.caseworker as string, 'home_nursing|extensive|none'), undefined, { 'tildel-purpose': 'quality_assurance' });
    expect(ext.body.cases.map((c: any) => [c.caseId, c.hoursPerWeek])).toEqual([[made.extensiveCase, 10]]);
    // Below the minimum n the count of those not shown would give n away.
    expect(ext.body.notShown).toBeNull();
  });

  it('lists none to a leader reading for administration, only how many are not shown', async () => {
    const r = await leader.request('GET', path(m.staff.teamleader as string), undefined, { 'tildel-purpose': 'administration' });
    expect([r.status, r.body.cases, r.body.notShown]).toEqual([200, [], 6]);
  });
});

describe('the range at the moment of decision', () => {
  it('gives the caseworker p10–p90, median and n of the comparable grants, leaving the case itself out', async () => {
    const r = await office.get(`/api/v1/cases/${made.open}/comparable-grants`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const hand = byHand(all);
    expect(r.body).toMatchObject({ serviceCode: 'practical_help', band: 'medium', diagnosisGroup: null, minimumN: 5 });
    expect(r.body.range).toEqual({ suppressed: false, n: 15, p10: hand.p10, median: hand.median, p90: hand.p90 });
    const decided = made.medium.caseworker?.[1] as string;
    const own = (await office.get(`/api/v1/cases/${decided}/comparable-grants`)).body.range;
    const rest = byHand([...HOURS.caseworker.slice(0, 1), ...HOURS.caseworker.slice(2), ...HOURS.teamleader, ...HOURS.cw2]);
    expect(own).toEqual({ suppressed: false, n: 14, p10: rest.p10, median: rest.median, p90: rest.p90 });
  });

  it('hides the range below the minimum n', async () => {
    const r = await office.get(`/api/v1/cases/${made.openExtensive}/comparable-grants`);
    expect([r.status, r.body.band, r.body.range]).toEqual([200, 'extensive', { suppressed: true, n: null, p10: null, median: null, p90: null }]);
    // Asked for home nursing instead: one comparable grant, still too few.
    const other = await office.get(`/api/v1/cases/${made.openExtensive}/comparable-grants?service=home_nursing`);
    expect([other.body.serviceCode, other.body.range.suppressed]).toEqual(['home_nursing', true]);
  });
});

describe('who may see equal treatment', () => {
  it('refuses the figures to those without a leader role', async () => {
    for (const username of ['caseworker', 'provider', 'admin', 'outsider']) {
      const client = await Client.login(server.url, m.id, username);
      expect({ username, status: (await client.get('/api/v1/reports/equal-treatment')).status }).toEqual({ username, status: 403 });
      expect({ username, cases: (await client.get('/api/v1/reports/equal-treatment/cases?group=x&unit=y')).status }).toEqual({ username, cases: 403 });
    }
    expect((await new Client(server.url).get('/api/v1/reports/equal-treatment')).status).toBe(401);
  });

  it('gives the comparable range only to staff with the full case, and audits it', async () => {
    const outsider = await Client.login(server.url, m.id, 'outsider');
    expect((await outsider.get(`/api/v1/cases/${made.open}/comparable-grants`)).status).toBe(403);
    const provider = await Client.login(server.url, m.id, 'provider');
    expect((await provider.get(`/api/v1/cases/${made.open}/comparable-grants`)).status).toBe(403);
    const before = (await db.owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource = 'comparable grants'`)).rows[0].n;
    expect((await office.get(`/api/v1/cases/${made.open}/comparable-grants`)).status).toBe(200);
    const after = (await db.owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource = 'comparable grants'`)).rows[0].n;
    expect(after).toBe(before + 1);
  });

  it('shows another municipality nothing', async () => {
    const other = await createMunicipality(db);
    const otherLeader = await Client.login(server.url, other.id, 'leader');
    const r = await otherLeader.get('/api/v1/reports/equal-treatment?from=2026-11-01&to=2026-11-30');
    expect([r.status, r.body.groups, r.body.flagged]).toEqual([200, [], 0]);
    const cases = await otherLeader.request('GET', `/api/v1/reports/equal-treatment/cases?group=${encodeURIComponent('practical_help|medium|none')}&unit=${m.staff.teamleader}`, undefined, { 'tildel-purpose': 'quality_assurance' });
    expect([cases.status, cases.body.cases, cases.body.notShown]).toEqual([200, [], null]);
    const otherCaseworker = await Client.login(server.url, other.id, 'caseworker');
    expect((await otherCaseworker.get(`/api/v1/cases/${made.open}/comparable-grants`)).status).toBe(404);
  });
});
