/**
 * The case engine over real HTTP on a real PostgreSQL: a request taken to a decision, and each way
 * a command can be refused without writing anything.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveCaseState } from '../../src/domain/case/index.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseworker: Client;

async function countActions(caseId: string): Promise<number> {
  const { rows } = await env.db.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM case_action WHERE case_id = $1', [caseId]);
  return rows[0]!.n;
}

async function newPerson(client = caseworker): Promise<string> {
  const r = await client.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Ragnhild', familyName: 'Test', language: 'nn' });
  expect(r.status).toBe(201);
  return r.body.id;
}

async function newCase(client = caseworker): Promise<any> {
  const personId = await newPerson(client);
  const r = await client.command('/api/v1/cases', {
    personId,
    serviceCode: 'home_nursing',
    channel: 'hospital',
    receivedOn: '2026-11-02',
    description: 'Utskrivningsklar pasient trenger hjelp med medisiner.',
  });
  expect(r.status).toBe(201);
  return r.body;
}

/** A lawful home-nursing decision from 10 November, on a case whose assessment is completed (`assessedCase`). */
const grant = (extra: Record<string, unknown> = {}) => decisionAction('home_nursing', { hoursPerWeek: 2, validFrom: '2026-11-10', summary: 'OK', ...extra });

/** A case under assessment with the assessment completed on it. */
async function assessedCase(): Promise<any> {
  const opened = await newCase();
  const assessing = await act(opened.id, opened.version, { type: 'assessment_started', payload: {} });
  expect(assessing.status).toBe(200);
  await completeAssessment(caseworker, opened.person.id, { caseId: opened.id });
  return assessing.body;
}

function act(caseId: string, expectedVersion: number, action: unknown, key?: string, client = caseworker) {
  return client.command(`/api/v1/cases/${caseId}/actions`, { expectedVersion, action }, key);
}

beforeAll(async () => {
  m = await createMunicipality(env.db);
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
});

describe('a request taken to a decision over the API', () => {
  it('opens, assesses, decides and arranges, with the history derivable from the log', async () => {
    const opened = await newCase();
    // With no policy in force the request is routed by the template of the municipality's model, and says so.
    expect(opened).toMatchObject({ status: 'received', version: 2, caseNumber: '2026/00001', ownerUnitId: m.officeId });
    expect(opened.caseNumber).toMatch(/^2026\/\d{5}$/);
    expect(opened.allowedActions).toContain('assessment_started');

    let r = await act(opened.id, 2, { type: 'owner_assigned', payload: { ownerStaffId: m.staff.caseworker } });
    expect(r.status).toBe(200);
    expect(r.body.owner.id).toBe(m.staff.caseworker);
    r = await act(opened.id, 3, { type: 'assessment_started', payload: { plannedVisitOn: '2026-11-05' } });
    expect(r.body.status).toBe('under_assessment');
    // The assessment is recorded beside the case log; the decision rests on it (fvl §§ 17, 25).
    await completeAssessment(caseworker, opened.person.id, { caseId: opened.id, assessedOn: '2026-11-05' });
    r = await act(opened.id, 4, {
      type: 'decision_made',
      payload: { outcome: 'granted', serviceCode: 'home_nursing', form: 'time_fixed', hoursPerWeek: 3.5, validFrom: '2026-11-10', untilFurtherNotice: true, reevaluateBy: '2027-05-10', summary: 'Innvilget' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'decided', version: 5, decision: { outcome: 'granted', form: 'time_fixed', hoursPerWeek: 3.5, validFrom: '2026-11-10', validTo: null, reevaluateBy: '2027-05-10' } });
    r = await act(opened.id, 5, { type: 'service_arranged', payload: { providerUnitId: m.providerId, startOn: '2026-11-10' } });
    expect(r.body).toMatchObject({ status: 'service_arranged', providerUnitId: m.providerId });

    const history = await caseworker.get(`/api/v1/cases/${opened.id}/actions`);
    expect(history.body.map((a: any) => a.type)).toEqual(['request_received', 'case_routed', 'owner_assigned', 'assessment_started', 'decision_made', 'service_arranged']);
    expect(history.body[1].payload).toMatchObject({ unitId: m.officeId, rule: expect.stringContaining('No policy in force') });
    expect(history.body[4]).toMatchObject({
      actorStaffId: m.staff.caseworker,
      authority: { roles: ['caseworker'], grant: 'no policy in force: the default role table of the transition table applied' },
      payload: { untilFurtherNotice: true, reevaluateBy: '2027-05-10' },
    });
    // The projection equals the pure derivation from the log.
    const { rows } = await env.db.owner.query('SELECT state FROM case_file WHERE id = $1', [opened.id]);
    expect(rows[0].state).toEqual(deriveCaseState(history.body));
  });

  it('lists the municipality cases with filters', async () => {
    const opened = await newCase();
    const list = await caseworker.get('/api/v1/cases?status=received&limit=500');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: any) => c.id)).toContain(opened.id);
    expect(list.body.items.every((c: any) => c.status === 'received')).toBe(true);
    const unowned = await caseworker.get('/api/v1/cases?owner=none&limit=500');
    expect(unowned.body.items.every((c: any) => c.owner === null)).toBe(true);
  });
});

