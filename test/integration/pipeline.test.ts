/**
 * One write path where every rule holds (issue 13), over real HTTP on a real PostgreSQL: the examples
 * an auditor found, each refused or fixed; the job runner writing through the same pipeline; the log
 * as the truth (drift refused, `reproject` mends it, `doctor` sees it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { appendToCase, writerAt } from '../../src/app/casePipeline.ts';
import { checkAllProjections, reprojectAll } from '../../src/app/reprojection.ts';
import { endScheduledServices } from '../../src/app/scheduledEnds.ts';
import { DEFAULT_ROLE_TABLE } from '../../src/app/authority.ts';
import { deriveCaseState } from '../../src/domain/case/index.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { fixedClock, norwegianDate } from '../../src/app/clock.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction, lawfulDecision } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { pdfText } from '../helpers/pdf.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseworker: Client;
let provider: Client;
const today = norwegianDate();

beforeAll(async () => {
  m = await createMunicipality(env.db);
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
  provider = await Client.login(env.server.url, m.id, 'provider');
});

async function person(): Promise<string> {
  const r = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Oddny', familyName: 'Walk', language: 'nb' });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** A case for `serviceCode` under assessment, with a completed assessment unless told otherwise. */
async function assessing(serviceCode: string, assessed = true): Promise<{ id: string; personId: string; version: number }> {
  const personId = await person();
  const opened = await caseworker.command('/api/v1/cases', { personId, serviceCode, channel: 'self', receivedOn: today, description: 'Søker hjelp' });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const started = await act(opened.body.id, opened.body.version, { type: 'assessment_started', payload: {} });
  if (assessed) await completeAssessment(caseworker, personId, { caseId: opened.body.id });
  return { id: opened.body.id, personId, version: started.body.version };
}

function act(caseId: string, expectedVersion: number, action: unknown, client = caseworker) {
  return client.command(`/api/v1/cases/${caseId}/actions`, { expectedVersion, action });
}

async function history(caseId: string): Promise<any[]> {
  return (await caseworker.get(`/api/v1/cases/${caseId}/actions`)).body;
}

const fields = (r: { body: any }) => (r.body.errors ?? []).map((e: any) => e.field).sort();

describe('every request is routed, also without a policy', () => {
  it("routes by the municipality's model template and says so", async () => {
    const c = await assessing('home_nursing');
    const [, routed] = await history(c.id);
    expect(routed).toMatchObject({ type: 'case_routed', payload: { unitId: m.officeId, rule: expect.stringContaining('No policy in force') } });
    expect(routed.authority.grant).toBe(DEFAULT_ROLE_TABLE);
  });
});

