/**
 * The paged work queue (GET /work-queue/page, issue 18) reads only a page of rows in SQL, with the
 * gate and the filters in the WHERE clause. It must show exactly what the unpaged queue shows (the
 * gate and the filters in TypeScript, kept as the reference in GET /work-queue): for every staff
 * member of every demo municipality, under every filter, the pages put together are that list.
 * The raised deadline reminders (GET /reminders/page) likewise.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthorityContext } from '../../src/app/authority.ts';
import { ESCALATE_REMINDERS_AFTER_DAYS, openItems } from '../../src/app/queues.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { raiseDueDeadlinesEverywhere } from '../../src/jobs/runner.ts';
import { WORK_ITEM_KINDS } from '../../src/domain/organisation/policy.ts';
import { ageInDays } from '../../src/domain/case/workItems.ts';
import { encodeCursor } from '../../src/domain/paging.ts';
import type { Database } from '../../src/store/database.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { createTestDatabase } from '../helpers/database.ts';

let db: Database;
let server: TestServer;
let staff: { municipality: string; username: string; roles: string[] }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db, { seed: 18, asOf: new Date(), scale: 0.1 });
  server = await startServer(db);
  staff = (
    await db.owner.query<{ municipality_id: string; username: string; roles: string[] }>(
      `SELECT municipality_id, username, roles FROM staff WHERE password_hash IS NOT NULL AND active ORDER BY municipality_id, username`,
    )
  ).rows.map((r) => ({ municipality: r.municipality_id, username: r.username, roles: r.roles }));
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const FILTERS = ['', 'owner=me', 'owner=my_units', 'owner=unowned', 'overdue=true', 'kind=order', 'kind=request&owner=my_units', 'kind=reevaluation_due&overdue=true'];

/** The staff member's client for a purpose (a leader reads cases for quality assurance only). */
class Reader {
  constructor(
    private readonly client: Client,
    private readonly purpose: string | null,
  ) {}

  get(path: string) {
    return this.client.request('GET', path, undefined, this.purpose ? { 'tildel-purpose': this.purpose } : {});
  }

