/**
 * Steering information over HTTP on a real PostgreSQL (issue 20): the outcome figures and the team
 * steering card, every figure computed from cases made through the API on a clock fixed at
 * 2026-11-20, and compared with a count made here by hand from what the test did. And who may read
 * them: leaders only; the card's list of users above the continuity alert follows access by need.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { DEMO_CRITERIA } from '../../src/demo/criteria/index.ts';
import { cardAssessmentOf, cardCaseOf } from '../../src/app/steering.ts';
import { countsForCards, steeringCards, type CardInput } from '../../src/domain/reports/steering.ts';
import { approveCriteriaSet, insertCriteriaSet } from '../../src/store/assessments.ts';
import type { Database } from '../../src/store/database.ts';
import { insertStaff, insertUnit } from '../../src/store/org.ts';
import { cardAssessmentRows, cardCaseRows, cardComplaintRows, performedVisitEmployees } from '../../src/store/steering.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, nationalId, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';

const TODAY = '2026-11-20';
const MONTH = '2026-11';
let db: Database;
let server: TestServer;
let m: TestMunicipality;
let provider2: string;
let office: Client;
let teamleader: Client;
let leader: Client;
const made: Record<string, any> = {};

async function act(who: Client, c: { id: string; version: number }, type: string, payload: unknown = {}): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type, payload } });
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function person(name: string): Promise<string> {
  const r = await office.command('/api/v1/persons', { nationalId: nationalId('1940-02-02'), givenName: name, familyName: 'Styring' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

const decision = (serviceCode: string, outcome: string, hours: number | null, extra: Record<string, unknown> = {}) => ({
  outcome,
  serviceCode,
  validFrom: '2026-11-05',
  summary: 'Vedtak',
  withoutAssessmentReason: 'Testen prøver tallene, ikke kartleggingen',
  ...(outcome === 'refused' ? {} : { form: 'time_fixed', hoursPerWeek: hours, untilFurtherNotice: true, reevaluateBy: '2027-05-01' }),
  ...(outcome === 'granted' ? {} : { considerations: 'Behovet dekkes delvis' }),
  ...extra,
});

/** A request received on `receivedOn`, owned by `owner`, assessed and decided. */
async function decided(personId: string, serviceCode: string, receivedOn: string, owner: string, d: Record<string, unknown>): Promise<any> {
  let c = (await office.command('/api/v1/cases', { personId, serviceCode, channel: 'self', receivedOn, description: 'Søknad' })).body;
  c = await act(office, c, 'owner_assigned', { ownerStaffId: m.staff[owner] });
  c = await act(office, c, 'assessment_started');
  return act(office, c, 'decision_made', d);
}

/** The case's service ordered from `unit`, accepted and started on 2026-11-08. */
async function started(c: any, unit: string, deliverer: Client): Promise<any> {
  let s = await act(office, c, 'service_arranged', { providerUnitId: unit, startOn: '2026-11-08' });
  s = await act(deliverer, s, 'order_accepted', { providerUnitId: unit });
  return act(deliverer, s, 'service_started', { startedOn: '2026-11-08' });
}

