/**
 * Decisions and complaints over HTTP: content rules named by their paragraphs, the reasons in the
 * person's written language, the complaint deadline with late acceptance, each complaint path, and
 * the complaint statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays, addMonths } from '../../src/domain/law/deadlines.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { requestCounts } from '../../src/store/reports.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction, type DecisionOverrides } from '../helpers/decisions.ts';
import { createMunicipality, nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;
let caseworker: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 13, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
  caseworker = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const today = norwegianDate();

/** A case under assessment; with `complete`, its assessment is completed on the case (a decision can rest on it). */
async function assessed(serviceCode: string, language: 'nb' | 'nn' = 'nb', complete = true): Promise<{ person: any; c: any }> {
  const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1944-09-09'), givenName: 'Sigrid', familyName: 'Vedtak', language })).body;
  let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  if (complete) await completeAssessment(caseworker, person.id, { caseId: c.id });
  return { person, c };
}

async function act(c: { id: string; version: number }, action: unknown): Promise<any> {
  return caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
}

async function assessWith(personId: string, scores: Record<string, number>, whatMatters: string, profession = 'Sykepleier'): Promise<void> {
  const r = await caseworker.command(`/api/v1/persons/${personId}/assessments`, {
    complete: true,
    assessedOn: today,
    scores,
    whatMatters,
    participants: [{ name: 'A', profession }],
    answers: { household_cannot_cover: true, other_adult_able: false, aids_not_tried: false },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** A lawful decision on the service (test/helpers/decisions.ts), with the given fields overridden. */
const decision = ({ serviceCode, ...extra }: DecisionOverrides & { serviceCode: string }) => decisionAction(serviceCode, { validFrom: today, ...extra });

async function decided(outcome: 'refused' | 'partly_granted'): Promise<any> {
  const { c } = await assessed('practical_help');
  const r = await act(c, decision({ outcome, serviceCode: 'practical_help', hoursPerWeek: 1, considerations: 'Behovet dekkes delvis av husstanden' }));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const complaint = (receivedOn: string, extra: Record<string, unknown> = {}) => ({ type: 'complaint_received', payload: { complainant: 'person', receivedOn, summary: 'Jeg trenger mer hjelp', ...extra } });

describe('decision content rules', () => {
  it('names the field and the rule when hours are missing where money follows hours', async () => {
    const { c } = await assessed('practical_help');
    // Without a form: the form is named, and the hours with the rule that money follows hours.
    const formless = await act(c, decision({ serviceCode: 'practical_help', form: undefined, hoursPerWeek: undefined }));
    expect(formless.status).toBe(400);
    expect(formless.body.errors).toEqual([
      { field: 'action.payload.form', message: expect.stringContaining('forvaltningsloven § 25'), code: 'rule', params: { citation: expect.stringContaining('§ 25') } },
      { field: 'action.payload.hoursPerWeek', message: expect.stringContaining('egenandel'), code: 'rule', params: { citation: expect.any(String) } },
    ]);
    // In its only form (time-fixed), without hours: the hours alone are named, with the rule that money follows hours.
    const timeFixed = await act(c, decision({ serviceCode: 'practical_help', form: 'time_fixed', hoursPerWeek: undefined }));
    expect(timeFixed.status).toBe(400);
    expect(timeFixed.body.errors).toEqual([{ field: 'action.payload.hoursPerWeek', message: expect.stringContaining('egenandel'), code: 'rule', params: { citation: expect.any(String) } }]);
    expect((await act(c, decision({ serviceCode: 'practical_help', form: 'time_fixed', hoursPerWeek: 2 }))).status).toBe(200);
  });

  it('refuses a refusal without the main considerations (fvl §§ 24–25)', async () => {
    const { c } = await assessed('home_nursing');
    const r = await act(c, decision({ outcome: 'refused', serviceCode: 'home_nursing', considerations: undefined }));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'action.payload.considerations', message: expect.stringContaining('forvaltningsloven §§ 24–25'), code: 'rule', params: { citation: expect.any(String) } }]);
  });

  it('needs the decided time, an end or "until further notice", and a re-evaluation for a service over two weeks (fvl § 35, pbrl § 2-7)', async () => {
    // Day care has no criteria set in force in the demo, so nothing fills in what the caseworker leaves out.
    const { c } = await assessed('day_centre');
    const open = await act(c, decision({ serviceCode: 'day_centre', untilFurtherNotice: undefined, reevaluateBy: undefined }));
    expect(open.status).toBe(400);
    expect(open.body.errors).toEqual([{ field: 'action.payload.validTo', message: expect.stringContaining('forvaltningsloven § 35'), code: 'rule', params: { citation: expect.any(String) } }]);
    const long = await act(c, decision({ serviceCode: 'day_centre', validTo: addDays(today, 60), reevaluateBy: undefined }));
    expect(long.body.errors).toEqual([{ field: 'action.payload.reevaluateBy', message: expect.stringContaining('more than two weeks'), code: 'rule', params: { citation: expect.any(String) } }]);
    // Two weeks or less needs no re-evaluation date.
    const short = await act(c, decision({ serviceCode: 'day_centre', validTo: addDays(today, 13), reevaluateBy: undefined }));
    expect(short.status, JSON.stringify(short.body)).toBe(200);
    expect(short.body.decision).toMatchObject({ validTo: addDays(today, 13), reevaluateBy: null });
  });

  it('takes the end and the re-evaluation date from the criteria set in force when the caseworker leaves them out, evaluated or not (seed 004 G-06)', async () => {
    // Home nursing's set in the demo: six months, re-evaluated after three. The case was not evaluated.
    const { c } = await assessed('home_nursing');
    const r = await act(c, decision({ serviceCode: 'home_nursing', untilFurtherNotice: undefined, reevaluateBy: undefined }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.decision).toMatchObject({ validTo: addDays(addMonths(today, 6), -1), reevaluateBy: addMonths(today, 3), untilFurtherNotice: false });
    // The dated items follow: a re-evaluation coming due, and the end of the decision.
    expect(r.body.workItems.map((i: any) => [i.kind, i.dueOn])).toEqual(expect.arrayContaining([['reevaluation_due', addMonths(today, 3)], ['decision_expiry', addDays(addMonths(today, 6), -1)]]));
  });

  it('needs a completed assessment, or the reason the decision is made without one (fvl §§ 17, 25)', async () => {
    const { c } = await assessed('home_nursing', 'nb', false);
    const r = await act(c, decision({ serviceCode: 'home_nursing' }));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'action.payload.withoutAssessmentReason', message: expect.stringContaining('forvaltningsloven §§ 17 og 25'), code: 'rule', params: { citation: expect.any(String) } }]);
    const reason = 'Utskrevet fra sykehus på kort varsel; kartlegging i hjemmet innen to uker';
    const withReason = await act(c, decision({ serviceCode: 'home_nursing', withoutAssessmentReason: reason }));
    expect(withReason.status, JSON.stringify(withReason.body)).toBe(200);
    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.at(-1).payload.withoutAssessmentReason).toBe(reason);
    // An assessment of the person completed after the request arrived counts as well.
    const second = await assessed('practical_help', 'nb', false);
    await completeAssessment(caseworker, second.person.id);
    expect((await act(second.c, decision({ serviceCode: 'practical_help' }))).status).toBe(200);
  });

  it("links an assessment only to one of the person's own cases, and refuses it with the field named and nothing stored", async () => {
    const { c } = await assessed('practical_help', 'nb', false);
    const other = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1943-03-03'), givenName: 'Olav', familyName: 'Annen' })).body;
    const before = (await caseworker.get(`/api/v1/persons/${other.id}/assessments`)).body.assessments.length;
    const r = await caseworker.command(`/api/v1/persons/${other.id}/assessments`, { complete: true, assessedOn: today, scores: { shopping: 3 }, whatMatters: 'Hjemme', participants: [{ name: 'A', profession: 'Sykepleier' }], caseId: c.id });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'caseId' })]);
    expect((await caseworker.get(`/api/v1/persons/${other.id}/assessments`)).body.assessments).toHaveLength(before);
  });

  it('answers the request itself when another service is decided (pbrl § 2-1 d: BPA asked, practical help decided)', async () => {
    const { c } = await assessed('bpa');
    const r = await act(c, decision({ serviceCode: 'practical_help', hoursPerWeek: 8 }));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'action.payload.requestAnswer', message: expect.stringContaining('§ 2-1 d'), code: 'rule', params: { citation: expect.any(String) } }]);
    const answered = await act(c, decision({ serviceCode: 'practical_help', hoursPerWeek: 8, requestAnswer: { outcome: 'refused', reasons: 'Behovet er under 25 timer i uken' } }));
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  });

  it('holds each form to what it demands: tasks for norm time, goals for psychiatric home services, a place without hours', async () => {
    const nursing = (await assessed('home_nursing')).c;
    const noTasks = await act(nursing, decision({ serviceCode: 'home_nursing', form: 'norm_time', tasks: undefined }));
    expect(noTasks.body.errors).toEqual([{ field: 'action.payload.tasks', message: expect.stringContaining('norm time'), code: 'rule', params: { citation: expect.any(String) } }]);
    expect((await act(nursing, decision({ serviceCode: 'home_nursing', form: 'norm_time' }))).status).toBe(200);
    const psychiatric = (await assessed('psychiatric_home_services')).c;
    const noGoals = await act(psychiatric, decision({ serviceCode: 'psychiatric_home_services', goals: undefined }));
    expect(noGoals.body.errors).toEqual([{ field: 'action.payload.goals', message: expect.stringContaining('goals'), code: 'rule', params: { citation: expect.any(String) } }]);
    expect((await act(psychiatric, decision({ serviceCode: 'psychiatric_home_services', goals: ['Mestre hverdagen'] }))).status).toBe(200);
    const stay = (await assessed('long_term_stay')).c;
    const withHours = await act(stay, decision({ serviceCode: 'long_term_stay', hoursPerWeek: 4 }));
    expect(withHours.body.errors).toEqual([{ field: 'action.payload.hoursPerWeek', message: expect.stringContaining('a place is granted, not hours'), code: 'rule', params: { citation: expect.any(String) } }]);
  });

  it('serves the legal register with citations', async () => {
    const law = (await caseworker.get('/api/v1/law')).body;
    expect(law.map((r: any) => r.citation)).toEqual(expect.arrayContaining(['pasient- og brukerrettighetsloven § 7-5 første ledd', 'forvaltningsloven § 11 a tredje ledd', 'forvaltningsloven § 31']));
  });
});

