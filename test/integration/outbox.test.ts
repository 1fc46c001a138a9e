/**
 * The outbox (issue 21 part 1) on a real PostgreSQL: a message queued with its case is sent after
 * commit, retried with backoff, its receipts recorded on the case, a failure turned into a work item
 * a caseworker answers, and a crash between the remote's acceptance and the commit neither loses the
 * message nor delivers it twice. The channel here is a recording service that honours the message id
 * as its idempotency key, as the national services do; each integration's own test runs its real
 * client against its stand-in.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/app/outbox.ts';
import type { Channel, OutboxMessage, ReceiptUpdate, SendOutcome } from '../../src/integrations/channel.ts';
import { queueMessage } from '../../src/store/outbox.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let office: Client;
let admin: Client;

/** A service that records what it accepted, once per message id, and answers as the test scripts it. */
class RecordingService {
  readonly accepted = new Map<string, OutboxMessage>();
  calls = 0;
  script: SendOutcome[] = [];
  receipts: ReceiptUpdate[] = [];
  onSend: (() => Promise<void>) | null = null;
  channel(): Channel {
    return {
      name: 'svarut',
      send: async (message) => {
        this.calls += 1;
        const outcome = this.script.shift() ?? { result: 'sent', reference: `ref-${message.id.slice(0, 8)}` };
        if (outcome.result === 'sent' || outcome.result === 'delivered') this.accepted.set(message.id, message);
        await this.onSend?.();
        return outcome;
      },
      pollReceipts: async (sent) => {
        const ids = new Set(sent.map((s) => s.id));
        const found = this.receipts.filter((r) => ids.has(r.messageId));
        this.receipts = this.receipts.filter((r) => !ids.has(r.messageId));
        return found;
      },
    };
  }
}

beforeAll(async () => {
  m = await createMunicipality(env.db);
  office = await Client.login(env.server.url, m.id, 'caseworker');
  admin = await Client.login(env.server.url, m.id, 'admin');
});

async function newCase(): Promise<{ id: string; version: number }> {
  const p = await office.command('/api/v1/persons', { nationalId: nationalId('1940-05-05'), givenName: 'Olga', familyName: 'Utboks' });
  const c = await office.command('/api/v1/cases', { personId: p.body.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: '2026-11-20', description: 'Søknad' });
  expect(c.status).toBe(201);
  return c.body;
}

async function queue(caseId: string, kind = 'letter'): Promise<string> {
  const id = await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, (tx) => queueMessage(tx, { caseId, channel: 'svarut', kind, dedupeKey: `test:${randomUUID()}`, payload: { letterId: randomUUID() } }));
  if (!id) throw new Error('not queued');
  return id;
}

async function receipts(caseId: string): Promise<{ outcome: string; reference?: string; messageId: string }[]> {
  const h = await office.get(`/api/v1/cases/${caseId}/actions`);
  return h.body.filter((a: any) => a.type === 'message_receipt').map((a: any) => a.payload);
}

const put = (who: Client, path: string, body: unknown) => who.request('PUT', path, body, { 'idempotency-key': randomUUID() });

async function messages(caseId: string): Promise<any[]> {
  const r = await office.get(`/api/v1/cases/${caseId}/messages`);
  expect(r.status).toBe(200);
  return r.body;
}

