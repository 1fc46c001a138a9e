/**
 * Rules that create work (issue 14), driven through the API on a real PostgreSQL and, where a job is
 * involved, through the job runner across a restart: what the system knows turns into a work item
 * with an owner and a date, and the queue, the case and the leader's report agree on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { runFollowUpRules, runFollowUpRulesIn } from '../../src/app/followUpRules.ts';
import { DEMO_CRITERIA } from '../../src/demo/criteria/index.ts';
import { addDays, addMonths } from '../../src/domain/law/deadlines.ts';
import { POLICY_TEMPLATES } from '../../src/domain/organisation/templates.ts';
import { startJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { approveCriteriaSet, insertCriteriaSet } from '../../src/store/assessments.ts';
import { insertPolicy } from '../../src/store/policies.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment } from '../helpers/decisions.ts';
import { pdfText } from '../helpers/pdf.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let office: Client;
let provider: Client;
let leader: Client;
let runner: JobRunner | null = null;
const today = norwegianDate();
const validFrom = addDays(today, -40);
const RULE = { thresholdPercent: 25, windowWeeks: 3, requireIplosChange: true };

beforeAll(async () => {
  m = await createMunicipality(env.db);
  // The unit's revision rule (seed 002 L848–851) in a purchaser–provider policy in force, and home nursing's criteria.
  await inTenant(env.db.app, { municipalityId: m.id, staffId: m.staff.leader ?? null }, async (tx) => {
    await insertPolicy(tx, { districtId: null, serviceCode: null, effectiveFrom: '2020-01-01', rules: { ...POLICY_TEMPLATES.purchaser_provider, changeRevision: RULE }, note: 'Revisjonsregel ±25 %' });
    const homeNursing = DEMO_CRITERIA.find((c) => c.serviceCode === 'home_nursing');
    if (!homeNursing || !m.staff.leader) throw new Error('fixture');
    const id = await insertCriteriaSet(tx, { serviceCode: 'home_nursing', rules: homeNursing, note: 'Test', createdBy: m.staff.leader });
    await approveCriteriaSet(tx, id, m.staff.leader, '2020-01-01');
  });
  office = await Client.login(env.server.url, m.id, 'caseworker');
  provider = await Client.login(env.server.url, m.id, 'provider');
  leader = await Client.login(env.server.url, m.id, 'leader');
});

afterAll(async () => {
  await runner?.stop();
});

async function act(who: Client, c: { id: string; version: number }, action: unknown): Promise<any> {
  const r = await who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

function attempt(who: Client, c: { id: string; version: number }, action: unknown) {
  return who.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
}

const fields = (r: { body: any }) => (r.body.errors ?? []).map((e: any) => e.field).sort();

async function personId(): Promise<string> {
  const p = await office.command('/api/v1/persons', { nationalId: nationalId('1938-02-02'), givenName: 'Ragna', familyName: 'Oppfølging' });
  expect(p.status).toBe(201);
  return p.body.id;
}

/** A case under assessment for `serviceCode`, owned by the caseworker. */
async function assessing(serviceCode = 'home_nursing', receivedOn = addDays(today, -45)): Promise<any> {
  const person = await personId();
  let c = (await office.command('/api/v1/cases', { personId: person, serviceCode, channel: 'self', receivedOn, description: 'Søknad' })).body;
  c = await act(office, c, { type: 'owner_assigned', payload: { ownerStaffId: m.staff.caseworker } });
  return act(office, c, { type: 'assessment_started', payload: {} });
}

const grant = (hoursPerWeek: number, extra: Record<string, unknown> = {}) => ({
  type: 'decision_made',
  payload: {
    outcome: 'granted',
    serviceCode: 'home_nursing',
    form: 'time_fixed',
    hoursPerWeek,
    validFrom,
    untilFurtherNotice: true,
    reevaluateBy: addDays(today, 180),
    summary: 'Hjemmesykepleie morgen og kveld',
    withoutAssessmentReason: 'Utskrivningsklar pasient; kartlegging etter hjemkomst',
    ...extra,
  },
});