describe('reasons', () => {
  it('assembles rules, facts and considerations in the person’s written language', async () => {
    // The one assessment the decision rests on is the one the criteria are evaluated against.
    const { person, c } = await assessed('practical_help', 'nn', false);
    await assessWith(person.id, { household_tasks: 4, shopping: 3, cooking: 2 }, 'Å bu heime saman med katten', 'Sjukepleiar');
    const evaluated = (await caseworker.command(`/api/v1/cases/${c.id}/evaluation`, {})).body.case;
    const r = await act(evaluated, decision({ outcome: 'partly_granted', serviceCode: 'practical_help', hoursPerWeek: 2, considerations: 'Handling kan gjerast med matkasse' }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const reasons = (await caseworker.get(`/api/v1/cases/${c.id}/decision-reasons`)).body;
    expect(reasons.lang).toBe('nn');
    expect(reasons.rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ citation: 'hol § 3-2 første ledd nr. 6 bokstav b' }),
      { citation: 'versjon 1', text: 'Kommunen sine tildelingskriterium, Praktisk bistand' },
    ]));
    // The criteria are told as sentences: which are met, in the person's language.
    expect(reasons.criteria).toEqual(expect.arrayContaining([expect.stringMatching(/^Du oppfyller desse kriteria: .*treng personbistand til husarbeid, innkjøp eller matlaging/)]));
    expect(reasons.facts).toEqual(expect.arrayContaining(['Det som er viktig for deg: «Å bu heime saman med katten»', 'Du treng hjelp med: vanleg husarbeid, skaffe seg varer og tenester.']));
    expect(reasons.considerations).toBe('Handling kan gjerast med matkasse');
    expect((await caseworker.get(`/api/v1/cases/${c.id}/decision-reasons?lang=nb`)).body.facts).toContain('Du trenger hjelp med: alminnelig husarbeid, skaffe seg varer og tjenester.');
  });
});

