/**
 * The provider side over HTTP on the Solstad demo (purchaser–provider with activity-based funding,
 * user choice for practical help): orders answered by the provider's own staff, an unanswered order
 * escalating to the allocation office, order changes and ends, mixed provision; visits by API and by
 * CSV (a file with bad rows imports nothing), delivered against decided time, continuity; change
 * reports flagged when they raise the provider's revenue, the revision rule, over-service; settlement
 * on performed time, an ADL share left unresolved (not paid as zero) while a user has no IPLOS scores,
 * and a decision beyond the budget frame going through with an escalation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBudgetChecks } from '../../src/app/budgetCheck.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays, addWorkingDays } from '../../src/domain/law/deadlines.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { raiseDueDeadlinesEverywhere } from '../../src/jobs/runner.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;
let office: Client;
let privat: Client;
let municipal: Client;
let leader: Client;
const units: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 21, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
  office = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
  privat = await Client.login(server.url, 'solstad', 'privat', 'demo');
  municipal = await Client.login(server.url, 'solstad', 'utforer', 'demo');
  leader = await Client.login(server.url, 'solstad', 'leder', 'demo');
  for (const u of (await office.get('/api/v1/organisation')).body.units) units[u.name] = u.id;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const today = norwegianDate();
const PRIVATE = () => units['Omsorg Privat AS'] as string;
const EAST = () => units['Hjemmetjenesten øst'] as string;

async function act(who: Client, c: { id: string; version: number }, action: unknown, reason?: string): Promise<any> {
  return who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action, ...(reason ? { reason } : {}) });
}

async function fresh(c: { id: string }): Promise<any> {
  return (await office.get(`/api/v1/cases/${c.id}`)).body;
}

async function decided(hoursPerWeek: number, serviceCode = 'practical_help'): Promise<any> {
  const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1938-03-03'), givenName: 'Ruth', familyName: 'Bestilling' })).body;
  let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  c = (await act(office, c, { type: 'assessment_started', payload: {} })).body;
  await completeAssessment(office, person.id, { caseId: c.id });
  const r = await act(office, c, decisionAction(serviceCode, { form: 'time_fixed', hoursPerWeek, validFrom: today, reevaluateBy: addDays(today, 180), summary: 'Innvilget' }));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { ...r.body, person };
}

const presented = () => [EAST(), PRIVATE(), units['Hjemmetjenesten vest'] as string];
const choose = (providerUnitId?: string) => ({
  type: 'provider_chosen',
  payload: { choice: providerUnitId ? 'provider' : 'no_preference', ...(providerUnitId ? { providerUnitId } : {}), informedOn: today, presentedProviderUnitIds: presented() },
});
const order = { tasks: [{ text: 'Støvsuging og vask av gulv', minutesPerVisit: 60, visitsPerWeek: 1 }, { text: 'Handling', minutesPerVisit: 60, visitsPerWeek: 1 }], goals: ['Bo trygt hjemme'], practical: 'Nøkkelboks ved inngangen; katt i huset' };

async function orderedFromPrivate(hours = 2): Promise<any> {
  let c = await decided(hours);
  c = (await act(office, c, choose(PRIVATE()))).body;
  const r = await act(office, c, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today, order } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function acceptedFromPrivate(hours = 2): Promise<any> {
  const c = await orderedFromPrivate(hours);
  const r = await act(privat, c, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (await act(privat, r.body, { type: 'service_started', payload: { startedOn: today } })).body;
}


/** The leader reads reports that show single users for quality assurance (without a purpose, a leader sees counts only). */
function leaderRead(path: string) {
  return leader.request('GET', path, undefined, { 'tildel-purpose': 'quality_assurance' });
}

