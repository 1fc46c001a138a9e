/**
 * Tenants never see each other: not over the API, and not in the database, where row level
 * security filters every query on the municipality of the transaction.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let a: TestMunicipality;
let b: TestMunicipality;
let clientA: Client;
let clientB: Client;
let caseOfB: any;
let personOfB: string;

beforeAll(async () => {
  a = await createMunicipality(env.db, 'alfa');
  b = await createMunicipality(env.db, 'beta');
  clientA = await Client.login(env.server.url, a.id, 'caseworker');
  clientB = await Client.login(env.server.url, b.id, 'caseworker');
  const person = await clientB.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Berit', familyName: 'Beta' });
  personOfB = person.body.id;
  caseOfB = (
    await clientB.command('/api/v1/cases', { personId: personOfB, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-10-01', description: 'Hjelp' })
  ).body;
});

describe('tenant isolation', () => {
  it("does not show another municipality's case, person or history", async () => {
    expect((await clientA.get(`/api/v1/cases/${caseOfB.id}`)).status).toBe(404);
    expect((await clientA.get(`/api/v1/cases/${caseOfB.id}/actions`)).status).toBe(404);
    expect((await clientA.get(`/api/v1/persons/${personOfB}`)).status).toBe(404);
    const list = await clientA.get('/api/v1/cases?limit=500');
    expect(list.body.items.map((c: any) => c.id)).not.toContain(caseOfB.id);
    const search = await clientA.post('/api/v1/persons/search', { name: 'Berit Beta' });
    expect(search.body).toEqual([]);
  });

  it("cannot act on another municipality's case, and nothing is written", async () => {
    const r = await clientA.command(`/api/v1/cases/${caseOfB.id}/actions`, { expectedVersion: caseOfB.version, action: { type: 'note_added', payload: { text: 'x' } } });
    expect(r.status).toBe(404);
    const { rows } = await env.db.owner.query('SELECT count(*)::int AS n FROM case_action WHERE case_id = $1', [caseOfB.id]);
    expect(rows[0].n).toBe(caseOfB.version);
  });

  it("cannot open a case for another municipality's person", async () => {
    const r = await clientA.command('/api/v1/cases', { personId: personOfB, serviceCode: 'practical_help', channel: 'self', receivedOn: '2026-10-01', description: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('personId');
  });

  it('filters at the database: the application role sees only the transaction municipality', async () => {
    const seen = await inTenant(env.db.app, { municipalityId: a.id, staffId: null }, async (tx) => {
      const { rows } = await tx.query('SELECT DISTINCT municipality_id FROM case_file UNION SELECT DISTINCT municipality_id FROM person');
      return rows.map((r) => r.municipality_id);
    });
    expect(seen).not.toContain(b.id);
    const none = await env.db.app.query('SELECT count(*)::int AS n FROM person');
    expect(none.rows[0].n).toBe(0);
  });

  it('has row level security and municipality_id first in the key of every municipal table', async () => {
    const { rows } = await env.db.owner.query(`
      SELECT c.relname AS table, c.relrowsecurity AS rls,
             (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
               WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'municipality_id')
       ORDER BY 1`);
    const platform = ['login_session', 'citizen_session'];
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows.filter((t) => !platform.includes(t.table))) {
      expect(r, r.table).toMatchObject({ rls: true, first_key: 'municipality_id' });
    }
  });

  it('refuses to write a row for another municipality from inside a tenant transaction', async () => {
    await expect(
      inTenant(env.db.app, { municipalityId: a.id, staffId: null }, (tx) =>
        tx.query(`INSERT INTO district (municipality_id, name) VALUES ($1, 'Inntrenger')`, [b.id]),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
