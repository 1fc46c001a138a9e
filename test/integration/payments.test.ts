/**
 * User payments over HTTP on a real PostgreSQL (issue 22 part 3): the municipality's rates, a
 * person's income basis with its history, the payment of a decision, the letter that states it in
 * bokmål and nynorsk, the monthly files for the finance system, and who may read and write what.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays, addMonths } from '../../src/domain/law/deadlines.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction, type DecisionOverrides } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { pdfText } from '../helpers/pdf.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseworker: Client;
let teamLeader: Client;
let provider: Client;
let admin: Client;

const today = norwegianDate();
/** Next month: the decision (from today) is in force the whole month. */
const month = addMonths(`${today.slice(0, 7)}-01`, 1).slice(0, 7);
const year = Number(month.slice(0, 4));

/** Test figures for the year (not real rates): state maximum under 2 G 250 kr, bands 0 / 2 / 4 G. */
const rates = {
  year,
  practicalHelp: {
    costPerHour: 600,
    bands: [
      { fromG: 0, hourlyRate: 300, monthlyCap: 250 },
      { fromG: 2, hourlyRate: 400, monthlyCap: 900 },
      { fromG: 4, hourlyRate: 600, monthlyCap: null },
    ],
  },
  longTermStayCostPerMonth: 70_000,
  state: { year, effectiveFrom: `${year}-01-01`, shortTermStayPerDay: 200, dayOrNightStay: 110, practicalHelpMaxUnder2G: 250, allowance: 9_800, allowanceDoubleRoom: 47_000, source: 'Test figures' },
  source: 'Kommunestyret, testsak 1/26',
};

