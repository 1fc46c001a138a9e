/**
 * The `tildel` command as a user runs it: help for each command, migrate and doctor on a server
 * given by DATABASE_URL, and demo + serve on the embedded PostgreSQL in a fresh folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, serverUrl } from '../helpers/database.ts';
import { freePort } from '../helpers/ports.ts';

const BIN = path.resolve('bin/tildel.mjs');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** As `run`, without blocking the event loop (the test's own server keeps answering meanwhile). */
function runAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

async function emptyDatabaseUrl(): Promise<string> {
  const name = `tildel_test_cli_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return databaseUrl(name);
}

describe('tildel --help', () => {
  it('describes every command', () => {
    const top = run(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'municipality', 'reproject', 'doctor']) {
      expect(top.out).toContain(command);
      const help = run([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.out).toContain(`Usage: tildel ${command}`);
    }
    // Seven processes, each starting Node with tsx: on two busy cores this takes more than the default 30 s.
  }, 120_000);
});

describe('with DATABASE_URL', () => {
  it('migrates, then finds nothing to migrate, and the doctor is satisfied', async () => {
    const env = { DATABASE_URL: await emptyDatabaseUrl() };
    const first = run(['migrate'], env);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('Applied: 0001_foundation');
    const second = run(['migrate'], env);
    expect(second.out).toContain('Nothing to apply.');
    const doctor = run(['doctor'], env);
    expect(doctor.code, doctor.out).toBe(0);
    expect(doctor.out).toMatch(/✓ Node.js/);
    expect(doctor.out).toMatch(/✓ Migrations: all applied/);
    expect(doctor.out).toMatch(/✓ Action log: append-only/);
  });

  it('has the doctor report pending migrations and fail', async () => {
    const doctor = run(['doctor'], { DATABASE_URL: await emptyDatabaseUrl() });
    expect(doctor.code).toBe(1);
    expect(doctor.out).toMatch(/✗ Migrations: pending: 0001_foundation/);
  });

  it('refuses invalid demo options, naming the option', () => {
    const r = run(['demo', '--scale', 'lots']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('--scale');
  });
});

describe('on the embedded PostgreSQL', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tildel-cli-'));
    await chmod(dir, 0o755);
    env = { DATABASE_URL: '', TILDEL_DATA_DIR: path.join(dir, 'pgdata'), TILDEL_PG_PORT: String(await freePort()) };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the demo with a progress bar, then serves it and prints the URL and the demo logins', async () => {
    const demo = run(['demo', '--scale', '0.05', '--seed', '3', '--as-of', '2026-11-01'], env);
    expect(demo.code, demo.out).toBe(0);
    expect(demo.out).toMatch(/granvik: \d+ persons, \d+ cases/);

    const port = await freePort();
    // In a process group of its own, so that the Ctrl-C below reaches it as a terminal's would: the whole group.
    const child = spawn(process.execPath, [BIN, 'serve', '--demo-if-empty', '--port', String(port)], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start: ${output}`)), 60_000);
        child.stdout.on('data', () => output.includes('Stop with Ctrl+C') && (clearTimeout(timer), resolve()));
      });
      expect(output).toContain(`tildel is running at http://localhost:${port}`);
      expect(output).toContain('Granvik kommune [granvik, trust_model]: saksbehandler');
      expect(output).not.toContain('loading the demo');
      const ready = await fetch(`http://localhost:${port}/health/ready`);
      expect(ready.status).toBe(200);
      const login = await fetch(`http://localhost:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ municipality: 'vindnes', username: 'konsulent', password: 'demo' }),
      });
      expect(login.status).toBe(200);
      // While the server runs, doctor and reproject use its embedded PostgreSQL (they used to refuse: folder in use).
      const doctor = await runAsync(['doctor'], env);
      expect(doctor.code, doctor.out).toBe(0);
      expect(doctor.out).toMatch(/✓ Projections: \d+ cases: every case row equals its log/);
      const reproject = await runAsync(['reproject'], env);
      expect(reproject.code, reproject.out).toBe(0);
      // The embedded PostgreSQL runs in a process group of its own: a terminal's Ctrl-C reaches tildel
      // only, which stops the server last (/proc/<pid>/stat: the fifth field is the process group).
      const postmaster = Number((await readFile(path.join(env.TILDEL_DATA_DIR as string, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      const group = Number((await readFile(`/proc/${postmaster}/stat`, 'utf8')).split(') ')[1]?.split(' ')[2]);
      expect(group).toBe(postmaster);
      expect(group).not.toBe(child.pid);
      expect(reproject.out).toMatch(/Reprojected \d+ cases in 6 municipalities: 0 case rows, 0 work-item sets, 0 deadline sets and 0 waiting-list sets differed from their logs and were rebuilt; the month.s delivery kept from the visits was rebuilt in 0 municipalities, and the cases. first assessment, decision and start kept from the actions in 0\./);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-(child.pid as number), 'SIGINT');
      await exited;
    }
    expect(child.exitCode, output).toBe(0);
    // The embedded PostgreSQL did not get the Ctrl-C: it stayed up while the requests and the job runner
    // finished (no connection was cut under them) and was stopped last, cleanly (its lock file is gone).
    expect(output).toContain('tildel: stopped');
    expect(output).not.toContain('closed by the server');
    expect(output).not.toMatch(/shutdown: .* failed|ECONNREFUSED|lost/);
    expect(existsSync(path.join(env.TILDEL_DATA_DIR as string, 'postmaster.pid'))).toBe(false);
    // Four processes in turn (a demo load, the server, doctor, reproject), and the server alone may take 60 s to start above:
    // 14–23 s on CI so far, 30 s (the default timeout) on a host running at half speed.
  }, 120_000);
});
