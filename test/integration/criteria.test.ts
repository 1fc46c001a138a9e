/**
 * Assessments and criteria over HTTP on the demo data: an assessment that must say what matters,
 * IPLOS completeness, criteria versions approved by a leader, evaluation with explanations recorded
 * in the case, decisions that keep their criteria version, and departures that need a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays, addMonths } from '../../src/domain/law/deadlines.ts';
import { PRACTICAL_HELP } from '../../src/demo/criteria/municipal.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;
let caseworker: Client;
let leader: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 5, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
  caseworker = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
  leader = await Client.login(server.url, 'bladal', 'leder', 'demo');
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const ALL_SCORES = { social_participation: 2, everyday_decisions: 1, own_health: 2, communication: 1, memory: 2, behaviour: 1, household_tasks: 4, shopping: 4, cooking: 3, eating: 1, personal_hygiene: 2, dressing: 2, toilet: 1, moving_indoors: 2, moving_outdoors: 3, vision: 2, hearing: 9 };

async function personWithCase(serviceCode: string, birthDate = '1940-04-04') {
  const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId(birthDate), givenName: 'Astrid', familyName: 'Kriterium' })).body;
  let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode, channel: 'self', receivedOn: norwegianDate(), description: 'Søknad' })).body;
  c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  return { person, c };
}

const assessment = (extra: Record<string, unknown> = {}) => ({
  complete: true,
  assessedOn: norwegianDate(),
  scores: ALL_SCORES,
  whatMatters: 'Å klare meg selv hjemme og ha det rent rundt meg',
  goals: [{ text: 'Handle selv med følge én gang i uka', followUpOn: '2027-03-01' }],
  relatives: [{ relation: 'datter', burden: 'high' }],
  diagnoses: [{ system: 'ICPC-2', code: 'L90' }],
  participants: [
    { name: 'Camilla Ødegård', profession: 'Sykepleier' },
    { name: 'Fysio Terapeut', profession: 'Fysioterapeut' },
  ],
  answers: { household_cannot_cover: true, other_adult_able: false, aids_not_tried: false },
  ...extra,
});

describe('assessments', () => {
  it('refuses to complete an assessment without what matters to the person, unless a reason is given', async () => {
    const { person } = await personWithCase('practical_help');
    const { whatMatters: _, ...without } = assessment();
    const refused = await caseworker.command(`/api/v1/persons/${person.id}/assessments`, without);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'whatMatters', message: expect.stringContaining('what matters') });
    const draft = await caseworker.command(`/api/v1/persons/${person.id}/assessments`, { ...without, complete: false });
    expect(draft.status).toBe(201);
    const reasoned = await caseworker.command(`/api/v1/persons/${person.id}/assessments`, { ...without, whatMattersMissingReason: 'Afasi etter hjerneslag; pårørende ble spurt', previousId: draft.body.id });
    expect(reasoned.status, JSON.stringify(reasoned.body)).toBe(201);
    expect(reasoned.body).toMatchObject({ status: 'completed', previousId: draft.body.id, jointVisit: true, iplosVersion: 'IPLOS-2024' });
  });

  it('refuses an invalid diagnosis code, naming the field', async () => {
    const { person } = await personWithCase('practical_help');
    const r = await caseworker.command(`/api/v1/persons/${person.id}/assessments`, assessment({ diagnoses: [{ system: 'ICD-10', code: 'dementia' }] }));
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('diagnoses.0.code');
  });

  it('reports IPLOS completeness: missing, to be validated, complete', async () => {
    const { person } = await personWithCase('practical_help');
    const status = async () => (await caseworker.get(`/api/v1/persons/${person.id}/assessments`)).body.iplos.status;
    expect(await status()).toBe('missing');
    const { hearing: _, ...partial } = ALL_SCORES;
    await caseworker.command(`/api/v1/persons/${person.id}/assessments`, assessment({ scores: partial }));
    expect(await status()).toBe('to_be_validated');
    await caseworker.command(`/api/v1/persons/${person.id}/assessments`, assessment());
    expect(await status()).toBe('complete');
    const history = (await caseworker.get(`/api/v1/persons/${person.id}/assessments`)).body.assessments;
    expect(history).toHaveLength(2);
  });
});

describe('criteria', () => {
  it('evaluates a case against the version in force and records every criterion with its data', async () => {
    const { person, c } = await personWithCase('practical_help');
    await caseworker.command(`/api/v1/persons/${person.id}/assessments`, assessment({ caseId: c.id }));
    const r = await caseworker.command(`/api/v1/cases/${c.id}/evaluation`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.evaluation).toMatchObject({ verdict: 'eligible', version: 1, serviceCode: 'practical_help' });
    expect(r.body.evaluation.results.find((x: any) => x.id === 'household_function')).toMatchObject({
      outcome: 'met',
      used: { 'iplos.household_tasks': 4, 'iplos.shopping': 4, 'iplos.cooking': 3 },
    });
    const history = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body;
    expect(history.at(-1).type).toBe('criteria_evaluated');
  });

  it('gives a decision the end and re-evaluation of the criteria set it rests on, when the caseworker leaves them out', async () => {
    const today = norwegianDate();
    // The demo set for practical help: decisions last 12 months and are re-evaluated after 12 (before they end).
    const ends = (await leader.get('/api/v1/criteria-sets?service=practical_help')).body.find((v: any) => v.status === 'in_force').rules;
    expect(ends).toMatchObject({ defaultDurationMonths: 12, evaluationIntervalMonths: 12 });
    const decide = async (extra: Record<string, unknown>) => {
      const { person, c } = await personWithCase('practical_help');
      await caseworker.command(`/api/v1/persons/${person.id}/assessments`, assessment());
      const evaluated = (await caseworker.command(`/api/v1/cases/${c.id}/evaluation`, {})).body.case;
      const r = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: evaluated.version, action: decisionAction('practical_help', { validFrom: today, hoursPerWeek: 3, ...extra }) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.decision;
    };
    const bounded = await decide({ untilFurtherNotice: undefined, reevaluateBy: undefined });
    expect(bounded).toMatchObject({ validFrom: today, validTo: addDays(addMonths(today, 12), -1), reevaluateBy: addDays(addMonths(today, 12), -1) });
    const untilFurtherNotice = await decide({ untilFurtherNotice: true, reevaluateBy: undefined });
    expect(untilFurtherNotice).toMatchObject({ validTo: null, reevaluateBy: addMonths(today, 12) });
    // What the caseworker states stands.
    const stated = await decide({ untilFurtherNotice: true, reevaluateBy: addDays(today, 60) });
    expect(stated).toMatchObject({ validTo: null, reevaluateBy: addDays(today, 60) });
  });

  it('refuses criteria that do not compile, with field and position, and writes nothing', async () => {
    const before = (await leader.get('/api/v1/criteria-sets?service=practical_help')).body.length;
    const bad = { ...PRACTICAL_HELP, inclusion: [{ ...PRACTICAL_HELP.inclusion[0]!, expression: 'iplos.household_tasks >= ' }] };
    const r = await leader.command('/api/v1/criteria-sets', { rules: bad });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'rules.inclusion.0.expression', message: expect.stringMatching(/^position 25: expected a value/), code: 'invalid' }]);
    expect((await leader.get('/api/v1/criteria-sets?service=practical_help')).body.length).toBe(before);
  });

  it('keeps version 1 on a decision after version 2 comes into force, and asks a departure for its reason', async () => {
    const { person, c } = await personWithCase('practical_help');
    await caseworker.command(`/api/v1/persons/${person.id}/assessments`, assessment());
    let current = (await caseworker.command(`/api/v1/cases/${c.id}/evaluation`, {})).body.case;
    const refusal = { type: 'decision_made', payload: { outcome: 'refused', serviceCode: 'practical_help', validFrom: norwegianDate(), summary: 'Avslag', considerations: 'Husstanden kan dekke behovet' } };
    const noReason = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: current.version, action: refusal });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ field: 'action.payload.departureReason', message: expect.stringContaining('verdict eligible') });
    const withReason = { ...refusal, payload: { ...refusal.payload, departureReason: 'Datteren bor i samme hus og har sagt seg villig til å hjelpe' } };
    current = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: current.version, action: withReason })).body;
    expect(current.decision.criteria).toMatchObject({ version: 1, verdict: 'eligible', departureReason: expect.stringContaining('Datteren') });

    // Version 2, stricter, approved by the leader and in force today.
    const stricter = { ...PRACTICAL_HELP, inclusion: [...PRACTICAL_HELP.inclusion, { id: 'over_80', expression: 'age >= 80', text: { nb: 'Over 80 år', nn: 'Over 80 år' }, kind: 'rule' }] };
    const draft = await leader.command('/api/v1/criteria-sets', { rules: stricter, note: 'Strengere' });
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    expect((await caseworker.command(`/api/v1/criteria-sets/${draft.body.id}/approve`, { inForceFrom: norwegianDate() })).status).toBe(403);
    const approved = await leader.command(`/api/v1/criteria-sets/${draft.body.id}/approve`, { inForceFrom: norwegianDate() });
    expect(approved.body).toMatchObject({ status: 'in_force', approvedBy: { name: 'Kjell Rud' } });
    expect((await leader.command(`/api/v1/criteria-sets/${draft.body.id}/approve`, { inForceFrom: norwegianDate() })).status).toBe(409);
    const versions = (await leader.get('/api/v1/criteria-sets?service=practical_help')).body;
    expect(versions.map((v: any) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'in_force']]);

    const read = (await caseworker.get(`/api/v1/cases/${c.id}`)).body;
    expect(read.decision.criteria).toMatchObject({ version: 1 });
    const departures = (await leader.get('/api/v1/reports/criteria-departures')).body;
    expect(departures).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: c.id, outcome: 'refused', reason: expect.stringContaining('Datteren') })]));

    // A new case is evaluated under version 2: 84 years old passes, 70 does not.
    const young = await personWithCase('practical_help', '1956-01-01');
    await caseworker.command(`/api/v1/persons/${young.person.id}/assessments`, assessment());
    const evaluation = (await caseworker.command(`/api/v1/cases/${young.c.id}/evaluation`, {})).body.evaluation;
    expect(evaluation).toMatchObject({ version: 2, verdict: 'not_eligible' });
  });
});
