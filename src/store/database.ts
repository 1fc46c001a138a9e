/**
 * The connection to PostgreSQL: DATABASE_URL if set, otherwise the embedded server. Two pools: the
 * owner's, used only for migrations and tenant creation, and the application's, whose connections
 * act as the role tildel_app (no UPDATE or DELETE on the action log, row level security on).
 */
import pg from 'pg';
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';
import { guardPool } from './faults.ts';
import { migrate, type MigrationReport } from './migrate.ts';

// Local dates (type date) stay strings: a Norwegian legal date must not shift with a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// int8 (count(*)) as number: counts here are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export const APP_ROLE = 'tildel_app';
/** The application_name of our connections (pg_stat_activity), so an operator can tell them apart. */
export const APP_APPLICATION_NAME = 'tildel';
export const OWNER_APPLICATION_NAME = 'tildel-owner';
/** A database that does not answer within this is reported (a request answers 503) instead of waited for. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long an idle application connection is kept by default (node-postgres' own default). */
const DEFAULT_IDLE_MS = 10_000;
/**
 * How long the running server keeps an idle application connection (issue 18). A new PostgreSQL
 * backend reads every page of a large table for the first time through page faults on the shared
 * buffers: on the 2-core host a report's first call on a fresh connection took about half a second
 * longer (the steering card on the Oslo set: 1.9–2.2 s after 15 s idle, 1.4–1.5 s after 3 s). With
 * node-postgres' default of 10 s, every report a leader opened after a pause paid that again.
 */
export const SERVER_IDLE_CONNECTION_MS = 15 * 60_000;

export interface DatabaseOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly pgPort: number;
  readonly databaseName: string;
  /** Apply pending migrations on open (default true; `tildel doctor` only looks). */
  readonly migrate?: boolean;
  /** Use an embedded server that a running `tildel serve` already started on the data folder, instead of starting one. */
  readonly attachIfRunning?: boolean;
  /** How long an idle application connection is kept (default 10 s; the server keeps them longer, SERVER_IDLE_CONNECTION_MS). */
  readonly idleConnectionMs?: number;
}

export interface Database {
  /** Owner connections: migrations and creating municipalities. */
  readonly owner: pg.Pool;
  /** Application connections, as the role tildel_app. */
  readonly app: pg.Pool;
  /** Where the data is, for humans (no password). */
  readonly description: string;
  readonly migrations: MigrationReport;
  close(): Promise<void>;
}

/** Opens the database, starting the embedded server if needed, and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let url = options.databaseUrl;
  const running = !url && options.attachIfRunning ? runningEmbeddedUrl(options.dataDir) : null;
  if (running) {
    url = await ensureDatabase(running, options.databaseName);
  } else if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.pgPort });
    url = await ensureDatabase(embedded.url, options.databaseName);
  }
  try {
    return await connect(url, describe(url, embedded ? options.dataDir : null), embedded, options.migrate ?? true, options.idleConnectionMs);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** Connects to an existing database, migrates it, and opens both pools. */
export async function connect(
  url: string,
  description: string,
  embedded: EmbeddedServer | null = null,
  applyMigrations = true,
  idleConnectionMs = DEFAULT_IDLE_MS,
): Promise<Database> {
  // The owner pool also serves the job runner (graphile-worker keeps one connection listening).
  const owner = new pg.Pool({ connectionString: url, max: 4, application_name: OWNER_APPLICATION_NAME, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  guardPool(owner, () => undefined);
  let migrations: MigrationReport;
  try {
    migrations = applyMigrations ? await migrate(owner) : { applied: [], alreadyApplied: [], vacuumed: [] };
  } catch (error) {
    await owner.end();
    throw error;
  }
  // Every application connection starts as tildel_app (a startup parameter, so no query can run before it).
  const app = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: idleConnectionMs, options: `-c role=${APP_ROLE}`, application_name: APP_APPLICATION_NAME, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection can be cut by the server (restart, failover, pg_terminate_backend); pg reports that
  // as an event, which must not crash the process (faults.ts). The next query opens a new connection.
  let closing = false;
  const onConnectionError = (error: Error) => {
    if (!closing) console.warn(`tildel: a database connection was closed by the server: ${error.message}`);
  };
  owner.on('error', onConnectionError);
  guardPool(app, onConnectionError);
  return {
    owner,
    app,
    description,
    migrations,
    async close() {
      closing = true;
      await Promise.all([app.end(), owner.end()]);
      await embedded?.stop();
    },
  };
}

/** Creates the named database on the server if it does not exist, and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function describe(url: string, dataDir: string | null): string {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  return dataDir ? `embedded PostgreSQL at ${where}, data in ${dataDir}` : `PostgreSQL at ${where}`;
}
