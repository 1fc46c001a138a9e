/**
 * The chaos script (scripts/chaos.ts), bounded, as CI runs it: two rounds of killing the Node server,
 * the app's database connections and the PostgreSQL postmaster while writers work; every acknowledged
 * write must be found afterwards and the server must answer again. A forged acknowledgement (a write
 * that never happened) shows that the check does find a missing write.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function chaos(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

const number = (out: string, pattern: RegExp) => Number(pattern.exec(out)?.[1] ?? Number.NaN);

describe('the chaos script', () => {
  it('kills the server, the connections and PostgreSQL in two rounds and finds every acknowledged write', async () => {
    const { code, out } = await chaos(['--rounds', '2', '--seconds', '8', '--writers', '3', '--across-minute']);
    expect(code, out).toBe(0);
    expect(out).toContain('kills: node 2, connections 2, postgres 2');
    expect(number(out, /acknowledged writes: (\d+)/), out).toBeGreaterThan(20);
    expect(out).toMatch(/missing: 0\n/);
    expect(out).toContain('chaos: OK: every acknowledged write is present');
  }, 300_000);

  it('fails, naming the write, when an acknowledged write is missing', async () => {
    const { code, out } = await chaos(['--rounds', '1', '--seconds', '2', '--writers', '1', '--forge-ack']);
    expect(code, out).toBe(1);
    expect(out).toMatch(/missing: 1\n\s+lost: [0-9a-f-]{36} v1/);
    expect(out).toContain('chaos: FAILED: acknowledged writes are missing');
  }, 300_000);
});