  /** Every page of the paged queue, put together, with the number of pages. */
  async allPages(filter: string, limit: number): Promise<{ items: any[]; pages: any[][] }> {
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const query = [filter, `limit=${limit}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&');
      const r = await this.get(`/api/v1/work-queue/page?${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(r.body.items);
      cursor = r.body.nextCursor;
      if (cursor !== null) expect(r.body.items).toHaveLength(limit);
    } while (cursor !== null && pages.length < 10_000);
    return { items: pages.flat(), pages };
  }
}

let loggedIn: { who: string; reader: Reader }[] | null = null;

/** Every staff member logged in once (leaders twice: for quality assurance too). */
async function readers(): Promise<{ who: string; reader: Reader }[]> {
  loggedIn ??= await logInAll();
  return loggedIn;
}

async function logInAll(): Promise<{ who: string; reader: Reader }[]> {
  const out: { who: string; reader: Reader }[] = [];
  for (const s of staff) {
    const client = await Client.login(server.url, s.municipality, s.username, 'demo');
    out.push({ who: `${s.municipality}/${s.username}`, reader: new Reader(client, null) });
    if (s.roles.includes('leader')) out.push({ who: `${s.municipality}/${s.username} (quality assurance)`, reader: new Reader(client, 'quality_assurance') });
  }
  return out;
}

/** The reminders' order: due day, case number, kind (the unpaged list is ordered by due day only). */
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byReminderOrder = (a: any, b: any) => text(a.dueOn, b.dueOn) || text(a.caseNumber, b.caseNumber) || text(a.kind, b.kind);

/** Every page of the paged reminders, two at a time, put together. */
async function reminderPages(reader: Reader, owner: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const r: any = await reader.get(`/api/v1/reminders/page?limit=2${owner ? `&owner=${owner}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor !== null);
  return items;
}

/** Strips the age, which moves if a day turns between the two reads. */
const comparable = (items: any[]) => items.map((i) => ({ ...i, ageDays: undefined }));

/** The counts (counted in SQL) are of the same list; the search by case number gives the list's items of the cases whose number contains it. */
async function checkCountsAndSearch(reader: Reader, filter: string, old: any[], who: string): Promise<void> {
  const counts = (await reader.get(`/api/v1/work-queue/counts${filter ? `?${filter}` : ''}`)).body;
  expect(counts, `${who} ?${filter}`).toEqual({ open: old.length, overdue: old.filter((i) => i.overdue).length });
  const needle = String(old[0]?.caseNumber ?? '').slice(-4);
  if (!needle) return;
  const found = await reader.allPages(`${filter ? `${filter}&` : ''}caseNumber=${needle}`, 50);
  expect(comparable(found.items), `${who} ?${filter} search ${needle}`).toEqual(comparable(old.filter((i) => i.caseNumber.includes(needle))));
}

describe('GET /work-queue/page', () => {
  it('puts together, for every staff member of the demo and every filter, exactly the unpaged queue', async () => {
    let compared = 0;
    let nonEmpty = 0;
    let multiPage = 0;
    for (const { who, reader } of await readers()) {
      for (const filter of FILTERS) {
        const old = await reader.get(`/api/v1/work-queue${filter ? `?${filter}` : ''}`);
        if (old.status === 403) {
          expect((await reader.get(`/api/v1/work-queue/page${filter ? `?${filter}` : ''}`)).status, who).toBe(403);
          continue;
        }
        expect(old.status, who).toBe(200);
        const limit = old.body.length > 6 ? 5 : 2;
        const { items, pages } = await reader.allPages(filter, limit);
        expect(comparable(items), `${who} ?${filter}`).toEqual(comparable(old.body));
        await checkCountsAndSearch(reader, filter, old.body, who);
        compared += 1;
        if (old.body.length > 0) nonEmpty += 1;
        if (pages.length > 1) multiPage += 1;
      }
    }
    // The comparison means something only if the demo gives lists that are not empty and span pages.
    expect(staff.length).toBeGreaterThan(20);
    expect(nonEmpty).toBeGreaterThan(20);
    expect(multiPage).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(staff.length * 4);
  }, 600_000);

  it('pages the raised deadline reminders the same way: together, the unpaged reminders in (due day, case number, kind) order', async () => {
    // What the job runner does when a deadline falls due: raise it (the demo leaves the raising to the runner).
    const raised = await db.owner.query('UPDATE case_deadline SET raised_at = now() WHERE satisfied_at IS NULL AND raised_at IS NULL');
    expect(raised.rowCount).toBeGreaterThan(5);
    let compared = 0;
    let nonEmpty = 0;
    for (const { who, reader } of await readers()) {
      for (const owner of ['', 'me', 'my_units']) {
        const old = await reader.get(`/api/v1/reminders${owner ? `?owner=${owner}` : ''}`);
        if (old.status !== 200) continue;
        const expected = [...old.body].sort(byReminderOrder);
        expect(await reminderPages(reader, owner), `${who} ${owner}`).toEqual(expected);
        compared += 1;
        if (expected.length > 0) nonEmpty += 1;
      }
    }
    expect(compared).toBeGreaterThan(staff.length);
    expect(nonEmpty).toBeGreaterThan(0);
  }, 600_000);

  it('gives disjoint, ordered pages that cover the list, whatever the limit', async () => {
    const all = await readers();
    const withItems: { who: string; reader: Reader; list: any[] }[] = [];
    for (const r of all) {
      const old = await r.reader.get('/api/v1/work-queue');
      if (old.status === 200 && old.body.length > 3) withItems.push({ ...r, list: old.body });
    }
    expect(withItems.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: withItems.length - 1 }), fc.integer({ min: 1, max: 12 }), async (index, limit) => {
        const { reader, list } = withItems[index]!;
        const { items, pages } = await reader.allPages('', limit);
        const keys = pages.map((page) => page.map((i) => `${i.caseId}/${i.key}`));
        // Disjoint: no item on two pages (nor twice on one).
        expect(new Set(keys.flat()).size).toBe(keys.flat().length);
        // Ordered: by since, then case number, then item key, across page boundaries.
        for (let i = 1; i < items.length; i += 1) {
          const [a, b] = [items[i - 1], items[i]];
          expect(a.since < b.since || (a.since === b.since && (a.caseNumber < b.caseNumber || (a.caseNumber === b.caseNumber && a.key < b.key))), `${a.since} ${a.caseNumber} / ${b.since} ${b.caseNumber}`).toBe(true);
        }
        // Covering: every item of the list, on ceil(n / limit) pages.
        expect(new Set(keys.flat())).toEqual(new Set(list.map((i) => `${i.caseId}/${i.key}`)));
        expect(pages.length).toBe(Math.max(1, Math.ceil(list.length / limit)));
      }),
      { numRuns: 25 },
    );
  }, 600_000);

  it('refuses a cursor it did not give and a limit out of range, naming the field', async () => {
    const s = staff.find((x) => x.roles.includes('caseworker'))!;
    const client = await Client.login(server.url, s.municipality, s.username, 'demo');
    for (const cursor of ['not-base64-json', encodeCursor({ since: 'yesterday', caseNumber: 'x', itemKey: 'y' }), encodeCursor({ since: '2026-01-01T00:00:00.000Z' }), 'a%2Fb', encodeCursor([1, 2])]) {
      const r = await client.get(`/api/v1/work-queue/page?cursor=${cursor}`);
      expect(r.status, cursor).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors.map((e: any) => e.field)).toEqual(['query.cursor']);
    }
    expect((await client.get('/api/v1/work-queue/counts?kind=nonsense')).status).toBe(400);
    for (const limit of ['0', '201', 'x']) {
      const r = await client.get(`/api/v1/work-queue/page?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(r.body.errors.map((e: any) => e.field)).toEqual(['query.limit']);
    }
    const first = await client.get('/api/v1/work-queue/page');
    expect(first.status).toBe(200);
    expect(first.body.items.length).toBeLessThanOrEqual(50);
  });

  it("never shows another municipality's items, even with another municipality's cursor", async () => {
    const byMunicipality = new Map<string, Reader>();
    for (const s of staff.filter((x) => x.roles.includes('caseworker'))) {
      if (!byMunicipality.has(s.municipality)) byMunicipality.set(s.municipality, new Reader(await Client.login(server.url, s.municipality, s.username, 'demo'), null));
    }
    expect(byMunicipality.size).toBeGreaterThan(1);
    let foreignCursor: string | null = null;
    for (const [municipality, reader] of byMunicipality) {
      const { items } = await reader.allPages('', 50);
      const { rows } = await db.owner.query<{ municipality_id: string }>('SELECT DISTINCT municipality_id FROM case_file WHERE id = ANY($1::uuid[])', [items.map((i) => i.caseId)]);
      expect(rows.every((r) => r.municipality_id === municipality), municipality).toBe(true);
      if (foreignCursor) {
        const r = await reader.get(`/api/v1/work-queue/page?limit=200&cursor=${foreignCursor}`);
        expect(r.status).toBe(200);
        const ids = new Set(items.map((i) => `${i.caseId}/${i.key}`));
        expect(r.body.items.every((i: any) => ids.has(`${i.caseId}/${i.key}`)), municipality).toBe(true);
      }
      foreignCursor = (await reader.get('/api/v1/work-queue/page?limit=1')).body.nextCursor ?? foreignCursor;
    }
  }, 300_000);

  it('is refused without a login and to a role that reads no personal data', async () => {
    expect((await new Client(server.url).get('/api/v1/work-queue/page')).status).toBe(401);
    expect((await new Client(server.url).get('/api/v1/work-queue/counts')).status).toBe(401);
    const admin = staff.find((x) => x.roles.length === 1 && x.roles[0] === 'admin');
    if (admin) {
      const client = await Client.login(server.url, admin.municipality, admin.username, 'demo');
      expect((await client.get('/api/v1/work-queue/page')).status).toBe(403);
      expect((await client.get('/api/v1/work-queue/counts')).status).toBe(403);
    }
  });
});

/** The municipality's whole queue counted by kind from the unpaged queue's items (the gate left out: counts show no one). */
async function wholeQueueCounts(municipalityId: string): Promise<{ open: Record<string, number>; overdue: Record<string, number> }> {
  const { rows } = await db.owner.query<{ id: string }>('SELECT id FROM staff WHERE municipality_id = $1 ORDER BY id LIMIT 1', [municipalityId]);
  const staffId = rows[0]!.id;
  return inTenant(db.app, { municipalityId, staffId }, async (tx) => {
    const authority = await loadAuthorityContext(tx, { staffId, roles: ['leader'], unitIds: [] });
    const items = await openItems(tx, authority, new Date(), null);
    const count = (list: readonly { kind: string }[]) => Object.fromEntries(WORK_ITEM_KINDS.map((k) => [k, list.filter((i) => i.kind === k).length]));
    return { open: count(items), overdue: count(items.filter((i) => i.overdue)) };
  });
}

describe('GET /reports/queue-health', () => {
  it("lists the unpaged queue's unowned and overdue items and the reminders waiting over a week, and counts the municipality's whole queue, for every staff member", async () => {
    // The due deadlines raised (as the job runner does), then moved back 6, 7 or 8 days: on both sides of the week's limit and on it.
    await raiseDueDeadlinesEverywhere(db);
    const moved = await db.owner.query(
      `UPDATE case_deadline SET raised_at = raised_at - make_interval(days => 6 + (abs(hashtext(case_id::text || kind)) % 3))
        WHERE raised_at IS NOT NULL AND satisfied_at IS NULL`,
    );
    expect(moved.rowCount).toBeGreaterThan(5);
    let escalated = 0;
    let notYet = 0;
    const reference = new Map<string, { open: Record<string, number>; overdue: Record<string, number> }>();
    let compared = 0;
    let listed = 0;
    let overdueCounted = 0;
    for (const { who, reader } of await readers()) {
      const health = await reader.get('/api/v1/reports/queue-health');
      if (health.status === 403) continue;
      expect(health.status, who).toBe(200);
      const municipality = who.split('/')[0]!;
      const counts = reference.get(municipality) ?? (await wholeQueueCounts(municipality));
      reference.set(municipality, counts);
      expect({ byKind: health.body.byKind, overdueByKind: health.body.overdueByKind }, who).toEqual({ byKind: counts.open, overdueByKind: counts.overdue });
      expect(health.body.openItems, who).toBe(Object.values(counts.open).reduce((a, b) => a + b, 0));
      const unowned = await reader.get('/api/v1/work-queue?owner=unowned');
      const overdue = await reader.get('/api/v1/work-queue?overdue=true');
      expect([unowned.status, overdue.status], who).toEqual([200, 200]);
      expect(comparable(health.body.unowned), `${who} unowned`).toEqual(comparable(unowned.body));
      expect(comparable(health.body.overdue), `${who} overdue`).toEqual(comparable(overdue.body));
      expect(comparable(health.body.outdatedDecisions), `${who} outdated`).toEqual(comparable(overdue.body.filter((i: any) => i.kind === 'reevaluation_due' || i.kind === 'decision_expiry')));
      const reminders = await reader.get('/api/v1/reminders');
      expect(reminders.status, who).toBe(200);
      const waited = reminders.body.filter((r: any) => ageInDays(r.raisedAt, new Date()) > ESCALATE_REMINDERS_AFTER_DAYS).sort(byReminderOrder);
      expect(health.body.escalatedReminders, `${who} escalated`).toEqual(waited);
      escalated += waited.length;
      notYet += reminders.body.length - waited.length;
      compared += 1;
      listed += unowned.body.length + overdue.body.length;
      overdueCounted += Object.values(counts.overdue).reduce((a, b) => a + b, 0);
    }
    // The comparison means something only if some lists and some overdue counts are not empty.
    expect(compared).toBeGreaterThan(5);
    expect(listed).toBeGreaterThan(0);
    expect(overdueCounted).toBeGreaterThan(0);
    expect(escalated).toBeGreaterThan(0);
    expect(notYet).toBeGreaterThan(0);
  });
});