describe('the outbox', () => {
  it('sends after commit, backs off on a transient failure, and records the sending and the receipt on the case', async () => {
    const c = await newCase();
    const id = await queue(c.id);
    const service = new RecordingService();
    service.script = [{ result: 'retry', error: 'HTTP 503' }];
    let now = new Date();
    const run = (at: Date) => deliverOutbox(env.db, { channels: [service.channel()], municipalityId: m.id, now: () => at });

    await run(now);
    let [msg] = await messages(c.id);
    expect(msg).toMatchObject({ id, status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    expect(await receipts(c.id)).toEqual([]);
    // Not due again until the pause has passed.
    await run(now);
    expect(service.calls).toBe(1);

    now = new Date(now.getTime() + 2 * 60_000);
    await run(now);
    [msg] = await messages(c.id);
    expect(msg).toMatchObject({ status: 'sent', attempts: 2, reference: `ref-${id.slice(0, 8)}` });
    expect(await receipts(c.id)).toEqual([expect.objectContaining({ messageId: id, outcome: 'sent' })]);

    service.receipts = [{ messageId: id, outcome: 'printed', detail: 'Ikke digital postkasse' }];
    await run(now);
    [msg] = await messages(c.id);
    expect(msg.status).toBe('delivered');
    expect((await receipts(c.id)).map((r) => r.outcome)).toEqual(['sent', 'printed']);
    // A settled message is not sent again.
    await run(new Date(now.getTime() + 86_400_000));
    expect(service.calls).toBe(2);
  });

  it('a message the service refuses becomes a work item the caseworker answers', async () => {
    const c = await newCase();
    const id = await queue(c.id);
    const service = new RecordingService();
    service.script = [{ result: 'rejected', error: 'Mottaker finnes ikke' }];
    await deliverOutbox(env.db, { channels: [service.channel()], municipalityId: m.id });
    expect((await messages(c.id))[0]).toMatchObject({ status: 'failed', lastError: 'Mottaker finnes ikke' });
    let view = (await office.get(`/api/v1/cases/${c.id}`)).body;
    const item = view.workItems.find((w: any) => w.key === `message:${id}`);
    expect(item).toMatchObject({ kind: 'message_failed' });
    expect(item.answeredBy).toContain('follow_up_answered');
    // The caseworker sends the letter another way and answers the item.
    const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: view.version, action: { type: 'follow_up_answered', payload: { itemKey: `message:${id}`, reasons: 'Sendt i posten manuelt' } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    view = (await office.get(`/api/v1/cases/${c.id}`)).body;
    expect(view.workItems.some((w: any) => w.key === `message:${id}`)).toBe(false);
  });

  it('retries spent become a failure a person sees, not a silent loss', async () => {
    const c = await newCase();
    await queue(c.id);
    const service = new RecordingService();
    service.script = Array.from({ length: 20 }, () => ({ result: 'retry' as const, error: 'timeout' }));
    let at = new Date();
    for (let n = 0; n < 12; n++) {
      await deliverOutbox(env.db, { channels: [service.channel()], municipalityId: m.id, now: () => at });
      at = new Date(at.getTime() + 2 * 86_400_000);
    }
    const [msg] = await messages(c.id);
    expect(msg.status).toBe('failed');
    expect(msg.attempts).toBe(service.calls);
    expect((await receipts(c.id)).map((r) => r.outcome)).toEqual(['failed']);
  });

  it('a crash after the service accepted and before the commit sends again under the same id, delivered once', async () => {
    const c = await newCase();
    const id = await queue(c.id);
    const service = new RecordingService();
    // The process loses its database connection right after the service accepted the message.
    service.onSend = async () => {
      service.onSend = null;
      await env.db.owner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`);
    };
    await expect(deliverOutbox(env.db, { channels: [service.channel()], municipalityId: m.id })).rejects.toThrow();
    expect((await messages(c.id))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    await deliverOutbox(env.db, { channels: [service.channel()], municipalityId: m.id });
    expect(service.calls).toBe(2);
    expect(service.accepted.size).toBe(1);
    expect((await messages(c.id))[0]).toMatchObject({ id, status: 'sent', attempts: 1 });
    expect((await receipts(c.id)).map((r) => r.outcome)).toEqual(['sent']);
  });

  it('sends what is queued on a server whose clock is fixed in the past (TILDEL_CLOCK)', async () => {
    const c = await newCase();
    const id = await queue(c.id);
    const service = new RecordingService();
    await deliverOutbox(env.db, { channels: [service.channel()], municipalityId: m.id, now: () => new Date('2021-03-01T09:00:00Z') });
    expect(service.accepted.has(id)).toBe(true);
    expect((await messages(c.id))[0]).toMatchObject({ status: 'sent' });
  });

  it('one cause queues one message', async () => {
    const c = await newCase();
    const key = `letter:${randomUUID()}`;
    const twice = await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => [
      await queueMessage(tx, { caseId: c.id, channel: 'svarut', kind: 'letter', dedupeKey: key, payload: {} }),
      await queueMessage(tx, { caseId: c.id, channel: 'svarut', kind: 'letter', dedupeKey: key, payload: {} }),
    ]);
    expect(twice[0]).not.toBeNull();
    expect(twice[1]).toBeNull();
    expect(await messages(c.id)).toHaveLength(1);
  });
});

describe('the integration settings', () => {
  it('the administrator saves a service’s settings; a bad field is named and nothing changes', async () => {
    const list = await admin.get('/api/v1/integrations');
    expect(list.status).toBe(200);
    const svarut = list.body.find((i: any) => i.service === 'svarut');
    expect(svarut.configured).toBe(false);
    expect(svarut.fields.map((f: any) => f.name)).toContain('baseUrl');

    const bad = await put(admin, '/api/v1/integrations/maskinporten', { enabled: true, settings: { tokenUrl: 'ikke en adresse', audience: 'https://maskinporten.no/', clientId: 'abc', privateKeyRef: '-----BEGIN PRIVATE KEY-----' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['settings.privateKeyRef', 'settings.tokenUrl']);
    expect((await admin.get('/api/v1/integrations')).body.find((i: any) => i.service === 'maskinporten').configured).toBe(false);

    const good = await put(admin, '/api/v1/integrations/maskinporten', { enabled: true, settings: { tokenUrl: 'https://test.maskinporten.no/token', audience: 'https://test.maskinporten.no/', clientId: 'abc', privateKeyRef: 'env:TILDEL_MASKINPORTEN_KEY' } });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect((await admin.get('/api/v1/integrations')).body.find((i: any) => i.service === 'maskinporten')).toMatchObject({ configured: true, enabled: true, settings: { clientId: 'abc' } });
  });

  it('only the administrator reads or changes them', async () => {
    expect((await office.get('/api/v1/integrations')).status).toBe(403);
    const r = await put(office, '/api/v1/integrations/krr', { enabled: true, settings: { baseUrl: 'https://krr.example' } });
    expect(r.status).toBe(403);
  });
});