describe('decisions are complete and lawful on every path', () => {
  it('refuses a granted decision without a form instead of skipping the form rules', async () => {
    const c = await assessing('home_nursing');
    const r = await act(c.id, c.version, decisionAction('home_nursing', { form: undefined, hoursPerWeek: undefined }));
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['action.payload.form']);
  });

  it('refuses home nursing as time-fixed with no hours, and as a frame with no frame', async () => {
    const c = await assessing('home_nursing');
    expect(fields(await act(c.id, c.version, decisionAction('home_nursing', { form: 'time_fixed', hoursPerWeek: undefined })))).toEqual(['action.payload.hoursPerWeek']);
    expect(fields(await act(c.id, c.version, decisionAction('home_nursing', { form: 'frame', frame: undefined })))).toEqual(['action.payload.frame']);
  });

  it('asks a mental-health home-service decision for goals, a re-evaluation and an end', async () => {
    const c = await assessing('psychiatric_home_services');
    const r = await act(c.id, c.version, decisionAction('psychiatric_home_services', { goals: undefined, reevaluateBy: undefined, untilFurtherNotice: undefined }));
    expect(fields(r)).toEqual(['action.payload.goals', 'action.payload.validTo']);
    const r2 = await act(c.id, c.version, decisionAction('psychiatric_home_services', { reevaluateBy: undefined }));
    expect(fields(r2)).toEqual(['action.payload.reevaluateBy']);
    expect((await act(c.id, c.version, decisionAction('psychiatric_home_services'))).status).toBe(200);
  });

  it('decides a care flat as a place', async () => {
    const c = await assessing('care_flat');
    const r = await act(c.id, c.version, decisionAction('care_flat'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.decision).toMatchObject({ form: 'place', hoursPerWeek: null });
  });

  it('answers a BPA request decided as practical help, and the letter says what was asked and what was decided', async () => {
    const c = await assessing('bpa');
    const silent = await act(c.id, c.version, decisionAction('practical_help'));
    expect(silent.status).toBe(400);
    expect(silent.body.errors).toEqual([expect.objectContaining({ field: 'action.payload.requestAnswer', message: expect.stringContaining('§ 2-1 d') })]);
    const answered = await act(c.id, c.version, decisionAction('practical_help', { hoursPerWeek: 6, requestAnswer: { outcome: 'refused', reasons: 'Behovet for personlig assistanse er under 25 timer i uken' } }));
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.decision).toMatchObject({ serviceCode: 'practical_help', requestOutcome: 'refused' });
    const issued = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const pdf = await fetch(`${env.server.url}${issued.body.url}`, { headers: { authorization: `Bearer ${caseworker.token}` } });
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Du søkte om brukerstyrt personlig assistanse (BPA). Søknaden om dette er avslått.');
    expect(text).toContain('Behovet for personlig assistanse er under 25 timer i uken (pasient- og brukerrettighetsloven § 2-1 d)');
    expect(text).toContain('Du får praktisk bistand, 6 timer i uka');
  });

  it('needs a completed assessment or a recorded reason, and shows the reason in the reasons', async () => {
    const c = await assessing('home_nursing', false);
    const r = await act(c.id, c.version, decisionAction('home_nursing'));
    expect(fields(r)).toEqual(['action.payload.withoutAssessmentReason']);
    const ok = await act(c.id, c.version, decisionAction('home_nursing', { withoutAssessmentReason: 'Akutt behov ved utskrivning fra sykehus' }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const reasons = await caseworker.get(`/api/v1/cases/${c.id}/decision-reasons`);
    expect(JSON.stringify(reasons.body)).toContain('uten fullført kartlegging, fordi Akutt behov ved utskrivning fra sykehus');
  });
});

describe('the frame holds with or without a policy', () => {
  it('refuses a 40-hour adjustment on a 4-hour frame in a municipality with no policy', async () => {
    const c = await assessing('home_nursing');
    let r = await act(c.id, c.version, decisionAction('home_nursing', { form: 'frame', frame: { maxHoursPerWeek: 4, goals: ['Dusje selv'] } }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await act(c.id, r.body.version, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: today } });
    const refused = await act(c.id, r.body.version, { type: 'plan_adjusted', payload: { hoursPerWeek: 40, change: 'Mye mer hjelp' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'action.payload.hoursPerWeek', message: expect.stringContaining('outside the frame') })]);
    expect((await act(c.id, r.body.version, { type: 'plan_adjusted', payload: { hoursPerWeek: 3.5, change: 'Litt mer hjelp' } })).status).toBe(200);
  });
});

