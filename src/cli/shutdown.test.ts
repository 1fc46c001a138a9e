import { describe, expect, it } from 'vitest';
import { runShutdown } from './shutdown.ts';

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
