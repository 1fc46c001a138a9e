/**
 * The same kind of application taken through each demo municipality follows the path its model
 * prescribes; every refused command says which rule, which model and who may do it instead; a model
 * change on a date applies to new actions only; and the queue-health report is empty.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { openCaseLog, writerAt } from '../../src/app/casePipeline.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import { hashPassword } from '../../src/app/passwords.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { OSLO_TABLE_3_1 } from '../../src/demo/oslo.ts';
import type { Database } from '../../src/store/database.ts';
import { insertStaff } from '../../src/store/org.ts';
import { insertPerson } from '../../src/store/persons.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction, type DecisionOverrides } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 11, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const login = (municipality: string, username: string) => Client.login(server.url, municipality, username, 'demo');

interface Org {
  districts: { id: string; name: string }[];
  units: { id: string; name: string; kind: string }[];
  staff: { id: string; username: string }[];
}

async function organisation(client: Client): Promise<Org & { unit: (name: string) => string; staffId: (username: string) => string; district: (name: string) => string }> {
  const org: Org = (await client.get('/api/v1/organisation')).body;
  const find = <T extends { id: string }>(list: T[], pred: (x: T) => boolean, what: string) => {
    const hit = list.find(pred);
    if (!hit) throw new Error(`no ${what}`);
    return hit.id;
  };
  return {
    ...org,
    unit: (name) => find(org.units, (u) => u.name === name, name),
    staffId: (username) => find(org.staff, (s) => s.username === username, username),
    district: (name) => find(org.districts, (d) => d.name === name, name),
  };
}

async function apply(client: Client, serviceCode: string, districtId?: string): Promise<any> {
  const person = await client.command('/api/v1/persons', { nationalId: nationalId('1939-02-14'), givenName: 'Test', familyName: 'Søker', ...(districtId ? { districtId } : {}) });
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  const r = await client.command('/api/v1/cases', { personId: person.body.id, serviceCode, channel: 'self', receivedOn: norwegianDate(), description: 'Søknad' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function act(client: Client, c: { id: string; version: number }, action: unknown): Promise<any> {
  return client.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
}

async function ok(client: Client, c: { id: string; version: number }, action: unknown): Promise<any> {
  const r = await act(client, c, action);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

function expectRefusal(r: any, rule: string, words: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expect(r.body.rule).toBe(rule);
  expect(r.body.detail).toContain(words);
}

/** A lawful decision on the service (test/helpers/decisions.ts), with the given fields overridden. */
const decision = ({ serviceCode, ...extra }: DecisionOverrides & { serviceCode: string }) =>
  decisionAction(serviceCode, { validFrom: norwegianDate(), reevaluateBy: '2027-12-01', summary: 'Innvilget', ...extra });

/** The assessment begins and is completed on the case by `client` (who the model lets assess), so a decision can rest on it. */
async function assess(client: Client, c: { id: string; version: number; person: { id: string } }): Promise<any> {
  const started = await ok(client, c, { type: 'assessment_started', payload: {} });
  await completeAssessment(client, c.person.id, { caseId: c.id });
  return started;
}


/** A read for quality assurance (the purpose a leader states to see persons, not only counts). */
function forQuality(client: Client, path: string) {
  return client.request('GET', path, undefined, { 'tildel-purpose': 'quality_assurance' });
}