describe('complaint statistics by criterion', () => {
  it('counts complaints by the criteria version the decision rested on and by the criteria not met', async () => {
    const { person, c } = await assessed('practical_help', 'nb', false);
    await assessWith(person.id, { household_tasks: 1, shopping: 1, cooking: 1 }, 'Å klare meg selv');
    const evaluation = (await caseworker.command(`/api/v1/cases/${c.id}/evaluation`, {})).body;
    expect(evaluation.evaluation.verdict).toBe('not_eligible');
    const unmet = evaluation.evaluation.results.filter((r: any) => r.outcome === 'not_met').map((r: any) => r.id);
    expect(unmet.length).toBeGreaterThan(0);
    const leader = await Client.login(server.url, 'bladal', 'leder', 'demo');
    const before = (await leader.get('/api/v1/reports/complaints')).body;
    const refused = (await act(evaluation.case, decision({ outcome: 'refused', serviceCode: 'practical_help', considerations: 'Klarer husarbeidet selv' }))).body;
    expect((await act(refused, complaint(today))).status).toBe(200);
    const after = (await leader.get('/api/v1/reports/complaints')).body;
    expect(after.byCriteriaVersion['practical_help v1']).toBe((before.byCriteriaVersion['practical_help v1'] ?? 0) + 1);
    for (const id of unmet) expect(after.byUnmetCriterion[id]).toBe((before.byUnmetCriterion[id] ?? 0) + 1);
  });
});

