import { describe, expect, it } from 'vitest';
import { REPEAT_WITHIN_MS, runShutdown, signalHandler } from './shutdown.ts';

describe('runShutdown', () => {
  it('runs every step in order, also after one fails, and ends with code 1 if any failed', async () => {
    const done: string[] = [];
    const log: string[] = [];
    const code = await runShutdown(
      [
        { name: 'the HTTP server', run: async () => void done.push('http') },
        { name: 'the job runner', run: async () => Promise.reject(new Error('stuck')) },
        { name: 'the database', run: async () => void done.push('db') },
      ],
      (m) => log.push(m),
    );
    expect(done).toEqual(['http', 'db']);
    expect(code).toBe(1);
    expect(log).toEqual(['shutdown: the job runner failed: stuck']);
  });

  it('ends with code 0 when every step succeeds', async () => {
    expect(await runShutdown([{ name: 'x', run: async () => undefined }], () => undefined)).toBe(0);
  });
});

describe('a signal', () => {
  const setup = () => {
    let clock = 0;
    let finish: () => void = () => undefined;
    const log: string[] = [];
    const exits: number[] = [];
    const step = { name: 'the database', run: () => new Promise<void>((resolve) => { finish = resolve; }) };
    const h = signalHandler([step], { log: (m) => log.push(m), exit: (c) => void exits.push(c), now: () => clock, limitMs: 60_000 });
    return { h, log, exits, tick: (ms: number) => { clock += ms; }, finish: () => finish() };
  };

  it('repeated at once (npm start passing on the same Ctrl-C) is one: the shutdown finishes and says so', async () => {
    const { h, log, exits, tick, finish } = setup();
    h.onSignal('SIGINT');
    tick(REPEAT_WITHIN_MS - 1);
    h.onSignal('SIGINT');
    expect(exits).toEqual([]);
    expect(h.started).toBe(true);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(exits).toEqual([0]);
    expect(log).toEqual(['SIGINT: finishing the requests in flight and the current job, then stopping', 'stopped']);
  });

  it('sent again later ends the process at once', () => {
    const { h, log, exits, tick } = setup();
    h.onSignal('SIGINT');
    tick(REPEAT_WITHIN_MS);
    h.onSignal('SIGINT');
    expect(exits).toEqual([1]);
    expect(log.at(-1)).toBe('SIGINT again: stopping at once');
  });
});
