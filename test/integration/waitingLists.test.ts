/**
 * Scarce places under both of seed 002's policies: Solstad keeps a priority list and proposes the
 * highest priority when a place is vacated (Trondheim); Bladal refuses, gives an interim service and
 * keeps watch (Bergen).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { completeAssessment, lawfulDecision } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 9, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function assessedCase(client: Client, name: string): Promise<any> {
  const person = (await client.command('/api/v1/persons', { nationalId: nationalId('1931-07-07'), givenName: name, familyName: 'Venter' })).body;
  let c = (await client.command('/api/v1/cases', { personId: person.id, serviceCode: 'long_term_stay', channel: 'relative', receivedOn: norwegianDate(), description: 'Søknad om sykehjemsplass' })).body;
  c = (await client.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
  await completeAssessment(client, person.id, { caseId: c.id, scores: { memory: 4, everyday_decisions: 4, personal_hygiene: 4, toilet: 4 } });
  return c;
}

/** A lawful decision on a long-term stay (a place, until further notice, re-evaluated), with the list placement in `extra`. */
const decide = (extra: Record<string, unknown>, outcome: 'granted' | 'refused' = 'granted') => ({
  type: 'decision_made',
  payload: {
    ...lawfulDecision('long_term_stay', {
      outcome,
      validFrom: norwegianDate(),
      summary: 'Vurdert etter forskrift om langtidsopphold',
      ...(outcome === 'granted' ? {} : { considerations: 'Ingen ledig plass; forsvarlig hjelp gis i hjemmet i mellomtiden' }),
    }),
    ...extra,
  },
});

const listed = (severity: number, urgent = false) => ({
  waitingList: { placeType: 'long_term_stay', assessedNeed: 'Heldøgns omsorg; demens med uro om natten', recommendedLevel: 'Skjermet enhet', severity, benefit: 3, resourceUse: 2, urgent },
});

describe('Solstad: a priority list (Trondheim)', () => {
  it('lists granted applicants with an explained priority and proposes the highest for a vacated place', async () => {
    const caseworker = await Client.login(server.url, 'solstad', 'saksbehandler', 'demo');
    const first = await assessedCase(caseworker, 'Først');
    const second = await assessedCase(caseworker, 'Alvorlig');
    const r1 = await caseworker.command(`/api/v1/cases/${first.id}/actions`, { expectedVersion: first.version, action: decide(listed(2)) });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r1.body.decision).toMatchObject({ outcome: 'granted', onWaitingList: true });
    const r2 = await caseworker.command(`/api/v1/cases/${second.id}/actions`, { expectedVersion: second.version, action: decide(listed(4)) });
    expect(r2.status).toBe(200);

    const lists = (await caseworker.get('/api/v1/waiting-lists?placeType=long_term_stay')).body;
    expect(lists.waiting.map((e: any) => e.caseId)).toEqual([second.id, first.id]);
    expect(lists.proposal).toMatchObject({ caseId: second.id, assessedNeed: expect.stringContaining('demens'), priority: { group: 'A', groupReason: 'very severe need' } });
    expect(lists.waiting[1].priority).toMatchObject({ group: 'C', explanation: expect.arrayContaining([{ factor: 'severity', value: 2, weight: 3, points: 6 }]) });

    // Waiting on the list is not an order waiting in someone's queue.
    const orders = (await caseworker.get('/api/v1/work-queue?kind=order')).body.map((i: any) => i.caseId);
    expect(orders).not.toContain(second.id);

    const org = (await caseworker.get('/api/v1/organisation')).body;
    const home = org.units.find((u: any) => u.name === 'Solstad helsehus').id;
    const placed = await caseworker.command(`/api/v1/cases/${second.id}/actions`, { expectedVersion: r2.body.version, action: { type: 'service_arranged', payload: { providerUnitId: home, startOn: norwegianDate() } } });
    expect(placed.status).toBe(200);
    const after = (await caseworker.get('/api/v1/waiting-lists?placeType=long_term_stay')).body;
    expect(after.waiting.map((e: any) => e.caseId)).toEqual([first.id]);
  });
});

describe('Bladal: refuse, give an interim service and keep watch (Bergen)', () => {
  it('keeps no waiting list, and watches the refused applicant with the assessed need', async () => {
    const caseworker = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const c = await assessedCase(caseworker, 'Avslått');
    const refusedList = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decide(listed(3)) });
    expect(refusedList.status).toBe(403);
    expect(refusedList.body).toMatchObject({ rule: 'scarce_places', detail: expect.stringContaining('keeps no waiting list') });

    const watch = { watchList: { placeType: 'long_term_stay', assessedNeed: 'Heldøgns omsorg', recommendedLevel: 'Langtidsopphold', interimService: 'home_nursing', reviewBy: '2027-01-15' } };
    const granted = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decide(watch) });
    expect(granted.status).toBe(400);
    expect(granted.body.errors[0].field).toBe('action.payload.watchList');
    const refused = await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decide(watch, 'refused') });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const lists = (await caseworker.get('/api/v1/waiting-lists')).body;
    expect(lists.waiting).toEqual([]);
    expect(lists.watching).toEqual([expect.objectContaining({ caseId: c.id, interimService: 'home_nursing', reviewBy: '2027-01-15', assessedNeed: 'Heldøgns omsorg', priority: null })]);
  });
});
