/**
 * The applicant's channel over HTTP: the test login, an application for oneself and one for
 * someone else with the representative's authority, the receipt, the case in the caseworker's
 * queue, the status afterwards, and the access log naming the citizen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { decisionAction } from '../helpers/decisions.ts';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 21, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** A valid fødselsnummer (the mod-11 control digits) for a birth date DDMMYY and an individual number. */
function fodselsnummer(ddmmyy: string, individual: string): string {
  const digits = `${ddmmyy}${individual}`.split('').map(Number);
  const control = (weights: number[], ds: number[]) => {
    const k = 11 - (ds.reduce((sum, d, i) => sum + d * (weights[i] as number), 0) % 11);
    return k === 11 ? 0 : k;
  };
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2], digits);
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...digits, k1]);
  if (k1 === 10 || k2 === 10) return fodselsnummer(ddmmyy, String(Number(individual) + 1).padStart(3, '0'));
  return `${ddmmyy}${individual}${k1}${k2}`;
}

async function citizen(municipality: string, id: string, givenName: string, familyName: string): Promise<Client> {
  const r = await new Client(server.url).post('/api/v1/citizen/test-login', { municipality, nationalId: id, givenName, familyName });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.headers.get('set-cookie')).toMatch(/^tildel_citizen=.+HttpOnly; SameSite=Strict/);
  return new Client(server.url, r.body.token);
}

