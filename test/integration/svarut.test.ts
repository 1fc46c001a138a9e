/**
 * Digital post through SvarUt (issue 21 part 3) on a real PostgreSQL, against the stand-ins for
 * Maskinporten, KRR and SvarUt, each validating what it receives against the published contract: an
 * issued letter is queued with its action, sent by the outbox digitally or to print as KRR says, a
 * person with a protected address never has the address sent, SvarUt's status comes back on the case,
 * an invalid request is refused, and a message sent twice makes one forsendelse.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { channelContext, deliverOutbox } from '../../src/app/outbox.ts';
import type { OutboxMessage } from '../../src/integrations/channel.ts';
import { startKrrStandIn, type KrrStandIn, type KrrStatusKind } from '../../src/integrations/krr/index.ts';
import { MASKINPORTEN_SCOPES, maskinportenToken, newMaskinportenClientKey, startMaskinportenStandIn, type MaskinportenStandIn } from '../../src/integrations/maskinporten/index.ts';
import { startSvarutStandIn, svarutChannel, svarutClient, SvarUtError, type SvarUtStandIn } from '../../src/integrations/svarut/index.ts';
import { saveIntegration } from '../../src/store/integrationConfig.ts';
import { messagesOfCase, type MessageListing } from '../../src/store/outbox.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
const KEY_ENV = 'TILDEL_TEST_SVARUT_MASKINPORTEN_KEY';
const accountId = randomUUID();
const today = norwegianDate();
let m: TestMunicipality;
let office: Client;
let mp: MaskinportenStandIn;
let svarut: SvarUtStandIn;
let krr: KrrStandIn;

beforeAll(async () => {
  const key = await newMaskinportenClientKey();
  process.env[KEY_ENV] = key.privateKey;
  mp = await startMaskinportenStandIn({
    clients: [{ clientId: 'tildel-svarut', publicJwk: key.publicJwk, scopes: [MASKINPORTEN_SCOPES.fiks, MASKINPORTEN_SCOPES.krrDigitalPost, MASKINPORTEN_SCOPES.krrContactInfo], organisationNumber: '974760673' }],
  });
  svarut = await startSvarutStandIn({ maskinportenIssuer: mp.issuer, accountIds: [accountId] });
  krr = await startKrrStandIn({ maskinportenIssuer: mp.issuer });
  m = await createMunicipality(env.db);
  await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    await saveIntegration(tx, 'maskinporten', true, { tokenUrl: mp.tokenUrl, audience: mp.issuer, clientId: 'tildel-svarut', privateKeyRef: `env:${KEY_ENV}` }, null);
    await saveIntegration(tx, 'svarut', true, { baseUrl: svarut.baseUrl, organisationNumber: '974760673', accountId }, null);
    await saveIntegration(tx, 'krr', true, { baseUrl: krr.url }, null);
  });
  office = await Client.login(env.server.url, m.id, 'caseworker');
});

afterAll(async () => {
  await Promise.all([svarut?.close(), krr?.close(), mp?.close()]);
});

const deliver = () => deliverOutbox(env.db, { municipalityId: m.id, channels: [svarutChannel] });
const messages = (caseId: string) => inTenant(env.db.app, { municipalityId: m.id, staffId: null }, (tx) => messagesOfCase(tx, caseId));

async function receipts(caseId: string): Promise<{ outcome: string; detail?: string; reference?: string }[]> {
  const h = await office.get(`/api/v1/cases/${caseId}/actions`);
  return h.body.filter((a: any) => a.type === 'message_receipt' && a.payload.channel === 'svarut').map((a: any) => a.payload);
}

interface Issued {
  readonly caseId: string;
  readonly nationalId: string;
  readonly message: MessageListing;
}

/** A person (KRR status `kind`) whose case gets a provisional reply letter; the letter's SvarUt message. */
async function issueLetter(kind: KrrStatusKind, person: { protectedAddress?: boolean; addressLine?: string } = {}): Promise<Issued> {
  const id = nationalId('1939-04-04');
  krr.setPerson(id, kind);
  const p = await office.command('/api/v1/persons', { nationalId: id, givenName: 'Astrid', familyName: 'Digital', addressLine: person.addressLine ?? 'Fjordvegen 3', postalCode: '6800', postalPlace: 'Førde', protectedAddress: person.protectedAddress ?? false });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  let c = (await office.command('/api/v1/cases', { personId: p.body.id, serviceCode: 'home_nursing', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
  c = (await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'provisional_reply_sent', payload: { sentOn: today, reason: 'Vi venter på opplysninger.', expectedBy: today } } })).body;
  const letter = await office.command(`/api/v1/cases/${c.id}/letters`, { kind: 'provisional_reply' });
  expect(letter.status, JSON.stringify(letter.body)).toBe(201);
  const queued = (await messages(c.id)).filter((x) => x.channel === 'svarut');
  expect(queued).toHaveLength(1);
  return { caseId: c.id, nationalId: id, message: queued[0] as MessageListing };
}

