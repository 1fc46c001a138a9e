/**
 * `--explain`: the statements an endpoint ran (recorded from the pg client in this process, where the
 * server runs), the slowest of them explained with EXPLAIN (ANALYZE, BUFFERS) in the same tenant
 * scope, summarised: execution time, the plan's top node, buffers hit and read, and every sequential
 * scan with its rows. Only SELECT statements are recorded and explained (inside a rolled-back transaction).
 */
import pg from 'pg';
import { timedGet, type Bench, type Reader } from './harness.ts';

interface Recorded {
  readonly text: string;
  readonly values: readonly unknown[];
  ms: number;
}

let recording: Recorded[] | null = null;
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;

function recorded(this: pg.Client, ...args: unknown[]): unknown {
  const [config, values] = args;
  const result = original.apply(this, args);
  if (recording && typeof config === 'string' && /^\s*(SELECT|WITH)\b/i.test(config) && result instanceof Promise) {
    const entry: Recorded = { text: config, values: Array.isArray(values) ? values : [], ms: 0 };
    const started = performance.now();
    recording.push(entry);
    result.then(() => (entry.ms = performance.now() - started)).catch(() => undefined);
  }
  return result;
}
(pg.Client.prototype as unknown as { query: Query }).query = recorded;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' ? [`${node['Relation Name'] ?? '?'} (${(node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1)} rows)`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

async function explain(b: Bench, scope: readonly unknown[], q: Recorded): Promise<string> {
  const client = await b.db.app.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.municipality_id', $1, true), set_config('app.staff_id', $2, true)", [scope[0] ?? '', scope[1] ?? '']);
    const { rows } = await original.call(client, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`, [...q.values]) as pg.QueryResult<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>;
    const plan = rows[0]?.['QUERY PLAN'][0];
    if (!plan) return 'no plan';
    const root = plan.Plan;
    const scans = seqScans(root);
    return `${plan['Execution Time'].toFixed(1)} ms, ${root['Node Type']}, buffers hit ${root['Shared Hit Blocks'] ?? 0} read ${root['Shared Read Blocks'] ?? 0}${scans.length ? `, seq scans: ${scans.join(', ')}` : ''}`;
  } catch (error) {
    return `not explained: ${(error as Error).message}`;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/** Calls the endpoint once while recording, then explains its three slowest statements. */
export async function explainEndpoint(b: Bench, url: string, readers: readonly Reader[]): Promise<void> {
  for (const reader of readers) {
    recording = [];
    const r = await timedGet(url, reader);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const statements = recording;
    recording = null;
    if (r.status === 403) continue;
    const scope = statements.find((s) => s.text.includes("set_config('app.municipality_id'"))?.values ?? [];
    const slowest = statements.filter((s) => !s.text.includes('set_config(')).sort((x, y) => y.ms - x.ms).slice(0, 3);
    for (const q of slowest) {
      console.log(`      ${q.ms.toFixed(1).padStart(7)} ms  ${q.text.replace(/\s+/g, ' ').trim().slice(0, 90)}`);
      console.log(`               EXPLAIN: ${await explain(b, scope, q)}`);
    }
    return;
  }
}