describe('the applicant', () => {
  it('applies for themself, gets a receipt, and the case reaches the caseworker with its channel recorded', async () => {
    const id = nationalId('1946-02-11');
    const me = await citizen('bladal', id, 'Ingrid', 'Søker');
    const receipt = await me.command('/api/v1/citizen/applications', { applyFor: 'self', serviceCode: 'practical_help', description: 'Trenger hjelp til vask', whatMatters: 'Å bo hjemme' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect(receipt.body).toMatchObject({ caseNumber: expect.stringMatching(/^\d{4}\/\d{5}$/), receivedOn: norwegianDate(), replyByCitation: 'forvaltningsloven § 11 a tredje ledd' });
    expect(receipt.body.replyBy > receipt.body.receivedOn).toBe(true);

    const caseworker = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = (await caseworker.get(`/api/v1/cases/${receipt.body.caseId}`)).body;
    expect(c).toMatchObject({ status: 'received', person: { name: 'Ingrid Søker' }, caseNumber: receipt.body.caseNumber });
    const opening = (await caseworker.get(`/api/v1/cases/${c.id}/actions`)).body[0];
    expect(opening.payload).toMatchObject({ channel: 'self', description: expect.stringContaining('Hva er viktig for meg: Å bo hjemme') });
    expect(opening.actorName).toBe('Digital søknad (innbygger)');
    expect(opening.authority.grant).toContain('test login (not ID-porten)');

    const mine = (await me.get('/api/v1/citizen/cases')).body;
    expect(mine).toEqual([expect.objectContaining({ caseNumber: receipt.body.caseNumber, stateKey: 'received', forWhom: 'self', decision: null })]);

    const { rows } = await db.owner.query(`SELECT operation, resource, citizen_national_id FROM audit_event WHERE municipality_id = 'bladal' AND citizen_national_id = $1 ORDER BY at`, [id]);
    expect(rows.map((r) => `${r.operation} ${r.resource}`)).toEqual(['write digital application', 'read own cases']);
  });

  it('applies for someone else with the authority recorded, and sees that case but not the person’s other cases', async () => {
    const person = nationalId('1938-07-07');
    const son = await citizen('granvik', nationalId('1968-03-03'), 'Per', 'Sønn');
    const bad = await son.command('/api/v1/citizen/applications', { applyFor: 'someone_else', serviceCode: 'home_nursing', description: 'Sår som må stelles', person: { nationalId: person, givenName: 'Kari', familyName: 'Mor' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('authority');
    const receipt = await son.command('/api/v1/citizen/applications', {
      applyFor: 'someone_else',
      serviceCode: 'home_nursing',
      description: 'Sår som må stelles',
      person: { nationalId: person, givenName: 'Kari', familyName: 'Mor' },
      authority: 'power_of_attorney',
      documentedOn: '2026-01-15',
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    // A person with no district yet is routed to the team without a district (Innsatsteamet), whose members handle it.
    const caseworker = await Client.login(server.url, 'granvik', 'sykepleier', 'demo');
    const opening = (await caseworker.get(`/api/v1/cases/${receipt.body.caseId}/actions`)).body[0];
    expect(opening.payload).toMatchObject({ channel: 'representative', representative: { name: 'Per Sønn', authority: 'power_of_attorney', documentedOn: '2026-01-15' } });

    const seen = (await son.get('/api/v1/citizen/cases')).body;
    expect(seen.map((c: { caseNumber: string }) => c.caseNumber)).toEqual([receipt.body.caseNumber]);
    expect(seen[0]).toMatchObject({ forWhom: 'someone_else', personGivenName: 'Kari' });

    // The mother logs in herself and sees the case too, as her own.
    const mother = await citizen('granvik', person, 'Kari', 'Mor');
    expect((await mother.get('/api/v1/citizen/cases')).body).toEqual([expect.objectContaining({ caseNumber: receipt.body.caseNumber, forWhom: 'self' })]);

    // The mother sees who has read her record (pasientjournalloven § 18); the son, who applied for her, does not.
    const log = (await mother.get('/api/v1/citizen/access-log')).body;
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ staffName: 'Jonas Haugen', operation: 'read', resource: 'case history', purpose: 'case_processing' })]));
    const sonsLog = (await son.get('/api/v1/citizen/access-log')).body;
    expect(sonsLog.some((e: { staffName: string }) => e.staffName === 'Jonas Haugen')).toBe(false);
  });

  it('sends an application for someone else to the office to check the authority before the case is answered (fvl § 12)', async () => {
    const daughter = await citizen('granvik', nationalId('1970-05-05'), 'Lise', 'Datter');
    const receipt = await daughter.command('/api/v1/citizen/applications', {
      applyFor: 'someone_else',
      serviceCode: 'home_nursing',
      description: 'Trenger hjelp med medisiner',
      person: { nationalId: nationalId('1936-06-06'), givenName: 'Olga', familyName: 'Far' },
      authority: 'power_of_attorney',
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    const caseworker = await Client.login(server.url, 'granvik', 'sykepleier', 'demo');
    let c = (await caseworker.get(`/api/v1/cases/${receipt.body.caseId}`)).body;
    expect(c.workItems.map((i: { kind: string }) => i.kind)).toContain('representative_check');
    expect(c.allowedActions).toContain('representative_checked');
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    const early = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('home_nursing', { withoutAssessmentReason: 'Akutt behov' }) });
    expect(early.status).toBe(400);
    expect(early.body.errors, JSON.stringify(early.body)).toContainEqual(expect.objectContaining({ field: expect.stringContaining('representativeCheck'), message: expect.stringContaining('check their authority') }));
    const checked = await caseworker.command(`/api/v1/cases/${c.id}/actions`, {
      expectedVersion: c.version,
      action: { type: 'representative_checked', payload: { outcome: 'verified', how: 'document_seen', note: 'Skriftlig fullmakt mottatt per post' } },
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body.workItems.map((i: { kind: string }) => i.kind)).not.toContain('representative_check');
    expect(checked.body.allowedActions).not.toContain('representative_checked');
    const decided = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: checked.body.version, action: decisionAction('home_nursing', { withoutAssessmentReason: 'Akutt behov' }) });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // The daughter who applied sees the decision, and who decides a complaint against it (pbrl § 7-2).
    const hers = (await daughter.get('/api/v1/citizen/cases')).body.find((x: { caseNumber: string }) => x.caseNumber === c.caseNumber);
    expect(hers.decision).toMatchObject({ outcome: 'granted', complaintBody: 'statsforvalteren' });
  });

  it('reveals nothing registered about a third party: the applicant sees only the name they typed', async () => {
    // A person registered with the municipality, whose name the applicant does not know.
    const registered = nationalId('1936-06-06');
    const office = await Client.login(server.url, 'granvik', 'teamleder', 'demo');
    expect((await office.command('/api/v1/persons', { nationalId: registered, givenName: 'Ingeborg', familyName: 'Registrert' })).status).toBe(201);
    const stranger = await citizen('granvik', nationalId('1970-01-01'), 'Ukjent', 'Søker');
    const receipt = await stranger.command('/api/v1/citizen/applications', {
      applyFor: 'someone_else',
      serviceCode: 'safety_alarm',
      description: 'Trenger alarm',
      person: { nationalId: registered, givenName: 'Gjetning', familyName: 'Navn' },
      authority: 'power_of_attorney',
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect(JSON.stringify(receipt.body)).not.toContain('Ingeborg');
    const seen = (await stranger.get('/api/v1/citizen/cases')).body;
    expect(seen).toEqual([expect.objectContaining({ forWhom: 'someone_else', personGivenName: 'Gjetning' })]);
    expect(JSON.stringify(seen)).not.toContain('Ingeborg');
  });

  it('returns the same receipt on a retry with the same key, and refuses one without a login', async () => {
    const me = await citizen('solstad', nationalId('1950-05-05'), 'Ola', 'Gjentar');
    const body = { applyFor: 'self', serviceCode: 'safety_alarm', description: 'Trygghetsalarm' };
    const first = await me.command('/api/v1/citizen/applications', body, 'retry-key-0001');
    const again = await me.command('/api/v1/citizen/applications', body, 'retry-key-0001');
    expect(again.body.caseNumber).toBe(first.body.caseNumber);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await me.get('/api/v1/citizen/cases')).body).toHaveLength(1);
    const anonymous = await new Client(server.url).command('/api/v1/citizen/applications', body);
    expect(anonymous.status).toBe(401);
    const staff = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    expect((await staff.get('/api/v1/citizen/cases')).status).toBe(401);
  });

  it('refuses an invalid identity number with the field named, and gives test identities that log in', async () => {
    const r = await new Client(server.url).post('/api/v1/citizen/test-login', { municipality: 'bladal', nationalId: '12345678901', givenName: 'A', familyName: 'B' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('nationalId');
    // A real person's number (a valid fødselsnummer) is never taken by the test login.
    const real = await new Client(server.url).post('/api/v1/citizen/test-login', { municipality: 'bladal', nationalId: fodselsnummer('150590', '123'), givenName: 'A', familyName: 'B' });
    expect(r.status).toBe(400);
    expect(real.status, JSON.stringify(real.body)).toBe(400);
    expect(real.body.errors[0]).toMatchObject({ field: 'nationalId', message: expect.stringContaining('only synthetic') });
    const identity = (await new Client(server.url).get('/api/v1/citizen/test-identity')).body;
    await citizen('bladal', identity.nationalId, identity.givenName, identity.familyName);
  });
});