async function visit(deliverer: Client, caseId: string, employeeRef: string, visitDate: string): Promise<void> {
  const r = await deliverer.command('/api/v1/visits', { caseId, employeeRef, visitDate, minutes: 60 });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function assess(personId: string, assessedOn: string, extra: Record<string, unknown>): Promise<void> {
  const r = await office.command(`/api/v1/persons/${personId}/assessments`, { complete: true, assessedOn, scores: { household_tasks: 3 }, participants: [{ name: 'Kari', profession: 'Sykepleier' }], ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/**
 * The cases: A has home nursing from the provider (P1, P2 visit) and practical help from a second
 * provider (Q1 visits), so A is one user with three employees, not two users of two teams; B is
 * refused with a referral to the GP and has nothing else; C is refused one service and granted
 * another; E is partly granted, re-evaluated and granted more; F is granted, re-evaluated, reduced,
 * ordered again and ended. B complains.
 */
async function makeCases(): Promise<void> {
  const deliverer = await Client.login(server.url, m.id, 'provider');
  const deliverer2 = await Client.login(server.url, m.id, 'provider2');
  const [a, b, c, e, f] = [await person('A'), await person('B'), await person('C'), await person('E'), await person('F')];
  Object.assign(made, { a, b, c, e, f });
  await assess(a, '2026-11-03', { whatMatters: 'Å gå tur', goals: [{ text: 'Gå til butikken', followUpOn: '2026-11-15' }, { text: 'Lage middag', followUpOn: '2026-11-25' }] });
  await assess(a, '2026-11-14', { whatMatters: 'Å gå tur hver dag' });
  // E's goal set in September and due on 2 November is followed up in October (before the month: the
  // card reads that assessment because a goal of E's is due in the month).
  await assess(e, '2026-09-15', { whatMatters: 'Å bo hjemme', goals: [{ text: 'Gå i trappen', followUpOn: '2026-11-02' }] });
  await assess(e, '2026-10-10', { whatMatters: 'Å bo hjemme' });
  await assess(e, '2026-11-05', { whatMattersMissingReason: 'Personen ønsket ikke å svare', goals: [{ text: 'Stå opp selv', followUpOn: '2026-11-10' }] });
  made.a1 = await started(await decided(a, 'home_nursing', '2026-11-02', 'caseworker', decision('home_nursing', 'granted', 2)), m.providerId, deliverer);
  made.a1 = await act(office, made.a1, 'responsibles_assigned', { serviceResponsibleStaffId: m.staff.teamleader, primaryContactStaffId: m.staff.caseworker });
  made.a2 = await started(await decided(a, 'practical_help', '2026-11-02', 'caseworker', decision('practical_help', 'granted', 3)), provider2, deliverer2);
  await visit(deliverer, made.a1.id, 'P1', '2026-11-10');
  await visit(deliverer, made.a1.id, 'P2', '2026-11-11');
  await visit(deliverer, made.a1.id, 'P1', '2026-11-12');
  await visit(deliverer2, made.a2.id, 'Q1', '2026-11-12');
  made.b1 = await decided(b, 'home_nursing', '2026-11-03', 'teamleader', decision('home_nursing', 'refused', null, { onwardReferral: { to: 'gp', note: 'Bestill time hos fastlegen' } }));
  made.b1 = await act(office, made.b1, 'complaint_received', { complainant: 'person', receivedOn: '2026-11-18', summary: 'Jeg trenger hjelp' });
  made.c1 = await decided(c, 'home_nursing', '2026-11-03', 'teamleader', decision('home_nursing', 'refused', null));
  made.c2 = await decided(c, 'practical_help', '2026-11-03', 'teamleader', decision('practical_help', 'granted', 2));
  let e1 = await started(await decided(e, 'home_nursing', '2026-11-04', 'caseworker', decision('home_nursing', 'partly_granted', 2)), m.providerId, deliverer);
  await visit(deliverer, e1.id, 'P1', '2026-11-13');
  e1 = await act(office, e1, 'reevaluation_started', { cause: 'changed_need' });
  made.e1 = await act(office, e1, 'decision_made', decision('home_nursing', 'granted', 5));
  let f1 = await started(await decided(f, 'practical_help', '2026-11-06', 'caseworker', decision('practical_help', 'granted', 3)), m.providerId, deliverer);
  f1 = await act(office, f1, 'reevaluation_started', { cause: 'scheduled' });
  f1 = await act(office, f1, 'decision_made', decision('practical_help', 'granted', 1, { advanceNoticeWaivedReason: 'Personen ba selv om mindre hjelp', considerations: 'Personen klarer mer selv og ønsker mindre hjelp' }));
  f1 = await act(office, f1, 'service_arranged', { providerUnitId: m.providerId, startOn: '2026-11-20' });
  made.f1 = await act(office, f1, 'service_ended', { endedOn: '2026-11-20', cause: 'moved' });
  await lowThreshold(await person('G'));
}

/** G's request for home nursing, answered by a low-threshold offer the criteria point to, without a decision. */
async function lowThreshold(g: string): Promise<void> {
  let c = (await office.command('/api/v1/cases', { personId: g, serviceCode: 'home_nursing', channel: 'self', receivedOn: '2026-11-10', description: 'Søknad' })).body;
  c = await act(office, c, 'owner_assigned', { ownerStaffId: m.staff.caseworker });
  c = await act(office, c, 'assessment_started');
  await assess(g, TODAY, { caseId: c.id, whatMatters: 'Klare meg selv', scores: { own_health: 3 }, answers: { needs_health_care: true, welfare_technology_suitable: true, can_attend_clinic: false } });
  const evaluated = await office.command(`/api/v1/cases/${c.id}/evaluation`, {});
  expect(evaluated.body.evaluation?.verdict, JSON.stringify(evaluated.body)).toBe('try_lower_level');
  made.g1 = await act(office, evaluated.body.case, 'request_answered_low_threshold', { offer: 'Digitalt tilsyn', agreedOn: TODAY, personAccepted: true, toldOfRightToDecision: true });
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer(db, fixedClock(TODAY));
  m = await createMunicipality(db);
  const passwordHash = await hashPassword(PASSWORD);
  provider2 = await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    const unit = await insertUnit(tx, { name: 'Hjemmetjenesten Nord', kind: 'municipal_provider', districtId: null });
    await insertStaff(tx, { username: 'provider2', displayName: 'Nord Testesen', profession: 'Helsefagarbeider', roles: ['provider_staff'], passwordHash, unitIds: [unit] });
    // Home nursing's criteria, so a request can be answered by a low-threshold offer where they point there.
    const homeNursing = DEMO_CRITERIA.find((c) => c.serviceCode === 'home_nursing');
    if (!homeNursing || !m.staff.leader) throw new Error('fixture');
    await approveCriteriaSet(tx, await insertCriteriaSet(tx, { serviceCode: 'home_nursing', rules: homeNursing, note: 'Test', createdBy: m.staff.leader }), m.staff.leader, '2020-01-01');
    return unit;
  });
  office = await Client.login(server.url, m.id, 'caseworker');
  teamleader = await Client.login(server.url, m.id, 'teamleader');
  leader = await Client.login(server.url, m.id, 'leader');
  await makeCases();
}, 240_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const rates = (figures: Record<string, { n: number; rate: number | null }>) => Object.fromEntries(Object.entries(figures).map(([id, f]) => [id, [f.n, f.rate]]));

describe('outcome figures', () => {
  it('count requests, decisions by outcome, changes, ends, re-evaluations, referrals and users left with no service, as counted by hand', async () => {
    const r = await leader.get('/api/v1/reports/outcomes?from=2026-11-01&to=2026-11-30&groupBy=caseworker');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // Requests: A1 A2 B1 C1 C2 E1 F1 G1. Decisions: A1 A2 B1 C1 C2, E1 twice, F1 twice = 9: granted A1 A2 C2 E1' F1 F1' (6), partly E1 (1), refused B1 C1 (2).
    // G1 is answered by a low-threshold offer: 1 of the 10 answers.
    expect(rates(r.body.total)).toEqual({
      requests: [8, null],
      decisions: [9, null],
      granted: [6, 0.6667],
      partlyGranted: [1, 0.1111],
      refused: [2, 0.2222],
      refusedWithAlternative: [1, 0.5],
      increases: [1, 0.1111],
      reductions: [1, 0.1111],
      ends: [1, null],
      reevaluations: [2, null],
      lowThreshold: [1, 0.1],
      onwardReferrals: [1, 0.1111],
      leftWithoutService: [1, 0.5],
    });
    const byOwner = Object.fromEntries(r.body.groups.map((g: any) => [g.key, g]));
    expect(byOwner[m.staff.caseworker as string].label).toBe('caseworker Testesen');
    expect(rates(byOwner[m.staff.caseworker as string].figures)).toMatchObject({ requests: [5, null], lowThreshold: [1, 0.1429], decisions: [6, null], granted: [5, 0.8333], partlyGranted: [1, 0.1667], refused: [0, 0] });
    expect(rates(byOwner[m.staff.teamleader as string].figures)).toMatchObject({ requests: [3, null], decisions: [3, null], granted: [1, 0.3333], refused: [2, 0.6667], leftWithoutService: [1, 0.5] });
    expect(r.body.unweightedMeanOfGroups.granted).toBe(0.5833);
    expect(r.body.definitions.map((d: any) => d.id)).toEqual(Object.keys(r.body.total));
    for (const d of r.body.definitions) for (const lang of ['nb', 'nn', 'en']) expect(d.definition[lang].length).toBeGreaterThan(10);
  });

  it('gives groups whose counts add up to the total for every breakdown', async () => {
    for (const groupBy of ['service', 'caseworker', 'team', 'district', 'model', 'month']) {
      const r = await leader.get(`/api/v1/reports/outcomes?from=2026-11-01&to=2026-11-30&groupBy=${groupBy}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      for (const id of ['requests', 'decisions', 'granted', 'partlyGranted', 'refused', 'increases', 'reductions', 'ends', 'reevaluations', 'lowThreshold', 'onwardReferrals']) {
        expect({ groupBy, id, sum: r.body.groups.reduce((n: number, g: any) => n + g.figures[id].n, 0) }).toEqual({ groupBy, id, sum: r.body.total[id].n });
      }
    }
    // The model groups are the districts' derived classes, as the classification report gives them.
    const classes = (await leader.get('/api/v1/reports/model-classification')).body.map((d: any) => String(d.osloClass));
    const models = (await leader.get('/api/v1/reports/outcomes?from=2026-11-01&to=2026-11-30&groupBy=model')).body;
    for (const g of models.groups) expect([...classes, 'none']).toContain(g.key);
    const months = (await leader.get('/api/v1/reports/outcomes?from=2026-10-01&to=2026-11-30&groupBy=month')).body;
    // A trend: every month of the period, an empty one too.
    expect(months.groups.map((g: any) => [g.key, g.figures.decisions.n])).toEqual([['2026-10', 0], [MONTH, 9]]);
    const byService = (await leader.get('/api/v1/reports/outcomes?from=2026-11-01&to=2026-11-30&groupBy=service')).body;
    expect(Object.fromEntries(byService.groups.map((g: any) => [g.key, g.figures.decisions.n]))).toEqual({ home_nursing: 5, practical_help: 4 });
  });

  it('defaults to the last three months and refuses a period that ends before it begins', async () => {
    const r = await leader.get('/api/v1/reports/outcomes');
    expect([r.body.from, r.body.to, r.body.groupBy]).toEqual(['2026-09-01', TODAY, 'service']);
    expect(r.body.total.decisions.n).toBe(9);
    const bad = await leader.get('/api/v1/reports/outcomes?from=2026-11-30&to=2026-11-01');
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'from']);
    const empty = (await leader.get('/api/v1/reports/outcomes?from=2026-01-01&to=2026-01-31')).body;
    expect([empty.total.decisions.n, empty.total.granted.rate, empty.groups]).toEqual([0, null, []]);
  });

  it('counts an event on its day in Norway, not in UTC (the period is a range of moments, issue 18)', async () => {
    // Two re-evaluations of A1 recorded around midnight between 31 March and 1 April 2025 in Oslo
    // (summer time, UTC+2), written as the log's own rows so that their moments can be chosen.
    for (const [n, at] of [[1, '2025-03-31T21:30:00Z'], [2, '2025-03-31T22:30:00Z']] as const) {
      await db.owner.query(
        `INSERT INTO case_action (municipality_id, case_id, seq, type, payload, actor_staff_id, authority, occurred_at)
         SELECT municipality_id, case_id, seq + 1000 + $2, 'reevaluation_started', '{}', actor_staff_id, authority, $3
           FROM case_action WHERE municipality_id = $1 AND case_id = $4 AND seq = 1`,
        [m.id, n, at, made.a1.id],
      );
    }
    const ofPeriod = async (from: string, to: string) => (await leader.get(`/api/v1/reports/outcomes?from=${from}&to=${to}&groupBy=month`)).body.total.reevaluations.n;
    // 23:30 on 31 March is March's; 00:30 on 1 April is April's, though both are 31 March in UTC.
    expect([await ofPeriod('2025-03-31', '2025-03-31'), await ofPeriod('2025-04-01', '2025-04-01'), await ofPeriod('2025-03-01', '2025-04-30')]).toEqual([1, 1, 2]);
  });
});

const figure = (team: any, id: string) => {
  const f = team.figures.find((x: any) => x.id === id);
  return f.unweighted === undefined ? [f.n, f.value] : [f.n, f.value, f.unweighted];
};

describe('the team steering card', () => {
  it("gives the provider's figures for the month, counting continuity per user across teams", async () => {
    const r = await teamleader.request('GET', `/api/v1/reports/steering-card?team=${m.providerId}&month=${MONTH}&alertAbove=2`, undefined, { 'tildel-purpose': 'case_processing' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [team] = r.body.teams;
    // The provider's users: A (A1), E (E1), F (F1). Assessments of A, A, E in November; A's two answer what matters.
    expect(figure(team, 'whatMattersDocumented')).toEqual([3, 0.6667]);
    // Running now: A1 only (E1 is decided again, F1 ended); A1 has both.
    expect(figure(team, 'serviceResponsibleCoverage')).toEqual([1, 1]);
    expect(figure(team, 'primaryContactCoverage')).toEqual([1, 1]);
    // Goals due by today: A's of 15 Nov (followed up on 14 Nov), E's of 10 Nov (not followed up), E's of
    // 2 Nov set in September (followed up on 10 October); A's of 25 Nov is not due.
    expect(figure(team, 'goalsFollowedUpOnTime')).toEqual([3, 0.6667]);
    // Received 2, 4 and 6 Nov; assessment started and decided on 20 Nov; started 8 Nov.
    expect(figure(team, 'daysToAssessment')).toEqual([3, 16]);
    expect(figure(team, 'daysToDecision')).toEqual([3, 16]);
    expect(figure(team, 'daysToStart')).toEqual([3, 4]);
    // A: P1, P2 here and Q1 of the other provider = 3; E: P1 = 1.
    expect(figure(team, 'continuityMean')).toEqual([2, 2]);
    expect(figure(team, 'continuityMedian')).toEqual([2, 2]);
    expect(team.usersAboveAlert).toBe(1);
    expect(team.continuityAlerts).toEqual([{ caseId: made.a1.id, caseNumber: made.a1.caseNumber, distinctEmployees: 3 }]);
    // Performed against decided, from the delivery report of the same month.
    const delivery = (await teamleader.request('GET', `/api/v1/reports/delivery?month=${MONTH}&providerUnitId=${m.providerId}`, undefined, { 'tildel-purpose': 'case_processing' })).body.rows.filter((x: any) => x.decidedHours > 0);
    const sum = (k: string) => delivery.reduce((n: number, x: any) => n + x[k], 0);
    const perCase = delivery.reduce((n: number, x: any) => n + x.performedHours / x.decidedHours, 0) / delivery.length;
    expect(figure(team, 'performedVsDecided')).toEqual([delivery.length, Math.round((sum('performedHours') / sum('decidedHours')) * 10_000) / 10_000, Math.round(perCase * 10_000) / 10_000]);
    // Complaints: none on the provider's cases, against their 5 decisions (A1; E1 twice; F1 twice).
    expect(figure(team, 'complaintsPer100Decisions')).toEqual([5, 0]);
  });

  it("counts a month's own assessments and firsts only: October has E's assessment and no case's first steps", async () => {
    const r = await teamleader.request('GET', `/api/v1/reports/steering-card?team=${m.providerId}&month=2026-10`, undefined, { 'tildel-purpose': 'case_processing' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [team] = r.body.teams;
    expect(figure(team, 'whatMattersDocumented')).toEqual([1, 1]);
    // E's goal of 2 November is not due in October; the cases were received, assessed, decided and started in November.
    expect(figure(team, 'goalsFollowedUpOnTime')).toEqual([0, null]);
    for (const id of ['daysToAssessment', 'daysToDecision', 'daysToStart']) expect(figure(team, id), id).toEqual([0, null]);
  });

  it("counts the complaint on the office's cases as a rate, and gives every team when none is named", async () => {
    const r = await leader.get(`/api/v1/reports/steering-card?month=${MONTH}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const office = r.body.teams.find((t: any) => t.unitId === m.officeId);
    expect(r.body.teams.map((t: any) => t.unitId)).toEqual(expect.arrayContaining([m.officeId, m.providerId, provider2]));
    // One complaint (B1, still in own review) against the 9 decisions on the office's cases.
    expect(figure(office, 'complaintsPer100Decisions')).toEqual([9, 11.1]);
    expect(figure(office, 'complaintsOpen')).toEqual([1, 1]);
    expect(figure(office, 'complaintsUpheld')).toEqual([1, 0]);
    // Over all users once: A 3, E 1 → 2; the teams' means: provider 2, provider2 3 (A) → 2.5.
    expect(r.body.continuityOverall).toEqual({ weightedByUsers: 2, unweightedMeanOfTeams: 2.5, median: 2, users: 2 });
    expect(r.body.definitions.map((d: any) => d.id)).toEqual(office.figures.map((f: any) => f.id));
  });
});

describe('the cases the card reads', () => {
  it('leaves out only cases that count for no card and have no visit in the month: the cards of every case are the same', async () => {
    const scope = { municipalityId: m.id, staffId: null };
    let leftOut = 0;
    for (const [first, last] of [['2026-11-01', '2026-11-30'], ['2026-10-01', '2026-10-31'], ['2026-12-01', '2026-12-31']] as const) {
      const { every, kept, assessments, complaints, visits } = await inTenant(db.app, scope, async (tx) => ({
        every: await cardCaseRows(tx, first, last, { everyCase: true }),
        kept: await cardCaseRows(tx, first, last),
        assessments: await cardAssessmentRows(tx, first, last),
        complaints: await cardComplaintRows(tx, first, last),
        visits: await performedVisitEmployees(tx, first),
      }));
      const keptIds = new Set(kept.map((c) => c.case_id));
      expect(kept).toEqual(every.filter((c) => keptIds.has(c.case_id)));
      const assessed = new Set(assessments.map((a) => a.person_id));
      const complained = new Set(complaints.map((c) => c.case_id));
      const visited = new Set(visits.map((v) => v.case_id));
      const month = { first, last };
      for (const c of every) {
        const counts = countsForCards(cardCaseOf(c), month, assessed, complained) || visited.has(c.case_id);
        expect({ caseId: c.case_id, month: first, kept: keptIds.has(c.case_id) }).toEqual({ caseId: c.case_id, month: first, kept: counts });
      }
      leftOut += every.length - kept.length;
      // The cards over what is read equal those over every case.
      const input = (cases: typeof every): CardInput => ({
        month,
        today: TODAY,
        cases: cases.map(cardCaseOf),
        assessments: assessments.map(cardAssessmentOf),
        visits: [],
        complaints: complaints.map((c) => ({ caseId: c.case_id, outcome: c.outcome })),
        delivery: [],
      });
      const teams = [{ id: m.officeId }, { id: m.providerId }, { id: provider2 }];
      expect(steeringCards(input(kept), teams)).toEqual(steeringCards(input(every), teams));
    }
    // The months above do have cases that count for nothing (October and December: most of them).
    expect(leftOut).toBeGreaterThan(0);
  });
});

describe('who may read steering information', () => {
  it('refuses those without a leader role, and answers a team that does not exist with 404', async () => {
    for (const username of ['caseworker', 'provider', 'admin']) {
      const client = await Client.login(server.url, m.id, username);
      expect({ username, outcomes: (await client.get('/api/v1/reports/outcomes')).status }).toEqual({ username, outcomes: 403 });
      expect({ username, card: (await client.get('/api/v1/reports/steering-card')).status }).toEqual({ username, card: 403 });
    }
    expect((await new Client(server.url).get('/api/v1/reports/outcomes')).status).toBe(401);
    expect((await leader.get('/api/v1/reports/steering-card?team=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('shows the users above the alert only to those with a need for them, and the counts to every leader', async () => {
    const path = `/api/v1/reports/steering-card?team=${m.providerId}&month=${MONTH}&alertAbove=2`;
    const counts = await leader.request('GET', path, undefined, { 'tildel-purpose': 'administration' });
    expect(counts.status).toBe(200);
    expect([counts.body.teams[0].usersAboveAlert, counts.body.teams[0].continuityAlerts]).toEqual([1, []]);
    const before = (await db.owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource = 'steering card continuity alerts'`)).rows[0].n;
    await teamleader.request('GET', path, undefined, { 'tildel-purpose': 'case_processing' });
    const after = (await db.owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE resource = 'steering card continuity alerts'`)).rows[0].n;
    expect(after).toBe(before + 1);
  });
});