const sentFor = (messageId: string) => svarut.forsendelser().filter((f) => f.metadata.eksternReferanse === messageId);

describe('digital post through SvarUt', () => {
  it('queues an issued letter with its action and sends it digitally when KRR says so; read comes back on the case', async () => {
    const { caseId, nationalId: id, message } = await issueLetter('digital');
    expect(message).toMatchObject({ kind: 'letter', status: 'pending' });
    await deliver();
    const [f] = sentFor(message.id);
    expect(f).toMatchObject({ kind: 'person', accountId });
    const meta = f?.metadata as any;
    expect(meta.mottaker).toMatchObject({ digitalId: id, navn: 'Astrid Digital', adresse: { adresselinje1: 'Fjordvegen 3', postnummer: '6800', poststed: 'Førde' } });
    expect(meta.kunDigitalLevering).toBe(false);
    expect(f?.files).toEqual([expect.objectContaining({ mimeType: 'application/pdf', filename: meta.dokumenter[0].filnavn })]);
    expect((await messages(caseId)).find((x) => x.id === message.id)).toMatchObject({ status: 'sent', reference: f?.id });
    expect(await receipts(caseId)).toEqual([expect.objectContaining({ outcome: 'sent', reference: f?.id, detail: expect.stringContaining('KRR: digital') })]);

    svarut.setStatus(f?.id as string, 'LEVERT_SDP');
    svarut.setStatus(f?.id as string, 'LEST');
    await deliver();
    expect((await receipts(caseId)).map((r) => r.outcome)).toEqual(['sent', 'read']);
    expect((await messages(caseId)).find((x) => x.id === message.id)?.status).toBe('delivered');
  });

  it('sends a reserved person’s letter to print, and the caseworker sees that it was printed', async () => {
    const { caseId, message } = await issueLetter('reserved');
    await deliver();
    const [f] = sentFor(message.id);
    expect(f?.kind).toBe('print');
    expect((f?.metadata as any).mottaker).toEqual({ navn: 'Astrid Digital', adresse: { adresselinje1: 'Fjordvegen 3', postnummer: '6800', poststed: 'Førde' } });
    expect((await receipts(caseId))[0]?.detail).toContain('reserved against digital post; sent to print');
    // Still on its way: no receipt yet.
    svarut.setStatus(f?.id as string, 'AKSEPTERT');
    await deliver();
    expect(await receipts(caseId)).toHaveLength(1);
    svarut.setStatus(f?.id as string, 'PRINTET');
    await deliver();
    expect(await receipts(caseId)).toEqual([expect.objectContaining({ outcome: 'sent' }), expect.objectContaining({ outcome: 'printed', detail: expect.stringContaining('printed and posted') })]);
  });

  it('prints for a person with no digital mailbox or contact information, and reports a failed delivery', async () => {
    const { caseId, message } = await issueLetter('no_contact');
    await deliver();
    const [f] = sentFor(message.id);
    expect(f?.kind).toBe('print');
    svarut.setStatus(f?.id as string, 'IKKE_LEVERT');
    await deliver();
    expect((await receipts(caseId)).map((r) => r.outcome)).toEqual(['sent', 'failed']);
    expect((await messages(caseId)).find((x) => x.id === message.id)?.status).toBe('failed');
  });
});

describe('a person with a protected address', () => {
  const ADDRESS = 'Skjultvegen 99';

  it('reachable digitally: sent by identity number only, digital delivery only, never with the address', async () => {
    const { message } = await issueLetter('digital', { protectedAddress: true, addressLine: ADDRESS });
    await deliver();
    const [f] = sentFor(message.id);
    expect(f?.kind).toBe('person');
    const meta = f?.metadata as any;
    expect(meta.mottaker.adresse).toBeUndefined();
    expect(meta.kunDigitalLevering).toBe(true);
    expect(JSON.stringify(svarut.forsendelser())).not.toContain(ADDRESS);
  });

  it('not reachable digitally: nothing goes to SvarUt; the message fails to a person with the rule', async () => {
    const before = svarut.forsendelser().length;
    const { caseId, message } = await issueLetter('reserved', { protectedAddress: true, addressLine: ADDRESS });
    await deliver();
    expect(svarut.forsendelser()).toHaveLength(before);
    const msg = (await messages(caseId)).find((x) => x.id === message.id);
    expect(msg?.status).toBe('failed');
    expect(msg?.lastError).toContain('channel for persons with a protected address');
    expect(JSON.stringify(svarut.forsendelser())).not.toContain(ADDRESS);
    // The caseworker sees it as work on the case.
    const view = (await office.get(`/api/v1/cases/${caseId}`)).body;
    expect(view.workItems.find((w: any) => w.key === `message:${message.id}`)).toMatchObject({ kind: 'message_failed' });
  });
});

