/**
 * Access by need through the one gate (issue 15), against a running server on a demo municipality
 * (Solstad, purchaser–provider, with a private provider): a private provider sees exactly the cases
 * ordered from it and only what the order needs; anyone else's case answers no_need until opened
 * with emergency access, which the person's access log shows and a leader reviews; a leader sees
 * staff who read unusually many persons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;
let privat: Client;
let office: Client;
let leader: Client;
let privateUnit: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 31, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
  privat = await Client.login(server.url, 'solstad', 'privat', 'demo');
  office = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
  leader = await Client.login(server.url, 'solstad', 'leder', 'demo');
  privateUnit = (await office.get('/api/v1/organisation')).body.units.find((u: { name: string }) => u.name === 'Omsorg Privat AS').id;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The cases ordered from the unit, found with SQL over the stored state (not with the rule under test). */
async function orderedFrom(unitId: string): Promise<string[]> {
  const { rows } = await db.owner.query<{ id: string }>(
    `SELECT id FROM case_file WHERE municipality_id = 'solstad' AND (
       provider_unit_id = $1
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(state->'orders') o
                   WHERE o->>'providerUnitId' = $1::text AND o->>'status' <> 'rejected' AND NOT (o->>'kind' = 'end' AND o->>'status' = 'accepted'))
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(state->'consultations') c WHERE c->>'providerUnitId' = $1::text))`,
    [unitId],
  );
  return rows.map((r) => r.id).sort();
}

async function someCaseNotOrderedFrom(unitId: string): Promise<{ id: string; version: number; person_id: string }> {
  const ordered = await orderedFrom(unitId);
  const { rows } = await db.owner.query<{ id: string; version: number; person_id: string }>(
    "SELECT id, version, person_id FROM case_file WHERE municipality_id = 'solstad' AND status NOT IN ('ended', 'withdrawn') ORDER BY case_number",
  );
  const hit = rows.find((r) => !ordered.includes(r.id));
  if (!hit) throw new Error('the demo has no case outside the private provider');
  return hit;
}

