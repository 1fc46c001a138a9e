/**
 * The national figures (KOSTRA, issue 20 part 5) over HTTP on a real PostgreSQL: the administrator
 * enters the inhabitants by age through the API, a caseworker makes recipients through the API, and
 * the leader's report computes recipients per 1,000 by age group, the share with extensive need,
 * hours per week, BPA and costs from them; what cannot be computed says why. Only an administrator
 * writes the population; only leaders read the figures; another municipality sees nothing of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';
import { assessed, decided, newPerson } from '../helpers/kostra.ts';

const env = useTestEnvironment();
const today = norwegianDate();
const year = Number(today.slice(0, 4));
const POP = { young: 8000, middle: 1500, old: 500 };
const bands = [
  { fromAge: 0, toAge: 66, inhabitants: POP.young },
  { fromAge: 67, toAge: 79, inhabitants: POP.middle },
  { fromAge: 80, toAge: null, inhabitants: POP.old },
];
const TOTAL = POP.young + POP.middle + POP.old;
let m: TestMunicipality;
let other: TestMunicipality;
let admin: Client;
let leader: Client;
let office: Client;

/** Born so as to be `age` on 1 July of this year (so the age on the reference date is the same whatever today is, bar the turn of a half-year). */
const bornAged = (age: number) => `${year - age}-01-02`;

/** The fixture: who gets what (ages on the reference date, hours, IPLOS score), and how many of each: five, the reports' minimum n, or one to see a cell suppressed. */
const FIXTURE = [
  { key: 'a', times: 5, age: 86, service: 'home_nursing', hours: 3, score: 4 },
  { key: 'b', times: 5, age: 76, service: 'practical_help', hours: 2, score: 2 },
  { key: 'c', times: 5, age: 36, service: 'bpa', hours: 30, score: null },
  { key: 'd', times: 1, age: 96, service: 'long_term_stay', hours: null, score: null },
] as const;
const times = (key: string) => FIXTURE.find((f) => f.key === key)?.times ?? 0;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  other = await createMunicipality(env.db);
  admin = await Client.login(env.server.url, m.id, 'admin', PASSWORD);
  leader = await Client.login(env.server.url, m.id, 'leader', PASSWORD);
  office = await Client.login(env.server.url, m.id, 'caseworker', PASSWORD);
  for (const f of FIXTURE) {
    for (let i = 0; i < f.times; i += 1) {
      const id = await newPerson(office, bornAged(f.age), f.key);
      if (f.score !== null) await assessed(office, id, f.score, today);
      await decided(office, m.staff.caseworker as string, id, f.service, f.hours === null ? {} : { form: 'time_fixed', hoursPerWeek: f.hours });
    }
  }
  // A care flat with home nursing in the same decision (a package): two services, one person.
  const e = await newPerson(office, bornAged(82), 'e');
  await decided(office, m.staff.caseworker as string, e, 'care_flat', { package: [{ serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 5 }] });
  // A refusal is no recipient.
  const f = await newPerson(office, bornAged(70), 'f');
  await decided(office, m.staff.caseworker as string, f, 'home_nursing', { outcome: 'refused' });
}, 300_000);

const report = async (who: Client, y = year) => who.get(`/api/v1/reports/kostra?year=${y}`);
const row = (body: any, id: string) => body.serviceRows.find((r: any) => r.id === id);

