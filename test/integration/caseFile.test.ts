/**
 * GET /api/v1/cases/{id}/orders, the case file's read of a case's orders (Solstad demo: user choice
 * for practical help, mixed provision): staff who see the whole case get every order with what
 * delivering it needs; a provider with an order's view gets only the orders to its own unit; a
 * provider without an order, a leader without a stated purpose and another municipality's staff are
 * refused; the read is written to the person's access log for that person alone, and a refusal as a
 * refused attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;
let office: Client;
const units: Record<string, string> = {};
const today = norwegianDate();

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 23, asOf: new Date(), scale: 0.03 });
  server = await startServer(db);
  office = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
  for (const u of (await office.get('/api/v1/organisation')).body.units) units[u.name] = u.id;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const unit = (name: string) => units[name] as string;
const order = { tasks: [{ text: 'Støvsuging', minutesPerVisit: 60, visitsPerWeek: 1 }], goals: ['Bo trygt hjemme'], practical: 'Nøkkelboks ved inngangen' };

/** A practical-help case ordered from Omsorg Privat AS, with an evening part from Hjemmetjenesten øst (mixed provision). */
async function orderedCase(): Promise<any> {
  const person = (await office.command('/api/v1/persons', { nationalId: nationalId('1937-07-07'), givenName: 'Mappe', familyName: 'Bestilt' })).body;
  let c = (await office.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  const act = async (action: unknown) => {
    const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    c = r.body;
  };
  await act({ type: 'assessment_started', payload: {} });
  await completeAssessment(office, person.id, { caseId: c.id });
  await act(decisionAction('practical_help', { form: 'time_fixed', hoursPerWeek: 5, validFrom: today, summary: 'Innvilget' }));
  const presented = [unit('Hjemmetjenesten øst'), unit('Omsorg Privat AS'), unit('Hjemmetjenesten vest')];
  await act({ type: 'provider_chosen', payload: { choice: 'provider', providerUnitId: unit('Omsorg Privat AS'), informedOn: today, presentedProviderUnitIds: presented } });
  const partOrder = { providerUnitId: unit('Hjemmetjenesten øst'), hoursPerWeek: 1, reason: 'Privat leverandør har ikke kveldstjeneste', tasks: [], goals: [] };
  await act({ type: 'service_arranged', payload: { providerUnitId: unit('Omsorg Privat AS'), startOn: today, order, partOrder } });
  return c;
}

describe('the orders of a case (GET /cases/{id}/orders)', () => {
  it('gives staff who see the whole case every order, with what delivering it needs', async () => {
    const c = await orderedCase();
    const r = await office.get(`/api/v1/cases/${c.id}/orders`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const byUnit = Object.fromEntries(r.body.orders.map((o: any) => [o.providerUnitId, o]));
    expect(byUnit[unit('Omsorg Privat AS')]).toMatchObject({ kind: 'new', status: 'awaiting', part: false, hoursPerWeek: 4, startOn: today, details: { practical: order.practical, goals: order.goals } });
    expect(byUnit[unit('Hjemmetjenesten øst')]).toMatchObject({ part: true, hoursPerWeek: 1, details: { reason: 'Privat leverandør har ikke kveldstjeneste' } });
  });

  it('gives a provider with an order only the orders to its own unit, and logs the read for that person alone', async () => {
    const c = await orderedCase();
    const privat = await Client.login(server.url, 'solstad', 'privat', 'demo');
    const own = await privat.get(`/api/v1/cases/${c.id}/orders`);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.orders.map((o: any) => o.providerUnitId)).toEqual([unit('Omsorg Privat AS')]);
    expect(own.body.orders[0].details.tasks[0].text).toBe('Støvsuging');
    const east = await Client.login(server.url, 'solstad', 'utforer', 'demo');
    const part = await east.get(`/api/v1/cases/${c.id}/orders`);
    expect(part.body.orders.map((o: any) => [o.providerUnitId, o.part])).toEqual([[unit('Hjemmetjenesten øst'), true]]);

    const { rows } = await db.owner.query<{ person_ids: string[] }>(
      "SELECT person_ids FROM audit_event WHERE municipality_id = 'solstad' AND resource = 'orders of a case' AND staff_id = (SELECT id FROM staff WHERE municipality_id = 'solstad' AND username = 'privat')",
    );
    expect(rows.map((r) => r.person_ids)).toEqual([[c.person.id]]);
  });

  it('refuses a provider without an order, a leader without a purpose and another municipality, and answers 404 for an unknown case', async () => {
    const c = await orderedCase();
    const west = await Client.login(server.url, 'solstad', 'utforer2', 'demo');
    const refused = await west.get(`/api/v1/cases/${c.id}/orders`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ rule: 'no_need' });
    const leader = await Client.login(server.url, 'solstad', 'leder', 'demo');
    expect((await leader.get(`/api/v1/cases/${c.id}/orders`)).status).toBe(403);
    const elsewhere = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    expect((await elsewhere.get(`/api/v1/cases/${c.id}/orders`)).status).toBe(404);
    expect((await office.get('/api/v1/cases/00000000-0000-4000-8000-000000000000/orders')).status).toBe(404);

    const { rows } = await db.owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE municipality_id = 'solstad' AND operation = 'refused' AND resource LIKE 'GET /api/v1/cases/:id/orders%' AND staff_id = (SELECT id FROM staff WHERE municipality_id = 'solstad' AND username = 'utforer2')",
    );
    expect(rows[0]?.n).toBe(1);
  });
});
