/**
 * Issue 18 (c): the report aggregates in PostgreSQL and in DuckDB over the same rows exported to
 * Parquet. The rows of one municipality are copied out of PostgreSQL (COPY … TO STDOUT, CSV) and
 * written to Parquet by DuckDB; the same SQL then runs on both engines, each source bound to the
 * municipality's rows. The endpoint's own time is set beside them, with the 2× target (the report
 * over HTTP within twice DuckDB's time for its aggregate).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { to as copyTo } from 'pg-copy-streams';
import { BENCH_MONTH, met, ms, readerHeaders, timeIt, type Bench, type Reader, type Timing } from './harness.ts';

const FIRST = `${BENCH_MONTH}-01`;
const LAST = `${BENCH_MONTH}-31`;

/** The exported sources: the SQL that selects one municipality's rows ($1) in PostgreSQL. */
const EXPORTS = {
  cases: `SELECT id, service_code, received_on, status, provider_unit_id, (state->'decision'->>'hoursPerWeek')::float8 AS hours FROM case_file WHERE municipality_id = $1`,
  decisions: `SELECT case_id, occurred_at FROM case_action WHERE municipality_id = $1 AND type = 'decision_made'`,
  visits: `SELECT case_id, provider_unit_id, visit_date, minutes, status FROM visit WHERE municipality_id = $1`,
} as const;
type Source = keyof typeof EXPORTS;

/** The aggregates, written once for both engines; `src` gives each source's relation. */
const AGGREGATES: readonly { name: string; endpoint: string; sql: (src: (s: Source) => string) => string }[] = [
  {
    name: 'delivery',
    endpoint: `/api/v1/reports/delivery?month=${BENCH_MONTH}`,
    sql: (src) => `
      WITH per_case AS (
        SELECT v.case_id, v.provider_unit_id,
               sum(CASE WHEN v.status = 'performed' THEN v.minutes ELSE 0 END) AS minutes,
               sum(CASE WHEN v.status = 'performed' THEN 1 ELSE 0 END) AS visits,
               sum(CASE WHEN v.status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
          FROM ${src('visits')} v WHERE v.visit_date BETWEEN DATE '${FIRST}' AND DATE '${LAST}' GROUP BY v.case_id, v.provider_unit_id)
      SELECT p.provider_unit_id, c.service_code, count(*) AS users, sum(p.minutes) / 60.0 AS performed_hours,
             sum(coalesce(c.hours, 0) * 31 / 7.0) AS decided_hours, sum(p.visits) AS visits, sum(p.cancelled) AS cancelled
        FROM per_case p JOIN ${src('cases')} c ON c.id = p.case_id
       GROUP BY p.provider_unit_id, c.service_code ORDER BY 1, 2`,
  },
  {
    name: 'processing times',
    endpoint: '/api/v1/reports/processing-times',
    sql: (src) => `
      WITH first_decision AS (SELECT case_id, min(occurred_at) AS decided_at FROM ${src('decisions')} GROUP BY case_id)
      SELECT c.service_code, count(*) AS requests, count(f.case_id) AS decided,
             avg(CAST(f.decided_at AS DATE) - c.received_on) AS mean_days,
             sum(CASE WHEN CAST(f.decided_at AS DATE) - c.received_on <= 30 THEN 1 ELSE 0 END) AS within_a_month
        FROM ${src('cases')} c LEFT JOIN first_decision f ON f.case_id = c.id
       WHERE c.received_on >= DATE '2025-11-01' AND (c.status <> 'withdrawn' OR f.case_id IS NOT NULL)
       GROUP BY c.service_code ORDER BY 1`,
  },
  {
    name: 'settlement',
    endpoint: `/api/v1/reports/settlement?month=${BENCH_MONTH}`,
    sql: (src) => `
      SELECT v.provider_unit_id, c.service_code, count(DISTINCT v.case_id) AS users, round(sum(v.minutes) / 60.0 * 640, 2) AS amount
        FROM ${src('visits')} v JOIN ${src('cases')} c ON c.id = v.case_id
       WHERE v.status = 'performed' AND v.visit_date BETWEEN DATE '${FIRST}' AND DATE '${LAST}'
       GROUP BY v.provider_unit_id, c.service_code ORDER BY 1, 2`,
  },
];

