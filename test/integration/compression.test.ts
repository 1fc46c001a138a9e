/** Responses travel compressed when the client accepts it (issue 18): lists and the web bundle, not tiny answers. */
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, PASSWORD, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let token: string;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  const login = await new Client(env.server.url).post('/api/v1/auth/login', { municipality: m.id, username: 'caseworker', password: PASSWORD });
  token = login.body?.token;
});

describe('compression', () => {
  it('compresses the service catalogue with gzip when asked, and it reads back as the same JSON', async () => {
    const plain = await fetch(`${env.server.url}/api/v1/services`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const { request } = await import('node:http');
    const url = new URL(`${env.server.url}/api/v1/services`);
    const body = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
      const req = request(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body.encoding).toBe('gzip');
    expect(body.bytes.length).toBeLessThan(text.length);
    expect(JSON.parse(gunzipSync(body.bytes).toString('utf8'))).toEqual(JSON.parse(text));
  });

  it('leaves a small answer as it is', async () => {
    const r = await fetch(`${env.server.url}/health/live`, { headers: { 'accept-encoding': 'gzip' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBeNull();
  });
});