describe('orders follow decisions', () => {
  async function running(): Promise<{ id: string; version: number }> {
    const c = await assessing('home_nursing');
    let r = await act(c.id, c.version, decisionAction('home_nursing'));
    r = await act(c.id, r.body.version, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: today } });
    r = await act(c.id, r.body.version, { type: 'order_accepted', payload: { providerUnitId: m.providerId } }, provider);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await act(c.id, r.body.version, { type: 'service_started', payload: { startedOn: today } });
    return { id: c.id, version: r.body.version };
  }

  it('ends the accepted order when a re-evaluation refuses, tells the provider, and closing leaves no accepted order', async () => {
    const c = await running();
    let r = await act(c.id, c.version, { type: 'reevaluation_started', payload: { cause: 'scheduled' } });
    // Ending a running grant is a change to the person's detriment: an advance notice first (fvl § 16).
    const unwarned = await act(c.id, r.body.version, decisionAction('home_nursing', { outcome: 'refused' }));
    expect(fields(unwarned)).toEqual(['action.payload.advanceNoticeWaivedReason']);
    const notice = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'advance_notice', advanceNotice: { change: 'end', description: 'Hjemmesykepleien avsluttes fordi såret er grodd.', commentsBy: addDays(today, 14) } });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    const warned = (await caseworker.get(`/api/v1/cases/${c.id}`)).body;
    expect(warned.advanceNoticeAt).not.toBeNull();
    r = await act(c.id, warned.version, decisionAction('home_nursing', { outcome: 'refused' }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.orders).toEqual([expect.objectContaining({ kind: 'end', status: 'awaiting' })]);
    const queue = (await provider.get('/api/v1/work-queue')).body;
    expect(queue).toContainEqual(expect.objectContaining({ caseId: c.id, kind: 'order' }));
    r = await act(c.id, r.body.version, { type: 'case_closed', payload: { closedOn: today } });
    expect(r.status).toBe(200);
    const acked = await act(c.id, r.body.version, { type: 'order_accepted', payload: { providerUnitId: m.providerId } }, provider);
    expect(acked.status, JSON.stringify(acked.body)).toBe(200);
    expect(acked.body.orders.filter((o: any) => o.status === 'accepted' && o.kind !== 'end')).toEqual([]);
  });

  it('refuses a provider accepting an order after a complaint reversed the grant', async () => {
    const c = await assessing('home_nursing');
    let r = await act(c.id, c.version, decisionAction('home_nursing'));
    r = await act(c.id, r.body.version, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: today } });
    r = await act(c.id, r.body.version, { type: 'complaint_received', payload: { complainant: 'person', receivedOn: today, summary: 'Klage', concerns: 'decision' } });
    r = await act(c.id, r.body.version, { type: 'complaint_reversed_on_review', payload: { outcome: 'refused', summary: 'Ikke behov etter ny vurdering' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const accept = await act(c.id, r.body.version, { type: 'order_accepted', payload: { providerUnitId: m.providerId } }, provider);
    // The waiting order became an end to acknowledge: acknowledging is fine, but nothing stands accepted.
    expect(accept.body.orders?.some((o: any) => o.status === 'accepted' && o.kind !== 'end') ?? false).toBe(false);
  });

  it('ends a service with a later end date on that date, through the job runner and the same pipeline', async () => {
    const c = await running();
    const endOn = addDays(today, 14);
    const r = await act(c.id, c.version, { type: 'service_ended', payload: { endedOn: endOn, cause: 'no_longer_needed' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('active');
    expect(await endScheduledServices(env.db, new Date(`${addDays(today, 13)}T12:00:00Z`))).toBe(0);
    expect(await endScheduledServices(env.db, new Date(`${endOn}T06:00:00Z`))).toBe(1);
    const after = (await caseworker.get(`/api/v1/cases/${c.id}`)).body;
    expect(after.status).toBe('ended');
    const log = await history(c.id);
    expect(log.at(-1)).toMatchObject({ type: 'service_ended', actorStaffId: m.staff.caseworker, reason: expect.stringContaining('job runner') });
    expect(await endScheduledServices(env.db, new Date(`${endOn}T07:00:00Z`))).toBe(0);
  });
});

describe('letters', () => {
  async function decided(): Promise<string> {
    const c = await assessing('home_nursing');
    const r = await act(c.id, c.version, decisionAction('home_nursing', { summary: 'Du får hjelp med medisinene morgen og kveld.' }));
    expect(r.status).toBe(200);
    return c.id;
  }

  it('are issued only by someone who may decide; provider staff may not', async () => {
    const id = await decided();
    const r = await provider.command(`/api/v1/cases/${id}/letters`, { kind: 'decision' });
    expect(r.status).toBe(403);
    expect((await history(id)).some((a) => a.type === 'letter_issued')).toBe(false);
  });

  it('are issued once per decision; a reissue needs a reason; the letter carries the caseworker’s own words', async () => {
    const id = await decided();
    const first = await caseworker.command(`/api/v1/cases/${id}/letters`, { kind: 'decision' });
    expect(first.status).toBe(201);
    const again = await caseworker.command(`/api/v1/cases/${id}/letters`, { kind: 'decision' });
    expect(again.status).toBe(400);
    expect(fields(again)).toEqual(['action.payload.reissueReason']);
    const reissued = await caseworker.command(`/api/v1/cases/${id}/letters`, { kind: 'decision', reissueReason: 'Sendt til feil adresse' });
    expect(reissued.status).toBe(201);
    const issued = (await history(id)).filter((a) => a.type === 'letter_issued');
    expect(issued.map((a) => a.payload.reissueReason ?? null)).toEqual([null, 'Sendt til feil adresse']);
    const pdf = await fetch(`${env.server.url}${first.body.url}`, { headers: { authorization: `Bearer ${caseworker.token}` } });
    expect(await pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Du får hjelp med medisinene morgen og kveld.');
  });
});

describe('policies and the catalogue agree', () => {
  it('refuses a policy that allows a form the catalogue forbids, naming the rule', async () => {
    const leader = await Client.login(env.server.url, m.id, 'leader');
    const templates = (await leader.get('/api/v1/policies/templates')).body;
    const rules = { ...templates.purchaser_provider };
    rules.decisionForms = { ...rules.decisionForms, practical_help: ['frame'] };
    const r = await leader.command('/api/v1/policies', { effectiveFrom: addDays(today, 1), rules });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'rules.decisionForms.practical_help', message: expect.stringContaining('decision_form') })]);
  });
});