describe('refused commands write nothing', () => {
  it('answers 409 with the allowed actions when the action is not allowed in the state', async () => {
    const opened = await newCase();
    const r = await act(opened.id, opened.version, { type: 'service_started', payload: { startedOn: '2026-11-10' } });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.type).toBe('urn:tildel:problem:transition-not-allowed');
    expect(r.body.detail).toContain('received');
    expect(r.body.allowedActions).toEqual(['case_routed', 'provisional_reply_sent', 'assessment_started', 'owner_assigned', 'note_added', 'letter_issued', 'entry_corrected', 'request_withdrawn']);
    expect(await countActions(opened.id)).toBe(opened.version);
  });

  it('answers 409 stale-version when the version is not the current one', async () => {
    const opened = await newCase();
    expect((await act(opened.id, opened.version, { type: 'note_added', payload: { text: 'Første notat' } })).status).toBe(200);
    const stale = await act(opened.id, opened.version, { type: 'note_added', payload: { text: 'Skrevet på gammel versjon' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: 'urn:tildel:problem:stale-version', currentVersion: opened.version + 1 });
    expect(await countActions(opened.id)).toBe(opened.version + 1);
  });

  it('returns the first result for a retried command and appends exactly one action', async () => {
    const opened = await newCase();
    const key = randomUUID();
    const action = { type: 'assessment_started', payload: {} };
    const first = await act(opened.id, opened.version, action, key);
    const retry = await act(opened.id, opened.version, action, key);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await countActions(opened.id)).toBe(opened.version + 1);
  });

  it('treats concurrent retries of one command as one', async () => {
    const opened = await newCase();
    const key = randomUUID();
    const action = { type: 'note_added', payload: { text: 'Samtidig' } };
    const replies = await Promise.all([act(opened.id, opened.version, action, key), act(opened.id, opened.version, action, key), act(opened.id, opened.version, action, key)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await countActions(opened.id)).toBe(opened.version + 1);
  });

  it('refuses the same key for a different request (422) and a missing key (400)', async () => {
    const opened = await newCase();
    const key = randomUUID();
    await act(opened.id, opened.version, { type: 'note_added', payload: { text: 'A' } }, key);
    const reused = await act(opened.id, opened.version + 1, { type: 'note_added', payload: { text: 'B' } }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('urn:tildel:problem:idempotency-key-reused');
    const missing = await caseworker.post(`/api/v1/cases/${opened.id}/actions`, { expectedVersion: opened.version + 1, action: { type: 'note_added', payload: { text: 'C' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'headers.idempotency-key' })]);
    expect(await countActions(opened.id)).toBe(opened.version + 1);
  });

  it('answers 400 naming each invalid field, and writes nothing', async () => {
    const opened = await newCase();
    const r = await act(opened.id, opened.version, { type: 'decision_made', payload: { outcome: 'maybe', serviceCode: 'home_nursing', hoursPerWeek: -2, validFrom: '10.11.2026' } });
    expect(r.status).toBe(400);
    expect(r.body.type).toBe('urn:tildel:problem:validation');
    const fields = r.body.errors.map((e: any) => e.field).sort();
    expect(fields).toEqual(['action.payload.hoursPerWeek', 'action.payload.outcome', 'action.payload.summary', 'action.payload.validFrom']);
    expect(await countActions(opened.id)).toBe(opened.version);
  });

  it('refuses a reference to a unit that does not provide services, naming the field', async () => {
    const assessing = await assessedCase();
    const decided = await act(assessing.id, assessing.version, grant());
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const r = await act(assessing.id, decided.body.version, { type: 'service_arranged', payload: { providerUnitId: m.officeId, startOn: '2026-11-10' } });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'action.payload.providerUnitId' })]);
    expect(await countActions(assessing.id)).toBe(decided.body.version);
  });

  it('answers 403 when the role may not take the action, and says who may', async () => {
    const assessing = await assessedCase();
    const leader = await Client.login(env.server.url, m.id, 'leader');
    // A decision that satisfies every content rule, by a leader who sees the case for quality assurance: only the role refuses it.
    const r = await leader.post(`/api/v1/cases/${assessing.id}/actions`, { expectedVersion: assessing.version, action: grant() }, { 'idempotency-key': randomUUID(), 'tildel-purpose': 'quality_assurance' });
    expect(r.status).toBe(403);
    expect(r.body.detail).toContain('caseworker');
    expect(await countActions(assessing.id)).toBe(assessing.version);
  });

  it('answers 403 to provider staff on a case not ordered from their unit, whatever the action, and writes nothing', async () => {
    const assessing = await assessedCase();
    const provider = await Client.login(env.server.url, m.id, 'provider');
    // A decision is refused for the role already; a note, which any role on a case may add, for want of need.
    expect((await act(assessing.id, assessing.version, grant(), undefined, provider)).status).toBe(403);
    const note = await act(assessing.id, assessing.version, { type: 'note_added', payload: { text: 'Ikke min sak' } }, undefined, provider);
    expect(note.status).toBe(403);
    expect(note.body.rule).toBe('no_need');
    expect((await provider.get(`/api/v1/cases/${assessing.id}`)).status).toBe(403);
    expect((await provider.get('/api/v1/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(assessing.id);
    expect(await countActions(assessing.id)).toBe(assessing.version);
  });

  it('keeps corrections as new entries; the corrected entry is unchanged', async () => {
    const opened = await newCase();
    const noted = await act(opened.id, opened.version, { type: 'note_added', payload: { text: 'Datter ringte' } });
    const noteSeq = noted.body.version;
    const r = await act(opened.id, noteSeq, { type: 'entry_corrected', payload: { correctsSeq: noteSeq, correction: 'Det var sønnen som ringte' } }, undefined);
    expect(r.status).toBe(200);
    const history = await caseworker.get(`/api/v1/cases/${opened.id}/actions`);
    expect(history.body[noteSeq - 1].payload).toEqual({ text: 'Datter ringte' });
    expect(history.body[noteSeq].payload).toEqual({ correctsSeq: noteSeq, correction: 'Det var sønnen som ringte' });
  });
});
