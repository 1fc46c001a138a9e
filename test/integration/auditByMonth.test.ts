/**
 * The access log partitioned by Norwegian month (migration 0039, issue 18), on a real PostgreSQL:
 * each row lands in the partition of its month in Oslo, whatever the instant; a month without a
 * partition keeps its rows in the default one; the partitions are made ahead idempotently; a month's
 * read touches its partition only; and every partition is as append-only and closed to the
 * application role as the table.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_MONTHS_AHEAD, keepAuditMonths, recordAudit } from '../../src/store/audit.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { keepAuditMonthsEverywhere } from '../../src/jobs/runner.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
const municipality = 'solstad';
const staffId = '00000000-0000-4000-8000-000000000001';

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await db?.close();
});

/** The month (YYYY_MM) of an instant on the clock in Oslo: the reference the partitions must follow. */
const osloMonth = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).format(at).replace('-', '_');

/** Writes a row at `at` as the owner (the application role cannot choose the moment) and returns the partition it landed in. */
async function writeAt(at: Date, personIds: readonly string[] = []): Promise<string> {
  const { rows } = await db.owner.query<{ partition: string }>(
    `INSERT INTO audit_event (municipality_id, at, staff_id, purpose, operation, resource, person_ids)
     VALUES ($1, $2, $3, 'administration', 'read', 'test', $4) RETURNING tableoid::regclass::text AS partition`,
    [municipality, at, staffId, personIds],
  );
  return rows[0]?.partition as string;
}

const partitions = async () =>
  (await db.owner.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass ORDER BY 1`)).rows.map((r) => r.name);

describe('the access log by month', () => {
  it('has this month and the months ahead from the migration, and a default partition', async () => {
    const names = await partitions();
    expect(names).toContain('audit_event_default');
    const now = new Date();
    expect(names).toContain(`audit_event_${osloMonth(now)}`);
    // A row written now, the way every request writes it, lands in this month's partition.
    await inTenant(db.app, { municipalityId: municipality, staffId: null }, (tx) =>
      recordAudit(tx, { staffId, purpose: 'administration', operation: 'read', resource: 'now', personIds: [], requestId: null }),
    );
    const { rows } = await db.owner.query(`SELECT tableoid::regclass::text AS partition FROM audit_event WHERE resource = 'now'`);
    expect(rows).toEqual([{ partition: `audit_event_${osloMonth(now)}` }]);
  });

  it('makes the months ahead once, and the job does it on every server', async () => {
    const before = await partitions();
    expect(await keepAuditMonths(db.owner, '2031-01-15')).toBe(AUDIT_MONTHS_AHEAD + 1);
    const made = await partitions();
    expect(made.filter((n) => !before.includes(n))).toEqual(['audit_event_2031_01', 'audit_event_2031_02', 'audit_event_2031_03', 'audit_event_2031_04']);
    expect(await keepAuditMonths(db.owner, '2031-01-01')).toBe(AUDIT_MONTHS_AHEAD + 1);
    expect(await partitions()).toEqual(made);
    expect(await keepAuditMonthsEverywhere(db, '2031-02-10')).toBe(AUDIT_MONTHS_AHEAD + 1);
    expect((await partitions()).filter((n) => !made.includes(n))).toEqual(['audit_event_2031_05']);
    // Two makers at once (two servers' job runners on one database): both find every month made.
    expect(await Promise.all([keepAuditMonths(db.owner, '2033-01-01'), keepAuditMonths(db.owner, '2033-01-01'), keepAuditMonths(db.owner, '2033-02-01')])).toEqual([4, 4, 4]);
    expect((await partitions()).filter((n) => n.startsWith('audit_event_2033'))).toEqual(['audit_event_2033_01', 'audit_event_2033_02', 'audit_event_2033_03', 'audit_event_2033_04', 'audit_event_2033_05']);
  });

  it('puts every row in the partition of its month in Oslo, across midnight and the clock changes', async () => {
    await keepAuditMonths(db.owner, '2031-01-01');
    const from = Date.parse('2031-01-01T00:00:00Z');
    const to = Date.parse('2031-05-01T00:00:00Z');
    // Near month ends and the spring change (30 March 2031) as well as anywhere in the four months.
    const edges = ['2031-01-31T22:59:59.999Z', '2031-01-31T23:00:00Z', '2031-03-31T21:59:59.999Z', '2031-03-31T22:00:00Z', '2031-03-30T00:59:59Z', '2031-03-30T01:00:00Z'].map(Date.parse);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: from + 3_600_000, max: to - 7_200_001 }), fc.constantFrom(...edges)), async (ms) => {
        const at = new Date(ms);
        expect(await writeAt(at)).toBe(`audit_event_${osloMonth(at)}`);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a row of a month without a partition in the default one, and leaves it there', async () => {
    const person = '00000000-0000-4000-8000-00000000beef';
    expect(await writeAt(new Date('2040-06-15T12:00:00Z'), [person])).toBe('audit_event_default');
    // June 2040 cannot be made (its row would have to move); the other months can.
    expect(await keepAuditMonths(db.owner, '2040-05-20')).toBe(AUDIT_MONTHS_AHEAD);
    const names = await partitions();
    expect(names).toContain('audit_event_2040_05');
    expect(names).not.toContain('audit_event_2040_06');
    expect(names).toContain('audit_event_2040_07');
    // Read with the rest, through the table, by the application role.
    const { rows } = await inTenant(db.app, { municipalityId: municipality, staffId: null }, (tx) => tx.query<{ at: Date }>('SELECT at FROM audit_event WHERE person_ids @> ARRAY[$1::uuid]', [person]));
    expect(rows.map((r) => r.at.toISOString())).toEqual(['2040-06-15T12:00:00.000Z']);
  });

  it('reads a month from its partition only', async () => {
    await keepAuditMonths(db.owner, '2031-01-01');
    const { rows } = await db.owner.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT count(*) FROM audit_event WHERE at >= ('2031-02-01'::timestamp AT TIME ZONE 'Europe/Oslo') AND at < ('2031-03-01'::timestamp AT TIME ZONE 'Europe/Oslo')`,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/audit_event_2031_02/);
    expect(plan).not.toMatch(/audit_event_2031_01|audit_event_2031_03|audit_event_default/);
  });

  it('keeps every partition append-only, even for the owner, and closed to the application role', async () => {
    await keepAuditMonths(db.owner, '2031-01-01');
    await writeAt(new Date('2031-02-10T10:00:00Z'));
    for (const partition of ['audit_event_2031_02', 'audit_event_default']) {
      await expect(db.owner.query(`UPDATE ${partition} SET purpose = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.owner.query(`DELETE FROM ${partition}`)).rejects.toThrow(/append-only/);
      await expect(db.owner.query(`TRUNCATE ${partition}`)).rejects.toThrow(/append-only/);
      await expect(inTenant(db.app, { municipalityId: municipality, staffId: null }, (tx) => tx.query(`SELECT count(*) FROM ${partition}`))).rejects.toThrow(/permission denied/);
    }
    await expect(db.owner.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    const { rows } = await db.owner.query(`SELECT count(*)::int AS n FROM audit_event_2031_02`);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
