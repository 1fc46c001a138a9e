/**
 * PLO messages over Norsk Helsenett against the stand-in for HelseID and the message service (issue 21
 * part 2): a discharge notice opens a case with its same-day deadline and work item and is answered
 * with an AppRec OK; health information with a request goes to the person's open case; an invalid
 * message is answered with an error AppRec and changes nothing; a message fetched twice is handled
 * once; a decision letter queues the orientation to the GP, which validates against the PLO schema at
 * the stand-in and is settled by the GP system's AppRec. The stand-in refuses what the services refuse.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelContext, deliverOutbox } from '../../src/app/outbox.ts';
import { osloDate } from '../../src/domain/law/deadlines.ts';
import { accessToken, NhnError } from '../../src/integrations/nhn/helseid.ts';
import { MshClient } from '../../src/integrations/nhn/msh.ts';
import { hospitalMessageXml, nhnChannel, nhnReceiver, startNhnStandIn, validatePloXml, type HospitalMessageInput, type NhnStandIn } from '../../src/integrations/nhn/index.ts';
import { saveIntegration } from '../../src/store/integrationConfig.ts';
import { messagesOfCase } from '../../src/store/outbox.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
const KEY_ENV = 'TILDEL_TEST_NHN_HELSEID_KEY';
const CLIENT_ID = 'tildel-nhn-test';
const SCOPE = 'nhn:msh/api';
const MUNICIPALITY_HER = 99387;
const HOSPITAL_HER = 90998;
const GP_HER = '91100';

let nhn: NhnStandIn;
let m: TestMunicipality;
let office: Client;
const today = osloDate(new Date());

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  process.env[KEY_ENV] = await exportPKCS8(privateKey);
  nhn = await startNhnStandIn({ clientId: CLIENT_ID, scope: SCOPE, publicJwk: { ...(await exportJWK(publicKey)), alg: 'RS256' } });
  m = await createMunicipality(env.db);
  await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    await saveIntegration(tx, 'nhn', true, { baseUrl: nhn.baseUrl, herId: String(MUNICIPALITY_HER), acceptSyntheticIds: true }, null);
    await saveIntegration(tx, 'helseid', true, { tokenUrl: nhn.tokenUrl, clientId: CLIENT_ID, privateKeyRef: `env:${KEY_ENV}`, scope: SCOPE }, null);
  });
  office = await Client.login(env.server.url, m.id, 'caseworker');
});

afterAll(async () => {
  await nhn?.close();
});

const ctx = () => channelContext(env.db, m.id);
const receive = () => nhnReceiver.receive(ctx());
const q = async <T = any>(sql: string, params: unknown[]): Promise<T[]> => (await env.db.owner.query(sql, params)).rows as T[];

function message(kind: HospitalMessageInput['kind'], fnr: string, more: Partial<HospitalMessageInput> = {}): HospitalMessageInput {
  return {
    kind,
    msgId: randomUUID(),
    at: new Date(),
    hospital: { name: 'St. Olavs hospital HF', herId: '59' },
    department: { name: 'Ortopedisk avdeling', herId: String(HOSPITAL_HER) },
    municipality: { name: 'Testkommune', herId: String(MUNICIPALITY_HER) },
    patient: { nationalId: fnr, kind: 'FNR', givenName: 'Roland', familyName: 'Gundersen' },
    admittedAt: `${today}T08:00:00`,
    dischargeReadyOn: today,
    note: 'Innlagt etter fall i trapp; trenger hjelp hjemme etter utskrivning.',
    ...more,
  };
}

async function deliverIncoming(input: HospitalMessageInput, validate = true): Promise<string> {
  return nhn.postIncoming(hospitalMessageXml(input), { senderHerId: HOSPITAL_HER, receiverHerId: MUNICIPALITY_HER, validate });
}

async function personByNationalId(fnr: string) {
  return (await q('SELECT id, given_name, family_name, source FROM person WHERE municipality_id = $1 AND national_id = $2', [m.id, fnr]))[0];
}

describe('a patient ready for discharge', () => {
  it('opens a case through the hospital channel with the same-day deadline and a work item, and is answered with an AppRec OK', async () => {
    const fnr = nationalId('1940-07-15');
    const id = await deliverIncoming(message('discharge_ready', fnr));
    expect(await receive()).toBe(1);

    const person = await personByNationalId(fnr);
    expect(person).toMatchObject({ given_name: 'Roland', family_name: 'Gundersen' });
    const [c] = await q('SELECT id, status, state FROM case_file WHERE municipality_id = $1 AND person_id = $2', [m.id, person.id]);
    expect(c.status).toBe('received');
    const actions = await q('SELECT type, payload FROM case_action WHERE municipality_id = $1 AND case_id = $2 ORDER BY seq', [m.id, c.id]);
    expect(actions[0]).toMatchObject({ type: 'request_received', payload: { channel: 'hospital', serviceCode: 'home_nursing' } });
    expect(actions[0].payload.description).toContain('registrert fra meldingen');
    expect(actions.at(-1)).toMatchObject({ type: 'hospital_notice_received', payload: { notice: 'discharge_ready', hospital: 'St. Olavs hospital HF, Ortopedisk avdeling', hospitalHerId: String(HOSPITAL_HER), answerBy: today, dischargeReadyOn: today } });

    const deadlines = await q('SELECT kind, to_char(due_on, \'YYYY-MM-DD\') AS due_on, citation FROM case_deadline WHERE municipality_id = $1 AND case_id = $2', [m.id, c.id]);
    expect(deadlines).toContainEqual(expect.objectContaining({ kind: 'discharge_answer', due_on: today, citation: expect.stringMatching(/utskrivningsklare pasienter.*§ 10/) }));
    const items = await q('SELECT kind, holder, to_char(due_on, \'YYYY-MM-DD\') AS due_on FROM case_work_item WHERE municipality_id = $1 AND case_id = $2', [m.id, c.id]);
    expect(items).toContainEqual({ kind: 'discharge_answer', holder: 'office', due_on: today });

    const stored = nhn.message(id);
    expect(stored?.read).toBe(true);
    expect(stored?.appRec?.status).toBe('Ok');
    expect((await validatePloXml(stored?.appRec?.xml ?? '')).valid).toBe(true);
    const inbox = await q('SELECT outcome, case_id, person_id, detail FROM inbox_message WHERE municipality_id = $1 AND channel = $2 AND case_id = $3', [m.id, 'nhn', c.id]);
    expect(inbox).toEqual([expect.objectContaining({ outcome: 'handled', person_id: person.id, detail: expect.stringContaining('registered from the message') })]);

    // The office answers the hospital the same day: the item and the deadline are settled.
    const view = await office.get(`/api/v1/cases/${c.id}`);
    const answered = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: view.body.version, action: { type: 'follow_up_answered', payload: { itemKey: 'discharge_answer', reasons: 'Kommunen kan ta imot pasienten i morgen.' } } });
    expect(answered.status).toBe(200);
    expect(await q('SELECT kind FROM case_work_item WHERE municipality_id = $1 AND case_id = $2 AND kind = $3', [m.id, c.id, 'discharge_answer'])).toEqual([]);
    expect(await q("SELECT satisfied_at FROM case_deadline WHERE municipality_id = $1 AND case_id = $2 AND kind = 'discharge_answer' AND satisfied_at IS NOT NULL", [m.id, c.id])).toHaveLength(1);

    // A new notice about the same patient (a new discharge date) updates the same case and asks for a new answer.
    await deliverIncoming(message('discharge_ready', fnr, { dischargeReadyOn: today }));
    expect(await receive()).toBe(1);
    expect(await q('SELECT id FROM case_file WHERE municipality_id = $1 AND person_id = $2', [m.id, person.id])).toHaveLength(1);
    expect(await q('SELECT kind FROM case_work_item WHERE municipality_id = $1 AND case_id = $2 AND kind = $3', [m.id, c.id, 'discharge_answer'])).toHaveLength(1);
    expect(await q("SELECT 1 FROM case_deadline WHERE municipality_id = $1 AND case_id = $2 AND kind = 'discharge_answer' AND satisfied_at IS NULL", [m.id, c.id])).toHaveLength(1);
  });

  it('adds health information with a request to the person’s open case for the service asked for', async () => {
    const fnr = nationalId('1938-01-20');
    const person = (await office.command('/api/v1/persons', { nationalId: fnr, givenName: 'Gry', familyName: 'Telokk' })).body;
    const opened = await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Søknad om praktisk bistand' });
    expect(opened.status).toBe(201);
    const id = await deliverIncoming(message('health_information', fnr, { serviceWanted: 'Praktisk bistand: daglige gjøremål', patient: { nationalId: fnr, kind: 'FNR', givenName: 'Gry', familyName: 'Telokk' } }));
    expect(await receive()).toBe(1);
    const cases = await q('SELECT id FROM case_file WHERE municipality_id = $1 AND person_id = $2', [m.id, person.id]);
    expect(cases.map((c) => c.id)).toEqual([opened.body.id]);
    const last = (await q('SELECT type, payload FROM case_action WHERE municipality_id = $1 AND case_id = $2 ORDER BY seq DESC LIMIT 1', [m.id, opened.body.id]))[0];
    expect(last).toMatchObject({ type: 'hospital_notice_received', payload: { notice: 'health_information', summary: expect.stringContaining('fall i trapp') } });
    expect(nhn.message(id)?.appRec?.status).toBe('Ok');
  });
});

describe('a message that cannot be handled', () => {
  it('gets an error AppRec with the reason and changes nothing', async () => {
    const fnr = nationalId('1944-02-02');
    const xml = hospitalMessageXml(message('discharge_ready', fnr)).replace(/<MIGversion>.*<\/MIGversion>/, '');
    const before = (await q('SELECT count(*)::int AS n FROM case_file WHERE municipality_id = $1', [m.id]))[0].n;
    const id = await nhn.postIncoming(xml, { senderHerId: HOSPITAL_HER, receiverHerId: MUNICIPALITY_HER, validate: false });
    expect(await receive()).toBe(0);
    const stored = nhn.message(id);
    expect(stored?.appRec).toMatchObject({ status: 'Rejected', errors: [{ errorCode: 'T02', details: expect.stringContaining('MIGversion') }] });
    expect((await validatePloXml(stored?.appRec?.xml ?? '')).valid).toBe(true);
    expect(stored?.read).toBe(true);
    expect(await personByNationalId(fnr)).toBeUndefined();
    expect((await q('SELECT count(*)::int AS n FROM case_file WHERE municipality_id = $1', [m.id]))[0].n).toBe(before);
    expect(await q('SELECT outcome FROM inbox_message WHERE municipality_id = $1 AND external_id = $2', [m.id, stored?.msgId])).toEqual([{ outcome: 'rejected' }]);
  });

  it('rejects a message about a person it cannot identify (E31) without registering anyone', async () => {
    const id = await deliverIncoming(message('discharge_ready', '12345678901'));
    expect(await receive()).toBe(0);
    expect(nhn.message(id)?.appRec).toMatchObject({ status: 'Rejected', errors: [{ errorCode: 'E31' }] });
    expect(await personByNationalId('12345678901')).toBeUndefined();
  });
});

describe('the same message fetched twice', () => {
  it('is handled once and answered once', async () => {
    const fnr = nationalId('1939-09-09');
    const id = await deliverIncoming(message('discharge_ready', fnr));
    expect(await receive()).toBe(1);
    const stored = nhn.message(id);
    if (!stored) throw new Error('no message');
    // As if the process stopped after the commit and before the message was marked read.
    stored.read = false;
    expect(await receive()).toBe(0);
    const person = await personByNationalId(fnr);
    const cases = await q('SELECT id FROM case_file WHERE municipality_id = $1 AND person_id = $2', [m.id, person.id]);
    expect(cases).toHaveLength(1);
    const notices = await q("SELECT seq FROM case_action WHERE municipality_id = $1 AND case_id = $2 AND type = 'hospital_notice_received'", [m.id, cases[0].id]);
    expect(notices).toHaveLength(1);
    expect(stored.appRecAttempts).toBe(2);
    expect(stored.appRec?.status).toBe('Ok');
    expect(stored.read).toBe(true);
  });
});

describe('the orientation to the GP', () => {
  async function decidedCaseWithGp(gpHerId: string | undefined) {
    const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1937-03-03'), givenName: 'Åse', familyName: 'Fastlegesen' })).body;
    const gp = await office.command(`/api/v1/persons/${person.id}/gp`, { name: 'August September', practice: 'Kattskinnet legesenter', ...(gpHerId ? { herId: gpHerId } : {}), validFrom: '2020-01-01' });
    expect(gp.status).toBeLessThan(300);
    let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
    c = (await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    await completeAssessment(office, person.id, { caseId: c.id });
    c = (await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('practical_help', { validFrom: today }) })).body;
    const letter = await office.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status).toBe(201);
    return { caseId: c.id as string, person };
  }
  const nhnMessages = async (caseId: string) => (await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, (tx) => messagesOfCase(tx, caseId))).filter((x) => x.channel === 'nhn');
  const deliver = () => deliverOutbox(env.db, { municipalityId: m.id, channels: [nhnChannel] });

  it('is queued on a decision letter, validates against the PLO schema at the stand-in, and is settled by the GP’s AppRec', async () => {
    const { caseId, person } = await decidedCaseWithGp(GP_HER);
    const [queued] = await nhnMessages(caseId);
    expect(queued).toMatchObject({ kind: 'plo_orientation', status: 'pending' });

    await deliver();
    const [sent] = await nhnMessages(caseId);
    expect(sent).toMatchObject({ status: 'sent' });
    const posted = nhn.sent().find((s) => s.msgId === sent?.id);
    expect(posted).toMatchObject({ type: 'ORIENTERING_TJENESTETILBUD', receiverHerId: Number(GP_HER), senderHerId: MUNICIPALITY_HER });
    expect((await validatePloXml(posted?.xml ?? '')).valid).toBe(true);
    expect(posted?.xml).toContain(person.nationalId ?? '');
    expect(posted?.xml).toContain('Praktisk bistand');

    await nhn.answerAsReceiver(posted?.id ?? '', 'Ok');
    await deliver();
    expect((await nhnMessages(caseId))[0]).toMatchObject({ status: 'delivered' });
  });

  it('records a rejection by the GP’s system as failed, with the reason, for the office to act on', async () => {
    const { caseId } = await decidedCaseWithGp(GP_HER);
    await deliver();
    const [sent] = await nhnMessages(caseId);
    const posted = nhn.sent().find((s) => s.msgId === sent?.id);
    await nhn.answerAsReceiver(posted?.id ?? '', 'Rejected', [{ errorCode: 'E35', details: 'Pasienten finnes ikke i mottakersystemet' }]);
    await deliver();
    const [failed] = await nhnMessages(caseId);
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('E35') });
  });

  it('is not queued when the GP has no HER-id', async () => {
    const { caseId } = await decidedCaseWithGp(undefined);
    expect(await nhnMessages(caseId)).toEqual([]);
  });

  it('is sent once: the same outbox message sent twice is one message at the service', async () => {
    const { caseId } = await decidedCaseWithGp(GP_HER);
    const [queued] = await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => (await tx.query('SELECT id, payload FROM outbox_message WHERE case_id = $1', [caseId])).rows);
    const msg = { id: queued.id, municipalityId: m.id, caseId, channel: 'nhn' as const, kind: 'plo_orientation', payload: queued.payload, attempts: 0, reference: null };
    const first = await nhnChannel.send(msg, ctx());
    const second = await nhnChannel.send(msg, ctx());
    expect(first).toMatchObject({ result: 'sent' });
    expect(second).toMatchObject({ result: 'sent', reference: (first as { reference: string }).reference });
    expect(nhn.sent().filter((s) => s.msgId === queued.id)).toHaveLength(1);
  });
});

describe('the stand-in refuses what the services refuse', () => {
  it('refuses a client assertion signed with another key, and a business document that does not validate', async () => {
    const other = await generateKeyPair('RS256', { extractable: true });
    process.env.TILDEL_TEST_NHN_OTHER_KEY = await exportPKCS8(other.privateKey);
    const wrong = { tokenUrl: nhn.tokenUrl, clientId: CLIENT_ID, privateKeyRef: 'env:TILDEL_TEST_NHN_OTHER_KEY', scope: SCOPE };
    await expect(accessToken(wrong, async (ref) => process.env[ref.slice(4)] ?? '', new Date())).rejects.toThrow(/invalid_client/);

    const right = { tokenUrl: nhn.tokenUrl, clientId: CLIENT_ID, privateKeyRef: `env:${KEY_ENV}`, scope: SCOPE };
    const client = new MshClient(nhn.baseUrl, () => accessToken(right, async (ref) => process.env[ref.slice(4)] ?? '', new Date()));
    const invalid = hospitalMessageXml(message('discharge_ready', nationalId('1950-01-01'))).replace(/<MsgId>.*<\/MsgId>/, '');
    const refused = await client.postMessage(invalid).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NhnError);
    expect((refused as NhnError).transient).toBe(false);
    expect(nhn.refusals().some((r) => r.includes('does not validate') && r.includes('MsgId'))).toBe(true);

    const unauthenticated = await fetch(`${nhn.baseUrl}/Messages?ReceiverHerIds=${MUNICIPALITY_HER}`, { headers: { 'api-version': '2', 'nhn-source-system': 'x' } });
    expect(unauthenticated.status).toBe(403);
  });
});