describe('Granvik: trust model', () => {
  it('routes to the district team, lets the team adjust within the frame and refuses outside it', async () => {
    const caseworker = await login('granvik', 'saksbehandler');
    const therapist = await login('granvik', 'ergoterapeut');
    const org = await organisation(caseworker);
    let c = await apply(caseworker, 'home_nursing', org.district('Granvik nord'));
    expect(c.ownerUnitId).toBe(org.unit('Team Nord'));
    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history[1]).toMatchObject({ type: 'case_routed', payload: { rule: "Routed to Team Nord: the team of the person's district." } });
    expect(history[0].authority).toMatchObject({ policy: { model: 'trust_model' }, grant: 'members of the team' });

    c = await assess(therapist, c);
    expectRefusal(await act(therapist, c, decision({ serviceCode: 'home_nursing', form: 'frame', frame: { maxHoursPerWeek: 4, goals: ['Klare morgenstell selv'] } })), 'grant.decide', "the team's caseworker or team leader");
    c = await ok(caseworker, c, decision({ serviceCode: 'home_nursing', form: 'frame', hoursPerWeek: 3, frame: { maxHoursPerWeek: 4, goals: ['Klare morgenstell selv'] } }));
    c = await ok(caseworker, c, { type: 'service_arranged', payload: { providerUnitId: org.unit('Team Nord'), startOn: norwegianDate() } });
    c = await ok(therapist, c, { type: 'service_started', payload: { startedOn: norwegianDate() } });
    c = await ok(caseworker, c, { type: 'responsibles_assigned', payload: { serviceResponsibleStaffId: org.staffId('saksbehandler'), primaryContactStaffId: org.staffId('ergoterapeut') } });
    c = await ok(therapist, c, { type: 'plan_adjusted', payload: { hoursPerWeek: 3.5, change: 'Ekstra besøk om kvelden i to uker' } });
    expect(c.planHoursPerWeek).toBe(3.5);

    const outside = await act(therapist, c, { type: 'plan_adjusted', payload: { hoursPerWeek: 6, change: 'Daglig dusj' } });
    expectRefusal(outside, 'outside_frame', "a new decision by the team's caseworker or team leader");

    const shown = (await caseworker.get('/api/v1/plan-adjustments')).body.filter((a: any) => a.caseId === c.id);
    expect(shown).toEqual([expect.objectContaining({ by: 'Ingrid Lie', hoursPerWeek: 3.5, change: 'Ekstra besøk om kvelden i to uker' })]);
    const adjustments = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body.filter((a: any) => a.type === 'plan_adjusted');
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]).toMatchObject({ actorStaffId: org.staffId('ergoterapeut'), authority: { grant: 'members of the team' }, payload: { change: 'Ekstra besøk om kvelden i to uker' } });
  });

  it('needs a second person to raise the frame by more than the threshold', async () => {
    const caseworker = await login('granvik', 'saksbehandler');
    const org = await organisation(caseworker);
    let c = await apply(caseworker, 'home_nursing', org.district('Granvik nord'));
    c = await assess(caseworker, c);
    const big = decision({ serviceCode: 'home_nursing', form: 'frame', frame: { maxHoursPerWeek: 9, goals: ['Bo trygt hjemme'] } });
    expectRefusal(await act(caseworker, c, big), 'second_person', 'second person');
    const withColleague = { ...big, payload: { ...big.payload, coSignedBy: org.staffId('teamleder') } };
    c = await ok(caseworker, c, withColleague);
    expect(c.decision).toMatchObject({ form: 'frame', frame: { maxHoursPerWeek: 9 } });
  });
});

