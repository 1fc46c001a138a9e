/**
 * Races are conflicts, never bugs: about twenty requests at the same moment that create the same
 * thing (a person with one identity number, an applicant's first application, which registers the
 * person, requests for one person, a new criteria version, the approval of one version) answer 201/200 or 409 with the field,
 * never 500, and leave exactly the rows one request at a time would have left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { PRACTICAL_HELP } from '../../src/demo/criteria/municipal.ts';
import type { Database } from '../../src/store/database.ts';
import { Client, startServer, type Reply, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { nationalId } from '../helpers/fixtures.ts';

const PARALLEL = 20;
let db: Database;
let server: TestServer;
let caseworker: Client;
let leader: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 19, asOf: new Date(), scale: 0.05 });
  server = await startServer(db);
  caseworker = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
  leader = await Client.login(server.url, 'bladal', 'leder', 'demo');
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const all = (make: (i: number) => Promise<Reply>) => Promise.all(Array.from({ length: PARALLEL }, (_, i) => make(i)));
const statuses = (replies: readonly Reply[]) => replies.map((r) => r.status).sort();
const serverErrors = (replies: readonly Reply[]) => replies.filter((r) => r.status >= 500).map((r) => JSON.stringify(r.body));

describe('racing requests', () => {
  it('registers a person once when twenty requests send the same identity number; the others are 409 on nationalId', async () => {
    const id = nationalId('1939-05-05');
    const replies = await all((i) => caseworker.command('/api/v1/persons', { nationalId: id, givenName: `Lik${i}`, familyName: 'Samtidig' }));
    expect(serverErrors(replies)).toEqual([]);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) {
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.errors[0].field).toBe('nationalId');
    }
    const { rows } = await db.owner.query('SELECT count(*)::int AS n FROM person WHERE national_id = $1', [id]);
    expect(rows[0].n).toBe(1);
  });

  it("an applicant's twenty first applications at once register the person once and open twenty cases", async () => {
    const id = nationalId('1944-08-08');
    const login = await new Client(server.url).post('/api/v1/citizen/test-login', { municipality: 'bladal', nationalId: id, givenName: 'Rask', familyName: 'Søker' });
    const me = new Client(server.url, login.body.token);
    const replies = await all((i) => me.command('/api/v1/citizen/applications', { applyFor: 'self', serviceCode: 'practical_help', description: `Søknad ${i}` }));
    expect(serverErrors(replies)).toEqual([]);
    expect(statuses(replies)).toEqual(Array(PARALLEL).fill(201));
    const persons = await db.owner.query('SELECT id FROM person WHERE national_id = $1', [id]);
    expect(persons.rows).toHaveLength(1);
    const cases = await db.owner.query('SELECT count(*)::int AS n, count(DISTINCT case_number)::int AS numbers FROM case_file WHERE person_id = $1', [persons.rows[0].id]);
    expect(cases.rows[0]).toEqual({ n: PARALLEL, numbers: PARALLEL });
  });

  it("twenty requests registered at once for one person open twenty cases with distinct case numbers", async () => {
    const person = await caseworker.command('/api/v1/persons', { nationalId: nationalId('1937-02-02'), givenName: 'Mange', familyName: 'Søknader' });
    const replies = await all((i) => caseworker.command('/api/v1/cases', { personId: person.body.id, serviceCode: 'practical_help', channel: 'self', receivedOn: norwegianDate(), description: `Søknad ${i}` }));
    expect(serverErrors(replies)).toEqual([]);
    expect(statuses(replies)).toEqual(Array(PARALLEL).fill(201));
    expect(new Set(replies.map((r) => r.body.caseNumber)).size).toBe(PARALLEL);
  });

  it('twenty new criteria versions at once get twenty distinct version numbers', async () => {
    const replies = await all((i) => leader.command('/api/v1/criteria-sets', { rules: PRACTICAL_HELP, note: `Samtidig ${i}` }));
    expect(serverErrors(replies)).toEqual([]);
    expect(statuses(replies)).toEqual(Array(PARALLEL).fill(201));
    expect(new Set(replies.map((r) => r.body.version)).size).toBe(PARALLEL);
  });

  it('twenty approvals of one version at once approve it once; the others are 409', async () => {
    const draft = await leader.command('/api/v1/criteria-sets', { rules: PRACTICAL_HELP, note: 'Godkjennes samtidig' });
    expect(draft.status).toBe(201);
    const replies = await all(() => leader.command(`/api/v1/criteria-sets/${draft.body.id}/approve`, { inForceFrom: '2031-01-01' }));
    expect(serverErrors(replies)).toEqual([]);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(PARALLEL - 1);
  });

  it('twenty registrations of different persons at once all succeed', async () => {
    const replies = await all((i) => caseworker.command('/api/v1/persons', { nationalId: nationalId('1950-01-01'), givenName: `Ulik${i}`, familyName: 'Samtidig' }));
    expect(serverErrors(replies)).toEqual([]);
    expect(statuses(replies)).toEqual(Array(PARALLEL).fill(201));
  });
});