describe('processing times', () => {
  it('counts days from request to first decision per service, the month of fvl § 11 a, and undecided requests as open', async () => {
    // A municipality of its own, so every request in the report is known: received n days ago, decided today or not.
    const m = await createMunicipality(db);
    const office = await Client.login(server.url, m.id, 'caseworker');
    const leader = await Client.login(server.url, m.id, 'leader');
    const empty = (await leader.get('/api/v1/reports/processing-times?days=60')).body;
    expect(empty).toMatchObject({ citation: 'forvaltningsloven § 11 a tredje ledd', today, since: addDays(today, -60), overall: { decided: 0, medianDays: null, p90Days: null, open: 0 }, byService: {} });

    async function request(serviceCode: string, daysAgo: number, decide: boolean): Promise<void> {
      const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1940-01-01'), givenName: 'Tida', familyName: 'Saksbehandling' })).body;
      let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'self', receivedOn: addDays(today, -daysAgo), description: 'Søknad' })).body;
      if (!decide) return;
      c = (await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
      await completeAssessment(office, person.id, { caseId: c.id });
      const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction(serviceCode, { validFrom: today }) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // Practical help decided after 2, 9 and 21 days, one waiting since today; home nursing decided after 50 days, one waiting for 45.
    for (const [service, daysAgo, decide] of [['practical_help', 2, true], ['practical_help', 9, true], ['practical_help', 21, true], ['practical_help', 0, false], ['home_nursing', 50, true], ['home_nursing', 45, false]] as const) {
      await request(service, daysAgo, decide);
    }

    const report = (await leader.get('/api/v1/reports/processing-times?days=60')).body;
    // Nearest-rank percentiles: of 2, 9, 21, 50 days the median is 9 and the 90th percentile 50.
    expect(report.overall).toEqual({ decided: 4, medianDays: 9, p90Days: 50, decidedWithinMonth: 3, open: 2, openPastMonth: 1 });
    expect(report.byService).toEqual({
      practical_help: { decided: 3, medianDays: 9, p90Days: 21, decidedWithinMonth: 3, open: 1, openPastMonth: 0 },
      home_nursing: { decided: 1, medianDays: 50, p90Days: 50, decidedWithinMonth: 0, open: 1, openPastMonth: 1 },
    });
    // Only requests received within the window count: the last 30 days leave out the 45- and 50-day-old requests.
    const recent = (await leader.get('/api/v1/reports/processing-times?days=30')).body;
    expect(recent.overall).toEqual({ decided: 3, medianDays: 9, p90Days: 21, decidedWithinMonth: 3, open: 1, openPastMonth: 0 });

    // The counting's own edges, against deadlines set here: decided on the deadline day is within the
    // month, a day after it is not; open on the deadline day is not past it, a day after it is.
    const dues = new Map([[addDays(today, -50), addDays(today, 99)], [addDays(today, -45), addDays(today, -1)], [addDays(today, -21), addDays(today, 99)], [addDays(today, -9), addDays(today, -1)], [addDays(today, -2), today], [today, today]]);
    const counts = await inTenant(db.app, { municipalityId: m.id, staffId: null }, (tx) => requestCounts(tx, addDays(today, -60), dues, today));
    const by = (service: string, days: number | null) => counts.filter((c) => c.service_code === service && c.days === days).map(({ within_month, past_month, count }) => ({ within_month, past_month, count }));
    expect(by('practical_help', 2)).toEqual([{ within_month: true, past_month: null, count: 1 }]);
    expect(by('practical_help', 9)).toEqual([{ within_month: false, past_month: null, count: 1 }]);
    expect(by('practical_help', null)).toEqual([{ within_month: null, past_month: false, count: 1 }]);
    expect(by('home_nursing', null)).toEqual([{ within_month: null, past_month: true, count: 1 }]);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(6);

    expect((await office.get('/api/v1/reports/processing-times')).status).toBe(403);
    expect((await leader.get('/api/v1/reports/processing-times?days=2')).status).toBe(400);
  });
});