describe('the log is the truth', () => {
  it('refuses a write when the stored case differs from its log; reproject mends it and doctor sees it', async () => {
    const c = await assessing('home_nursing');
    await env.db.owner.query(`UPDATE case_file SET state = jsonb_set(state, '{planHoursPerWeek}', '99') WHERE id = $1`, [c.id]);
    const found = await checkAllProjections(env.db);
    expect(found.problems).toContainEqual(expect.objectContaining({ caseId: c.id, problem: expect.stringContaining('planHoursPerWeek') }));
    const refused = await act(c.id, c.version, { type: 'note_added', payload: { text: 'Notat' } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('tildel reproject');
    expect(await history(c.id)).toHaveLength(c.version);
    const summary = await reprojectAll(env.db);
    expect(summary.caseRowsChanged).toBe(1);
    expect((await checkAllProjections(env.db)).problems).toEqual([]);
    expect((await act(c.id, c.version, { type: 'note_added', payload: { text: 'Notat' } })).status).toBe(200);
  });

  it('gives byte-identical projections when reprojected', async () => {
    const snapshot = async () =>
      (
        await env.db.owner.query(
          `SELECT (SELECT jsonb_agg(to_jsonb(c) - 'updated_at' ORDER BY c.id) FROM case_file c) AS cases,
                  (SELECT jsonb_agg(to_jsonb(d) ORDER BY d.case_id, d.kind) FROM case_deadline d) AS deadlines,
                  (SELECT jsonb_agg(to_jsonb(w) ORDER BY w.case_id, w.decision_seq) FROM waiting_list_entry w) AS lists`,
        )
      ).rows[0];
    // Cases in several states, with deadlines and orders, whatever else the file has run.
    for (const service of ['home_nursing', 'practical_help', 'care_flat']) {
      const c = await assessing(service);
      const r = await act(c.id, c.version, decisionAction(service, { reevaluateBy: addDays(today, 90) }));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await act(c.id, r.body.version, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: today } });
    }
    const before = await snapshot();
    const summary = await reprojectAll(env.db);
    expect(summary.cases).toBeGreaterThanOrEqual(4);
    expect(summary.caseRowsChanged).toBe(0);
    expect(summary.deadlinesChanged).toBe(0);
    expect(summary.waitingListsChanged).toBe(0);
    expect(JSON.stringify(await snapshot())).toBe(JSON.stringify(before));
  });

  it('rebuilds a waiting-list entry from the decision that placed the person on the list', async () => {
    const c = await assessing('long_term_stay');
    const waitingList = { placeType: 'long_term_stay', assessedNeed: 'Trenger heldøgns omsorg', recommendedLevel: 'Langtidsplass', severity: 3, benefit: 3, resourceUse: 2 };
    const r = await act(c.id, c.version, decisionAction('long_term_stay', { waitingList: waitingList as never }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const entry = async () => (await env.db.owner.query('SELECT id, status, assessed_need FROM waiting_list_entry WHERE case_id = $1', [c.id])).rows;
    const [listed] = await entry();
    expect(listed).toMatchObject({ status: 'open', assessed_need: 'Trenger heldøgns omsorg' });
    await env.db.owner.query(`UPDATE waiting_list_entry SET status = 'closed' WHERE case_id = $1`, [c.id]);
    const summary = await reprojectAll(env.db);
    expect(summary.waitingListsChanged).toBe(1);
    expect(await entry()).toEqual([{ ...listed }]);
  });

  it('gives the same verdict whichever writer sends the same action', async () => {
    const c = await assessing('home_nursing');
    const body = decisionAction('home_nursing', { form: undefined, hoursPerWeek: undefined });
    const viaApi = await act(c.id, c.version, body);
    const direct = await inTenant(env.db.app, { municipalityId: m.id, staffId: m.staff.caseworker! }, async (tx) => {
      const authority = await loadAuthorityContext(tx, { staffId: m.staff.caseworker!, roles: ['caseworker'], unitIds: [m.officeId] });
      return appendToCase(tx, writerAt(authority, null, new Date()), { caseId: c.id, body }).then(
        () => null,
        (e: any) => ({ kind: e.kind, fields: e.details.fields.map((f: any) => f.field) }),
      );
    });
    expect(viaApi.status).toBe(400);
    expect(direct).toEqual({ kind: 'validation', fields: fields(viaApi) });
    const log = await history(c.id);
    const { rows } = await env.db.owner.query('SELECT state FROM case_file WHERE id = $1', [c.id]);
    expect(rows[0].state).toEqual(JSON.parse(JSON.stringify(deriveCaseState(log))));
    expect(lawfulDecision('home_nursing').form).toBe('time_fixed');
  });
});

describe('the clock the rules run on', () => {
  it('can be fixed for a test or a demo installation: actions, deadlines and letters use its date', async () => {
    const fixed = await startServer(env.db, fixedClock('2027-03-01'));
    try {
      const client = await Client.login(fixed.url, m.id, 'caseworker');
      const personId = await person();
      const opened = await client.command('/api/v1/cases', { personId, serviceCode: 'home_nursing', channel: 'self', receivedOn: '2027-03-01', description: 'Søker hjelp' });
      expect(opened.status).toBe(201);
      const log = (await client.get(`/api/v1/cases/${opened.body.id}/actions`)).body;
      expect(log.map((a: any) => a.occurredAt.slice(0, 10))).toEqual(['2027-03-01', '2027-03-01']);
      const { rows } = await env.db.owner.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due FROM case_deadline WHERE case_id = $1 AND kind = 'provisional_reply'`, [opened.body.id]);
      expect(rows).toEqual([{ due: '2027-04-01' }]);
    } finally {
      await fixed.close();
    }
  });
});
