/**
 * Reads in one round trip (store/tx.ts readTogether, issue 18), on a real PostgreSQL: the results
 * come in the order of the reads, inside a transaction they see its own writes, and a failing read
 * fails the whole with its own error. The authority context read on every request travels in one
 * round trip and equals its three reads made apart; a channel's settings read outside a transaction
 * (enabledSettingsIn) equal those read in one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { POLICY_TEMPLATES } from '../../src/domain/organisation/templates.ts';
import type { Database } from '../../src/store/database.ts';
import { enabledSettings, enabledSettingsIn, saveIntegration } from '../../src/store/integrationConfig.ts';
import { listUnits } from '../../src/store/org.ts';
import { insertPolicy, listPolicyVersions } from '../../src/store/policies.ts';
import { inTenant, readTogether, type Tx } from '../../src/store/tx.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createMunicipality, type TestMunicipality } from '../helpers/fixtures.ts';

let db: Database;
let m: TestMunicipality;

beforeAll(async () => {
  db = await createTestDatabase();
  m = await createMunicipality(db);
  await inTenant(db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    await insertPolicy(tx, { districtId: null, serviceCode: null, effectiveFrom: '2024-01-01', rules: POLICY_TEMPLATES.purchaser_provider });
    await insertPolicy(tx, { districtId: null, serviceCode: 'practical_help', effectiveFrom: '2025-03-01', rules: POLICY_TEMPLATES.allocation_board });
    await saveIntegration(tx, 'svarut', true, { endpoint: 'https://svarut.example' }, null);
    await saveIntegration(tx, 'fiks_arkiv', false, { endpoint: 'https://arkiv.example' }, null);
  });
}, 60_000);

afterAll(async () => {
  await db?.close();
});

const inM = <T>(work: (tx: Tx) => Promise<T>) => inTenant(db.app, { municipalityId: m.id, staffId: null }, work);

/** The statements sent on the transaction's connection while `work` runs. */
async function counted<T>(tx: Tx, work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const query = tx.query.bind(tx);
  let statements = 0;
  (tx as { query: unknown }).query = (...args: Parameters<typeof query>) => ((statements += 1), query(...args));
  try {
    return { result: await work(), statements };
  } finally {
    (tx as { query: unknown }).query = query;
  }
}

describe('readTogether', () => {
  it('gives the results in the order of the reads, in one round trip', async () => {
    const { result, statements } = await inM((tx) => counted(tx, () => readTogether(tx, ['SELECT 1 AS n', "SELECT 'two' AS n", 'SELECT generate_series(1, 3) AS n'])));
    expect(statements).toBe(1);
    expect(result.map((r) => r.rows.map((x) => x.n))).toEqual([[1], ['two'], [1, 2, 3]]);
  });

  it('reads within the transaction: it sees the transaction’s own writes and the municipality', async () => {
    const [mine, others] = await inM(async (tx) => {
      await tx.query("INSERT INTO district (municipality_id, name) VALUES (current_municipality(), 'Ny bydel')");
      const [a, b] = await readTogether(tx, ["SELECT name FROM district WHERE municipality_id = current_municipality() AND name = 'Ny bydel'", 'SELECT count(*)::int AS n FROM district WHERE municipality_id <> current_municipality()']);
      throw Object.assign(new Error('roll back'), { rows: [a?.rows, b?.rows] });
    }).catch((e: { rows: unknown[] }) => e.rows);
    expect(mine).toEqual([{ name: 'Ny bydel' }]);
    expect(others).toEqual([{ n: 0 }]);
  });

  it('fails with the failing read’s own error, and one read alone or none works as well', async () => {
    await expect(inM((tx) => readTogether(tx, ['SELECT 1', 'SELECT 1 / 0']))).rejects.toThrow(/division by zero/);
    expect((await inM((tx) => readTogether(tx, ['SELECT 7 AS n'])))[0]?.rows).toEqual([{ n: 7 }]);
    expect(await inM((tx) => readTogether(tx, []))).toEqual([]);
  });
});

describe('the authority context in one round trip', () => {
  it('equals its three reads made apart, and takes one statement', async () => {
    const principal = { staffId: m.staff.caseworker as string, roles: ['caseworker' as const], unitIds: [m.officeId] };
    const { result, statements } = await inM((tx) => counted(tx, () => loadAuthorityContext(tx, principal)));
    expect(statements).toBe(1);
    const apart = await inM(async (tx) => ({
      units: await listUnits(tx),
      policies: await listPolicyVersions(tx),
      model: (await tx.query<{ model: string }>('SELECT organisational_model AS model FROM municipality WHERE id = current_municipality()')).rows[0]?.model,
    }));
    expect(result.policies).toEqual(apart.policies);
    expect(result.policies).toHaveLength(2);
    expect(result.units).toEqual(apart.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, districtId: u.district_id, validFrom: u.validFrom, validTo: u.validTo })));
    expect(result.model).toBe(apart.model);
    expect(result.model).toBe('purchaser_provider');
    expect(result.actor.units.map((u) => u.id)).toEqual([m.officeId]);
  });
});

describe('enabledSettingsIn', () => {
  it('gives what enabledSettings gives in a transaction: an enabled service’s settings, null for a disabled or absent one', async () => {
    for (const service of ['svarut', 'fiks_arkiv', 'nhn'] as const) {
      expect(await enabledSettingsIn(db.app, m.id, service)).toEqual(await inM((tx) => enabledSettings(tx, service)));
    }
    expect(await enabledSettingsIn(db.app, m.id, 'svarut')).toEqual({ endpoint: 'https://svarut.example' });
    expect(await enabledSettingsIn(db.app, m.id, 'fiks_arkiv')).toBeNull();
    // Another municipality does not see this one's settings.
    expect(await enabledSettingsIn(db.app, 'solstad', 'svarut')).toBeNull();
  });
});