describe('pasient- og brukerrettighetsloven § 2-7', () => {
  it('arranges a service only on an individual decision, and says so when asked to before one', async () => {
    const { c } = await assessed('practical_help');
    const org = (await caseworker.get('/api/v1/organisation')).body;
    const provider = org.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id;
    const r = await act(c, { type: 'service_arranged', payload: { providerUnitId: provider, startOn: today } });
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain('pasient- og brukerrettighetsloven § 2-7');
  });
});

describe('complaints', () => {
  it('records who complains on the person’s behalf and under what authority (fvl § 12)', async () => {
    const c = await decided('refused');
    const missing = await act(c, complaint(today, { complainant: 'representative' }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'action.payload.representative', message: expect.stringContaining('forvaltningsloven § 12') });
    const undocumented = await act(c, complaint(today, { complainant: 'representative', representative: { name: 'Kari Vedtak', authority: 'power_of_attorney' } }));
    expect(undocumented.body.errors[0]).toMatchObject({ field: 'action.payload.representative.documentedOn' });
    const lawyer = await act(c, complaint(today, { complainant: 'representative', representative: { name: 'Advokat Berg', authority: 'lawyer' } }));
    expect(lawyer.status, JSON.stringify(lawyer.body)).toBe(200);
    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.at(-1).payload.representative).toEqual({ name: 'Advokat Berg', authority: 'lawyer' });
  });

  it('accepts a complaint in time, and a late one only with a recorded reason (pbrl § 7-5, fvl § 31)', async () => {
    // The deadline runs from the notice of the decision, its letter: before the letter it has not begun.
    const unnotified = await decided('refused');
    const early = await act(unnotified, complaint(addDays(today, 40)));
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    let c = await decided('refused');
    const letter = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    c = (await caseworker.get(`/api/v1/cases/${c.id}`)).body;
    expect(c.decision).toMatchObject({ decidedOn: today, notifiedOn: today });
    const late = addDays(today, 40);
    // Posted by the deadline, it is in time whenever it arrives (fvl § 30); a postmark after its arrival is refused by field.
    const postmarkAfter = await act(c, complaint(late, { postedOn: addDays(late, 1) }));
    expect(postmarkAfter.body.errors).toEqual([expect.objectContaining({ field: 'action.payload.postedOn', params: { citation: 'forvaltningsloven § 30 første ledd bokstav a' } })]);
    let byPost = await decided('refused');
    expect((await caseworker.command(`/api/v1/cases/${byPost.id}/letters`, { kind: 'decision' })).status).toBe(201);
    byPost = (await caseworker.get(`/api/v1/cases/${byPost.id}`)).body;
    const posted = await act(byPost, complaint(late, { postedOn: addDays(today, 20) }));
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body.stateKey).toBe('complaint_own_review');
    const refused = await act(c, complaint(late));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'action.payload.lateAcceptedReason', message: expect.stringContaining('pasient- og brukerrettighetsloven § 7-5') });
    const accepted = await act(c, complaint(late, { lateAcceptedReason: 'Klageren var innlagt på sykehus' }));
    expect(accepted.status).toBe(200);
    expect(accepted.body.stateKey).toBe('complaint_own_review');
  });

  it('follows each path: reversed on own review; upheld, reversed or sent back by Statsforvalteren', async () => {
    let a = await decided('refused');
    a = (await act(a, complaint(today))).body;
    // Granting what was refused is a new decision, stated in full and held to the content rules (fvl § 33).
    const bare = await act(a, { type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort ved egen vurdering' } });
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([{ field: 'action.payload.newDecision', message: expect.stringContaining('forvaltningsloven § 33'), code: 'rule', params: { citation: expect.any(String) } }]);
    const newDecision = decisionAction('practical_help', { validFrom: today, hoursPerWeek: 2 }).payload;
    a = (await act(a, { type: 'complaint_reversed_on_review', payload: { outcome: 'granted', summary: 'Omgjort ved egen vurdering', newDecision } })).body;
    expect(a).toMatchObject({ status: 'decided', stateKey: 'decided', decision: { outcome: 'granted', form: 'time_fixed', hoursPerWeek: 2 } });

    const outcomes: Record<string, unknown> = {};
    for (const result of ['upheld', 'reversed', 'sent_back'] as const) {
      let c = await decided('partly_granted');
      c = (await act(c, complaint(today, { concerns: 'decision' }))).body;
      c = (await act(c, { type: 'complaint_forwarded', payload: { forwardedOn: today, summary: 'Oversendt med saksdokumentene' } })).body;
      expect(c.stateKey).toBe('complaint_with_statsforvalteren');
      const payload = { result, resolvedOn: today, summary: 'Statsforvalterens vedtak', ...(result === 'reversed' ? { outcome: 'granted' } : {}) };
      c = (await act(c, { type: 'complaint_resolved', payload })).body;
      outcomes[result] = [c.stateKey, c.decision?.outcome];
    }
    expect(outcomes).toEqual({ upheld: ['decided', 'partly_granted'], reversed: ['decided', 'granted'], sent_back: ['under_assessment', 'partly_granted'] });

    const leader = await Client.login(server.url, 'bladal', 'leder', 'demo');
    const stats = (await leader.get('/api/v1/reports/complaints')).body;
    expect(stats.byOutcome).toMatchObject({ reversed_on_review: expect.any(Number), upheld: expect.any(Number), reversed: expect.any(Number), sent_back: expect.any(Number) });
    expect(stats.byOutcome.reversed_on_review).toBeGreaterThanOrEqual(1);
    expect(stats.byService.practical_help).toBeGreaterThanOrEqual(5);
    expect(stats.acceptedLate).toBeGreaterThanOrEqual(1);
  });
});

