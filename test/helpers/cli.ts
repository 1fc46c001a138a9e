/** Runs the `tildel` command in another process, without blocking the test's event loop. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('bin/tildel.mjs');

export function tildel(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}
