/**
 * The streamed visit import (issue 19 part 4) over HTTP on a real PostgreSQL: a file of 200,000 rows,
 * generated as it is sent, is imported whole while the server's memory stays bounded; a file with one
 * bad row at its end changes nothing and names the line and the column; a dry run stores nothing; a
 * retry with the same key and file answers the first result and stores nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { connect, type Database } from '../../src/store/database.ts';
import { Client, startServer, type TestServer } from '../helpers/api.ts';
import { tildel } from '../helpers/cli.ts';
import { createDatabaseFromTemplate, databaseUrl } from '../helpers/database.ts';
import { createMunicipality, type TestMunicipality } from '../helpers/fixtures.ts';
import { acceptedCase, generatedVisits, uploadVisits, VISIT_HEADER, visitRow } from '../helpers/visitImport.ts';

const env = {} as { db: Database; server: TestServer; url: string };
let m: TestMunicipality;
let office: Client;
let provider: Client;
const cases: string[] = [];

const today = norwegianDate();
const DAYS = 200;
const validFrom = addDays(today, -DAYS);

beforeAll(async () => {
  env.url = databaseUrl(await createDatabaseFromTemplate());
  env.db = await connect(env.url, 'import stream test');
  env.server = await startServer(env.db);
  m = await createMunicipality(env.db);
  office = await Client.login(env.server.url, m.id, 'caseworker');
  provider = await Client.login(env.server.url, m.id, 'provider');
  for (let i = 0; i < 4; i += 1) cases.push(await acceptedCase(office, provider, m.providerId, validFrom));
}, 60_000);

afterAll(async () => {
  await env.server?.close();
  await env.db?.close();
});

const file = { cases, validFrom, days: DAYS };
const HEADER = VISIT_HEADER;
const row = (i: number, tag: string) => visitRow(file, i, tag);
const generated = (rows: number, tag: string, last?: string) => generatedVisits(file, rows, tag, last);
const upload = (source: AsyncIterable<string> | string, options: { dryRun?: boolean; key?: string; who?: Client } = {}) =>
  uploadVisits(env.server.url, options.who ?? provider, source, { providerUnitId: m.providerId, ...options });

async function stored(): Promise<{ visits: number; imports: number }> {
  const { rows } = await env.db.owner.query(
    'SELECT (SELECT count(*)::int FROM visit WHERE municipality_id = $1) AS visits, (SELECT count(*)::int FROM delivery_import WHERE municipality_id = $1) AS imports',
    [m.id],
  );
  return rows[0];
}

describe('the streamed visit import', () => {
  it('imports a file of 200,000 rows generated as it is sent, with the server’s memory bounded', async () => {
    const ROWS = 200_000;
    const before = await stored();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const r = await upload(generated(ROWS, 'big')).finally(() => clearInterval(sampler));
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    expect(r.body).toMatchObject({ rows: ROWS, accepted: ROWS, rejected: [], rejectedRows: 0, imported: true });
    expect(await stored()).toEqual({ visits: before.visits + ROWS, imports: before.imports + 1 });
    const sample = await env.db.owner.query(`SELECT v.minutes, v.night, to_char(v.visit_date, 'YYYY-MM-DD') AS d, c.case_number FROM visit v JOIN case_file c ON c.id = v.case_id WHERE v.external_ref = 'big-12345'`);
    expect(sample.rows).toEqual([{ minutes: 15 + (12345 % 60), night: false, d: addDays(validFrom, 12345 % DAYS), case_number: cases[12345 % 4] }]);
    // The rows (some 13 MB of CSV, and well over 200 MB as objects) never sit in memory at once.
    const growth = (peak - rssBefore) / 1024 / 1024;
    console.log(`streamed import of ${ROWS} rows: peak RSS growth ${growth.toFixed(0)} MB`);
    expect(growth).toBeLessThan(160);
  }, 300_000);

  it('imports nothing from a file whose last row is bad, naming its line and column', async () => {
    const before = await stored();
    const r = await upload(generated(30_000, 'badmin', `${cases[0]};P1;${today};08:00;mange;;;;badmin-last\n`));
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ rows: 30_001, accepted: 30_000, rejectedRows: 1, imported: false, importId: null });
    expect(r.body.rejected).toEqual([expect.objectContaining({ line: 30_002, field: 'minutes' })]);
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('refuses a last row the rules of visits refuse (before the decision) with the rule’s words, and stores nothing', async () => {
    const before = await stored();
    const early = addDays(validFrom, -3);
    const r = await upload(generated(20_000, 'early', `${cases[1]};P1;${early};08:00;30;;;;early-last\n`));
    expect(r.status).toBe(422);
    expect(r.body.rejected).toEqual([expect.objectContaining({ line: 20_002, field: 'date', message: `${early} is before the decision's period, which begins on ${validFrom}` })]);
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('reports a visit id repeated in the file or imported before, and counts rows beyond those listed', async () => {
    const before = await stored();
    const r = await upload(generated(300, 'big'));
    expect(r.status).toBe(422);
    expect(r.body.rejectedRows).toBe(300);
    expect(r.body.rejected).toHaveLength(100);
    expect(r.body.rejected[0]).toEqual({ line: 2, field: 'visit_id', message: 'visit big-0 is imported already' });
    const twice = await upload(`${HEADER}${row(1, 'twice')}${row(1, 'twice')}`);
    expect(twice.body.rejected).toEqual([{ line: 3, field: 'visit_id', message: 'visit twice-1 is imported already' }]);
    expect(await stored()).toEqual(before);
  }, 60_000);

  it('stores nothing on a dry run, and says every row can be imported', async () => {
    const before = await stored();
    const r = await upload(generated(5_000, 'dry'), { dryRun: true });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body).toMatchObject({ rows: 5_000, accepted: 5_000, imported: false, importId: null });
    expect(await stored()).toEqual(before);
  }, 60_000);

  it('answers a retry with the same key and file with the first result; another file under that key is refused', async () => {
    const key = randomUUID();
    const before = await stored();
    const first = await upload(generated(2_000, 'retry'), { key });
    expect([first.status, first.headers.get('idempotent-replayed')]).toEqual([201, 'false']);
    const again = await upload(generated(2_000, 'retry'), { key });
    expect([again.status, again.headers.get('idempotent-replayed'), again.body.importId]).toEqual([201, 'true', first.body.importId]);
    expect(await stored()).toEqual({ visits: before.visits + 2_000, imports: before.imports + 1 });
    const other = await upload(generated(2_001, 'retry'), { key });
    expect([other.status, other.body.code]).toEqual([422, 'idempotency-key-reused']);
  }, 60_000);

  it('names the missing columns, refuses a caseworker (not the unit’s staff) and a body that is not text/csv', async () => {
    const header = await upload('case_number;date\nS-1;2026-01-01\n');
    expect(header.status).toBe(422);
    expect(header.body.rejected).toEqual([expect.objectContaining({ line: 1, field: 'header', message: expect.stringContaining('employee, minutes') })]);
    const refused = await upload(generated(10, 'cw'), { who: office });
    expect(refused.status).toBe(403);
    const json = await provider.command(`/api/v1/visits/import/stream?providerUnitId=${m.providerId}&fileName=x.csv`, { csv: 'a' });
    expect([json.status, json.body.errors?.[0]?.field]).toEqual([400, 'body']);
  });

  it('imports a file with `tildel import visits`, and a second run prints the first answer and stores nothing twice', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-import-'));
    try {
      const csv = path.join(dir, 'profil.csv');
      let text = '';
      for await (const chunk of generated(1_500, 'cli')) text += chunk;
      await writeFile(csv, text);
      const before = await stored();
      const args = ['import', 'visits', csv, '--municipality', m.id, '--as', 'provider'];
      const first = await tildel(args, { DATABASE_URL: env.url });
      expect([first.code, first.out]).toEqual([0, expect.stringContaining('1500 visits imported. (1500 rows, 1500 accepted, import ')]);
      expect(await stored()).toEqual({ visits: before.visits + 1_500, imports: before.imports + 1 });
      const again = await tildel(args, { DATABASE_URL: env.url });
      expect([again.code, again.out]).toEqual([0, expect.stringContaining('imported with these options before')]);
      expect(await stored()).toEqual({ visits: before.visits + 1_500, imports: before.imports + 1 });
      let small = '';
      for await (const chunk of generated(10, 'clibad', `${cases[0]};P1;${today};;mange;;;;cli-bad\n`)) small += chunk;
      await writeFile(csv, small);
      const bad = await tildel([...args, '--dry-run'], { DATABASE_URL: env.url });
      expect([bad.code, bad.out]).toEqual([1, expect.stringContaining('line 12, minutes:')]);
      const wrongUnit = await tildel([...args, '--unit', 'Tildelingskontoret'], { DATABASE_URL: env.url });
      expect([wrongUnit.code, wrongUnit.out]).toEqual([1, expect.stringContaining('--unit')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