describe('the stand-ins refuse what the real services refuse', () => {
  const ctx = () => channelContext(env.db, m.id);
  const pdf = { filename: 'brev.pdf', mimeType: 'application/pdf', content: new TextEncoder().encode('%PDF-1.7\n%%EOF') };
  const forsendelse = (over: Record<string, unknown> = {}) =>
    ({ tittel: 'Vedtak', mottaker: { navn: 'Ola Nordmann', digitalId: nationalId() }, dokumenter: [{ filnavn: 'brev.pdf', mimeType: 'application/pdf', skalSigneres: false }], ...over }) as any;

  it('refuses a forsendelse that breaks KS’s schema, an invalid identity number, files that do not match, and no token', async () => {
    const client = svarutClient(svarut.baseUrl, await maskinportenToken(ctx(), [MASKINPORTEN_SCOPES.fiks]));
    const refused = async (call: Promise<unknown>, status: string) => {
      const e = await call.then(() => null).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SvarUtError);
      expect((e as SvarUtError).transient).toBe(false);
      expect((e as SvarUtError).message).toContain(status);
    };
    const before = svarut.forsendelser().length;
    await refused(client.sendToPerson(accountId, forsendelse({ tittel: '' }), [pdf]), '(400)');
    await refused(client.sendToPerson(accountId, forsendelse({ mottaker: { navn: 'Ola', digitalId: '12345678901' } }), [pdf]), '(400)');
    await refused(client.sendToPerson(accountId, forsendelse(), [{ ...pdf, filename: 'annet.pdf' }]), '(400)');
    await refused(client.sendToPerson(accountId, forsendelse(), [{ ...pdf, content: new TextEncoder().encode('not a pdf') }]), '(400)');
    await refused(client.sendToPrint(accountId, forsendelse(), [pdf]), '(400)'); // a print forsendelse needs a postal address
    await refused(client.sendToPerson(randomUUID(), forsendelse(), [pdf]), '(404)');
    const anonymous = await svarutClient(svarut.baseUrl, 'not-a-token').statuses(accountId, [randomUUID()]).catch((x: unknown) => x);
    expect((anonymous as SvarUtError).message).toContain('(401)');
    expect(svarut.forsendelser()).toHaveLength(before);
    expect(svarut.refusals().some((r) => r.includes('/tittel'))).toBe(true);
    expect(svarut.refusals().some((r) => r.includes('UGYLDIG_DIGITALID'))).toBe(true);
  });

  it('KRR refuses a look-up outside its contract and one without a KRR scope', async () => {
    const token = await maskinportenToken(ctx(), [MASKINPORTEN_SCOPES.krrDigitalPost]);
    const post = (auth: string, body: unknown) => fetch(`${krr.url}/rest/v1/personer`, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(token, { personidentifikatorer: [] })).status).toBe(400);
    expect((await post(token, { personidentifikatorer: ['123'] })).status).toBe(400);
    const fiksOnly = await maskinportenToken(ctx(), [MASKINPORTEN_SCOPES.fiks]);
    expect((await post(fiksOnly, { personidentifikatorer: [nationalId()] })).status).toBe(401);
    const ok = await post(token, { personidentifikatorer: [nationalId()] });
    expect(ok.status).toBe(200);
    // Only the digital post scope: no contact information in the answer.
    expect(((await ok.json()) as any).personer[0].kontaktinformasjon).toBeUndefined();
  });
});

describe('idempotency', () => {
  it('a message sent twice (the first answer lost) makes one forsendelse', async () => {
    const { message } = await issueLetter('digital');
    const queued: OutboxMessage = { id: message.id, municipalityId: m.id, caseId: null, channel: 'svarut', kind: 'letter', payload: {}, attempts: 0, reference: null };
    const payload = await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => (await tx.query<{ payload: Record<string, unknown> }>('SELECT payload FROM outbox_message WHERE id = $1', [message.id])).rows[0]?.payload);
    const first = await svarutChannel.send({ ...queued, payload: payload ?? {} }, channelContext(env.db, m.id));
    const second = await svarutChannel.send({ ...queued, payload: payload ?? {}, attempts: 1 }, channelContext(env.db, m.id));
    expect(first).toMatchObject({ result: 'sent' });
    expect(second).toMatchObject({ result: 'sent', reference: (first as { reference: string }).reference, detail: expect.stringContaining('not sent again') });
    expect(sentFor(message.id)).toHaveLength(1);
    // The outbox's own run afterwards does not send it a third time either.
    await deliver();
    expect(sentFor(message.id)).toHaveLength(1);
  });
});
