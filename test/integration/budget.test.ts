/**
 * Budgets over the year over HTTP (issues 17.5, 18.4, 20.6): the administrator configures a yearly
 * frame with monthly phasing and a carry-over rule and a pool shared by two units; caseworkers decide
 * cases; the forecast with and without a proposed decision is checked against a calculation made here
 * from the decisions' hours, days and price; a decision beyond the frame goes through at once and is
 * escalated by the job runner after commit; who may read and configure what; and the monthly
 * settlement reading a unit's whole-budget frame, with POST /budget-frames as a monthly override.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { startJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let admin: Client;
let leader: Client;
let caseworker: Client;
let teamleader: Client;
let provider: Client;
let northId: string;
let runner: JobRunner | null = null;

const today = norwegianDate();
const year = Number(today.slice(0, 4));
const PRICE = 500;
const SHARES = [10, 10, 10, 10, 10, 5, 5, 5, 10, 10, 10, 5];
const YEAR_AMOUNT = 1_200_000;
const POOL = 24_000;
const LAST_YEAR = 500_000;
/** Surplus only, capped at 2 % of the frame: last year's frame with nothing decided carries 2 % of it. */
const CARRIED = LAST_YEAR * 0.02;
const FRAME_TOTAL = YEAR_AMOUNT + CARRIED + POOL * 0.75;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  const login = (u: string) => Client.login(env.server.url, m.id, u);
  [admin, leader, caseworker, teamleader, provider] = [await login('admin'), await login('leader'), await login('caseworker'), await login('teamleader'), await login('provider')];
  // A second office sharing the pool; it opens tomorrow, so today's requests are routed to the first.
  const north = await admin.command('/api/v1/organisation/units', { name: 'Tildeling Nord', kind: 'allocation_office', districtId: null, validFrom: addDays(today, 1) });
  expect(north.status, JSON.stringify(north.body)).toBe(201);
  northId = north.body.id;
  const agreement = await leader.command('/api/v1/provider-agreements', {
    providerUnitId: m.providerId,
    serviceCode: 'practical_help',
    validFrom: `${year}-01-01`,
    userChoice: false,
    responseDays: 5,
    priceModel: { basis: 'decided', elements: [{ kind: 'hour', pricePerHour: PRICE }] },
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
}, 120_000);

afterAll(async () => {
  await runner?.stop();
});

/** Days of the month (1–12) from `from` to the month's end. */
function daysFrom(from: string, month: number): number {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const start = from > first ? from : first;
  return last < start ? 0 : Math.round((Date.parse(last) - Date.parse(start)) / 86_400_000) + 1;
}

/** The value of a decision of `hours` a week from `from` to the year's end, computed here: hours × days / 7 × price, month by month. */
function valueOf(hours: number, from: string): number {
  let total = 0;
  for (let month = 1; month <= 12; month++) total += Math.round(((hours * daysFrom(from, month)) / 7) * 100) / 100 * PRICE;
  return Math.round(total * 100) / 100;
}