/** A home-nursing case decided at `hours` a week from 40 days ago, ordered, accepted and started. */
async function running(hours = 2, extra: Record<string, unknown> = {}): Promise<any> {
  let c = await assessing();
  c = await act(office, c, grant(hours, extra));
  c = await act(office, c, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: validFrom } });
  c = await act(provider, c, { type: 'order_accepted', payload: { providerUnitId: m.providerId } });
  return act(provider, c, { type: 'service_started', payload: { startedOn: validFrom } });
}

/** Monday of the week `date` falls in. */
function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** Records `perWeek` visits of `minutes` in each of the last three full weeks. */
async function deliver(caseId: string, perWeek: number, minutes: number): Promise<void> {
  const first = addDays(mondayOf(today), -21);
  for (let w = 0; w < 3; w += 1) {
    for (let v = 0; v < perWeek; v += 1) {
      const r = await provider.command('/api/v1/visits', { caseId, employeeRef: 'P7', visitDate: addDays(first, 7 * w + v), minutes });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  }
}

async function getCase(id: string): Promise<any> {
  return (await office.get(`/api/v1/cases/${id}`)).body;
}

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = await probe();
    if (hit || Date.now() > deadline) return hit ?? null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A long-term place granted from today and put on the waiting list with the given severity. */
async function waitingFor(severity: 1 | 2 | 3 | 4): Promise<any> {
  const c = await assessing('long_term_stay');
  return act(office, c, {
    type: 'decision_made',
    payload: {
      outcome: 'granted',
      serviceCode: 'long_term_stay',
      form: 'place',
      validFrom: today,
      untilFurtherNotice: true,
      reevaluateBy: addDays(today, 365),
      summary: 'Langtidsplass',
      withoutAssessmentReason: 'Akutt',
      waitingList: { placeType: 'long_term_stay', assessedNeed: 'Heldøgns omsorg', recommendedLevel: 'Skjermet enhet', severity, benefit: 3, resourceUse: 2 },
    },
  });
}

describe('a sustained change in delivery opens revision work', () => {
  it('is found by the job runner from the delivery data, lands with the purchaser naming the weeks and figures, and is opened once across a restart', async () => {
    const changed = await running(2);
    await deliver(changed.id, 2, 90); // 3 hours a week against 2 decided: +50 % in each week
    const quiet = await running(2); // no delivery recorded at all: not enough data, never a change

    runner = await startJobRunner(env.db, { pollIntervalMs: 200 });
    const opened = await waitFor(async () => (await getCase(changed.id)).followUps.find((f: any) => f.kind === 'sustained_change'));
    expect(opened).toMatchObject({ kind: 'sustained_change', key: expect.stringMatching(/^sustained_change:increase:/) });
    await runner.stop();
    runner = await startJobRunner(env.db, { pollIntervalMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await runner.stop();
    runner = null;

    const history = (await office.get(`/api/v1/cases/${changed.id}/actions`)).body;
    const entries = history.filter((a: any) => a.type === 'follow_up_opened');
    expect(entries).toHaveLength(1);
    expect(entries[0].payload.sustainedChange).toMatchObject({ direction: 'increase', thresholdPercent: 25, decidedHoursPerWeek: 2 });
    expect(entries[0].payload.sustainedChange.weeks.map((w: any) => [w.performedHours, w.changePercent])).toEqual([[3, 50], [3, 50], [3, 50]]);
    expect(entries[0].actorName).toBe('tildel (automatisk regel)');
    expect(entries[0].payload.summary).toContain('no IPLOS registration after the decision');

    const queue = (await office.get('/api/v1/work-queue?kind=revision&owner=my_units')).body;
    expect(queue).toContainEqual(expect.objectContaining({ caseId: changed.id, kind: 'revision', holder: 'office', dueOn: expect.any(String), overdue: false }));

    // No delivery data: nothing opened, and the gate says why.
    expect((await getCase(quiet.id)).followUps).toEqual([]);
    const gate = (await office.get(`/api/v1/cases/${quiet.id}/revision-gate`)).body;
    expect(gate.gate.mayRevise).toBe(false);
    expect(gate.gate.checks[0].detail).toMatch(/not enough data/);
  });

  it('is evaluated as delivery arrives: recorded visits hand their case to the running job runner', async () => {
    const c = await running(2);
    runner = await startJobRunner(env.db, { pollIntervalMs: 200 });
    // Let the run at start pass: it finds nothing on this case yet.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await getCase(c.id)).followUps).toEqual([]);
    await deliver(c.id, 1, 30); // half an hour a week against two decided: −75 %
    const opened = await waitFor(async () => (await getCase(c.id)).followUps.find((f: any) => f.kind === 'sustained_change'), 15_000);
    await runner.stop();
    runner = null;
    expect(opened?.key).toMatch(/^sustained_change:decrease:/);
  });

  it('screens the cases without locks: one with nothing to find, held under another transaction’s lock, does not hold up the run', async () => {
    const changed = await running(2);
    await deliver(changed.id, 2, 90);
    const quiet = await running(2); // nothing to find: no delivery
    // Another transaction (a caseworker's command, say) holds the quiet case's row lock while the rules run.
    const holder = await env.db.app.connect();
    try {
      await holder.query(`BEGIN; SELECT set_config('app.municipality_id', '${m.id}', true)`);
      expect((await holder.query('SELECT 1 FROM case_file WHERE id = $1 FOR UPDATE', [quiet.id])).rowCount).toBe(1);
      const run = runFollowUpRulesIn(env.db, m.id, new Date(), undefined, [quiet.id, changed.id]);
      const opened = await Promise.race([run, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the run waited for the lock of a case it had nothing to do on')), 10_000).unref())]);
      expect(opened).toBe(1);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect((await getCase(changed.id)).followUps.map((f: any) => f.kind)).toEqual(['sustained_change']);
    expect((await getCase(quiet.id)).followUps).toEqual([]);
  });

  it('holds the IPLOS gate on every path into a revised decision, a scheduled re-evaluation included', async () => {
    const c = await running(2);
    await deliver(c.id, 2, 90);
    for (const cause of ['scheduled', 'changed_need'] as const) {
      const other = cause === 'scheduled' ? c : await running(2);
      if (cause === 'changed_need') await deliver(other.id, 2, 90);
      const reevaluating = await act(office, await getCase(other.id), { type: 'reevaluation_started', payload: { cause } });
      const refused = await attempt(office, reevaluating, grant(3, { validFrom: today }));
      expect(refused.status, cause).toBe(400);
      expect(fields(refused)).toEqual(['action.payload.departureReason']);
      expect(refused.body.errors[0].message).toContain('no IPLOS registration after the decision');
      // A new IPLOS registration that shows the change opens the gate.
      await completeAssessment(office, reevaluating.person.id, { caseId: other.id, scores: { own_health: 4, personal_hygiene: 4, dressing: 3 } });
      const revised = await attempt(office, reevaluating, grant(3, { validFrom: today }));
      expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    }
  });
});

describe('follow-up from decisions and reports', () => {
  it('opens a review when a decision raised the hours while the scores did not rise, answered with reasons, never reopened', async () => {
    const c = await running(2);
    const reevaluating = await act(office, c, { type: 'reevaluation_started', payload: { cause: 'other' } });
    const raised = await act(office, reevaluating, grant(4, { validFrom: today, departureReason: 'Pårørende har flyttet; midlertidig økning' }));
    expect(await runFollowUpRules(env.db, new Date())).toBeGreaterThanOrEqual(1);
    const after = await getCase(c.id);
    const review = after.workItems.find((i: any) => i.kind === 'score_review');
    expect(review).toMatchObject({ holder: 'office', answeredBy: expect.arrayContaining(['follow_up_answered', 'reevaluation_started']) });
    const history = (await office.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.at(-1).payload.scores).toMatchObject({ decisionSeq: raised.decision.seq, hoursBefore: 2, hoursAfter: 4, adlBefore: null, adlAfter: null });
    expect((await office.get('/api/v1/work-queue?kind=score_review')).body.some((i: any) => i.caseId === c.id)).toBe(true);

    const answered = await act(office, after, { type: 'follow_up_answered', payload: { itemKey: review.key, reasons: 'Økningen er midlertidig og gjelder til pårørende er tilbake.' } });
    expect(answered.workItems.some((i: any) => i.kind === 'score_review')).toBe(false);
    await runFollowUpRules(env.db, new Date());
    expect((await getCase(c.id)).followUps).toEqual([]);
  });

  it('compares a raise with the decision a reversal on complaint stated, not with the one it reversed', async () => {
    let c = await running(2);
    c = await act(office, c, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Klage på timetallet' } });
    // Reversed on the office's own review with a new decision of 3 hours (forvaltningsloven § 33).
    c = await act(office, c, { type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort ved egen vurdering', newDecision: grant(3).payload } });
    expect(c.decision.hoursPerWeek).toBe(3);
    // The new decision is arranged and started anew before it is re-evaluated.
    c = await act(office, c, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: validFrom } });
    c = await act(provider, c, { type: 'order_accepted', payload: { providerUnitId: m.providerId } });
    c = await act(provider, c, { type: 'service_started', payload: { startedOn: validFrom } });
    c = await act(office, c, { type: 'reevaluation_started', payload: { cause: 'other' } });
    const raised = await act(office, c, grant(4, { validFrom: today, departureReason: 'Pårørende har flyttet; midlertidig økning' }));
    expect(await runFollowUpRules(env.db, new Date())).toBeGreaterThanOrEqual(1);
    const history = (await office.get(`/api/v1/cases/${c.id}/actions`)).body;
    const opened = history.filter((a: any) => a.payload?.scores?.decisionSeq === raised.decision.seq);
    expect(opened.map((a: any) => a.payload.scores)).toEqual([expect.objectContaining({ hoursBefore: 3, hoursAfter: 4 })]);
    // The list of raises (the case's caseworker's) has both, each against the decision stated before it: 2 → 3 by the reversal, 3 → 4.
    const listed = (await office.get('/api/v1/reports/hours-without-score-change')).body.filter((x: any) => x.caseId === c.id);
    expect(listed.map((x: any) => [x.hoursBefore, x.hoursAfter])).toEqual([
      [2, 3],
      [3, 4],
    ]);
  });

  it("answers a provider's change report with a reasoned no change, and refuses an answer to an item that is not open", async () => {
    const c = await running(2);
    const reported = await act(provider, c, { type: 'change_proposed', payload: { description: 'Trenger mer tid morgen', direction: 'increase', proposedHoursPerWeek: 3 } });
    const item = reported.workItems.find((i: any) => i.kind === 'change_report');
    expect(item).toMatchObject({ key: `change_report:${reported.version}`, holder: 'office' });
    const wrong = await attempt(office, reported, { type: 'follow_up_answered', payload: { itemKey: 'follow_up:999', reasons: 'Feil' } });
    expect(wrong.status).toBe(400);
    expect(fields(wrong)).toEqual(['action.payload.itemKey']);
    const answered = await act(office, reported, { type: 'follow_up_answered', payload: { itemKey: item.key, reasons: 'Endringen er kortvarig; vurderes ved neste revurdering.' } });
    expect(answered.workItems.some((i: any) => i.kind === 'change_report')).toBe(false);
    const reports = (await office.get('/api/v1/reports/change-reports')).body;
    expect(reports.find((r: any) => r.caseId === c.id)).toMatchObject({ open: false });
    // Per provider, increases against decreases.
    const other = await running(2);
    await act(provider, other, { type: 'change_proposed', payload: { description: 'Klarer mer selv', direction: 'decrease', proposedHoursPerWeek: 1 } });
    const balance = (await leader.get('/api/v1/reports/change-reports/by-provider')).body;
    expect(balance).toEqual([expect.objectContaining({ providerUnitId: m.providerId, increases: 1, decreases: 1, ratio: 1 })]);
  });

  it('lets a consultation between office and provider run as items on both sides until the agreed outcome is recorded', async () => {
    const c = await running(2);
    const asked = await act(office, c, { type: 'consultation_requested', payload: { to: 'provider', question: 'Hvordan går morgenstellet?', answerBy: addDays(today, 5) } });
    const consultation = asked.consultations[0];
    const providerQueue = (await provider.get('/api/v1/work-queue?owner=my_units&kind=consultation')).body;
    expect(providerQueue).toContainEqual(expect.objectContaining({ caseId: c.id, holder: 'provider', dueOn: addDays(today, 5) }));
    const answered = await act(provider, asked, { type: 'consultation_answered', payload: { consultationSeq: consultation.seq, answer: 'Tar 15 minutter mer enn avsatt.' } });
    expect((await office.get('/api/v1/work-queue?owner=my_units&kind=consultation')).body).toContainEqual(expect.objectContaining({ caseId: c.id, holder: 'office' }));
    const again = await attempt(provider, answered, { type: 'consultation_answered', payload: { consultationSeq: consultation.seq, answer: 'Igjen' } });
    expect(again.status).toBe(409);
    const concluded = await act(office, answered, { type: 'consultation_concluded', payload: { consultationSeq: consultation.seq, outcome: 'no_change', summary: 'Enige om å prøve ny rekkefølge på besøkene.' } });
    expect(concluded.consultations).toEqual([]);
    expect(concluded.workItems.some((i: any) => i.kind === 'consultation')).toBe(false);
  });
});

describe('complaints about the delivery', () => {
  it('reach the purchaser as well as the provider, and run beside a complaint about the decision', async () => {
    const c = await running(2);
    const delivery = await act(office, c, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'De kommer for sent', concerns: 'delivery' } });
    const both = await act(office, delivery, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'For lite hjelp', concerns: 'decision', lateAcceptedReason: 'Var innlagt da vedtaket kom' } });
    expect(both.stateKey).toBe('complaint_own_review');
    expect(both.workItems.map((i: any) => i.kind).sort()).toEqual(['complaint', 'delivery_complaint']);
    const twice = await attempt(office, both, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Igjen', concerns: 'delivery' } });
    expect(twice.status).toBe(400);
    expect(fields(twice)).toEqual(['action.payload.concerns']);
    const officeQueue = (await office.get('/api/v1/work-queue?owner=my_units')).body.filter((i: any) => i.caseId === c.id).map((i: any) => i.kind);
    const providerQueue = (await provider.get('/api/v1/work-queue?owner=my_units')).body.filter((i: any) => i.caseId === c.id).map((i: any) => i.kind);
    expect(officeQueue.sort()).toEqual(['complaint', 'delivery_complaint']);
    expect(providerQueue).toEqual(['delivery_complaint']);
    const answered = await act(provider, both, { type: 'delivery_complaint_answered', payload: { summary: 'Fast tidspunkt avtalt' } });
    expect(answered.workItems.map((i: any) => i.kind)).toEqual(['complaint']);
  });
});

describe('decisions that expire and lists that are reviewed', () => {
  it('counts a decision past its re-evaluation as overdue in the queue and in the leader’s report alike', async () => {
    let c = await assessing('home_nursing', addDays(today, -230));
    c = await act(office, c, grant(2, { validFrom: addDays(today, -200), reevaluateBy: addDays(today, -10) }));
    const item = c.workItems.find((i: any) => i.kind === 'reevaluation_due');
    expect(item).toMatchObject({ dueOn: addDays(today, -10), opensOn: addDays(today, -40) });
    const health = (await leader.request('GET', '/api/v1/reports/queue-health', undefined, { 'tildel-purpose': 'quality_assurance' })).body;
    expect(health.outdatedDecisions).toContainEqual(expect.objectContaining({ caseId: c.id, kind: 'reevaluation_due', overdue: true }));
    expect(health.overdueByKind.reevaluation_due).toBeGreaterThanOrEqual(1);
    const queue = (await office.get('/api/v1/work-queue?overdue=true')).body;
    expect(queue).toContainEqual(expect.objectContaining({ caseId: c.id, kind: 'reevaluation_due', overdue: true }));
  });

  it('gives a place on the waiting list a review date, and the review sets the next one', async () => {
    const c = await waitingFor(3);
    expect(c.listReviewBy).toBe(addMonths(today, 3));
    const review = c.workItems.find((i: any) => i.kind === 'list_review');
    expect(review).toMatchObject({ dueOn: addMonths(today, 3) });
    const noDate = await attempt(office, c, { type: 'follow_up_answered', payload: { itemKey: 'list_review', reasons: 'Uendret' } });
    expect(fields(noDate)).toEqual(['action.payload.nextReviewBy']);
    const next = addMonths(today, 2);
    const reviewed = await act(office, c, { type: 'follow_up_answered', payload: { itemKey: 'list_review', reasons: 'Behovet er uendret; står fortsatt på listen.', nextReviewBy: next } });
    expect(reviewed.listReviewBy).toBe(next);
  });
});

describe('a vacated place', () => {
  it('is offered in priority order, records who was offered and why, and why each one ahead was passed over', async () => {
    const first = await waitingFor(4);
    const second = await waitingFor(2);
    const lists = (await office.get('/api/v1/waiting-lists?placeType=long_term_stay')).body;
    const order = lists.waiting.map((e: any) => e.caseId);
    // The most severe need comes before the moderate one; whoever stands between them is passed over too.
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    const ahead = lists.waiting.slice(0, order.indexOf(second.id));
    const because = (e: any) => ({ caseId: e.caseId, reason: e.caseId === first.id ? 'Innlagt på sykehus; kan ikke flytte nå' : 'Ønsker plass på annet sykehjem' });
    const offer = { caseId: second.id, placeType: 'long_term_stay', answerBy: addDays(today, 3), reason: 'Plassen er på skjermet enhet, som passer behovet' };
    const silent = await office.command('/api/v1/waiting-lists/offers', offer);
    expect(silent.status).toBe(400);
    expect(silent.body.errors[0]).toMatchObject({ field: 'passedOver', message: expect.stringContaining(first.caseNumber) });
    const made = await office.command('/api/v1/waiting-lists/offers', { ...offer, passedOver: ahead.map(because) });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.rank).toBe(ahead.length + 1);
    const history = (await office.get(`/api/v1/cases/${second.id}/actions`)).body;
    expect(history.at(-1)).toMatchObject({ type: 'place_offered', payload: { rank: ahead.length + 1, priorityGroup: 'C' } });
    expect(history.at(-1).payload.passedOver).toContainEqual({ caseNumber: first.caseNumber, reason: 'Innlagt på sykehus; kan ikke flytte nå' });
    const offered = await getCase(second.id);
    expect(offered.workItems).toContainEqual(expect.objectContaining({ kind: 'place_offer', dueOn: addDays(today, 3) }));
    expect((await office.command('/api/v1/waiting-lists/offers', { ...offer, passedOver: ahead.map(because) })).status).toBe(409);
    // Declined: the person stays on the list, and the place goes to the first in the order.
    const declined = await act(office, offered, { type: 'place_offer_answered', payload: { offerSeq: offered.version, accepted: false, note: 'Ønsker å vente på plass nærmere familien' } });
    expect(declined.workItems.some((i: any) => i.kind === 'place_offer')).toBe(false);
    expect((await office.get('/api/v1/waiting-lists?placeType=long_term_stay')).body.waiting.map((e: any) => e.caseId)).toEqual(expect.arrayContaining([first.id, second.id]));
    const beforeFirst = lists.waiting.slice(0, order.indexOf(first.id)).map(because);
    const toFirst = await office.command('/api/v1/waiting-lists/offers', { caseId: first.id, placeType: 'long_term_stay', answerBy: addDays(today, 2), reason: 'Høyest prioritet', passedOver: beforeFirst });
    expect(toFirst.status, JSON.stringify(toFirst.body)).toBe(201);
    expect(toFirst.body.rank).toBe(beforeFirst.length + 1);
  });
});

describe('somewhere to go after a refusal', () => {
  it('records an onward referral with the refusal and prints it in the letter', async () => {
    const c = await assessing();
    const refused = await act(office, c, {
      type: 'decision_made',
      payload: {
        outcome: 'refused',
        serviceCode: 'home_nursing',
        validFrom: today,
        summary: 'Du kan få helsehjelpen hos fastlegen.',
        considerations: 'Behovet kan dekkes hos fastlege.',
        withoutAssessmentReason: 'Opplysninger fra fastlegen',
        onwardReferral: { to: 'gp', note: 'Bestill time hos fastlegen for sårstell.' },
      },
    });
    const letter = await office.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    const pdf = await fetch(`${env.server.url}${letter.body.url}`, { headers: { authorization: `Bearer ${office.token}` } });
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Andre som kan hjelpe deg: fastlegen din. Bestill time hos fastlegen for sårstell.');
    expect(refused.decision.outcome).toBe('refused');
    expect((await leader.get('/api/v1/reports/request-outcomes?days=60')).body.overall.refusedOrPartlyWithReferral).toBeGreaterThanOrEqual(1);
    // A full grant meets the need: a referral there is refused.
    const other = await assessing();
    const wrong = await attempt(office, other, grant(2, { onwardReferral: { to: 'nav', note: 'NAV' } }));
    expect(fields(wrong)).toEqual(['action.payload.onwardReferral']);
  });

  it('closes a request as answered by a low-threshold offer where the criteria point there, with the person’s consent, and only then', async () => {
    const c = await assessing();
    const offer = { type: 'request_answered_low_threshold', payload: { offer: 'Medisindispenser og digitalt tilsyn', agreedOn: today, personAccepted: true, toldOfRightToDecision: true } };
    const early = await attempt(office, c, offer);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('criteria evaluation points to a lower level');
    await completeAssessment(office, c.person.id, { caseId: c.id, scores: { own_health: 3 }, answers: { needs_health_care: true, welfare_technology_suitable: true, can_attend_clinic: false } });
    const evaluated = await office.command(`/api/v1/cases/${c.id}/evaluation`, {});
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
    expect(evaluated.body.evaluation.verdict).toBe('try_lower_level');
    const withoutConsent = await attempt(office, evaluated.body.case, { ...offer, payload: { ...offer.payload, personAccepted: false } });
    expect(withoutConsent.status).toBe(400);
    const before = (await leader.get('/api/v1/reports/request-outcomes?days=60')).body;
    const answered = await act(office, evaluated.body.case, offer);
    expect(answered).toMatchObject({ status: 'answered_low_threshold', decision: null, workItems: [] });
    // Counted as such: a low-threshold answer, not a refusal and not open.
    const after = (await leader.get('/api/v1/reports/request-outcomes?days=60')).body;
    expect(after.byService.home_nursing.lowThreshold).toBe(before.byService.home_nursing.lowThreshold + 1);
    expect(after.byService.home_nursing.open).toBe(before.byService.home_nursing.open - 1);
    expect(after.byService.home_nursing.refused).toBe(before.byService.home_nursing.refused);
  });
});