beforeAll(async () => {
  m = await createMunicipality(env.db);
  const login = (u: string) => Client.login(env.server.url, m.id, u);
  caseworker = await login('caseworker');
  teamLeader = await login('teamleader');
  provider = await login('provider');
  admin = await login('admin');
  // The letter states this month's payment, the other tests next month's: the rates of both years.
  for (const y of new Set([Number(today.slice(0, 4)), year, Number(today.slice(0, 4)) + 1])) {
    const r = await admin.command('/api/v1/payment-rates', { ...rates, year: y, state: { ...rates.state, year: y, effectiveFrom: `${y}-01-01` } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});

async function decided(serviceCode: string, language: 'nb' | 'nn', decision: DecisionOverrides): Promise<{ c: any; person: any }> {
  const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1936-06-06'), givenName: 'Betaler', familyName: 'Hansen', language })).body;
  let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  await completeAssessment(caseworker, person.id, { caseId: c.id });
  const r = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction(serviceCode, { validFrom: today, reevaluateBy: addDays(today, 180), ...decision }) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { c: r.body, person };
}

const income = (householdIncome: number, extra: Record<string, unknown> = {}) => ({ householdIncome, incomeYear: year - 1, source: 'tax_assessment', sourceDate: today, ...extra });

describe('the municipality’s rates', () => {
  it('are recorded by the administrator and read by anyone; rates that fall as income rises are refused by field', async () => {
    const list = await caseworker.get('/api/v1/payment-rates');
    expect(list.status).toBe(200);
    expect(list.body.find((r: { year: number }) => r.year === year)).toMatchObject({ year, source: rates.source, practicalHelp: { costPerHour: 600 } });
    const bad = await admin.command('/api/v1/payment-rates', { ...rates, practicalHelp: { costPerHour: 600, bands: [{ fromG: 0, hourlyRate: 500, monthlyCap: 250 }, { fromG: 2, hourlyRate: 400, monthlyCap: 900 }] } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((f: { field: string }) => f.field)).toContain('practicalHelp.bands.1.hourlyRate');
    expect((await caseworker.command('/api/v1/payment-rates', rates)).status).toBe(403);
  });
});

describe('the payment of a decision', () => {
  it('says the income basis is missing, then computes practical help by household income, and follows a correction', async () => {
    const { c, person } = await decided('practical_help', 'nb', { hoursPerWeek: 2, form: 'time_fixed' });
    const before = await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${month}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({ complete: false, lines: [{ serviceCode: 'practical_help', amount: null, missing: 'income_basis', hoursPerMonth: 8.67 }] });

    const first = await caseworker.command(`/api/v1/persons/${person.id}/income`, income(400_000));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const paid = await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${month}`);
    // 400 000 kr is above 2 G: 8.67 h × 400 kr = 3 468 kr, the band's cap 900 kr.
    expect(paid.body).toMatchObject({ complete: true, total: 900, ratesYear: year, stateRates: { year, stale: false }, lines: [{ amount: 900, incomeBand: 1, under2G: false }] });
    expect(paid.body.lines[0].citations).toContain('egenandelsforskriften §§ 8–10; kommunens betalingsregulativ');

    const corrected = await caseworker.command(`/api/v1/persons/${person.id}/income`, income(150_000, { corrects: first.body.id, source: 'self_declared', note: 'Skatteoppgjøret var feil' }));
    expect(corrected.status).toBe(201);
    const history = await caseworker.get(`/api/v1/persons/${person.id}/income`);
    expect(history.body.current).toMatchObject({ householdIncome: 150_000, corrects: first.body.id, recordedBy: { id: m.staff.caseworker } });
    expect(history.body.history).toHaveLength(2);
    // Below 2 G: at most the state's maximum, 250 kr.
    expect((await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${month}`)).body.lines[0]).toMatchObject({ amount: 250, under2G: true });
  });

  it('charges nothing for home nursing, and a long-term stay by income', async () => {
    const nursing = await decided('home_nursing', 'nb', { hoursPerWeek: 3 });
    expect((await caseworker.get(`/api/v1/cases/${nursing.c.id}/payment?month=${month}`)).body).toMatchObject({ total: 0, complete: true, lines: [{ kind: 'free', amount: 0 }] });
    const stay = await decided('long_term_stay', 'nb', {});
    await caseworker.command(`/api/v1/persons/${stay.person.id}/income`, income(300_000, { netIncomeAfterTax: 250_000 }));
    const r = await caseworker.get(`/api/v1/cases/${stay.c.id}/payment?month=${month}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.lines[0]).toMatchObject({ kind: 'long_term_stay' });
    expect(r.body.lines[0].amount).toBeGreaterThan(10_000);
  });

  it('charges a place from the waiting list from the day the person got it, and nothing while they waited (hol § 3-2 a)', async () => {
    const waitingList = { placeType: 'long_term_stay' as const, assessedNeed: 'Heldøgns omsorg', recommendedLevel: 'Skjermet enhet', severity: 3 as const, benefit: 3 as const, resourceUse: 2 as const, urgent: false };
    const { c, person } = await decided('long_term_stay', 'nb', { waitingList });
    await caseworker.command(`/api/v1/persons/${person.id}/income`, income(300_000, { netIncomeAfterTax: 250_000 }));
    const payment = async (m: string) => (await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${m}`)).body;
    // Waiting at home: nothing for the place.
    expect(await payment(month)).toMatchObject({ total: 0, lines: [] });
    // Placed on the 15th of next month: the decision is in force for them from then.
    const placedOn = `${month}-15`;
    const arranged = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: placedOn } } });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    expect(arranged.body.decision).toMatchObject({ onWaitingList: false, fromWaitingList: true, validFrom: placedOn });
    const first = await payment(month);
    const full = await payment(addMonths(`${month}-01`, 1).slice(0, 7));
    expect(first.lines[0]).toMatchObject({ kind: 'long_term_stay' });
    expect(full.lines[0].amount).toBeGreaterThan(10_000);
    // The first month is charged for the days from the 15th, not for the whole month.
    expect(first.lines[0].amount).toBeGreaterThan(0);
    expect(first.lines[0].amount).toBeLessThan(full.lines[0].amount * 0.6);
    // The invoice basis, read from the case's columns, charges the same.
    const basis = (await teamLeader.get(`/api/v1/reports/payment-basis?month=${month}`)).body;
    expect(basis.filter((r: { caseNumber: string }) => r.caseNumber === c.caseNumber)).toMatchObject([{ amount: first.lines[0].amount }]);
    // This month, before the place: nothing.
    expect((await payment(today.slice(0, 7))).total).toBe(0);
  });

  it('charges a short-term stay per day for 60 days of the calendar year, then by income', async () => {
    const next = Number(today.slice(0, 4)) + 1;
    const { c, person } = await decided('short_term_stay', 'nb', { validFrom: `${next}-01-01`, validTo: `${next}-03-31`, untilFurtherNotice: undefined, reevaluateBy: `${next}-03-15` });
    const at = async (m: string) => (await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${next}-${m}`)).body.lines[0];
    // January: 31 days at the state's 200 kr; February: 28 more (59 in all).
    expect(await at('01')).toMatchObject({ days: 31, amount: 31 * 200 });
    expect(await at('02')).toMatchObject({ days: 28, amount: 28 * 200 });
    // March: the 60th day at the day rate, the other 30 as a long-term stay, which needs the income.
    expect(await at('03')).toMatchObject({ days: 31, amount: null, missing: 'income_basis' });
    await caseworker.command(`/api/v1/persons/${person.id}/income`, income(300_000, { netIncomeAfterTax: 250_000 }));
    const march = await at('03');
    expect(march.amount).toBeGreaterThan(200);
    expect(march.steps.map((x: { rule: string }) => x.rule)).toEqual(['shortTermStay', 'sixtyDays']);
  });

  it('counts the 60 days by the service decided: a request for a short stay answered with home nursing adds none', async () => {
    const next = Number(today.slice(0, 4)) + 1;
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1936-06-06'), givenName: 'Kort', familyName: 'Hansen', language: 'nb' })).body;
    const open = async () => {
      const c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'short_term_stay', channel: 'self', receivedOn: today, description: 'Søknad om korttidsopphold' })).body;
      const started = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
      await completeAssessment(caseworker, person.id, { caseId: c.id });
      return started;
    };
    // January–February at home with home nursing, on a request for a short stay.
    const home = await open();
    const answered = await caseworker.command(`/api/v1/cases/${home.id}/actions`, {
      expectedVersion: home.version,
      action: decisionAction('home_nursing', { requested: 'short_term_stay', hoursPerWeek: 3, validFrom: `${next}-01-01`, validTo: `${next}-02-28`, untilFurtherNotice: undefined, reevaluateBy: `${next}-02-15` }),
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    // Then a short stay in March: every day at the day rate, none of the home-nursing days counted.
    const stay = await open();
    const decidedStay = await caseworker.command(`/api/v1/cases/${stay.id}/actions`, {
      expectedVersion: stay.version,
      action: decisionAction('short_term_stay', { validFrom: `${next}-03-01`, validTo: `${next}-03-31`, untilFurtherNotice: undefined, reevaluateBy: `${next}-03-15` }),
    });
    expect(decidedStay.status, JSON.stringify(decidedStay.body)).toBe(200);
    const march = (await caseworker.get(`/api/v1/cases/${stay.id}/payment?month=${next}-03`)).body.lines[0];
    expect(march).toMatchObject({ kind: 'short_term_stay', days: 31, amount: 31 * 200 });
    expect(march.steps.map((x: { rule: string }) => x.rule)).toEqual(['shortTermStay']);
  });

  it('states the payment in the decision letter, in bokmål and in nynorsk', async () => {
    for (const lang of ['nb', 'nn'] as const) {
      const { c, person } = await decided('practical_help', lang, { hoursPerWeek: 2, form: 'time_fixed' });
      await caseworker.command(`/api/v1/persons/${person.id}/income`, income(150_000));
      const r = await fetch(`${env.server.url}/api/v1/cases/${c.id}/letters/preview`, { method: 'POST', headers: { authorization: `Bearer ${caseworker.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'decision' }) });
      expect(r.status).toBe(200);
      const text = await pdfText(new Uint8Array(await r.arrayBuffer()));
      const heading = lang === 'nb' ? 'Egenandel' : 'Eigendel';
      const sentence = lang === 'nb' ? 'For praktisk bistand betaler du' : 'For praktisk bistand betaler du';
      const basis = lang === 'nb' ? 'regnet ut fra husstandens inntekt' : 'rekna ut frå inntekta til hushaldet';
      for (const part of [heading, sentence, basis, 'egenandelsforskriften § 10']) expect(text).toContain(part);
    }
  });
});