async function decided(hoursPerWeek: number): Promise<any> {
  const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1944-02-02'), givenName: 'Budsjett', familyName: 'Prøve' })).body;
  let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  await completeAssessment(caseworker, person.id, { caseId: c.id });
  const action = decisionAction('practical_help', { form: 'time_fixed', hoursPerWeek, validFrom: today, reevaluateBy: addDays(today, 180), summary: 'Innvilget' });
  const r = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const frame = (over: Record<string, unknown> = {}) => ({
  unitId: m.officeId,
  serviceCode: 'practical_help',
  year,
  amount: YEAR_AMOUNT,
  phasing: { kind: 'shares', percents: SHARES },
  carryOver: { kind: 'surplus_only', capPercent: 2, capOf: 'frame' },
  effectiveOn: today,
  reason: 'Budsjettvedtak',
  ...over,
});

describe('configuring the year', () => {
  it('takes a yearly frame with monthly phasing and a carry-over rule, as a version in the log of changes', async () => {
    const r = await admin.command('/api/v1/budget/year-frames', frame());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const log = (await admin.get('/api/v1/organisation/changes')).body;
    expect(log.find((c: any) => c.id === r.body.changeId)).toMatchObject({ kind: 'budget_frame_set', subjectId: m.officeId, reason: 'Budsjettvedtak' });
  });

  it('refuses monthly shares that do not sum to 100 %, and a date in the past', async () => {
    const bad = await admin.command('/api/v1/budget/year-frames', frame({ phasing: { kind: 'shares', percents: [...SHARES.slice(0, 11), 4] } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('phasing.percents');
    expect((await admin.command('/api/v1/budget/year-frames', frame({ effectiveOn: addDays(today, -1) }))).status).toBe(400);
  });

  it('takes a pool shared by two units by share, and refuses shares that do not sum to 100 %', async () => {
    const split = { kind: 'shares', shares: [{ unitId: m.officeId, percent: 75 }, { unitId: northId, percent: 25 }] };
    const r = await admin.command('/api/v1/budget/pools', { name: 'Felles pott', serviceCode: 'practical_help', year, amount: POOL, split, effectiveOn: today });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const bad = await admin.command('/api/v1/budget/pools', { name: 'Skjev', serviceCode: null, year, amount: 1, split: { ...split, shares: [{ unitId: m.officeId, percent: 75 }] }, effectiveOn: today });
    expect(bad.status).toBe(400);
  });

  it('carries 2 % of last year’s frame into this year when last year closed with a surplus', async () => {
    // Last year's frame, recorded now (as when the accounts are closed); nothing was decided last year.
    const r = await leader.command('/api/v1/budget/year-frames', frame({ year: year - 1, amount: LAST_YEAR, phasing: { kind: 'even' } }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const f = (await admin.get(`/api/v1/budget?year=${year}`)).body.frames.find((x: any) => x.unitId === m.officeId && x.serviceCode === 'practical_help');
    expect(f.carriedIn).toBe(CARRIED);
  });

  it("shows the year: each month the frame's share (with what was carried in) plus the pool's, and every version", async () => {
    const y = (await admin.get(`/api/v1/budget?year=${year}`)).body;
    const f = y.frames.find((x: any) => x.unitId === m.officeId && x.serviceCode === 'practical_help');
    const part = POOL * 0.75;
    expect(f.total).toBeCloseTo(YEAR_AMOUNT + CARRIED + part, 2);
    f.months.forEach((amount: number, i: number) => expect(amount).toBeCloseTo(((YEAR_AMOUNT + CARRIED) * (SHARES[i] as number)) / 100 + part / 12, 1));
    expect(y.pools[0].parts).toEqual(expect.arrayContaining([{ unitId: northId, amount: POOL * 0.25 }]));
    expect(y.history.frames.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the forecast at decision time', () => {
  it('forecasts the year with and without a proposed decision, as computed from hours, days and price', async () => {
    const c = await decided(7);
    expect(c.ownerUnitId).toBe(m.officeId);
    const r = await caseworker.get(`/api/v1/budget/forecast?unitId=${m.officeId}&serviceCode=practical_help&hoursPerWeek=14&from=${today}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const expected = valueOf(7, today);
    expect(r.body.forecast).toBeCloseTo(expected, 0);
    expect(r.body.proposal.added).toBeCloseTo(valueOf(14, today), 0);
    expect(r.body.proposal.forecast).toBeCloseTo(expected + valueOf(14, today), 0);
    expect(r.body.frame.total).toBeCloseTo(FRAME_TOTAL, 2);
    expect(r.body.frame.carriedIn).toBe(CARRIED);
    expect(r.body.activityDeviation.amount).toBeCloseTo(expected - FRAME_TOTAL, 0);
    expect(r.body.proposal.activityDeviation.amount).toBeCloseTo(expected + valueOf(14, today) - FRAME_TOTAL, 0);
  });

  it('sets a service with only a first-come pool against what the other units have not drawn', async () => {
    const pool = await admin.command('/api/v1/budget/pools', { name: 'Institusjonspott', serviceCode: 'home_nursing', year, amount: 12_000, split: { kind: 'first_come', unitIds: [northId, m.officeId] }, effectiveOn: today });
    expect(pool.status, JSON.stringify(pool.body)).toBe(201);
    const r = (await leader.get(`/api/v1/budget/forecast?unitId=${m.officeId}&serviceCode=home_nursing`)).body;
    // Nord has decided nothing, so it has drawn nothing: the whole pool is there for this office.
    expect(r).toMatchObject({ serviceCode: 'home_nursing', frame: { total: 12_000, pools: [{ name: 'Institusjonspott', kind: 'first_come', amount: 12_000 }] }, proposal: null });
  });

  it("falls back to the unit's whole budget for a service without a frame of its own", async () => {
    const r = (await caseworker.get(`/api/v1/budget/forecast?unitId=${m.officeId}&serviceCode=support_contact&hoursPerWeek=2`)).body;
    expect(r).toMatchObject({ serviceCode: null, frame: null, activityDeviation: null });
  });
});

describe('the budget check after commit', () => {
  it('lets a decision beyond the month’s frame through at once; the job runner escalates it after commit', async () => {
    const c = await decided(60);
    expect(c.decision.outcome).toBe('granted');
    // Nothing is checked inside the decision: until the runner runs, there is no escalation.
    expect((await leader.get('/api/v1/escalations')).body.find((e: any) => e.caseId === c.id)).toBeUndefined();
    runner = await startJobRunner(env.db, { pollIntervalMs: 200 });
    const deadline = Date.now() + 30_000;
    let hit: any;
    while (!hit && Date.now() < deadline) {
      hit = (await leader.get('/api/v1/escalations')).body.find((e: any) => e.caseId === c.id);
      if (!hit) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(hit).toMatchObject({ kind: 'budget_exceeded', unitId: m.officeId, detail: expect.stringContaining('The decision stands') });
  }, 60_000);
});

describe('who may', () => {
  it('lets deciders and leaders read the forecast, not provider staff nor the administrator', async () => {
    const q = `/api/v1/budget/forecast?unitId=${m.officeId}&serviceCode=practical_help`;
    for (const who of [caseworker, teamleader, leader]) expect((await who.get(q)).status).toBe(200);
    for (const who of [provider, admin]) expect((await who.get(q)).status).toBe(403);
  });

  it('lets administrators and leaders configure and read the year, and no one else', async () => {
    for (const who of [admin, leader]) expect((await who.get(`/api/v1/budget?year=${year}`)).status).toBe(200);
    for (const who of [caseworker, teamleader, provider]) {
      expect((await who.get(`/api/v1/budget?year=${year}`)).status).toBe(403);
      expect((await who.command('/api/v1/budget/year-frames', frame())).status).toBe(403);
      expect((await who.command('/api/v1/budget/pools', { name: 'X', serviceCode: null, year, amount: 1, split: { kind: 'first_come', unitIds: [m.officeId] }, effectiveOn: today })).status).toBe(403);
    }
  });
});

describe('the monthly settlement', () => {
  it("sets a unit's granted value against its whole-budget frame's month, and a monthly figure overrides that month", async () => {
    expect((await admin.command('/api/v1/budget/year-frames', frame({ serviceCode: null, amount: 2_400_000, phasing: { kind: 'even' }, carryOver: { kind: 'none' } }))).status).toBe(201);
    const month = today.slice(0, 7);
    const read = async () => (await leader.request('GET', `/api/v1/reports/settlement?month=${month}`, undefined, { 'tildel-purpose': 'quality_assurance' })).body.purchasers.find((p: any) => p.unitId === m.officeId);
    expect((await read()).frame).toBe(200_000);
    expect((await leader.command('/api/v1/budget-frames', { unitId: m.officeId, month, amount: 150_000 })).status).toBe(201);
    expect((await read()).frame).toBe(150_000);
  });
});