describe('Solstad: purchaser–provider', () => {
  it('keeps assessment, decision and order in the allocation office, and the provider proposes', async () => {
    const caseworker = await login('solstad', 'saksbehandler');
    const provider = await login('solstad', 'utforer');
    const org = await organisation(caseworker);
    let c = await apply(caseworker, 'practical_help', org.district('Solstad øst'));
    expect(c.ownerUnitId).toBe(org.unit('Tildelingskontoret'));

    expectRefusal(await act(provider, c, { type: 'assessment_started', payload: {} }), 'grant.assess', 'change_proposed');
    c = await assess(caseworker, c);
    expectRefusal(await act(caseworker, c, decision({ serviceCode: 'practical_help', form: 'frame', frame: { maxHoursPerWeek: 3, goals: ['Rent hjem'] } })), 'decision_form', 'time_fixed');
    c = await ok(caseworker, c, decision({ serviceCode: 'practical_help', form: 'time_fixed', hoursPerWeek: 3 }));
    expectRefusal(await act(caseworker, c, { type: 'decision_approved', payload: {} }), 'grant.approve', 'the professional leader of the allocation office');
    c = await ok(await login('solstad', 'fagleder'), c, { type: 'decision_approved', payload: { note: 'Godkjent' } });
    expect(c.decision.approvedByStaffId).toBe(org.staffId('fagleder'));
    const order = { type: 'service_arranged', payload: { providerUnitId: org.unit('Hjemmetjenesten øst'), startOn: norwegianDate() } };
    expectRefusal(await act(provider, c, order), 'grant.order', 'caseworkers in the allocation office');
    // Practical help in Solstad is under user choice: the person's choice comes before the order.
    const approved = [org.unit('Hjemmetjenesten øst'), org.unit('Omsorg Privat AS')];
    c = await ok(caseworker, c, { type: 'provider_chosen', payload: { choice: 'provider', providerUnitId: approved[0], informedOn: norwegianDate(), presentedProviderUnitIds: approved } });
    c = await ok(caseworker, c, order);
    c = await ok(provider, c, { type: 'order_accepted', payload: { providerUnitId: org.unit('Hjemmetjenesten øst') } });
    c = await ok(provider, c, { type: 'service_started', payload: { startedOn: norwegianDate() } });
    c = await ok(provider, c, { type: 'change_proposed', payload: { proposedHoursPerWeek: 5, description: 'Trenger mer hjelp etter fall' } });

    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    const ordered = history.find((a: any) => a.type === 'service_arranged');
    expect(ordered.authority.policy).toMatchObject({ model: 'purchaser_provider', effectiveFrom: '2025-01-01' });
    const queue = (await caseworker.get('/api/v1/work-queue?kind=change_report')).body;
    expect(queue.map((i: any) => i.caseId)).toContain(c.id);
  });

  it('refuses anyone ordering a service that funds their own unit', async () => {
    const caseworker = await login('solstad', 'saksbehandler');
    const org = await organisation(caseworker);
    await inTenant(db.app, { municipalityId: 'solstad', staffId: null }, async (tx) =>
      insertStaff(tx, {
        username: 'dobbelrolle',
        displayName: 'Dobbel Rolle',
        profession: 'Sykepleier',
        roles: ['caseworker'],
        passwordHash: await hashPassword('demo'),
        unitIds: [org.unit('Tildelingskontoret'), org.unit('Hjemmetjenesten vest')],
      }),
    );
    const both = await login('solstad', 'dobbelrolle');
    let c = await apply(both, 'home_nursing', org.district('Solstad vest'));
    c = await assess(both, c);
    c = await ok(both, c, decision({ serviceCode: 'home_nursing', form: 'norm_time', tasks: [{ text: 'Medisinhåndtering', normMinutes: 15, perWeek: 7 }, { text: 'Sårstell', normMinutes: 30, perWeek: 0.5 }] }));
    expect(c.decision).toMatchObject({ form: 'norm_time' });
    const own = await act(both, c, { type: 'service_arranged', payload: { providerUnitId: org.unit('Hjemmetjenesten vest'), startOn: norwegianDate() } });
    expectRefusal(own, 'separation_of_duties', 'Hjemmetjenesten vest');
    await ok(both, c, { type: 'service_arranged', payload: { providerUnitId: org.unit('Hjemmetjenesten øst'), startOn: norwegianDate() } });
  });
});

describe('Vindnes: allocation board', () => {
  it('puts the request on the next meeting, and only a meeting with quorum decides', async () => {
    const chair = await login('vindnes', 'pleieleder');
    const clerk = await login('vindnes', 'konsulent');
    const coordinator = await login('vindnes', 'koordinator');
    const nurse = await login('vindnes', 'sykepleier');
    const org = await organisation(chair);
    const board = org.unit('Tildelingsrådet');
    const members = ['pleieleder', 'konsulent', 'sykepleier'].map(org.staffId);
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const planned = await chair.command('/api/v1/board-meetings', { boardUnitId: board, meetsOn: nextWeek, memberStaffIds: members });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);

    let c = await apply(clerk, 'home_nursing');
    expect(c.ownerUnitId).toBe(board);
    const meeting = (await chair.get('/api/v1/board-meetings')).body.find((m: any) => m.id === planned.body.id);
    expect(meeting.agenda.map((a: any) => a.case_id)).toContain(c.id);

    c = await assess(nurse, c);
    const grant = decision({ serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 2 });
    expectRefusal(await act(coordinator, c, grant), 'grant.decide', 'the allocation board, in a meeting');
    expectRefusal(await act(clerk, c, grant), 'board_meeting', 'in a meeting');

    const thin = await chair.command(`/api/v1/board-meetings/${planned.body.id}/minutes`, { presentStaffIds: members.slice(0, 2), minutes: 'To av tre til stede.' });
    expect(thin.body).toMatchObject({ status: 'held', present: 2, members: 3 });
    const withThin = { ...grant, payload: { ...grant.payload, boardMeeting: { meetingId: planned.body.id, minuteRef: 'Sak 1' } } };
    expectRefusal(await act(clerk, c, withThin), 'board_quorum', 'cannot decide');

    const full = await chair.command('/api/v1/board-meetings', { boardUnitId: board, meetsOn: nextWeek, memberStaffIds: members });
    await chair.command(`/api/v1/board-meetings/${full.body.id}/agenda`, { caseId: c.id });
    await chair.command(`/api/v1/board-meetings/${full.body.id}/minutes`, { presentStaffIds: members, minutes: 'Alle til stede. Sak 1 innvilget.' });
    const decided = await ok(clerk, c, { ...grant, payload: { ...grant.payload, boardMeeting: { meetingId: full.body.id, minuteRef: 'Sak 1' } } });
    expect(decided.status).toBe('decided');
    const history = (await clerk.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.at(-1).payload.boardMeeting).toEqual({ meetingId: full.body.id, minuteRef: 'Sak 1' });
  });
});