describe('a complaint about the delivery', () => {
  it('goes to the provider, not into the complaint branch, and has no deadline', async () => {
    const { c } = await assessed('practical_help');
    let current = (await act(c, decision({ serviceCode: 'practical_help', hoursPerWeek: 2, form: 'time_fixed' }))).body;
    const org = (await caseworker.get('/api/v1/organisation')).body;
    const provider = org.units.find((u: any) => u.name === 'Hjemmetjenesten Bladal').id;
    current = (await act(current, { type: 'service_arranged', payload: { providerUnitId: provider, startOn: today } })).body;
    current = (await act(current, { type: 'service_started', payload: { startedOn: today } })).body;
    const r = await act(current, complaint(addDays(today, 60), { concerns: 'delivery', summary: 'Hjelperne kommer aldri til avtalt tid' }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.stateKey).toBe('active');
    // The provider answers it; the allocation office (the purchaser) sees it in its queue as well.
    const queue = (await caseworker.get('/api/v1/work-queue?kind=delivery_complaint')).body.find((i: any) => i.caseId === c.id);
    expect(queue).toMatchObject({ holder: 'provider_and_office', providerUnit: { id: provider, name: 'Hjemmetjenesten Bladal' }, ownerUnit: { id: c.ownerUnitId } });
    const mine = (await caseworker.get('/api/v1/work-queue?owner=my_units&kind=delivery_complaint')).body;
    expect(mine.some((i: any) => i.caseId === c.id)).toBe(true);
    const provider_staff = await Client.login(server.url, 'bladal', 'utforer', 'demo');
    const answered = await provider_staff.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: r.body.version, action: { type: 'delivery_complaint_answered', payload: { summary: 'Fast tidspunkt avtalt' } } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect((await caseworker.get('/api/v1/work-queue?kind=delivery_complaint')).body.some((i: any) => i.caseId === c.id)).toBe(false);
    const stats = (await (await Client.login(server.url, 'bladal', 'leder', 'demo')).get('/api/v1/reports/complaints')).body;
    expect(stats.byOutcome.answered_by_provider).toBeGreaterThanOrEqual(1);
    expect(stats.byConcern.delivery).toBeGreaterThanOrEqual(1);
  });
});