describe('a decision changed on complaint', () => {
  it('is paid, reasoned and shown by the new decision stated with the reversal: the case\'s payment, the invoice basis, the reasons and the FHIR care plan', async () => {
    const { c, person } = await decided('practical_help', 'nb', { outcome: 'refused', considerations: 'Behovet dekkes av andre tiltak' });
    await caseworker.command(`/api/v1/persons/${person.id}/income`, income(400_000));
    const complained = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Klage på avslaget' } } });
    expect(complained.status, JSON.stringify(complained.body)).toBe(200);
    const newDecision = decisionAction('practical_help', { validFrom: today, reevaluateBy: addDays(today, 180), hoursPerWeek: 3, form: 'time_fixed', considerations: 'Ved ny vurdering er behovet større', summary: 'Praktisk bistand 3 timer i uka etter klage' }).payload;
    const reversed = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: complained.body.version, action: { type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort ved egen vurdering', newDecision } } });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
    // 3 hours a week are 13 hours a month: 13 × 400 kr = 5 200 kr, the band's cap 900 kr.
    const own = await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${month}`);
    expect(own.body.lines, JSON.stringify(own.body)).toMatchObject([{ serviceCode: 'practical_help', hoursPerMonth: 13, amount: 900 }]);
    const basis = await teamLeader.get(`/api/v1/reports/payment-basis?month=${month}`);
    expect(basis.body.filter((r: { caseNumber: string }) => r.caseNumber === c.caseNumber)).toMatchObject([{ hoursPerMonth: 13, amount: 900 }]);
    // The reasons (and the letter that gives them) are the new decision's, not the refusal's.
    const reasons = await caseworker.get(`/api/v1/cases/${c.id}/decision-reasons`);
    expect(reasons.status, JSON.stringify(reasons.body)).toBe(200);
    expect(reasons.body.considerations).toBe('Ved ny vurdering er behovet større');
    // So is the care plan the FHIR API shows.
    const fhir = await caseworker.get(`/api/v1/fhir/Patient/${person.id}/$everything`);
    expect(fhir.status, JSON.stringify(fhir.body)).toBe(200);
    const plan = fhir.body.entry.map((e: { resource: { resourceType: string; id: string; description?: string } }) => e.resource).find((x: { resourceType: string; id: string }) => x.resourceType === 'CarePlan' && x.id === `${c.id}-plan`);
    expect(plan?.description).toBe('Praktisk bistand 3 timer i uka etter klage');
  });
});

describe('a complaint that changes no decision', () => {
  it('leaves the payment on the decision after a partial reversal on own review, and though Statsforvalteren\'s upholding carried a new decision', async () => {
    const { c, person } = await decided('practical_help', 'nb', { hoursPerWeek: 2, form: 'time_fixed' });
    await caseworker.command(`/api/v1/persons/${person.id}/income`, income(400_000));
    const act = async (version: number, action: Record<string, unknown>) => {
      const r = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: version, action });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { version: number };
    };
    let v = await act(c.version, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Klage' } });
    v = await act(v.version, { type: 'complaint_reversed_on_review', payload: { outcome: 'partly_granted', summary: 'Delvis omgjort' } });
    v = await act(v.version, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Ny klage' } });
    v = await act(v.version, { type: 'complaint_forwarded', payload: { forwardedOn: today, summary: 'Oversendt' } });
    const nine = decisionAction('practical_help', { validFrom: today, reevaluateBy: addDays(today, 180), hoursPerWeek: 9, form: 'time_fixed' }).payload;
    v = await act(v.version, { type: 'complaint_resolved', payload: { result: 'upheld', resolvedOn: today, summary: 'Stadfestet', newDecision: nine } });
    // Statsforvalteren's decision in the complaint case is final (fvl § 28 third paragraph).
    const again = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: v.version, action: { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Klage igjen' } } });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'action.payload.concerns', params: { citation: 'forvaltningsloven § 28 tredje ledd' } })]);
    // 2 hours a week are 8.67 hours a month, as decided; not the 9 hours the upholding carried.
    expect((await caseworker.get(`/api/v1/cases/${c.id}/payment?month=${month}`)).body.lines).toMatchObject([{ hoursPerMonth: 8.67 }]);
    const basis = await teamLeader.get(`/api/v1/reports/payment-basis?month=${month}`);
    expect(basis.body.filter((r: { caseNumber: string }) => r.caseNumber === c.caseNumber)).toMatchObject([{ hoursPerMonth: 8.67 }]);
  });
});

describe('who may read and write payments', () => {
  it('refuses provider staff without an order and the administrator (no personal data); the caseworker with need may', async () => {
    const { c, person } = await decided('practical_help', 'nb', { hoursPerWeek: 1, form: 'time_fixed' });
    expect((await provider.get(`/api/v1/cases/${c.id}/payment`)).status).toBe(403);
    expect((await provider.get(`/api/v1/persons/${person.id}/income`)).status).toBe(403);
    expect((await provider.command(`/api/v1/persons/${person.id}/income`, income(1))).status).toBe(403);
    expect((await admin.get(`/api/v1/cases/${c.id}/payment`)).status).toBe(403);
    expect((await admin.get(`/api/v1/persons/${person.id}/income`)).status).toBe(403);
    expect((await caseworker.get(`/api/v1/persons/${person.id}/income`)).status).toBe(200);
  });

  it('writes each read of the income basis to the audit log', async () => {
    const { person } = await decided('practical_help', 'nb', { hoursPerWeek: 1, form: 'time_fixed' });
    await caseworker.get(`/api/v1/persons/${person.id}/income`);
    const { rows } = await env.db.owner.query(`SELECT operation FROM audit_event WHERE municipality_id = $1 AND resource = 'income basis' AND $2 = ANY(person_ids)`, [m.id, person.id]);
    expect(rows.map((r) => r.operation)).toContain('read');
  });
});

/** Each case's lines of an invoice basis are those of its own statement (GET /cases/{id}/payment), field by field. */
async function sameAsEachCasesStatement(rows: Record<string, unknown>[], month: string): Promise<void> {
  const byCase = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) byCase.set(r.caseNumber as string, [...(byCase.get(r.caseNumber as string) ?? []), r]);
  expect(byCase.size).toBeGreaterThan(1);
  const cases = (await teamLeader.get('/api/v1/cases?limit=200')).body;
  const fields = (l: Record<string, unknown>) => [l.serviceCode, l.kind, l.amount, l.days, l.hoursPerMonth, l.incomeBand, l.under2G, l.missing, Array.isArray(l.citations) ? l.citations.join('; ') : l.citations];
  for (const [caseNumber, lines] of byCase) {
    const id = (cases.items ?? cases).find((x: { caseNumber: string }) => x.caseNumber === caseNumber)?.id;
    const own = (await teamLeader.get(`/api/v1/cases/${id}/payment?month=${month}`)).body;
    expect(lines.map(fields).sort(), caseNumber).toEqual(own.lines.map(fields).sort());
  }
}

describe('files for the finance system', () => {
  it('counts in the invoice basis the days of the person\'s earlier short-term stays that year (the 60-day count)', async () => {
    const y = Number(today.slice(0, 4)) + 2;
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1938-03-03'), givenName: 'Korttid', familyName: 'Olsen', language: 'nb' })).body;
    const stay = async (validFrom: string, validTo: string) => {
      let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'short_term_stay', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
      c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
      await completeAssessment(caseworker, person.id, { caseId: c.id });
      const r = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('short_term_stay', { validFrom, validTo, untilFurtherNotice: undefined, reevaluateBy: validTo }) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    await stay(`${y}-01-01`, `${y}-02-14`); // 45 days
    const march = await stay(`${y}-03-01`, `${y}-03-31`);
    for (const y2 of [y]) await admin.command('/api/v1/payment-rates', { ...rates, year: y2, state: { ...rates.state, year: y2, effectiveFrom: `${y2}-01-01` } });
    const basis = await teamLeader.get(`/api/v1/reports/payment-basis?month=${y}-03`);
    expect(basis.status, JSON.stringify(basis.body)).toBe(200);
    // 15 more days at the day rate make 60; the other 16 need the income (a long-term stay's payment).
    expect(basis.body.find((r: { caseNumber: string }) => r.caseNumber === march.caseNumber)).toMatchObject({ kind: 'short_term_stay', days: 31, amount: null, missing: 'income_basis' });
    await caseworker.command(`/api/v1/persons/${person.id}/income`, income(300_000, { netIncomeAfterTax: 250_000 }));
    const paid = await teamLeader.get(`/api/v1/reports/payment-basis?month=${y}-03`);
    const row = paid.body.find((r: { caseNumber: string }) => r.caseNumber === march.caseNumber);
    expect(row.amount).toBeGreaterThan(15 * 200);
    await sameAsEachCasesStatement(paid.body, `${y}-03`);
  });


  it('exports the invoice basis as JSON and as CSV for team leaders, and refuses the caseworker', async () => {
    const { c, person } = await decided('practical_help', 'nb', { hoursPerWeek: 2, form: 'time_fixed' });
    await caseworker.command(`/api/v1/persons/${person.id}/income`, income(400_000));
    await decided('practical_help', 'nb', { hoursPerWeek: 3, form: 'time_fixed' }); // a second case, with no income basis
    // A frame decision (home nursing: free) and a package (each service its own line), each with an income basis.
    const frame = await decided('home_nursing', 'nb', { form: 'frame' });
    await caseworker.command(`/api/v1/persons/${frame.person.id}/income`, income(250_000));
    const pack = await decided('practical_help', 'nb', { hoursPerWeek: 2, form: 'time_fixed', package: [{ serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 1 }, { serviceCode: 'practical_help', form: 'time_fixed', hoursPerWeek: 1.5 }] });
    await caseworker.command(`/api/v1/persons/${pack.person.id}/income`, income(500_000, { source: 'nav', sourceDate: addDays(today, -3) }));
    // A partial grant reversed on own review to a full grant without a new decision stated: its content stays the decision's.
    const partly = await decided('practical_help', 'nb', { outcome: 'partly_granted', hoursPerWeek: 3, form: 'time_fixed', considerations: 'Delvis innvilget etter kartlegging' });
    const complained = await caseworker.command(`/api/v1/cases/${partly.c.id}/actions`, { expectedVersion: partly.c.version, action: { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Klage på vedtaket' } } });
    expect(complained.status, JSON.stringify(complained.body)).toBe(200);
    const reversed = await caseworker.command(`/api/v1/cases/${partly.c.id}/actions`, { expectedVersion: complained.body.version, action: { type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort ved egen vurdering' } } });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
    const json = await teamLeader.get(`/api/v1/reports/payment-basis?month=${month}&format=json`);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect(json.body.find((r: { caseNumber: string }) => r.caseNumber === partly.c.caseNumber)).toMatchObject({ serviceCode: 'practical_help', kind: 'practical_help', hoursPerMonth: 13 });
    const framed = json.body.find((r: { caseNumber: string }) => r.caseNumber === frame.c.caseNumber);
    expect(framed).toMatchObject({ serviceCode: 'home_nursing', kind: 'free', amount: 0, incomeSource: 'tax_assessment', incomeSourceDate: today });
    const packed = json.body.filter((r: { caseNumber: string }) => r.caseNumber === pack.c.caseNumber);
    expect(packed.map((r: { serviceCode: string; kind: string }) => `${r.serviceCode} ${r.kind}`).sort()).toEqual(['home_nursing free', 'practical_help practical_help', 'practical_help practical_help']);
    expect(packed.every((r: { incomeSource: string; incomeSourceDate: string }) => r.incomeSource === 'nav' && r.incomeSourceDate === addDays(today, -3))).toBe(true);
    const row = json.body.find((r: { caseNumber: string }) => r.caseNumber === c.caseNumber);
    expect(row).toMatchObject({ month, personId: person.id, serviceCode: 'practical_help', hoursPerMonth: 8.67, incomeBand: 1, amount: 900, incomeSource: 'tax_assessment' });
    // the person as the register holds them, read with the case
    expect(row).toMatchObject({ nationalId: person.nationalId, name: `${person.givenName} ${person.familyName}` });
    // the rows by case number
    const numbers = json.body.map((r: { caseNumber: string }) => r.caseNumber);
    expect(numbers).toEqual([...numbers].sort());
    // The basis states every case for the month in one read; each case's lines are those of its own statement.
    await sameAsEachCasesStatement(json.body, month);
    const csv = await fetch(`${env.server.url}/api/v1/reports/payment-basis?month=${month}&format=csv`, { headers: { authorization: `Bearer ${teamLeader.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('month,caseNumber,personId,nationalId,name,serviceCode,kind,hoursPerMonth,days,incomeBand,under2G,amount,missing,incomeSource,incomeSourceDate,citations');
    expect(lines.some((l) => l.includes(c.caseNumber) && l.includes(',900,'))).toBe(true);
    expect((await caseworker.get(`/api/v1/reports/payment-basis?month=${month}`)).status).toBe(403);
  });

  it('exports the provider settlement as JSON and CSV', async () => {
    const json = await teamLeader.get(`/api/v1/reports/settlement/export?month=${month}`);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect(Array.isArray(json.body)).toBe(true);
    const csv = await fetch(`${env.server.url}/api/v1/reports/settlement/export?month=${month}&format=csv`, { headers: { authorization: `Bearer ${teamLeader.token}` } });
    expect((await csv.text()).split('\r\n')[0]).toBe('month,providerUnitId,providerName,serviceCode,agreementId,basis,element,quantity,unitPrice,amount');
    expect((await teamLeader.get('/api/v1/reports/payment-basis?month=2026-13')).status).toBe(400);
  });
});
