/**
 * The scale loader (src/demo/scale): its COPY-written rows are the rows the one case pipeline would
 * have written (a reprojection from the logs changes nothing, and every state meets the domain's
 * invariants), the same seed gives the same data, tenants stay apart, and the reports run on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAllProjections, reprojectAll } from '../../src/app/reprojection.ts';
import { caseInvariantProblems } from '../../src/domain/case/invariants.ts';
import { loadScale, type ScaleSummary } from '../../src/demo/scale/load.ts';
import { nationalScale, osloScale, NORWAY_INHABITANTS, MUNICIPALITY_COUNT } from '../../src/demo/scale/municipalities.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';

const AS_OF = new Date('2026-11-01T12:00:00Z');
const USERS = 300;
let db: Database;
let server: TestServer;
let loaded: ScaleSummary[];

const spec = (id: string) => ({ ...osloScale(USERS), id, name: `Skala ${id}` });

beforeAll(async () => {
  db = await createTestDatabase();
  loaded = await loadScale(db, [spec('skala-a')], { seed: 11, asOf: AS_OF, months: 6, batch: 150 });
  loaded.push(...(await loadScale(db, [spec('skala-b')], { seed: 11, asOf: AS_OF, months: 6, batch: 150 })));
  server = await startServer(db);
}, 240_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** What a municipality's generated data is, without the ids the database made up (units, staff). */
async function digest(municipalityId: string): Promise<string> {
  const { rows } = await db.owner.query<{ digest: string }>(
    `SELECT md5(string_agg(concat_ws('|', c.case_number, p.national_id, p.given_name, c.service_code, c.status, c.version, c.received_on,
              (SELECT string_agg(a.type || '@' || a.occurred_at::text, ',' ORDER BY a.seq) FROM case_action a WHERE a.municipality_id = c.municipality_id AND a.case_id = c.id),
              (SELECT count(*) || ':' || coalesce(sum(v.minutes), 0) FROM visit v WHERE v.municipality_id = c.municipality_id AND v.case_id = c.id)), ';' ORDER BY c.case_number)) AS digest
       FROM case_file c JOIN person p ON p.municipality_id = c.municipality_id AND p.id = c.person_id
      WHERE c.municipality_id = $1`,
    [municipalityId],
  );
  return rows[0]?.digest ?? '';
}

describe('the scale loader', () => {
  it('loads the persons asked for, with cases, actions and visits', () => {
    const [a] = loaded;
    expect(a?.persons).toBe(USERS);
    expect(a?.cases).toBeGreaterThan(USERS);
    expect(a?.actions).toBeGreaterThan(a?.cases ?? 0);
    expect(a?.visits).toBeGreaterThan(0);
  });

  it('writes the projections the pipeline would: reproject changes nothing and the checks find nothing', async () => {
    const r = await reprojectAll(db);
    expect(r.cases).toBe(loaded.reduce((n, s) => n + s.cases, 0));
    expect({ rows: r.caseRowsChanged, items: r.workItemsChanged, deadlines: r.deadlinesChanged, lists: r.waitingListsChanged, visitMonths: r.visitMonthsRebuilt, milestones: r.caseMilestonesRebuilt }).toEqual({ rows: 0, items: 0, deadlines: 0, lists: 0, visitMonths: 0, milestones: 0 });
    expect((await checkAllProjections(db)).problems).toEqual([]);
    const { rows } = await db.owner.query('SELECT state FROM case_file');
    for (const row of rows) expect(caseInvariantProblems(row.state)).toEqual([]);
  }, 180_000);

  it('gives the same data for the same seed', async () => {
    const [a, b] = await Promise.all([digest('skala-a'), digest('skala-b')]);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toBe(a);
  });

  it('keeps the two municipalities apart', async () => {
    const count = (m: string) => inTenant(db.app, { municipalityId: m, staffId: null }, async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM case_file')).rows[0]?.n);
    expect(await count('skala-a')).toBe(loaded[0]?.cases);
    const leader = await Client.login(server.url, 'skala-a', 'leder', 'demo');
    const mine = await leader.get('/api/v1/cases?limit=200');
    expect(mine.status).toBe(200);
    const ids: string[] = mine.body.items.map((c: { id: string }) => c.id);
    const { rows } = await db.owner.query('SELECT id FROM case_file WHERE municipality_id = $1 AND id = ANY($2::uuid[])', ['skala-b', ids]);
    expect(rows).toEqual([]);
  }, 60_000);

  it('runs the leader reports on it', async () => {
    const leader = await Client.login(server.url, 'skala-a', 'leder', 'demo');
    for (const path of ['/api/v1/reports/processing-times', '/api/v1/reports/delivery?month=2026-10', '/api/v1/reports/settlement?month=2026-10', '/api/v1/reports/queue-health', '/api/v1/reports/outcomes']) {
      const r = await leader.get(path);
      expect(r.status, `${path}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
    }
    // The month's settlement pays for the loaded visits under the loaded agreements.
    const settlement = await leader.get('/api/v1/reports/settlement?month=2026-10&cases=true');
    const performed = settlement.body.settlements.flatMap((x: { cases: { performedHours: number }[] }) => x.cases).reduce((n: number, c: { performedHours: number }) => n + c.performedHours, 0);
    expect(performed).toBeGreaterThan(0);
  }, 60_000);
});

describe('the national set', () => {
  it('has every municipality, sums to the country, and gives users in proportion to inhabitants', () => {
    const all = nationalScale();
    expect(all).toHaveLength(MUNICIPALITY_COUNT);
    expect(new Set(all.map((m) => m.id)).size).toBe(MUNICIPALITY_COUNT);
    const inhabitants = all.reduce((n, m) => n + m.inhabitants, 0);
    expect(Math.abs(inhabitants - NORWAY_INHABITANTS) / NORWAY_INHABITANTS).toBeLessThan(0.01);
    const oslo = all.find((m) => m.number === '0301');
    expect(oslo?.districts).toHaveLength(15);
    expect(Math.abs((oslo?.users ?? 0) / (oslo?.inhabitants ?? 1) - 400_000 / NORWAY_INHABITANTS)).toBeLessThan(0.001);
  });
});
