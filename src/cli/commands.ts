/** The serve, migrate, demo and reproject commands. */
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { fixedClock } from '../app/clock.ts';
import { loadConfig, type Config } from '../config.ts';
import type { DemoSummary } from '../demo/load.ts';
import { DEMO_PASSWORD, demoMunicipalities } from '../demo/municipalities.ts';
import { buildServer } from '../http/server.ts';
import { startTracing } from '../http/tracing.ts';
import { startJobRunner } from '../jobs/runner.ts';
import { SERVER_IDLE_CONNECTION_MS, type Database } from '../store/database.ts';
import { listMunicipalities } from '../store/org.ts';
import { fail, openConfiguredDatabase, withDatabase } from './runtime.ts';
import { shutDownOnSignals, type Shutdown } from './shutdown.ts';
import { applyHeapPolicy } from './heap.ts';
import { identitySettings } from './identity.ts';
import { reprojectAll, reprojectIfOutdated } from '../app/reprojection.ts';

const demoArgs = z.object({
  seed: z.coerce.number().int().min(0),
  asOf: z.iso.date().optional(),
  // A multiplier of the five small municipalities, or a scale set (src/demo/scale): an Oslo-size municipality or the whole country.
  scale: z.union([z.enum(['oslo', 'national']), z.coerce.number().positive().max(20)], { error: 'a multiplier above 0 and up to 20, or oslo, or national' }),
  users: z.coerce.number().int().positive().max(1_000_000).optional(),
  months: z.coerce.number().int().min(1).max(120).optional(),
});

export async function migrateCommand(): Promise<void> {
  await withDatabase(async (db) => {
    const { applied, alreadyApplied, vacuumed } = db.migrations;
    console.log(`Database: ${db.description}`);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
    if (vacuumed.length) console.log(`Vacuumed and analysed the tables they rewrote: ${vacuumed.join(', ')}`);
    console.log(`Already applied before: ${alreadyApplied.length}`);
  }).catch(fail);
}

/** `tildel reproject`: rebuilds the projections from the logs (attaching to a running embedded server if there is one). */
export async function reprojectCommand(): Promise<void> {
  const config = loadConfig();
  const db = await openConfiguredDatabase(config, { attachIfRunning: true }).catch(fail);
  try {
    const r = await reprojectAll(db);
    console.log(`Reprojected ${r.cases} cases in ${r.municipalities} municipalities: ${r.caseRowsChanged} case rows, ${r.workItemsChanged} work-item sets, ${r.deadlinesChanged} deadline sets and ${r.waitingListsChanged} waiting-list sets differed from their logs and were rebuilt; the month's delivery kept from the visits was rebuilt in ${r.visitMonthsRebuilt} municipalities, and the cases' first assessment, decision and start kept from the actions in ${r.caseMilestonesRebuilt}.`);
  } catch (error) {
    await db.close();
    fail(error);
  }
  await db.close();
  process.exit(0);
}

