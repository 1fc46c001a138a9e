/**
 * Reports that show persons read only the cases the gate's scope reaches, in SQL (issue 18: the
 * delivery report of an Oslo-size month read every case for a leader who sees none of them). For
 * every staff member of every demo municipality, under each purpose they read for, the delivery
 * report of a month holds exactly the rows of the whole month that the state-based rule lets through
 * (domain/organisation/access.ts caseAccess on each case's stored state, not its reach): the case seen
 * in full, or an order's view of the staff member's own unit's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { levelOf, loadGate } from '../../src/app/gate.ts';
import { monthOf, monthOfDelivery } from '../../src/app/settlement.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { CaseState } from '../../src/domain/case/index.ts';
import type { Database } from '../../src/store/database.ts';
import { listStaff, type StaffRow } from '../../src/store/org.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
let server: TestServer;
const now = new Date();
const MONTHS = [now.toISOString().slice(0, 7), new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 7)];

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 23, asOf: now, scale: 0.1 });
  server = await startServer(db);
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The rows of the whole month the staff member may see, by the state-based rule. */
async function expectedRows(municipalityId: string, s: StaffRow, purpose: string, month: string): Promise<string[]> {
  return inTenant(db.app, { municipalityId, staffId: s.id }, async (tx) => {
    const authority = await loadAuthorityContext(tx, { staffId: s.id, roles: s.roles as never, unitIds: s.unit_ids });
    const gate = await loadGate(tx, authority, purpose, new Date(), now.toISOString().slice(0, 10));
    const states = new Map((await tx.query<{ id: string; state: CaseState }>('SELECT id, state FROM case_file')).rows.map((r) => [r.id, r.state]));
    const own = new Set(s.unit_ids);
    return (await monthOfDelivery(tx, monthOf(month)))
      .filter((r) => {
        const level = levelOf(gate, r.caseId, states.get(r.caseId) as CaseState);
        return level === 'full' || (level === 'order' && own.has(r.providerUnitId));
      })
      .map((r) => `${r.caseId} ${r.providerUnitId}`);
  });
}

interface Reader {
  readonly municipalityId: string;
  readonly staff: StaffRow;
  readonly client: Client;
  readonly purpose: string;
}

/** Every active staff member of every municipality who can log in, for each purpose they read for (a leader for quality assurance too). */
async function readers(): Promise<Reader[]> {
  const out: Reader[] = [];
  const municipalities = (await db.owner.query<{ id: string }>('SELECT id FROM municipality ORDER BY id')).rows.map((r) => r.id);
  for (const municipalityId of municipalities) {
    const staff = await inTenant(db.app, { municipalityId, staffId: null }, (tx) => listStaff(tx));
    for (const s of staff.filter((x) => x.active)) {
      const client = await Client.login(server.url, municipalityId, s.username, 'demo').catch(() => null);
      if (!client) continue;
      for (const purpose of s.roles.includes('leader') ? ['case_processing', 'quality_assurance'] : ['case_processing']) out.push({ municipalityId, staff: s, client, purpose });
    }
  }
  return out;
}

describe('GET /reports/delivery read within the gate’s scope', () => {
  it('shows every staff member, for each purpose, exactly the rows of the month the state-based rule lets through', async () => {
    let compared = 0;
    let shown = 0;
    let fewer = 0;
    for (const { municipalityId, staff: s, client, purpose } of await readers()) {
      for (const month of MONTHS) {
        const r = await client.request('GET', `/api/v1/reports/delivery?month=${month}`, undefined, { 'tildel-purpose': purpose });
        if (r.status === 403) continue;
        expect(r.status, `${municipalityId}/${s.username}`).toBe(200);
        const whole = await inTenant(db.app, { municipalityId, staffId: null }, async (tx) => (await monthOfDelivery(tx, monthOf(month))).length);
        const expected = await expectedRows(municipalityId, s, purpose, month);
        expect(
          r.body.rows.map((x: { caseId: string; providerUnitId: string }) => `${x.caseId} ${x.providerUnitId}`),
          `${municipalityId}/${s.username} ${purpose} ${month}`,
        ).toEqual(expected);
        compared += 1;
        if (expected.length > 0) shown += 1;
        if (expected.length < whole) fewer += 1;
      }
    }
    // The comparison means something only if some staff see rows and some see fewer than the whole month.
    expect(compared).toBeGreaterThan(20);
    expect(shown).toBeGreaterThan(5);
    expect(fewer).toBeGreaterThan(5);
  }, 600_000);
});

/** Every row of the delivery report's pages, walked with the limit from the first page to the last. */
async function walkPages(client: Client, query: string, purpose: string, limit: number): Promise<{ rows: { caseNumber: string }[]; sizes: number[] }> {
  const rows: { caseNumber: string }[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const r: { status: number; body: { items: { caseNumber: string }[]; nextCursor: string | null } } = await client.request('GET', `/api/v1/reports/delivery/page?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, undefined, { 'tildel-purpose': purpose });
    expect(r.status).toBe(200);
    rows.push(...r.body.items);
    sizes.push(r.body.items.length);
    cursor = r.body.nextCursor;
  } while (cursor !== null && sizes.length < 10_000);
  return { rows, sizes };
}

/** The rows by case number, each case's rows in the order they came (the case's order of orders): the pages' order. */
const byCaseNumber = <T extends { caseNumber: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : 0));

describe('GET /reports/delivery/page', () => {
  it('walks, for every staff member and purpose, the unpaged report’s rows by case number, each page full but the last', async () => {
    let walked = 0;
    let multiPage = 0;
    for (const { municipalityId, staff: s, client, purpose } of await readers()) {
      const month = MONTHS[1] as string;
      const whole = await client.request('GET', `/api/v1/reports/delivery?month=${month}`, undefined, { 'tildel-purpose': purpose });
      if (whole.status === 403) continue;
      const limit = 7;
      const { rows, sizes } = await walkPages(client, `month=${month}`, purpose, limit);
      expect(rows, `${municipalityId}/${s.username} ${purpose}`).toEqual(byCaseNumber(whole.body.rows));
      expect(sizes.slice(0, -1).every((n) => n === limit)).toBe(true);
      walked += 1;
      if (sizes.length > 2) multiPage += 1;
    }
    expect(walked).toBeGreaterThan(20);
    expect(multiPage).toBeGreaterThan(5);
  }, 600_000);

  it('pages one provider’s rows as the unpaged report gives them, and refuses a cursor it did not give', async () => {
    const leader = (await readers()).find((r) => r.municipalityId === 'solstad' && r.staff.roles.includes('leader') && r.purpose === 'quality_assurance');
    expect(leader).toBeDefined();
    const { client, purpose } = leader as Reader;
    const month = MONTHS[1] as string;
    const all = (await client.request('GET', `/api/v1/reports/delivery?month=${month}`, undefined, { 'tildel-purpose': purpose })).body.rows as { providerUnitId: string; caseNumber: string }[];
    const providers = [...new Set(all.map((r) => r.providerUnitId))];
    expect(providers.length).toBeGreaterThan(1);
    for (const providerUnitId of providers) {
      const { rows } = await walkPages(client, `month=${month}&providerUnitId=${providerUnitId}`, purpose, 5);
      expect(rows).toEqual(byCaseNumber(all.filter((r) => r.providerUnitId === providerUnitId)));
    }
    const bad = await client.request('GET', `/api/v1/reports/delivery/page?month=${month}&cursor=${Buffer.from('{"caseNumber":"x"}').toString('base64url')}`, undefined, { 'tildel-purpose': purpose });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.cursor');
  }, 300_000);
});
