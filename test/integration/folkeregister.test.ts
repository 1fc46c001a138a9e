/**
 * The population register (Folkeregisteret) against its stand-in, with Maskinporten's stand-in issuing
 * the tokens: look-up fills a registration and marks its source; a protected address comes through as
 * protected; manual entry is the fallback when the register is not configured or does not answer; a
 * death and a move from the event feed update the person (keeping the earlier values) and put work on
 * the open case; an event read twice is handled once; the stand-in refuses what the register refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';
import { channelContext } from '../../src/app/outbox.ts';
import { maskinportenToken, newMaskinportenClientKey, startMaskinportenStandIn, type MaskinportenStandIn } from '../../src/integrations/maskinporten/index.ts';
import { API_PATH, FOLKEREGISTER_SCOPE, receiveRegisterEvents, startFolkeregisterStandIn, type FolkeregisterStandIn, type RegisterPerson } from '../../src/integrations/folkeregister/index.ts';
import { saveIntegration } from '../../src/store/integrationConfig.ts';
import { inTenant } from '../../src/store/tx.ts';
import { osloDate } from '../../src/domain/law/deadlines.ts';

const env = useTestEnvironment();
let mp: MaskinportenStandIn;
let freg: FolkeregisterStandIn;
let m: TestMunicipality;
let unconnected: TestMunicipality;
let caseworker: Client;

const KEY_ENV = 'TILDEL_TEST_FREG_MASKINPORTEN_KEY';

function registerPerson(overrides: Partial<RegisterPerson> = {}): RegisterPerson {
  const p: RegisterPerson = {
    nationalId: nationalId('1940-05-17'),
    givenName: 'Ragnhild',
    familyName: 'Bakken',
    address: { line: 'Kirkegata 4A', postalCode: '7011', postalPlace: 'TRONDHEIM', municipalityNumber: '5001', grunnkrets: '50010203', movedOn: '2015-04-01' },
    grading: 'ugradert',
    diedOn: null,
    status: 'bosatt',
    ...overrides,
  };
  freg.addPerson(p);
  return p;
}

beforeAll(async () => {
  const key = await newMaskinportenClientKey();
  process.env[KEY_ENV] = key.privateKey;
  mp = await startMaskinportenStandIn({ clients: [{ clientId: 'tildel-freg', publicJwk: key.publicJwk, scopes: [FOLKEREGISTER_SCOPE], organisationNumber: '974760673' }] });
  freg = await startFolkeregisterStandIn({ maskinportenIssuer: mp.issuer });
  m = await createMunicipality(env.db);
  unconnected = await createMunicipality(env.db);
  await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    await saveIntegration(tx, 'maskinporten', true, { tokenUrl: mp.tokenUrl, audience: mp.issuer, clientId: 'tildel-freg', privateKeyRef: `env:${KEY_ENV}` }, null);
    await saveIntegration(tx, 'folkeregister', true, { baseUrl: freg.url, organisationNumber: '974760673', municipalityNumber: '5001' }, null);
  });
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
});

afterAll(async () => {
  await freg?.close();
  await mp?.close();
});

async function openCase(client: Client, personId: string) {
  const r = await client.command('/api/v1/cases', { personId, serviceCode: 'practical_help', channel: 'self', receivedOn: osloDate(new Date()), description: 'Trenger hjelp i hjemmet' });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('look-up at registration', () => {
  it('fills the registration from the register, marks the source with the time, and audits the look-up', async () => {
    const p = registerPerson();
    const look = await caseworker.post('/api/v1/persons/lookup', { nationalId: p.nationalId });
    expect(look.status).toBe(200);
    expect(look.body).toMatchObject({ status: 'found', registeredId: null, person: { givenName: 'Ragnhild', familyName: 'Bakken', protectedAddress: false, address: { line: 'Kirkegata 4A', postalCode: '7011' } } });
    const r = await caseworker.command('/api/v1/persons', { nationalId: p.nationalId, language: 'nn' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ givenName: 'Ragnhild', familyName: 'Bakken', language: 'nn', grunnkrets: '50010203', address: { line: 'Kirkegata 4A', postalCode: '7011', postalPlace: 'TRONDHEIM' }, source: { kind: 'folkeregister' } });
    expect(Date.parse(r.body.source.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await caseworker.post('/api/v1/persons/lookup', { nationalId: p.nationalId })).body.registeredId).toBe(r.body.id);
    const { rows } = await env.db.owner.query("SELECT operation FROM audit_event WHERE resource = 'population register look-up'");
    expect(rows.length).toBeGreaterThan(0);
  });

  it('brings a protected address through as protected: left out of the look-up view, stored with the person', async () => {
    const p = registerPerson({ givenName: 'Skjult', grading: 'fortrolig' });
    const look = await caseworker.post('/api/v1/persons/lookup', { nationalId: p.nationalId });
    expect(look.body.person).toMatchObject({ protectedAddress: true, address: null });
    const r = await caseworker.command('/api/v1/persons', { nationalId: p.nationalId });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ protectedAddress: true, source: { kind: 'folkeregister' } });
    const stored = await env.db.owner.query('SELECT address_line, protected_address FROM person WHERE id = $1', [r.body.id]);
    expect(stored.rows[0]).toEqual({ address_line: 'Kirkegata 4A', protected_address: true });
    const strict = registerPerson({ grading: 'strengtFortroligUtland' });
    const s = await caseworker.command('/api/v1/persons', { nationalId: strict.nationalId });
    expect(s.body).toMatchObject({ protectedAddress: true, source: { kind: 'folkeregister' } });
  });

  it('falls back to manual entry, marked manual, where the register is not configured', async () => {
    const other = await Client.login(env.server.url, unconnected.id, 'caseworker');
    const id = nationalId();
    expect((await other.post('/api/v1/persons/lookup', { nationalId: id })).body).toMatchObject({ status: 'not_configured', person: null });
    const r = await other.command('/api/v1/persons', { nationalId: id, givenName: 'Manuell', familyName: 'Registrering', postalCode: '7011' });
    expect(r.status).toBe(201);
    expect(r.body.source).toEqual({ kind: 'manual', checkedAt: null });
  });

  it('falls back to manual entry when the register does not answer, and then needs the name', async () => {
    const p = registerPerson();
    freg.setUnavailable(true);
    try {
      expect((await caseworker.post('/api/v1/persons/lookup', { nationalId: p.nationalId })).body.status).toBe('unavailable');
      const noName = await caseworker.command('/api/v1/persons', { nationalId: p.nationalId });
      expect(noName.status).toBe(400);
      expect(noName.body.errors[0].field).toBe('givenName');
      const r = await caseworker.command('/api/v1/persons', { nationalId: p.nationalId, givenName: 'Skrevet', familyName: 'Inn' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ givenName: 'Skrevet', source: { kind: 'manual', checkedAt: null } });
    } finally {
      freg.setUnavailable(false);
    }
  });

  it('is for those who may register: others are refused', async () => {
    const provider = await Client.login(env.server.url, m.id, 'provider');
    const r = await provider.post('/api/v1/persons/lookup', { nationalId: nationalId() });
    expect(r.status).toBe(403);
  });
});

describe('the event feed', () => {
  it('records a death and a move out on the person, keeps the earlier values, and puts work on the open cases; an event read twice is handled once', async () => {
    const dies = registerPerson({ givenName: 'Dødsfall' });
    const moves = registerPerson({ givenName: 'Flytter' });
    const stranger = registerPerson({ givenName: 'Ukjent' });
    const a = await caseworker.command('/api/v1/persons', { nationalId: dies.nationalId });
    const b = await caseworker.command('/api/v1/persons', { nationalId: moves.nationalId });
    const caseA = await openCase(caseworker, a.body.id);
    const caseB = await openCase(caseworker, b.body.id);
    // The first run marks where the municipality starts following the feed: after what happened before it connected.
    const ctx = channelContext(env.db, m.id);
    freg.addEvent(dies.nationalId, 'endringINavn', { givenName: 'Før' });
    expect(await receiveRegisterEvents(ctx)).toBe(0);
    const start = await env.db.owner.query('SELECT next_sequence FROM folkeregister_feed_position WHERE municipality_id = $1', [m.id]);
    expect(Number(start.rows[0].next_sequence)).toBe(2);
    freg.addEvent(dies.nationalId, 'personErDoed', { diedOn: '2026-11-30', status: 'doed' });
    freg.addEvent(moves.nationalId, 'endringIBostedsadresse', { address: { line: 'Storgata 1', postalCode: '9008', postalPlace: 'TROMSØ', municipalityNumber: '5501', grunnkrets: '55010101', movedOn: '2026-11-20' } });
    freg.addEvent(stranger.nationalId, 'personErDoed', { diedOn: '2026-11-29' });
    freg.addEvent(moves.nationalId, 'endringISivilstand', {});

    expect(await receiveRegisterEvents(ctx)).toBe(2);

    const person = async (id: string) => (await caseworker.get(`/api/v1/persons/${id}`)).body;
    expect(await person(a.body.id)).toMatchObject({ diedOn: '2026-11-30', source: { kind: 'folkeregister' } });
    expect(await person(b.body.id)).toMatchObject({ movedOutOn: '2026-11-20', address: { line: 'Storgata 1', postalCode: '9008' }, grunnkrets: '55010101' });
    const history = await env.db.owner.query('SELECT event_type, previous, current FROM person_register_change WHERE person_id = $1', [b.body.id]);
    expect(history.rows).toEqual([expect.objectContaining({ event_type: 'endringIBostedsadresse', previous: expect.objectContaining({ addressLine: 'Kirkegata 4A', postalCode: '7011' }) })]);

    const actions = async (caseId: string) => (await env.db.owner.query("SELECT payload FROM case_action WHERE case_id = $1 AND type = 'register_event'", [caseId])).rows.map((r) => r.payload);
    expect(await actions(caseA)).toEqual([expect.objectContaining({ event: 'death', eventType: 'personErDoed', occurredOn: '2026-11-30' })]);
    expect(await actions(caseB)).toEqual([expect.objectContaining({ event: 'moved_out', occurredOn: '2026-11-20' })]);
    const items = await env.db.owner.query("SELECT case_id, kind FROM case_work_item WHERE item_key LIKE 'register_event:%' AND case_id = ANY($1::uuid[])", [[caseA, caseB]]);
    expect(items.rows.map((r) => r.case_id).sort()).toEqual([caseA, caseB].sort());

    // Read again from the start: nothing is handled twice.
    await env.db.owner.query('UPDATE folkeregister_feed_position SET next_sequence = 2 WHERE municipality_id = $1', [m.id]);
    expect(await receiveRegisterEvents(ctx)).toBe(0);
    expect(await actions(caseA)).toHaveLength(1);
    const inbox = await env.db.owner.query("SELECT count(*)::int AS n FROM inbox_message WHERE municipality_id = $1 AND channel = 'folkeregister'", [m.id]);
    expect(inbox.rows[0].n).toBe(2);
  });
});

describe('the stand-in', () => {
  it('refuses a request without a Maskinporten token, an invalid identifier, an unknown part and a format it does not serve', async () => {
    const noToken = await fetch(`${freg.url}${API_PATH}/personer/${nationalId()}`, { headers: { accept: 'application/xml' } });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ kode: 'FREG-401' });
    const token = await maskinportenToken(channelContext(env.db, m.id), [FOLKEREGISTER_SCOPE]);
    const get = (path: string, accept = 'application/xml') => fetch(`${freg.url}${API_PATH}${path}`, { headers: { accept, authorization: `Bearer ${token}` } });
    expect((await get('/personer/123')).status).toBe(400);
    expect((await get(`/personer/${nationalId()}?part=alt`)).status).toBe(400);
    expect((await get(`/personer/${nationalId()}`)).status).toBe(404);
    expect((await get('/hendelser/feed?seq=abc', 'application/json')).status).toBe(400);
    expect((await get('/hendelser/feed?seq=1', 'text/html')).status).toBe(406);
  });
});