describe('Sjøglott: hybrid', () => {
  it('lets the team assess and the allocation unit decide', async () => {
    const member = await login('sjoglott', 'teammedlem');
    const teamCaseworker = await login('sjoglott', 'saksbehandler3');
    const office = await login('sjoglott', 'saksbehandler');
    const org = await organisation(office);
    // The team serves its district: the person lives there.
    let c = await apply(member, 'home_nursing', org.district('Sjøglott'));
    expect(c.ownerUnitId).toBe(org.unit('Tildelingseininga'));
    c = await assess(member, c);
    expectRefusal(await act(teamCaseworker, c, decision({ serviceCode: 'home_nursing', hoursPerWeek: 2 })), 'grant.decide', 'caseworkers in the allocation unit');
    c = await ok(office, c, decision({ serviceCode: 'home_nursing', hoursPerWeek: 2 }));
    expect(c.status).toBe('decided');
  });
});

describe('queues and reports', () => {
  it('has no unowned work in any demo municipality, and overdue only where a decision has run out or is past its re-evaluation', async () => {
    let outdated = 0;
    for (const [municipality, username] of [['granvik', 'leder'], ['solstad', 'leder'], ['sjoglott', 'leder'], ['vindnes', 'leder'], ['bladal', 'leder'], ['oslo', 'leder']]) {
      // The leader reads persons' items for quality assurance (access by need: without a purpose, counts only).
      const report = (await forQuality(await login(municipality!, username!), '/api/v1/reports/queue-health')).body;
      expect(report.unowned, municipality).toEqual([]);
      // The demo leaves a few decisions outdated on purpose ("mangler oppdatert vedtak"); nothing else is late.
      expect(report.overdue.filter((i: any) => i.kind !== 'reevaluation_due' && i.kind !== 'decision_expiry'), municipality).toEqual([]);
      expect(report.outdatedDecisions).toEqual(report.overdue);
      for (const i of report.outdatedDecisions) expect(i.dueOn < report.generatedAt.slice(0, 10), `${municipality} ${i.caseNumber}`).toBe(true);
      // The leader's count and the queue agree: the same items, overdue the same way.
      const queue = (await forQuality(await login(municipality!, username!), '/api/v1/work-queue?overdue=true')).body;
      expect(queue.map((i: any) => `${i.caseId}:${i.key}`).sort()).toEqual(report.overdue.map((i: any) => `${i.caseId}:${i.key}`).sort());
      expect(Object.values(report.overdueByKind).reduce((a: number, b: any) => a + b, 0)).toBe(report.overdue.length);
      outdated += report.outdatedDecisions.length;
      if (municipality !== 'oslo') expect(report.openItems, municipality).toBeGreaterThan(0);
    }
    expect(outdated).toBeGreaterThan(0);
  });

  it('shows an overdue item and a reassignment task when they arise', async () => {
    const leader = await login('granvik', 'teamleder');
    const org = await organisation(leader);
    // A request that arrived 20 days ago and was never taken (the limit for requests is 14 days).
    const old = new Date(Date.now() - 20 * 86_400_000);
    const caseId = randomUUID();
    await inTenant(db.app, { municipalityId: 'granvik', staffId: org.staffId('teamleder') }, async (tx) => {
      const person = await insertPerson(tx, { nationalId: nationalId('1935-05-05'), nationalIdKind: 'tnr', givenName: 'Glemt', familyName: 'Søknad', birthDate: '1935-05-05', districtId: org.district('Granvik sør'), language: 'nb', protectedAddress: false });
      const authority = await loadAuthorityContext(tx, { staffId: org.staffId('teamleder'), roles: ['team_leader', 'caseworker'], unitIds: [org.unit('Team Nord')] });
      const request = { personId: person.id, serviceCode: 'practical_help' as const, channel: 'self' as const, receivedOn: norwegianDate(old), description: 'Glemt' };
      await openCaseLog(tx, writerAt(authority, null, old), { caseId, request, districtId: person.district_id });
    });
    // The team leader of Team Nord does not see Team Sør's case; the leader, for quality assurance, does.
    expect((await leader.get('/api/v1/reports/queue-health')).body.overdue.filter((i: any) => i.caseId === caseId)).toEqual([]);
    const chief = await login('granvik', 'leder');
    const report = (await forQuality(chief, '/api/v1/reports/queue-health')).body;
    expect(report.overdue.filter((i: any) => i.kind === 'request')).toEqual([
      expect.objectContaining({ caseId, kind: 'request', ageDays: 20, limitDays: 14, overdue: true, ownerUnit: { id: org.unit('Team Sør'), name: 'Team Sør' } }),
    ]);
    const mine = (await leader.get('/api/v1/work-queue?owner=my_units')).body;
    expect(mine.length).toBeGreaterThan(0);
    const nord = org.unit('Team Nord');
    expect(mine.every((i: any) => (i.holder !== 'provider' && i.ownerUnit?.id === nord) || (i.holder !== 'office' && i.providerUnit?.id === nord))).toBe(true);

    const absent = await leader.command(`/api/v1/staff/${org.staffId('ergoterapeut')}/absences`, { fromDate: '2026-01-01' });
    expect(absent.status, JSON.stringify(absent.body)).toBe(201);
    const after = (await forQuality(chief, '/api/v1/reports/queue-health')).body;
    expect(after.reassignments).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'primary_contact', absentStaff: { id: org.staffId('ergoterapeut'), name: 'Ingrid Lie' } })]),
    );
  });

  it("reproduces seed 003 Table 3.1 from Oslo's configuration", async () => {
    const report = (await (await login('oslo', 'leder')).get('/api/v1/reports/model-classification')).body;
    const derived = Object.fromEntries(report.map((d: any) => [d.district, d.osloClass]));
    expect(derived).toEqual(OSLO_TABLE_3_1);
    const bjerke = report.find((d: any) => d.district === 'Bjerke');
    expect(bjerke).toMatchObject({ model: 'purchaser_provider', seed002Category: 2, caseworkers: { central: 3 } });
  });

  it("shows two models' rules side by side", async () => {
    const r = (await (await login('solstad', 'leder')).get('/api/v1/policies/compare?a=trust_model&b=purchaser_provider_abf')).body;
    expect(r.rows).toEqual(
      expect.arrayContaining([
        { rule: 'order step', a: 'no', b: 'yes', same: false },
        { rule: 'seed 002 category', a: '1', b: '3', same: false },
        { rule: 'where a new request goes', a: 'geographic_team', b: 'allocation_office', same: false },
      ]),
    );
  });
});