describe('user choice and orders', () => {
  it('records the informed choice before the first order, and orders from the chosen provider', async () => {
    const c = await decided(2);
    const before = await act(office, c, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today } });
    expect(before.status).toBe(403);
    expect(before.body).toMatchObject({ rule: 'user_choice', detail: expect.stringContaining('brukervalg') });
    const chosen = (await act(office, c, choose())).body;
    const notMunicipal = await act(office, chosen, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today } });
    expect(notMunicipal.body.errors[0]).toMatchObject({ field: 'action.payload.providerUnitId', message: expect.stringContaining('municipal provider') });
    const ok = await act(office, chosen, { type: 'service_arranged', payload: { providerUnitId: EAST(), startOn: today } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('gives the provider what it needs, lets only its own staff answer, and satisfies the answer deadline', async () => {
    const c = await orderedFromPrivate();
    const incoming = (await privat.get('/api/v1/orders?status=awaiting')).body.find((o: any) => o.caseId === c.id);
    expect(incoming).toMatchObject({ kind: 'new', revision: 1, providerUnitId: PRIVATE(), hoursPerWeek: 2, visitsPerWeek: 2, details: { practical: order.practical, tasks: order.tasks } });
    const other = await act(municipal, c, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } });
    expect(other.status).toBe(403);
    expect(other.body.rule).toBe('own_orders_only');
    const accepted = await act(privat, c, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.orders).toEqual([expect.objectContaining({ providerUnitId: PRIVATE(), status: 'accepted' })]);
    expect((await fresh(c)).orders[0].status).toBe('accepted');
    expect((await privat.get('/api/v1/orders?status=accepted')).body.some((o: any) => o.caseId === c.id)).toBe(true);
  });

  it('escalates an order nobody has answered to the allocation office when the answer time has run out', async () => {
    const c = await orderedFromPrivate();
    const owner = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'owner_assigned', payload: { ownerStaffId: (await office.get('/api/v1/me')).body.staffId } } });
    expect(owner.status, JSON.stringify(owner.body)).toBe(200);
    await raiseDueDeadlinesEverywhere(db, today);
    const early = (await office.get('/api/v1/reminders?owner=me')).body.filter((r: any) => r.caseId === c.id);
    expect(early, 'not due before the answer time has run out').toEqual([]);
    // Omsorg Privat AS must answer within one working day.
    await raiseDueDeadlinesEverywhere(db, addWorkingDays(today, 1));
    const reminder = (await office.get('/api/v1/reminders?owner=me')).body.find((r: any) => r.caseId === c.id);
    expect(reminder).toMatchObject({ kind: 'order_response', dueOn: addWorkingDays(today, 1), citation: expect.stringContaining('1 working days') });
    await act(privat, owner.body, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } });
    expect((await office.get('/api/v1/reminders?owner=me')).body.some((r: any) => r.caseId === c.id)).toBe(false);
  });

  it('sends a rejected order back to the office, and ends an accepted order that the provider acknowledges', async () => {
    const c = await orderedFromPrivate();
    const rejected = await act(privat, c, { type: 'order_rejected', payload: { providerUnitId: PRIVATE(), reason: 'Ingen kapasitet i området' } });
    expect(rejected.body).toMatchObject({ status: 'decided' });
    const again = (await act(office, rejected.body, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today } })).body;
    const accepted = (await act(privat, again, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } })).body;
    const started = (await act(privat, accepted, { type: 'service_started', payload: { startedOn: today } })).body;
    const ended = (await act(office, started, { type: 'service_ended', payload: { endedOn: today, cause: 'moved' } })).body;
    const end = (await privat.get('/api/v1/orders?status=awaiting')).body.find((o: any) => o.caseId === c.id);
    expect(end).toMatchObject({ kind: 'end', revision: 3 });
    expect((await act(privat, ended, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } })).status).toBe(200);
  });

  it('orders a part the chosen provider cannot deliver from another provider (mixed provision)', async () => {
    let c = await decided(5);
    c = (await act(office, c, choose(PRIVATE()))).body;
    const r = await act(office, c, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today, partOrder: { providerUnitId: EAST(), hoursPerWeek: 1, reason: 'Privat leverandør har ikke kveldstjeneste', tasks: [], goals: [] } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const east = (await municipal.get('/api/v1/orders?status=awaiting')).body.find((o: any) => o.caseId === c.id);
    const own = (await privat.get('/api/v1/orders?status=awaiting')).body.find((o: any) => o.caseId === c.id);
    expect([own?.hoursPerWeek, own?.part, east?.hoursPerWeek, east?.part]).toEqual([4, false, 1, true]);
  });
});