export async function demoCommand(raw: Record<string, unknown>): Promise<void> {
  const parsed = demoArgs.safeParse(raw);
  if (!parsed.success) fail(`invalid options: ${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const scale = parsed.data.scale;
  if (typeof scale === 'string') {
    const { loadScaleWithProgress } = await import('./scale.ts');
    return withDatabase((db) => loadScaleWithProgress(db, { ...parsed.data, scale })).catch(fail);
  }
  await withDatabase(async (db) => {
    const summaries = await loadDemoWithProgress(db, parsed.data.seed, parsed.data.asOf, scale);
    printDemoSummary(summaries);
  }).catch(fail);
}

async function loadDemoWithProgress(db: Database, seed: number, asOf: string | undefined, scale: number): Promise<DemoSummary[]> {
  const bar = new SingleBar({ format: 'Demo data |{bar}| {percentage}% | {value}/{total} persons | {label}', hideCursor: true });
  bar.start(1, 0, { label: '' });
  // Loaded here, not at the top: the demo's generator (faker) stays out of a server that does not load it.
  const { loadDemo } = await import('../demo/load.ts');
  try {
    return await loadDemo(db, {
      seed,
      asOf: asOf ? new Date(`${asOf}T12:00:00Z`) : new Date(),
      scale,
      onProgress: (done, total, label) => {
        bar.setTotal(total);
        bar.update(done, { label });
      },
    });
  } finally {
    bar.stop();
  }
}

function printDemoSummary(summaries: readonly DemoSummary[]): void {
  for (const s of summaries) {
    console.log(s.skipped ? `  ${s.municipality}: already present, left as it is` : `  ${s.municipality}: ${s.persons} persons, ${s.cases} cases`);
  }
}

/** The settings every use case sees; a fixed clock where TILDEL_CLOCK says so. */
function appContext(db: Database, config: Config, demo = false): AppContext {
  if (config.TILDEL_CLOCK) console.log(`The rules run at a fixed time: ${config.TILDEL_CLOCK} (TILDEL_CLOCK).`);
  return {
    db,
    allowSyntheticIds: config.TILDEL_ALLOW_SYNTHETIC_IDS,
    sessionHours: config.TILDEL_SESSION_HOURS,
    sessionIdleMinutes: config.TILDEL_SESSION_IDLE_MINUTES,
    loginsPerMinute: config.TILDEL_LOGINS_PER_MINUTE,
    // The applicants' test login is for demo installations unless the operator says otherwise.
    citizenTestLogin: config.TILDEL_CITIZEN_TEST_LOGIN ?? demo,
    ...identitySettings(config, demo),
    ...(config.TILDEL_CLOCK ? { clock: fixedClock(config.TILDEL_CLOCK) } : {}),
  };
}

/** Says what the start did to the database: migrations, a rebuild of outdated projections, the demo on an empty one. */
async function prepareDatabase(db: Database, config: Config, demoIfEmpty: boolean): Promise<void> {
  console.log(`Database: ${db.description}`);
  if (db.migrations.applied.length) console.log(`Applied migrations: ${db.migrations.applied.join(', ')}`);
  if (db.migrations.vacuumed.length) console.log(`Vacuumed and analysed the tables the migrations rewrote: ${db.migrations.vacuumed.join(', ')}`);
  const reprojected = await reprojectIfOutdated(db);
  if (reprojected && reprojected.cases > 0) console.log(`Rebuilt the projections of ${reprojected.cases} cases from their logs (projection code changed).`);
  if (demoIfEmpty && (await listMunicipalities(db.app)).length === 0) {
    console.log('The database is empty: loading the demo municipalities (once).');
    printDemoSummary(await loadDemoWithProgress(db, 2026, config.TILDEL_CLOCK?.slice(0, 10), 1));
  }
}

/** What a start has built so far, for the shutdown to stop: a Ctrl-C may come at any point of the start. */
interface ServerParts {
  app?: Awaited<ReturnType<typeof buildServer>>;
  jobs?: Awaited<ReturnType<typeof startJobRunner>>;
  tracing?: ReturnType<typeof startTracing>;
}

/** Requests first (they may still need the database), then the job runner, the traces, the database last. */
function shutDownServer(db: Database, parts: ServerParts): Shutdown {
  return shutDownOnSignals(
    [
      { name: 'the HTTP server', run: async () => void (await parts.app?.close()) },
      { name: 'the job runner', run: async () => void (await parts.jobs?.stop()) },
      { name: 'the traces', run: async () => void (await parts.tracing?.shutdown()) },
      { name: 'the database', run: () => db.close() },
    ],
    { log: (message) => console.log(`tildel: ${message}`) },
  );
}

/** Runs a step of the start; false when a signal stopped the start meanwhile (the shutdown closes the database under it and ends the process). */
async function unlessStopped(shutdown: Shutdown, step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
  } catch (error) {
    if (!shutdown.started) throw error;
  }
  return !shutdown.started;
}

/** The application, the HTTP server and the job runner, each kept in `parts` as soon as it exists. */
async function buildServerParts(db: Database, config: Config, demo: boolean, parts: ServerParts, shutdown: Shutdown): Promise<void> {
  const ctx = appContext(db, config, demo);
  if (!ctx.localPasswords && !ctx.staffIdentityProvider) {
    console.warn('No staff login is configured: set TILDEL_OIDC_ISSUER (the municipality’s identity provider or HelseID), or TILDEL_LOCAL_PASSWORDS=true for development.');
  }
  // The job runner's spans share the server's tracing (OTEL_* variables), flushed after the runner stopped.
  parts.tracing = startTracing();
  const app = await buildServer(ctx, { logLevel: config.LOG_LEVEL, metricsToken: config.TILDEL_METRICS_TOKEN });
  parts.app = app;
  if (shutdown.started) return;
  parts.jobs = await startJobRunner(db, { log: (message) => app.log.warn(message), info: (message) => app.log.info(message), ...(ctx.clock ? { clock: ctx.clock } : {}) });
}

export async function serveCommand(options: { port?: string; host?: string; demoIfEmpty?: boolean }): Promise<void> {
  const config = loadConfig();
  applyHeapPolicy(config.TILDEL_HEAP_GROWING_PERCENT);
  const port = options.port !== undefined ? Number(options.port) : config.PORT;
  const host = options.host ?? config.HOST;
  let db: Database;
  try {
    // The server keeps its idle connections warm for a while: a fresh backend's first read of a large table is slow (database.ts).
    db = await openConfiguredDatabase(config, { idleConnectionMs: SERVER_IDLE_CONNECTION_MS });
  } catch (error) {
    fail(error);
  }
  // Signals are ours from here: the embedded server runs in a process group of its own (store/postmaster.ts)
  // and stays up until the shutdown's last step.
  const parts: ServerParts = {};
  const shutdown = shutDownServer(db, parts);
  if (!(await unlessStopped(shutdown, () => prepareDatabase(db, config, options.demoIfEmpty === true)))) {
    console.error('tildel: stopped while preparing the database. If the demo was loading, it may be incomplete: to load it anew, delete the data folder (TILDEL_DATA_DIR, by default .tildel/pgdata) and start again.');
    return;
  }
  const started = await unlessStopped(shutdown, () => buildServerParts(db, config, options.demoIfEmpty === true, parts, shutdown));
  const { app, jobs } = parts;
  if (!started || !app || !jobs) return;
  try {
    await app.listen({ port, host });
  } catch (error) {
    await jobs.stop();
    await db.close();
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `Port ${port} is taken. Set PORT or use --port to choose another.` : error);
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  printWelcome(`http://${host}:${actualPort}`, await listMunicipalities(db.app));
}

function printWelcome(url: string, municipalities: readonly { id: string; name: string }[]): void {
  const lines = [
    '',
    `tildel is running at ${url}`,
    `  API documentation: ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    '',
    `Demo logins (password "${DEMO_PASSWORD}" for all):`,
  ];
  for (const m of demoMunicipalities().filter((d) => municipalities.some((x) => x.id === d.id))) {
    // Oslo is an organisation fixture for the model report; its leader is the login that matters.
    const staff = m.persons === 0 ? m.staff.filter((s) => s.roles.includes('leader')) : m.staff;
    const users = staff.map((s) => `${s.username} (${s.roles.join('/')})`).join(', ');
    lines.push(`  ${m.name} [${m.id}, ${m.model}]: ${users}`);
  }
  lines.push('', 'Stop with Ctrl+C.');
  console.log(lines.join('\n'));
}