describe('a model change on a date', () => {
  it('applies to new actions only; earlier actions keep the policy they were taken under', async () => {
    const leader = await login('bladal', 'leder');
    const caseworker = await login('bladal', 'saksbehandler');
    const provider = await login('bladal', 'utforer');
    let c = await apply(caseworker, 'home_nursing');
    // The request is handed to the delivering unit that will decide once the integrated model is in force (access follows the case).
    const org = await organisation(caseworker);
    c = await ok(caseworker, c, { type: 'case_routed', payload: { unitId: org.unit('Hjemmetjenesten Bladal'), districtId: null, rule: 'Integrert tildeling fra i dag: hjemmetjenesten vurderer og vedtar' } });
    c = await assess(caseworker, c);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const past = await leader.command('/api/v1/policies', { effectiveFrom: yesterday, template: 'integrated' });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('effectiveFrom');
    const changed = await leader.command('/api/v1/policies', { effectiveFrom: norwegianDate(), template: 'integrated', note: 'Integrert tildeling fra i dag' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    expect((await leader.command('/api/v1/policies', { effectiveFrom: norwegianDate(), template: 'integrated' })).status).toBe(409);
    expect((await caseworker.command('/api/v1/policies', { effectiveFrom: norwegianDate(), template: 'integrated' })).status).toBe(403);

    expectRefusal(await act(caseworker, c, decision({ serviceCode: 'home_nursing', hoursPerWeek: 2 })), 'grant.decide', 'integrated allocation');
    c = await ok(provider, c, decision({ serviceCode: 'home_nursing', hoursPerWeek: 2 }));

    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    const assessed = history.find((a: any) => a.type === 'assessment_started');
    const decided = history.find((a: any) => a.type === 'decision_made');
    expect(assessed.authority.policy).toMatchObject({ model: 'purchaser_provider', effectiveFrom: '2018-01-01' });
    expect(decided.authority.policy).toMatchObject({ model: 'integrated', effectiveFrom: norwegianDate(), id: changed.body.id });
  });
});
