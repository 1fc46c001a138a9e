/** Shared start-up for CLI commands: settings, database, and a clean exit with a readable error. */
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { withTenantRoutes } from '../store/routedDatabase.ts';
import { readTenantRoutes } from '../store/routing.ts';

/**
 * Opens the database the settings name: DATABASE_URL, or the embedded server; with
 * TILDEL_TENANT_ROUTES, also the servers the routes place municipalities on (routing.ts).
 */
export async function openConfiguredDatabase(
  config: Config,
  { migrate = true, attachIfRunning = false, idleConnectionMs }: { migrate?: boolean; attachIfRunning?: boolean; idleConnectionMs?: number } = {},
): Promise<Database> {
  const routes = config.TILDEL_TENANT_ROUTES ? readTenantRoutes(config.TILDEL_TENANT_ROUTES) : null;
  const home = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.TILDEL_DATA_DIR,
    pgPort: config.TILDEL_PG_PORT,
    databaseName: config.TILDEL_DB_NAME,
    migrate,
    attachIfRunning,
    idleConnectionMs,
  });
  if (!routes) return home;
  try {
    return await withTenantRoutes(home, routes, migrate, idleConnectionMs);
  } catch (error) {
    await home.close();
    throw error;
  }
}

export async function withDatabase<T>(work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openConfiguredDatabase(config);
  try {
    return await work(db, config);
  } finally {
    await db.close();
  }
}

/** Prints an error for a human and exits non-zero; stack traces only with DEBUG set. */
export function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\ntildel: ${message}`);
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
  process.exit(1);
}