describe('the population by age', () => {
  it('is entered by the administrator with its source, and the latest entry of a year is in force', async () => {
    const first = await admin.command('/api/v1/organisation/population', { year, bands: bands.map((b) => ({ ...b, inhabitants: b.inhabitants + 1 })), source: 'SSB 07459' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const r = await admin.command('/api/v1/organisation/population', { year, bands, source: 'SSB 07459, 1.1.' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ year, asOf: `${year}-01-01`, total: TOTAL, inForce: true, recordedBy: { id: m.staff.admin } });
    const list = await leader.get('/api/v1/organisation/population');
    expect(list.status).toBe(200);
    expect(list.body.map((p: any) => [p.total, p.inForce])).toEqual([[TOTAL, true], [TOTAL + 3, false]]);
  });

  it('refuses bands with a gap or a closed end, and a missing source, naming the field', async () => {
    const gap = await admin.command('/api/v1/organisation/population', { year, bands: [bands[0], { ...bands[2] }], source: 'SSB' });
    expect(gap.status).toBe(400);
    expect(JSON.stringify(gap.body)).toContain('bands.1.fromAge');
    const closed = await admin.command('/api/v1/organisation/population', { year, bands: [{ fromAge: 0, toAge: 99, inhabitants: 5 }], source: 'SSB' });
    expect(JSON.stringify(closed.body)).toContain('bands.0.toAge');
    const noSource = await admin.command('/api/v1/organisation/population', { year, bands });
    expect(noSource.status).toBe(400);
    expect(JSON.stringify(noSource.body)).toContain('source');
  });

  it('is written by the administrator only, and read by administrators and leaders', async () => {
    for (const who of ['leader', 'caseworker', 'teamleader']) {
      const c = await Client.login(env.server.url, m.id, who, PASSWORD);
      expect((await c.command('/api/v1/organisation/population', { year, bands, source: 'x' })).status, who).toBe(403);
    }
    expect((await office.get('/api/v1/organisation/population')).status).toBe(403);
    const elsewhere = await Client.login(env.server.url, other.id, 'admin', PASSWORD);
    expect((await elsewhere.get('/api/v1/organisation/population')).body).toEqual([]);
  });
});

describe('the KOSTRA report', () => {
  it('counts recipients per 1,000 inhabitants by service and age group, each person once', async () => {
    const r = await report(leader);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.population).toMatchObject({ year, total: TOTAL, source: 'SSB 07459, 1.1.' });
    // Every a, b, c, d and e holds a grant; f was refused.
    expect(r.body.recipients).toBe(times('a') + times('b') + times('c') + times('d') + 1);
    const home = row(r.body, 'home_services');
    // The a's (86) and e (82) are 80+, the b's (76) 67–79, the c's (36) 0–66.
    const old = times('a') + 1;
    expect(home.per1000['80+']).toMatchObject({ n: old, of: POP.old, value: (old / POP.old) * 1000 });
    expect(home.per1000['67-79']).toMatchObject({ n: times('b'), of: POP.middle });
    expect(home.per1000['67-79'].value).toBeCloseTo((times('b') / POP.middle) * 1000, 4);
    expect(home.per1000['0-66']).toMatchObject({ n: times('c'), of: POP.young, value: (times('c') / POP.young) * 1000 });
    const homeAll = times('a') + times('b') + times('c') + 1;
    expect(home.per100).toMatchObject({ n: homeAll, of: TOTAL, value: (homeAll / TOTAL) * 100 });
    expect(row(r.body, 'home_nursing').per1000.total.n).toBe(times('a') + 1);
    expect(r.body.indicators.every((i: any) => i.citation.length > 0 && i.definition.nb.length > 0)).toBe(true);
  });

  it('hides a cell counted over fewer than the minimum n (value and n), and says what tildel does not record', async () => {
    const { body } = await report(leader);
    expect(body.minimumN).toBe(5);
    // One long-term resident, one care flat: too few to show.
    expect(row(body, 'long_term_stay').per100).toEqual({ n: null, of: null, value: null, reason: 'suppressed' });
    expect(row(body, 'care_housing').per1000['80+'].reason).toBe('suppressed');
    expect(row(body, 'meal_delivery').per100.reason).toBe('not_recorded');
    expect(JSON.stringify(body)).not.toMatch(/"n":[1-4],/);
  });

  it('gives the share with extensive need, the need rows, and hours per week per recipient', async () => {
    const { body } = await report(leader);
    const homeAll = times('a') + times('b') + times('c') + 1;
    // Of the home-service recipients the a's (score 4) are extensive, the b's (2) limited; the c's and e have no assessment.
    expect(body.extensiveNeedShare.total).toMatchObject({ n: times('a'), of: homeAll, value: Number((times('a') / homeAll).toFixed(4)) });
    expect(body.extensiveNeedShare['80+']).toMatchObject({ n: times('a'), of: times('a') + 1 });
    expect(Object.fromEntries(body.needRows.map((x: any) => [x.level, x.per100.n]))).toEqual({ extensive: times('a'), medium: 0, limited: times('b'), unknown: times('c') + 1 });
    const both = body.hoursPerWeek.find((h: any) => h.id === 'both');
    expect(both.byAge.total).toMatchObject({ n: homeAll, value: (times('a') * 3 + times('b') * 2 + times('c') * 30 + 5) / homeAll });
    expect(both.byNeed.extensive).toMatchObject({ n: times('a'), value: 3 });
  });

  it('gives BPA per 1,000 inhabitants under 67 and among those with 25 hours or more', async () => {
    const { body } = await report(leader);
    expect(body.bpa.per1000Under67).toMatchObject({ n: times('c'), of: POP.young, value: (times('c') / POP.young) * 1000 });
    expect(body.bpa.coverage).toMatchObject({ n: times('c'), of: times('c'), value: 1 });
  });

  it('says costs are not computable until the accounts are entered, then divides them', async () => {
    expect((await report(leader)).body.costs.perInhabitant.reason).toBe('no_accounts');
    const agreement = await leader.command('/api/v1/provider-agreements', {
      providerUnitId: m.providerId,
      serviceCode: 'home_nursing',
      validFrom: `${year}-01-01`,
      userChoice: false,
      responseDays: 2,
      priceModel: { basis: 'decided', elements: [{ kind: 'hour', pricePerHour: 700 }] },
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const spent = [120_000, 80_000];
    for (const [i, amount] of spent.entries()) {
      const r = await leader.command('/api/v1/provider-expenses', { unitId: m.providerId, month: `${year}-0${i + 1}`, amount });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const { body } = await report(leader);
    const sum = spent.reduce((a, b) => a + b, 0);
    expect(body.costs).toMatchObject({ expenses: sum, unattributed: 0, entries: 2 });
    expect(body.costs.perInhabitant.value).toBe(Math.round(sum / TOTAL));
    const homeAll = times('a') + times('b') + times('c') + 1;
    expect(body.costs.perHomeServiceRecipient).toMatchObject({ n: homeAll, value: Math.round(sum / homeAll) });
    // One institution resident: too few to show a cost per resident.
    expect(body.costs.perInstitutionResident.reason).toBe('suppressed');
  });

  it('says a year without a population entered is not computable, and refuses a year not begun', async () => {
    // Last year's figures are counted on 31 December, so they divide by the count of 1 January this year.
    expect((await report(leader, year - 1)).body.population).toMatchObject({ year, asOf: `${year}-01-01` });
    const { body } = await report(leader, year - 2);
    expect(body.population).toBeNull();
    expect(row(body, 'home_services').per1000.total.reason).toBe('no_population');
    const future = await report(leader, year + 1);
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('year');
  });

  it('is for leaders: caseworkers, providers and administrators are refused; another municipality sees none of it', async () => {
    for (const who of ['caseworker', 'provider', 'admin']) {
      const c = await Client.login(env.server.url, m.id, who, PASSWORD);
      expect((await report(c)).status, who).toBe(403);
    }
    const teamLeader = await Client.login(env.server.url, m.id, 'teamleader', PASSWORD);
    expect((await report(teamLeader)).status).toBe(200);
    const elsewhere = await Client.login(env.server.url, other.id, 'leader', PASSWORD);
    const r = await report(elsewhere);
    expect(r.status).toBe(200);
    expect(r.body.recipients).toBe(0);
    expect(r.body.population).toBeNull();
    expect(r.body.costs.expenses).toBeNull();
  });
});