describe('a private provider', () => {
  it('lists exactly the cases ordered from it, each at the order’s level with only its own orders', async () => {
    const expected = await orderedFrom(privateUnit);
    expect(expected.length).toBeGreaterThan(0);
    const listed = (await privat.get('/api/v1/cases?limit=500')).body;
    expect(listed.items.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    expect(listed.total).toBe(expected.length);
    for (const c of listed.items) {
      expect(c.access).toBe('order');
      expect(c.lastEvaluation).toBeNull();
      for (const o of c.orders) expect(o.providerUnitId).toBe(privateUnit);
      for (const i of c.workItems) expect(i.holder).not.toBe('office');
    }
  });

  it('finds only persons it delivers to, and sees their history, letters and reasons refused as beyond the order', async () => {
    const expected = await orderedFrom(privateUnit);
    const { rows } = await db.owner.query<{ person_id: string }>("SELECT DISTINCT person_id FROM case_file WHERE municipality_id = 'solstad' AND id = ANY($1::uuid[])", [expected]);
    const persons = new Set(rows.map((r) => r.person_id));
    let seen = 0;
    for (const part of ['en', 'er', 'an', 'se']) {
      const found = await privat.post('/api/v1/persons/search', { name: part, limit: 100 });
      expect(found.status).toBe(200);
      for (const p of found.body) expect(persons.has(p.id), `${p.givenName} ${p.familyName}`).toBe(true);
      seen += found.body.length;
    }
    // The same searches find more for the allocation office, which serves the whole municipality.
    let all = 0;
    for (const part of ['en', 'er', 'an', 'se']) all += (await office.post('/api/v1/persons/search', { name: part, limit: 100 })).body.length;
    expect(all).toBeGreaterThan(seen);
    const ordered = expected[0] as string;
    const history = await privat.get(`/api/v1/cases/${ordered}/actions`);
    expect(history.status).toBe(403);
    expect(history.body.rule).toBe('order_scope');
    expect((await privat.get(`/api/v1/cases/${ordered}/decision-reasons`)).status).toBe(403);
  });

  it('is refused everything about a case not ordered from it: the case, the person, a note, an assessment, a letter', async () => {
    const other = await someCaseNotOrderedFrom(privateUnit);
    for (const path of [`/api/v1/cases/${other.id}`, `/api/v1/cases/${other.id}/actions`, `/api/v1/persons/${other.person_id}`, `/api/v1/persons/${other.person_id}/assessments`]) {
      const r = await privat.get(path);
      expect(r.status, path).toBe(403);
      expect(r.body.rule, path).toBe('no_need');
    }
    const note = await privat.command(`/api/v1/cases/${other.id}/actions`, { expectedVersion: other.version, action: { type: 'note_added', payload: { text: 'Ikke vår bruker' } } });
    expect(note.status).toBe(403);
    expect((await privat.command(`/api/v1/cases/${other.id}/letters`, { kind: 'decision' })).status).toBe(403);
    expect((await privat.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Ny', familyName: 'Person' })).status).toBe(403);
    const { rows } = await db.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM case_action WHERE municipality_id = $1 AND case_id = $2', ['solstad', other.id]);
    expect(rows[0]?.n).toBe(other.version);
  });

  it('sees in its queue only items it holds on its own cases, and in the delivery report only its own figures', async () => {
    const expected = new Set(await orderedFrom(privateUnit));
    const queue = (await privat.get('/api/v1/work-queue')).body;
    for (const i of queue) {
      expect(expected.has(i.caseId)).toBe(true);
      expect(i.holder).not.toBe('office');
    }
    expect((await privat.get('/api/v1/reminders')).body).toEqual([]);
    const month = new Date().toISOString().slice(0, 7);
    const delivery = (await privat.get(`/api/v1/reports/delivery?month=${month}`)).body;
    for (const r of delivery.rows) expect(r.providerUnitId).toBe(privateUnit);
  });
});

describe('emergency access (akuttilgang)', () => {
  it('opens a case for a reason and four hours, shows in the person’s access log, and is reviewed once by another leader', async () => {
    const other = await someCaseNotOrderedFrom(privateUnit);
    expect((await privat.get(`/api/v1/cases/${other.id}`)).status).toBe(403);
    const short = await privat.command(`/api/v1/cases/${other.id}/emergency-access`, { reason: 'Akutt' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('reason');
    const opened = await privat.command(`/api/v1/cases/${other.id}/emergency-access`, { reason: 'Bruker funnet falt i gangen; hjemmetjenesten kommer ikke før i kveld' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(Date.parse(opened.body.expiresAt) - Date.parse(opened.body.grantedAt)).toBe(4 * 3_600_000);
    const seen = await privat.get(`/api/v1/cases/${other.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.access).toBe('full');
    expect((await privat.command(`/api/v1/cases/${other.id}/emergency-access`, { reason: 'Igjen, men har allerede tilgang' })).status).toBe(409);

    const log = (await leader.get(`/api/v1/persons/${other.person_id}/access-log`)).body;
    expect(log.find((e: { operation: string }) => e.operation === 'emergency')).toMatchObject({ resource: expect.stringContaining('Bruker funnet falt') });

    expect((await privat.get('/api/v1/reports/access-review')).status).toBe(403);
    const review = (await leader.get('/api/v1/reports/access-review')).body;
    const item = review.emergencyAccesses.find((a: { id: string }) => a.id === opened.body.id);
    expect(item).toMatchObject({ caseId: other.id, review: null, reason: expect.stringContaining('falt') });
    const verdict = await leader.command(`/api/v1/emergency-accesses/${opened.body.id}/review`, { verdict: 'justified', note: 'Ringt opp; riktig bruk.' });
    expect(verdict.status).toBe(201);
    expect((await leader.command(`/api/v1/emergency-accesses/${opened.body.id}/review`, { verdict: 'not_justified', note: 'Igjen' })).status).toBe(409);
    const after = (await leader.get('/api/v1/reports/access-review')).body.emergencyAccesses.find((a: { id: string }) => a.id === opened.body.id);
    expect(after.review).toMatchObject({ verdict: 'justified', note: 'Ringt opp; riktig bruk.' });
  });

  it('is never reviewed by the one who used it', async () => {
    const other = await someCaseNotOrderedFrom(privateUnit);
    const opened = await leader.command(`/api/v1/cases/${other.id}/emergency-access`, { reason: 'Pårørende ringte og var bekymret; ingen i kontoret' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const own = await leader.command(`/api/v1/emergency-accesses/${opened.body.id}/review`, { verdict: 'justified', note: 'Min egen' });
    expect(own.status).toBe(403);
    expect(own.body.rule).toBe('own_review');
  });
});

describe('unusual reading', () => {
  it('lists a staff member who read more persons one by one within an hour than the threshold', async () => {
    const review = (await leader.get('/api/v1/reports/access-review')).body;
    const threshold = review.threshold as number;
    expect(review.unusualReading.find((r: { staff: { name: string } }) => r.staff.name === 'Lise Berg')).toBeUndefined();
    const ids: string[] = [];
    for (let i = 0; i <= threshold; i += 1) {
      const p = await office.command('/api/v1/persons', { nationalId: nationalId(), givenName: `Lest${i}`, familyName: 'Mange' });
      ids.push(p.body.id);
    }
    for (const id of ids) expect((await office.get(`/api/v1/persons/${id}`)).status).toBe(200);
    const me = (await office.get('/api/v1/me')).body;
    const flagged = (await leader.get('/api/v1/reports/access-review')).body.unusualReading.find((r: { staff: { id: string } }) => r.staff.id === me.staffId);
    expect(flagged?.persons).toBeGreaterThan(threshold);
  });
});
