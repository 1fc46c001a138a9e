/** `tildel doctor`: checks what the system needs and says what to fix. */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../store/database.ts';
import { migrationStatus } from '../store/migrate.ts';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function checkNode(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return { name: 'Node.js', ok, detail: ok ? `v${process.versions.node}` : `v${process.versions.node}; tildel needs 20.19 or newer` };
}

async function checkDatabase(): Promise<Check[]> {
  const config = loadConfig();
  let db;
  try {
    db = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.TILDEL_DATA_DIR,
      pgPort: config.TILDEL_PG_PORT,
      databaseName: config.TILDEL_DB_NAME,
      migrate: false,
    });
  } catch (error) {
    return [{ name: 'Database', ok: false, detail: (error as Error).message }];
  }
  try {
    const version = await db.app.query<{ server_version: string }>('SHOW server_version');
    const status = await migrationStatus(db.owner);
    const role = await db.app.query<{ can_update: boolean }>("SELECT has_table_privilege('case_action', 'UPDATE') AS can_update");
    const appendOnly = role.rows[0]?.can_update === false;
    return [
      { name: 'Database', ok: true, detail: `${db.description}, PostgreSQL ${version.rows[0]?.server_version}` },
      {
        name: 'Migrations',
        ok: status.problem === null && status.pending.length === 0,
        detail: status.problem ?? (status.pending.length ? `pending: ${status.pending.join(', ')}` : 'all applied'),
      },
      { name: 'Action log', ok: appendOnly, detail: appendOnly ? 'append-only for the application role' : 'the application role can UPDATE case_action' },
    ];
  } finally {
    await db.close();
  }
}

export async function doctorCommand(): Promise<void> {
  const checks = [checkNode(), ...(await checkDatabase())];
  for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
}
