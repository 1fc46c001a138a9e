/**
 * Benchmark of the streamed visit import (issue 19 part 4): a file of --rows visits, generated as it
 * is sent, to POST /visits/import/stream of `tildel serve` (a child process on its own embedded
 * PostgreSQL, so that its memory is its own). Prints rows per second from the first byte sent to the
 * answer, and the server's RSS before and at its peak (sampled every 200 ms).
 *
 *   npm run bench:import -- --rows 1000000 [--cases 50] [--dry-run]
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { norwegianDate } from '../src/app/clock.ts';
import { addDays } from '../src/domain/law/deadlines.ts';
import { connect, ensureDatabase } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded.ts';
import { Client } from '../test/helpers/client.ts';
import { createMunicipality, PASSWORD } from '../test/helpers/fixtures.ts';
import { freePort } from '../test/helpers/ports.ts';
import { rssMegabytes, serveChild } from '../test/helpers/serve.ts';
import { acceptedCase, generatedVisits, uploadVisits } from '../test/helpers/visitImport.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, cases: { type: 'string', default: '50' }, 'dry-run': { type: 'boolean', default: false } } });
const ROWS = Number(values.rows);
const CASES = Number(values.cases);
const DAYS = 365;

const dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-bench-import-'));
await chmod(dir, 0o755);
const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), ephemeral: true });
let serve: Awaited<ReturnType<typeof serveChild>> | null = null;
try {
  const url = await ensureDatabase(pgServer.url, 'tildel_bench');
  const db = await connect(url, 'bench');
  const m = await createMunicipality(db);
  await db.close();
  serve = await serveChild({ DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'warn' });
  const office = await Client.login(serve.url, m.id, 'caseworker', PASSWORD);
  const provider = await Client.login(serve.url, m.id, 'provider', PASSWORD);
  const validFrom = addDays(norwegianDate(), -DAYS);
  const cases: string[] = [];
  for (let i = 0; i < CASES; i += 1) cases.push(await acceptedCase(office, provider, m.providerId, validFrom));
  const pid = serve.child.pid as number;
  const before = await rssMegabytes(pid);
  let peak = before;
  const sampler = setInterval(() => void rssMegabytes(pid).then((mb) => (peak = Math.max(peak, mb))), 200);
  const started = performance.now();
  const r = await uploadVisits(serve.url, provider, generatedVisits({ cases, validFrom, days: DAYS }, ROWS, 'bench'), { providerUnitId: m.providerId, dryRun: values['dry-run'] });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (r.status >= 300) throw new Error(`the import answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
  console.log(`${ROWS} rows over ${CASES} cases${values['dry-run'] ? ' (dry run)' : ''}: ${r.status} in ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds)} rows/s`);
  console.log(`server RSS: ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at the peak (+${(peak - before).toFixed(0)} MB)`);
} finally {
  if (serve && serve.child.exitCode === null) serve.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await pgServer.stop();
  await rm(dir, { recursive: true, force: true });
}