const ENDPOINT_TIMEOUT_MS = 120_000;

/** One call of an endpoint not timed before, or null when it takes longer than the timeout. */
async function onceWithin(url: string, reader: Reader): Promise<number | null> {
  const t = performance.now();
  const r = await fetch(url, { headers: readerHeaders(reader), signal: AbortSignal.timeout(ENDPOINT_TIMEOUT_MS) }).then((x) => x.arrayBuffer()).catch(() => null);
  return r === null ? null : performance.now() - t;
}

async function exportToParquet(b: Bench, municipality: string, duck: Awaited<ReturnType<DuckDBInstance['connect']>>): Promise<void> {
  const client = await b.db.owner.connect();
  try {
    for (const [name, sql] of Object.entries(EXPORTS)) {
      const csv = path.join(b.dir, `${name}.csv`);
      const literal = sql.replace('$1', client.escapeLiteral(municipality));
      await pipeline(client.query(copyTo(`COPY (${literal}) TO STDOUT WITH (FORMAT csv, HEADER)`)), createWriteStream(csv));
      await duck.run(`COPY (SELECT * FROM read_csv_auto('${csv}')) TO '${path.join(b.dir, `${name}.parquet`)}' (FORMAT parquet)`);
    }
  } finally {
    client.release();
  }
}

/** `measured` holds the endpoints' times from the table before (timed again here when missing). */
export async function compareWithDuckDb(b: Bench, municipality: string, readers: readonly Reader[], measured: ReadonlyMap<string, Timing>): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const started = performance.now();
  await exportToParquet(b, municipality, duck);
  console.log(`\n(c) Report aggregates: PostgreSQL vs DuckDB over the same rows in Parquet (${municipality}; exported in ${((performance.now() - started) / 1000).toFixed(1)} s), milliseconds, median of 3`);
  console.log(`${'aggregate'.padEnd(18)} ${['endpoint', 'pg sql', 'duckdb', 'endpoint/duckdb', 'pg/duckdb'].map((c) => c.padStart(15)).join(' ')}  target (endpoint ≤ 2× DuckDB)`);
  const reader = readers[0] ?? { token: '', purpose: null };
  // Both engines first, the endpoints last: an endpoint that times out goes on computing in this process.
  const engines = [];
  for (const a of AGGREGATES) {
    const pgSql = a.sql((s) => `(${EXPORTS[s]})`);
    const duckSql = a.sql((s) => `read_parquet('${path.join(b.dir, `${s}.parquet`)}')`);
    const rows = { pg: (await b.db.owner.query(pgSql, [municipality])).rowCount ?? 0, duck: (await duck.runAndReadAll(duckSql)).getRows().length };
    engines.push({ a, rows, pg: await timeIt(() => b.db.owner.query(pgSql, [municipality])), dd: await timeIt(() => duck.runAndReadAll(duckSql)) });
  }
  for (const { a, rows, pg, dd } of engines) {
    const endpoint = measured.get(a.endpoint)?.median ?? (await onceWithin(`${b.url}${a.endpoint}`, reader));
    const ratio = endpoint === null ? null : endpoint / Math.max(0.01, dd.median);
    const cells = [endpoint === null ? `> ${ENDPOINT_TIMEOUT_MS / 1000} s` : ms(endpoint), ms(pg.median), ms(dd.median), ratio === null ? '—' : `${ratio.toFixed(1)}×`, `${(pg.median / Math.max(0.01, dd.median)).toFixed(1)}×`];
    const differ = rows.pg === rows.duck ? '' : ` (row counts differ: pg ${rows.pg}, duckdb ${rows.duck})`;
    console.log(`${a.name.padEnd(18)} ${cells.map((c) => c.padStart(15)).join(' ')}  ${met(ratio !== null && ratio <= 2)}${differ}`);
  }
  duck.closeSync();
  instance.closeSync();
}
