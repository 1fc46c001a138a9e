/** Persons: identity numbers validated and kept out of logs; every access logged with a purpose. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { decisionAction } from '../helpers/decisions.ts';
import { pdfText } from '../helpers/pdf.ts';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseworker: Client;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
});

async function auditRows(personId: string) {
  const { rows } = await env.db.owner.query('SELECT staff_id, purpose, operation, resource FROM audit_event WHERE $1 = ANY(person_ids) ORDER BY at', [personId]);
  return rows;
}

describe('registering persons', () => {
  it('registers a person with the birth date taken from the identity number', async () => {
    const id = nationalId('1938-07-21');
    const r = await caseworker.command('/api/v1/persons', { nationalId: id, givenName: 'Signe', familyName: 'Hauge', language: 'nn', postalCode: '6590' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ nationalIdKind: 'tnr', birthDate: '1938-07-21', language: 'nn', nationalIdMasked: `${id.slice(0, 6)}*****` });
  });

  it('refuses an invalid identity number, naming the field and the reason, and writes nothing', async () => {
    const before = (await env.db.owner.query('SELECT count(*)::int AS n FROM person')).rows[0].n;
    const valid = nationalId();
    const wrongControl = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
    const r = await caseworker.command('/api/v1/persons', { nationalId: wrongControl, givenName: 'Feil', familyName: 'Nummer' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'nationalId', message: expect.stringContaining('control digits'), code: 'invalid' }]);
    const tooShort = await caseworker.command('/api/v1/persons', { nationalId: '123', givenName: 'Feil', familyName: 'Nummer' });
    expect(tooShort.body.errors[0]).toMatchObject({ field: 'nationalId', message: 'must be 11 digits' });
    expect((await env.db.owner.query('SELECT count(*)::int AS n FROM person')).rows[0].n).toBe(before);
  });

  it('refuses the same identity number twice in a municipality (409)', async () => {
    const id = nationalId();
    await caseworker.command('/api/v1/persons', { nationalId: id, givenName: 'En', familyName: 'Gang' });
    const again = await caseworker.command('/api/v1/persons', { nationalId: id, givenName: 'To', familyName: 'Ganger' });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('nationalId');
  });

  it('requires the authority of a guardian or representative', async () => {
    const p = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Olav', familyName: 'Verge' });
    const noAuthority = await caseworker.command(`/api/v1/persons/${p.body.id}/contacts`, { name: 'Vera Verge', relation: 'guardian' });
    expect(noAuthority.status).toBe(400);
    expect(noAuthority.body.errors[0].field).toBe('authority');
    const ok = await caseworker.command(`/api/v1/persons/${p.body.id}/contacts`, { name: 'Vera Verge', relation: 'guardian', authority: 'Vergemål: økonomiske forhold' });
    expect(ok.status).toBe(201);
    const read = await caseworker.get(`/api/v1/persons/${p.body.id}`);
    expect(read.body.contacts).toEqual([expect.objectContaining({ name: 'Vera Verge', relation: 'guardian', authority: 'Vergemål: økonomiske forhold' })]);
  });

  it('records the GP (fastlege) from a date, keeps the earlier one, and shows the one in force', async () => {
    const p = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Gunnar', familyName: 'Lege' });
    const bad = await caseworker.command(`/api/v1/persons/${p.body.id}/gp`, { name: 'Dr. Berg', herId: 'HER-12' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('herId');
    expect((await caseworker.get(`/api/v1/persons/${p.body.id}`)).body.gp).toBeNull();
    const first = await caseworker.command(`/api/v1/persons/${p.body.id}/gp`, { name: 'Dr. Berg', practice: 'Sentrum legekontor', herId: '81234', validFrom: '2020-01-01' });
    expect(first.status).toBe(201);
    // A change of GP from a later date (still in the past) is what the person has now; one from next year is not yet.
    await caseworker.command(`/api/v1/persons/${p.body.id}/gp`, { name: 'Dr. Dal', validFrom: '2024-06-01' });
    await caseworker.command(`/api/v1/persons/${p.body.id}/gp`, { name: 'Dr. Framtid', validFrom: '2099-01-01' });
    const read = await caseworker.get(`/api/v1/persons/${p.body.id}`);
    expect(read.body.gp).toEqual({ name: 'Dr. Dal', practice: null, phone: null, herId: null, validFrom: '2024-06-01' });
    const { rows } = await env.db.owner.query('SELECT name FROM person_gp WHERE person_id = $1 ORDER BY valid_from', [p.body.id]);
    expect(rows.map((r) => r.name)).toEqual(['Dr. Berg', 'Dr. Dal', 'Dr. Framtid']);
    await expect(env.db.owner.query('UPDATE person_gp SET name = $2 WHERE person_id = $1', [p.body.id, 'Overskrevet'])).rejects.toThrow();
    expect((await auditRows(p.body.id)).some((a) => a.resource === 'person_gp' && a.operation === 'write')).toBe(true);
  });

  it('finds a person by every word of the name in any order and case, reading % and _ as letters', async () => {
    await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Åse Marit', familyName: 'Søk_Test' });
    await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Åse', familyName: 'SøkXTest' });
    const names = async (name: string) => ((await caseworker.post('/api/v1/persons/search', { name })).body as { familyName: string }[]).map((p) => p.familyName).sort();
    expect(await names('søk åse')).toEqual(['SøkXTest', 'Søk_Test']);
    expect(await names('MARIT søk')).toEqual(['Søk_Test']);
    // An underscore is the letter, not "any one character"; a per cent sign is not "anything".
    expect(await names('søk_test')).toEqual(['Søk_Test']);
    expect(await names('søk%test')).toEqual([]);
    expect(await names('åse marit søkxtest')).toEqual([]);
  });

  it('hides a protected address in search results but flags it', async () => {
    await caseworker.command('/api/v1/persons', {
      nationalId: nationalId(),
      givenName: 'Skjermet',
      familyName: 'Adressesen',
      addressLine: 'Hemmeligveien 1',
      protectedAddress: true,
    });
    const found = await caseworker.post('/api/v1/persons/search', { name: 'skjermet adressesen' });
    expect(found.body).toHaveLength(1);
    expect(found.body[0]).toMatchObject({ protectedAddress: true, address: null });
  });
});

describe('a protected address (fortrolig adresse)', () => {
  it('is shown only to those handling the person’s case, and never printed on a letter', async () => {
    const p = await caseworker.command('/api/v1/persons', { nationalId: nationalId('1944-04-04'), givenName: 'Sperret', familyName: 'Adresse', addressLine: 'Skjultveien 7', postalCode: '0150', protectedAddress: true });
    expect(p.status).toBe(201);
    const provider = await Client.login(env.server.url, m.id, 'provider');
    // Nobody handles a case of the person yet: the caseworker too sees only the flag.
    expect((await caseworker.get(`/api/v1/persons/${p.body.id}`)).body).toMatchObject({ protectedAddress: true, address: null });
    let c = (await caseworker.command('/api/v1/cases', { personId: p.body.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: norwegianDate(), description: 'Søknad' })).body;
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'owner_assigned', payload: { ownerStaffId: m.staff.caseworker } } })).body;
    // The caseworker who owns the case sees it; the provider, with no order on it, sees not even the person.
    expect((await caseworker.get(`/api/v1/persons/${p.body.id}`)).body.address).toMatchObject({ line: 'Skjultveien 7' });
    expect((await provider.get(`/api/v1/persons/${p.body.id}`)).status).toBe(403);
    expect((await provider.post('/api/v1/persons/search', { nationalId: p.body.nationalId })).body).toEqual([]);
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    const decided = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('home_nursing', { withoutAssessmentReason: 'Akutt behov' }) });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const letter = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    const pdf = await fetch(`${env.server.url}${letter.body.url}`, { headers: { authorization: `Bearer ${caseworker.token}` } });
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Sperret Adresse');
    expect(text).not.toContain('Skjultveien');
    expect(text).not.toContain('0150');
    expect(text).toContain('kanalen for personer med adressesperre');
    // Every kind of letter: the advance notice before a change (previewed) and the provisional reply, on a case of their own.
    const notice = await fetch(`${env.server.url}/api/v1/cases/${c.id}/letters/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${caseworker.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'advance_notice', advanceNotice: { change: 'reduction', description: 'Færre besøk', commentsBy: addDays(norwegianDate(), 14) } }),
    });
    expect(notice.status).toBe(200);
    let second = (await caseworker.command('/api/v1/cases', { personId: p.body.id, serviceCode: 'practical_help', channel: 'self', receivedOn: norwegianDate(), description: 'Søknad' })).body;
    second = (await caseworker.command(`/api/v1/cases/${second.id}/actions`, { expectedVersion: second.version, action: { type: 'provisional_reply_sent', payload: { sentOn: norwegianDate(), reason: 'Venter på epikrise', expectedBy: addDays(norwegianDate(), 30) } } })).body;
    const reply = await caseworker.command(`/api/v1/cases/${second.id}/letters`, { kind: 'provisional_reply' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const replyPdf = await fetch(`${env.server.url}${reply.body.url}`, { headers: { authorization: `Bearer ${caseworker.token}` } });
    for (const other of [await pdfText(Buffer.from(await notice.arrayBuffer())), await pdfText(Buffer.from(await replyPdf.arrayBuffer()))]) {
      expect(other).toContain('Sperret Adresse');
      expect(other).not.toContain('Skjultveien');
      expect(other).toContain('kanalen for personer med adressesperre');
    }
  });
});

describe('access logging', () => {
  it('logs writes, reads and searches of a person with staff member and purpose', async () => {
    const id = nationalId();
    const p = await caseworker.command('/api/v1/persons', { nationalId: id, givenName: 'Logget', familyName: 'Person' });
    await caseworker.request('GET', `/api/v1/persons/${p.body.id}`, undefined, { 'tildel-purpose': 'quality_assurance' });
    await caseworker.post('/api/v1/persons/search', { nationalId: id });
    const rows = await auditRows(p.body.id);
    expect(rows).toEqual([
      { staff_id: m.staff.caseworker, purpose: 'case_processing', operation: 'write', resource: 'person' },
      { staff_id: m.staff.caseworker, purpose: 'quality_assurance', operation: 'read', resource: 'person' },
      { staff_id: m.staff.caseworker, purpose: 'case_processing', operation: 'search', resource: 'person search by identity number' },
    ]);
  });

  it('refuses an unknown purpose', async () => {
    const r = await caseworker.request('GET', '/api/v1/cases', undefined, { 'tildel-purpose': 'curiosity' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('headers.tildel-purpose');
    expect(r.body.errors[0].message).toContain('case_processing');
  });

  it("shows a leader the person's access log, and refuses a caseworker", async () => {
    const p = await caseworker.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Innsyn', familyName: 'Logg' });
    await caseworker.get(`/api/v1/persons/${p.body.id}`);
    const leader = await Client.login(env.server.url, m.id, 'leader');
    const log = await leader.get(`/api/v1/persons/${p.body.id}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.map((e: any) => `${e.staffName}:${e.operation}`)).toEqual(['caseworker Testesen:read', 'caseworker Testesen:write']);
    expect((await caseworker.get(`/api/v1/persons/${p.body.id}/access-log`)).status).toBe(403);
  });
});

describe('logs', () => {
  it('never contain an identity number, a password or a token, and carry request ids', async () => {
    const id = nationalId();
    env.server.logs.length = 0;
    const p = await caseworker.command('/api/v1/persons', { nationalId: id, givenName: 'Hemmelig', familyName: 'Nummer' }, undefined);
    await caseworker.post('/api/v1/persons/search', { nationalId: id });
    await caseworker.request('GET', `/api/v1/persons/${p.body.id}?debug=${id}`);
    await caseworker.command('/api/v1/persons', { nationalId: `${id.slice(0, 10)}x`, givenName: 'Feil', familyName: 'Nummer' });
    await Client.login(env.server.url, m.id, 'caseworker');
    const text = env.server.logs.join('');
    expect(env.server.logs.length).toBeGreaterThan(5);
    expect(text).not.toContain(id);
    expect(text).not.toContain(id.slice(0, 10));
    expect(text).not.toContain('test-password');
    expect(text).not.toContain(caseworker.token!);
    const lines = env.server.logs.map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.msg === 'request completed').every((l) => typeof l.reqId === 'string')).toBe(true);
  });

  it('echoes a client request id, and gives one otherwise', async () => {
    const r = await caseworker.request('GET', '/api/v1/me', undefined, { 'x-request-id': 'klient-123' });
    expect(r.headers.get('x-request-id')).toBe('klient-123');
    const other = await caseworker.get('/api/v1/me');
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