const csvOf = (rows: string[]) => ['case_number;employee;date;start;minutes;status;cancel_reason;visit_id', ...rows].join('\n');

describe('delivery', () => {
  it('pages a provider’s delivery rows past the rows of another provider’s part order, which the provider may not see', async () => {
    // Mixed provision: the private provider delivers the case, the municipal one a part of it; the private provider's staff see their own row only.
    const c = await decided(5);
    const chosen = (await act(office, c, choose(PRIVATE()))).body;
    const arranged = await act(office, chosen, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today, partOrder: { providerUnitId: EAST(), hoursPerWeek: 1, reason: 'Kveldstjeneste', tasks: [], goals: [] } } });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    expect((await act(privat, arranged.body, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } })).status).toBe(200);
    expect((await act(municipal, await fresh(c), { type: 'order_accepted', payload: { providerUnitId: EAST() } })).status).toBe(200);
    await acceptedFromPrivate(2);
    const month = today.slice(0, 7);
    const read = (path: string) => privat.request('GET', path, undefined, { 'tildel-purpose': 'service_delivery' });
    const whole = (await read(`/api/v1/reports/delivery?month=${month}`)).body.rows as { caseId: string; caseNumber: string; providerUnitId: string }[];
    expect(whole.filter((r) => r.caseId === c.id).map((r) => r.providerUnitId)).toEqual([PRIVATE()]);
    const leaderRows = (await leader.request('GET', `/api/v1/reports/delivery?month=${month}`, undefined, { 'tildel-purpose': 'quality_assurance' })).body.rows as { caseId: string }[];
    expect(leaderRows.filter((r) => r.caseId === c.id)).toHaveLength(2);
    // One row a page: the page after the mixed case's own row must read past the part order's row, which the gate holds back.
    const walked: { caseId: string; caseNumber: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await read(`/api/v1/reports/delivery/page?month=${month}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBe(1);
      walked.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null && walked.length <= whole.length);
    expect(walked).toEqual([...whole].sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : 1)));
    // The read is logged with the persons of the page's rows, not of the rows read past.
    const last = walked[walked.length - 1] as { caseId: string };
    const logged = await db.owner.query<{ person_ids: string[] }>(`SELECT person_ids FROM audit_event WHERE resource = 'delivery performance' ORDER BY at DESC LIMIT 1`);
    expect(logged.rows[0]?.person_ids).toEqual([(await fresh({ id: last.caseId })).person.id]);
  });

  it('imports nothing from a file with bad rows and reports each one, then imports the corrected file', async () => {
    const c = await acceptedFromPrivate(3);
    const before = (await leaderRead(`/api/v1/reports/delivery?month=${today.slice(0, 7)}`)).body.rows.find((r: any) => r.caseId === c.id);
    const bad = await privat.command('/api/v1/visits/import', {
      providerUnitId: PRIVATE(),
      fileName: 'profil-eksport.csv',
      csv: csvOf([`${c.caseNumber};P1;${today};08:00;60;;;x1`, `2099-999999;P2;${today};;30;;;x2`, `${c.caseNumber};;${today};;30;;;x3`, `${c.caseNumber};P2;${today};;0;avlyst;;x4`]),
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ imported: false, accepted: 1 });
    expect(bad.body.rejected.map((p: any) => [p.line, p.field])).toEqual([[3, 'case_number'], [4, 'employee'], [5, 'cancel_reason']]);
    const unchanged = (await leaderRead(`/api/v1/reports/delivery?month=${today.slice(0, 7)}`)).body.rows.find((r: any) => r.caseId === c.id);
    expect(unchanged.visits).toBe(before.visits);
    const good = await privat.command('/api/v1/visits/import', {
      providerUnitId: PRIVATE(),
      fileName: 'profil-eksport.csv',
      csv: csvOf([`${c.caseNumber};P1;${today};08:00;60;;;x1`, `${c.caseNumber};P2;${today};12:00;90;;;x2`, `${c.caseNumber};P3;${today};;0;avlyst;Bruker på sykehus;x3`]),
    });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.body).toMatchObject({ imported: true, accepted: 3, rejected: [] });
    const again = await privat.command('/api/v1/visits/import', { providerUnitId: PRIVATE(), fileName: 'igjen.csv', csv: csvOf([`${c.caseNumber};P1;${today};08:00;60;;;x1`]) });
    expect(again.body.rejected[0]).toMatchObject({ line: 2, field: 'visit_id', message: expect.stringContaining('imported already') });
    const row = (await leaderRead(`/api/v1/reports/delivery?month=${today.slice(0, 7)}`)).body.rows.find((r: any) => r.caseId === c.id);
    expect(row).toMatchObject({ performedHours: 2.5, visits: 2, cancelled: 1, cancelReasons: { 'Bruker på sykehus': 1 } });
    const continuity = (await leaderRead(`/api/v1/reports/continuity?month=${today.slice(0, 7)}`)).body;
    expect(continuity.perUser.find((u: any) => u.caseId === c.id)).toMatchObject({ distinctEmployees: 2 });
    expect(continuity).toMatchObject({ weightedByUsers: expect.any(Number), unweightedMeanOfUnits: expect.any(Number), note: expect.stringContaining('weighted') });
  });

  it('records visits only for its own accepted orders, and a cancelled visit only with a reason', async () => {
    const c = await acceptedFromPrivate(2);
    const visit = { caseId: c.id, employeeRef: 'P9', visitDate: today, minutes: 45 };
    expect((await municipal.command('/api/v1/visits', visit)).status).toBe(403);
    const noReason = await privat.command('/api/v1/visits', { ...visit, minutes: 0, status: 'cancelled' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ field: 'cancelReason' });
    expect((await privat.command('/api/v1/visits', visit)).status).toBe(201);
  });
});

describe('settlement', () => {
  it("pays the private provider its hour price on performed time, and shows what decided time would have paid", async () => {
    const c = await acceptedFromPrivate(4);
    for (const minutes of [60, 60, 60]) expect((await privat.command('/api/v1/visits', { caseId: c.id, employeeRef: 'P1', visitDate: today, minutes })).status).toBe(201);
    const s = (await leaderRead(`/api/v1/reports/settlement?month=${today.slice(0, 7)}&cases=true`)).body;
    const line = s.settlements.find((x: any) => x.providerUnitId === PRIVATE() && x.serviceCode === 'practical_help');
    const mine = line.cases.find((x: any) => x.caseNumber === c.caseNumber);
    // Without cases=true the report is the same but for each agreement's users.
    const summary = (await leaderRead(`/api/v1/reports/settlement?month=${today.slice(0, 7)}`)).body;
    expect(summary.settlements.some((x: any) => 'cases' in x)).toBe(false);
    expect(summary).toEqual({ ...s, settlements: s.settlements.map(({ cases: _cases, ...x }: any) => x) });
    expect(mine.performedHours).toBe(3);
    expect(line.basis).toBe('performed');
    expect(line.total).toBeCloseTo(line.performedHours * 520, 2);
    expect(line.onDecided).toBeCloseTo(line.decidedHours * 520, 2);
    expect(s.providers.find((p: any) => p.providerUnitId === PRIVATE()).paid).toBeCloseTo(line.total, 2);
  });

  it('lets a decision beyond the budget frame through, and tells the leader', async () => {
    const month = today.slice(0, 7);
    expect((await leader.command('/api/v1/budget-frames', { unitId: units.Tildelingskontoret, month, amount: 0 })).status).toBe(201);
    const c = await decided(6);
    expect(c.decision.outcome).toBe('granted');
    // The check is the job runner's, after the decision was committed (app/budgetCheck.ts); run its task now.
    expect((await leaderRead('/api/v1/escalations')).body.find((e: any) => e.caseId === c.id)).toBeUndefined();
    await runBudgetChecks(db, today);
    const escalations = (await leaderRead('/api/v1/escalations')).body;
    expect(escalations.find((e: any) => e.caseId === c.id)).toMatchObject({ kind: 'budget_exceeded', detail: expect.stringContaining('The decision stands') });
    const s = (await leaderRead(`/api/v1/reports/settlement?month=${month}`)).body;
    expect(s.purchasers.find((p: any) => p.unitId === units.Tildelingskontoret)).toMatchObject({ frame: 0, activityDeviation: { amount: expect.any(Number) } });
    expect(s.purchasers.find((p: any) => p.unitId === units.Tildelingskontoret).activityDeviation.amount).toBeGreaterThan(0);
  });

  /** A long-term place at the private provider, decided on a completed assessment (IPLOS scores) or without one. */
  async function placedAtPrivate(scored: boolean): Promise<any> {
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1930-05-05'), givenName: scored ? 'Signe' : 'Uskåret', familyName: 'Plass' })).body;
    let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'long_term_stay', channel: 'relative', receivedOn: today, description: 'Søknad om sykehjemsplass' })).body;
    c = (await act(office, c, { type: 'assessment_started', payload: {} })).body;
    if (scored) await completeAssessment(office, person.id, { caseId: c.id, scores: { personal_hygiene: 4, toilet: 4, memory: 3 } });
    const decision = decisionAction('long_term_stay', { validFrom: today, summary: 'Langtidsplass', ...(scored ? {} : { withoutAssessmentReason: 'Akutt innleggelse; kartlegging etter innflytting' }) });
    c = (await act(office, c, decision)).body;
    const arranged = await act(office, c, { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today } });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    const accepted = await act(privat, arranged.body, { type: 'order_accepted', payload: { providerUnitId: PRIVATE() } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    return accepted.body;
  }

  it('leaves the ADL-weighted part of an ADL share unpaid and unresolved, with the case of a user without IPLOS scores', async () => {
    const month = today.slice(0, 7);
    const agreement = await leader.command('/api/v1/provider-agreements', {
      providerUnitId: PRIVATE(),
      serviceCode: 'long_term_stay',
      validFrom: `${month}-01`,
      userChoice: false,
      responseDays: 2,
      priceModel: { basis: 'decided', elements: [{ kind: 'adl_share', amountPerMonth: 300_000, placeShare: 0.8 }] },
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    await placedAtPrivate(true);
    const unscored = await placedAtPrivate(false);
    const s = (await leaderRead(`/api/v1/reports/settlement?month=${month}&cases=true`)).body;
    const line = s.settlements.find((x: any) => x.providerUnitId === PRIVATE() && x.serviceCode === 'long_term_stay');
    expect(line.cases).toHaveLength(2);
    expect(line.unresolved).toEqual([
      { element: 'adl_share', amount: 60_000, reason: expect.stringContaining('1 of 2 users have no IPLOS scores'), caseIds: [unscored.id], caseNumbers: [unscored.caseNumber] },
    ]);
    // the 80 % per place is paid; the 20 % by ADL sum is neither paid nor paid as zero
    expect(line.lines).toEqual([{ element: 'adl_share', quantity: 2, unitPrice: 120_000, amount: 240_000 }]);
    expect([line.total, line.onDecided, line.onPerformed]).toEqual([240_000, 240_000, 240_000]);
    const own = s.settlements.filter((x: any) => x.providerUnitId === PRIVATE());
    expect(s.providers.find((p: any) => p.providerUnitId === PRIVATE())).toMatchObject({
      paid: own.reduce((a: number, x: any) => Math.round((a + x.total) * 100) / 100, 0),
      unresolved: 60_000,
    });
  });
});

describe('change reports', () => {
  it("flags a report that raises the reporting provider's own revenue", async () => {
    const c = await acceptedFromPrivate(2);
    const r = await act(privat, c, { type: 'change_proposed', payload: { proposedHoursPerWeek: 4, direction: 'increase', description: 'Trenger mer hjelp etter fall', observedSince: addDays(today, -21) } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const report = (await office.get('/api/v1/reports/change-reports')).body.find((x: any) => x.caseId === c.id);
    expect(report).toMatchObject({ raisesOwnRevenue: true, direction: 'increase', decidedHoursPerWeek: 2, proposedHoursPerWeek: 4, open: true, reportingUnitId: PRIVATE() });
  });

  it('revises only after a sustained ±25 % change registered in IPLOS, or with a written reason; such rises are listed', async () => {
    const c = await acceptedFromPrivate(2);
    const proposed = (await act(privat, c, { type: 'change_proposed', payload: { proposedHoursPerWeek: 4, direction: 'increase', description: 'Mer hjelp' } })).body;
    const gate = (await office.get(`/api/v1/cases/${c.id}/revision-gate`)).body;
    expect(gate).toMatchObject({ rule: { thresholdPercent: 25, windowWeeks: 4 }, gate: { mayRevise: false, checks: [{ id: 'sustained_change', met: false }, { id: 'iplos_change', met: false }] } });
    const reeval = (await act(office, proposed, { type: 'reevaluation_started', payload: { cause: 'changed_need' } })).body;
    const revise = decisionAction('practical_help', { form: 'time_fixed', hoursPerWeek: 4, validFrom: today, reevaluateBy: addDays(today, 90), summary: 'Økt' });
    const refused = await act(office, reeval, revise);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'action.payload.departureReason', message: expect.stringContaining('25 %') });
    const withReason = await act(office, reeval, { ...revise, payload: { ...revise.payload, departureReason: 'Akutt forverring etter sykehusopphold; kan ikke vente fire uker' } });
    expect(withReason.status, JSON.stringify(withReason.body)).toBe(200);
    const listed = (await leaderRead('/api/v1/reports/hours-without-score-change')).body.find((x: any) => x.caseId === c.id);
    expect(listed).toMatchObject({ hoursBefore: 2, hoursAfter: 4, decidedOn: today });
    // the person's IPLOS scores, the same sum before and after: no registration changed
    expect(typeof listed.adlBefore).toBe('number');
    expect(listed.adlAfter).toBe(listed.adlBefore);
    // A later decision that lowers the hours is no rise: the case's rise stays listed once, against the decision before it.
    const arranged = await act(office, await fresh(c), { type: 'service_arranged', payload: { providerUnitId: PRIVATE(), startOn: today } });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    const started = await act(office, arranged.body, { type: 'service_started', payload: { startedOn: today } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const againR = await act(office, started.body, { type: 'reevaluation_started', payload: { cause: 'changed_need' } });
    expect(againR.status, JSON.stringify(againR.body)).toBe(200);
    const again = againR.body;
    const lower = await act(office, again, { ...revise, payload: { ...revise.payload, hoursPerWeek: 3, summary: 'Redusert', considerations: 'Bedre funksjon etter opptrening; brukeren ønsker selv færre timer', departureReason: 'Bedring etter opptrening; vurdert ved hjemmebesøk', advanceNoticeWaivedReason: 'Brukeren ba selv om færre timer ved hjemmebesøket' } });
    expect(lower.status, JSON.stringify(lower.body)).toBe(200);
    const rises = (await leaderRead('/api/v1/reports/hours-without-score-change')).body.filter((x: any) => x.caseId === c.id);
    expect(rises).toEqual([listed]);
  });
});

describe("the provider's orders", () => {
  it('lists the cases last changed first and, among cases changed at the same moment, the highest case number first, the same at every call', async () => {
    const before = (await privat.get('/api/v1/orders')).body;
    expect(new Set(before.map((o: any) => o.caseId)).size).toBeGreaterThan(2);
    // Every case of the municipality changed at the same moment (as a load or a bulk change leaves them).
    await db.owner.query(`UPDATE case_file SET updated_at = '2026-01-01T12:00:00Z' WHERE municipality_id = 'solstad'`);
    const tied = (await privat.get('/api/v1/orders')).body;
    const numbers: string[] = tied.map((o: any) => o.caseNumber);
    // each case's orders together, the cases by case number, highest first
    const cases = numbers.filter((n, i) => i === 0 || numbers[i - 1] !== n);
    expect(cases).toEqual([...new Set(numbers)].sort().reverse());
    expect(new Set(tied.map((o: any) => o.caseId))).toEqual(new Set(before.map((o: any) => o.caseId)));
    expect((await privat.get('/api/v1/orders')).body).toEqual(tied);
  });
});
