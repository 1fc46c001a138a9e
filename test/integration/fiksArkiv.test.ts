/**
 * The archive through Fiks Arkiv (issue 21 part 4), against the Fiks IO + archive stand-in on a real
 * PostgreSQL: the incoming application and an issued decision letter are queued with their actions,
 * sent by the outbox as arkivmeldinger the stand-in validates against KS's XSD, and the archive's
 * receipt comes back on the case as 'archived' with the journalpost's reference. An invalid message is
 * refused with the protocol's error message, and a message sent twice is archived once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norwegianDate } from '../../src/app/clock.ts';
import { channelContext, deliverOutbox } from '../../src/app/outbox.ts';
import type { CaseAction, CaseState } from '../../src/domain/case/index.ts';
import type { OutboxMessage } from '../../src/integrations/channel.ts';
import { asice } from '../../src/integrations/fiksArkiv/asice.ts';
import { fiksArkivChannel } from '../../src/integrations/fiksArkiv/channel.ts';
import { archiveCause } from '../../src/integrations/fiksArkiv/cause.ts';
import { CORRELATION_HEADER, sendMessage } from '../../src/integrations/fiksArkiv/fiksIo.ts';
import { MESSAGE_TYPES } from '../../src/integrations/fiksArkiv/messageTypes.ts';
import { startFiksArkivStandIn, type FiksArkivStandIn } from '../../src/integrations/fiksArkiv/standIn.ts';
import { MASKINPORTEN_SCOPES, newMaskinportenClientKey, startMaskinportenStandIn } from '../../src/integrations/maskinporten/index.ts';
import { saveIntegration } from '../../src/store/integrationConfig.ts';
import { messagesOfCase } from '../../src/store/outbox.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseworker: Client;
let standIn: FiksArkivStandIn;
const ourAccount = randomUUID();
const PASSWORD_ENV = 'TILDEL_TEST_FIKS_ARKIV_PASSWORD';
const today = norwegianDate();

beforeAll(async () => {
  process.env[PASSWORD_ENV] = 'stand-in';
  standIn = await startFiksArkivStandIn();
  m = await createMunicipality(env.db);
  await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, (tx) => saveIntegration(tx, 'fiks_arkiv', true, { ...standIn.settings(ourAccount, `env:${PASSWORD_ENV}`), subjectClassSystem: 'KK', subjectClass: 'G21' }, null));
  caseworker = await Client.login(env.server.url, m.id, 'caseworker');
});

afterAll(async () => {
  await standIn?.close();
});

const deliver = () => deliverOutbox(env.db, { municipalityId: m.id, channels: [fiksArkivChannel] });
const ctx = () => channelContext(env.db, m.id);

async function history(caseId: string): Promise<any[]> {
  return (await caseworker.get(`/api/v1/cases/${caseId}/actions`)).body;
}

async function messages(caseId: string) {
  return inTenant(env.db.app, { municipalityId: m.id, staffId: null }, (tx) => messagesOfCase(tx, caseId));
}

async function outboxMessage(id: string): Promise<OutboxMessage> {
  return inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    const { rows } = await tx.query('SELECT id, municipality_id, case_id, channel, kind, payload, attempts, reference FROM outbox_message WHERE id = $1', [id]);
    const r = rows[0];
    return { id: r.id, municipalityId: r.municipality_id, caseId: r.case_id, channel: r.channel, kind: r.kind, payload: r.payload, attempts: r.attempts, reference: r.reference };
  });
}

let application: { caseId: string; messageId: string; nationalId: string };

describe('the incoming application', () => {
  it('is archived as an incoming journalpost (I) with Noark metadata, and the receipt stores the archive’s reference on the case', async () => {
    const fnr = nationalId('1938-05-05');
    const person = (await caseworker.command('/api/v1/persons', { nationalId: fnr, givenName: 'Arkiv', familyName: 'Søker', addressLine: 'Fjordveien 2', postalCode: '6800', postalPlace: 'Førde' })).body;
    const c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Trenger hjelp til rengjøring og innkjøp.' })).body;
    const queued = await messages(c.id);
    expect(queued).toMatchObject([{ channel: 'fiks_arkiv', kind: 'arkivmelding', status: 'pending' }]);

    const run = await deliver();
    expect(run.sent).toBe(1);
    expect(run.receipts).toBe(1);
    const record = standIn.archived().find((r) => r.caseKey === c.id);
    expect(record).toMatchObject({
      journalposttype: 'I',
      documentType: 'SØKNAD',
      format: 'RA-PDF',
      title: 'Søknad om praktisk bistand - Arkiv Søker',
      publicTitle: 'Søknad om praktisk bistand - *****',
      restriction: { code: '13', authority: 'Offl. § 13 jf. fvl. § 13' },
      party: { type: 'EA', name: 'Arkiv Søker', personid: fnr, address: ['Fjordveien 2'], screened: true },
    });
    expect(record?.classes).toEqual([{ system: 'FNR', id: fnr }, { system: 'KK', id: 'G21' }]);
    expect(c.caseNumber).toMatch(/\d/);
    expect(record?.mappeTitle).toBe(`Praktisk bistand - sak ${c.caseNumber} - Arkiv Søker`);
    expect(record?.file.subarray(0, 5).toString()).toBe('%PDF-');

    const [msg] = await messages(c.id);
    expect(msg).toMatchObject({ status: 'delivered', reference: record?.reference });
    const receipts = (await history(c.id)).filter((a: any) => a.type === 'message_receipt');
    expect(receipts.map((a: any) => a.payload.outcome)).toEqual(['sent', 'archived']);
    expect(receipts[1].payload).toMatchObject({ channel: 'fiks_arkiv', kind: 'arkivmelding', reference: record?.reference });
    application = { caseId: c.id, messageId: msg?.id ?? '', nationalId: fnr };
  });
});

describe('a decision letter', () => {
  it('is archived as outgoing (U) with the stored PDF/A, and a protected address is never sent', async () => {
    const person = (await caseworker.command('/api/v1/persons', { nationalId: nationalId('1936-02-02'), givenName: 'Skjermet', familyName: 'Mottaker', addressLine: 'Hemmelig vei 1', postalCode: '0150', postalPlace: 'Oslo', protectedAddress: true })).body;
    let c = (await caseworker.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    await completeAssessment(caseworker, person.id, { caseId: c.id });
    c = (await caseworker.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('practical_help', { validFrom: today }) })).body;
    const letter = await caseworker.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status).toBe(201);
    expect((await messages(c.id)).map((x) => x.status)).toEqual(['pending', 'pending']);

    await deliver();
    const records = standIn.archived().filter((r) => r.caseKey === c.id);
    expect(records.map((r) => r.journalposttype)).toEqual(['I', 'U']);
    const decision = records[1];
    expect(decision).toMatchObject({ documentType: 'VEDTAK', title: `${letter.body.title} - Skjermet Mottaker`, party: { type: 'EM', name: 'Skjermet Mottaker', address: [], screened: true } });
    expect(decision?.xml).not.toContain('Hemmelig vei');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(decision?.file ?? Buffer.alloc(0)).digest('hex')).toBe(letter.body.sha256);
    // Both journalposter are in the one saksmappe of the case.
    expect(new Set(records.map((r) => r.caseKey)).size).toBe(1);
    const archived = (await history(c.id)).filter((a: any) => a.type === 'message_receipt' && a.payload.outcome === 'archived');
    expect(archived.map((a: any) => a.payload.reference).sort()).toEqual(records.map((r) => r.reference).sort());
  });
});

describe('an invalid arkivmelding', () => {
  it('is refused by the archive with ugyldigforespoersel, and the channel turns that into failed with the reason', async () => {
    const before = standIn.refusals().length;
    const invalid = `<?xml version="1.0" encoding="UTF-8"?>\n<arkivmelding xmlns="https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"><antallFiler>0</antallFiler></arkivmelding>`;
    const access = { baseUrl: standIn.url, integrationId: randomUUID(), integrationPassword: 'stand-in', token: null };
    const meta = { avsenderKontoId: ourAccount, mottakerKontoId: standIn.archiveAccountId, meldingType: MESSAGE_TYPES.create };
    const answer = await sendMessage(access, meta, asice([{ name: 'arkivmelding.xml', data: Buffer.from(invalid) }]));
    expect(answer.ok).toBe(true);
    expect(standIn.refusals().length).toBe(before + 1);
    expect(standIn.refusals().at(-1)?.message).toMatch(/does not validate against no\.ks\.fiks\.arkiv\.v1\.arkivering\.arkivmelding\.opprett\.xsd.*system/);

    const fake: OutboxMessage = { id: randomUUID(), municipalityId: m.id, caseId: null, channel: 'fiks_arkiv', kind: 'arkivmelding', payload: {}, attempts: 1, reference: answer.ok ? answer.melding.meldingId : null };
    const updates = await fiksArkivChannel.pollReceipts?.([fake], ctx());
    expect(updates).toEqual([{ messageId: fake.id, outcome: 'failed', detail: expect.stringMatching(/^The archive refused the message \(ugyldigforespoersel, feilId [0-9a-f-]+\): arkivmelding\.xml does not validate/) }]);
  });

  it('is refused by Fiks IO without the integration’s password', async () => {
    const access = { baseUrl: standIn.url, integrationId: randomUUID(), integrationPassword: 'wrong', token: null };
    const answer = await sendMessage(access, { avsenderKontoId: ourAccount, mottakerKontoId: standIn.archiveAccountId, meldingType: MESSAGE_TYPES.create }, asice([]));
    expect(answer).toMatchObject({ ok: false, status: 401 });
  });
});

describe('the same message sent twice', () => {
  it('is archived once: the archive answers Eksisterende with the same reference', async () => {
    const count = standIn.archived().length;
    const first = standIn.archived().find((r) => r.caseKey === application.caseId);
    const message = await outboxMessage(application.messageId);
    const again = await fiksArkivChannel.send(message, ctx());
    expect(again).toMatchObject({ result: 'sent' });
    expect(again.result === 'sent' && again.reference).not.toBe(message.reference);
    expect(standIn.archived().length).toBe(count);

    const updates = await fiksArkivChannel.pollReceipts?.([{ ...message, reference: again.result === 'sent' ? (again.reference ?? null) : null }], ctx());
    expect(updates).toEqual([{ messageId: message.id, outcome: 'archived', reference: first?.reference, detail: expect.stringContaining('already registered') }]);
  });

  it('is queued once when its cause is seen twice, and leaves one archived receipt on the case with its answers acknowledged', async () => {
    const opening = (await history(application.caseId))[0] as CaseAction;
    const queued = await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
      await archiveCause.queue(tx, { caseId: application.caseId, action: opening, state: {} as CaseState });
      return messagesOfCase(tx, application.caseId);
    });
    expect(queued).toHaveLength(1);
    await deliver();
    const receipts = (await history(application.caseId)).filter((a: any) => a.type === 'message_receipt');
    expect(receipts.map((a: any) => a.payload.outcome)).toEqual(['sent', 'archived']);
    // Every answer about the message (to both sends) is acknowledged at the next poll once the message is settled.
    expect(await fiksArkivChannel.pollReceipts?.([], ctx())).toEqual([]);
    expect(standIn.mailbox(ourAccount).filter((r) => r.headere[CORRELATION_HEADER] === application.messageId)).toEqual([]);
  });
});

describe('Fiks IO behind Maskinporten', () => {
  /** A municipality sending to `target`, with Maskinporten configured or not, and the payload encryption given. */
  async function municipalitySending(target: FiksArkivStandIn, maskinporten: Record<string, unknown> | null, payloadEncryption: 'none' | 'asice_cms') {
    const other = await createMunicipality(env.db);
    await inTenant(env.db.app, { municipalityId: other.id, staffId: null }, async (tx) => {
      if (maskinporten) await saveIntegration(tx, 'maskinporten', true, maskinporten, null);
      await saveIntegration(tx, 'fiks_arkiv', true, { ...target.settings(randomUUID(), `env:${PASSWORD_ENV}`), payloadEncryption }, null);
    });
    const client = await Client.login(env.server.url, other.id, 'caseworker');
    const person = (await client.command('/api/v1/persons', { nationalId: nationalId('1940-01-01'), givenName: 'Token', familyName: 'Testesen' })).body;
    const c = (await client.command('/api/v1/cases', { personId: person.id, serviceCode: 'home_nursing', channel: 'gp', receivedOn: today, description: 'Henvisning fra fastlegen.' })).body;
    await deliverOutbox(env.db, { municipalityId: other.id, channels: [fiksArkivChannel] });
    return { caseId: c.id, client, messages: await inTenant(env.db.app, { municipalityId: other.id, staffId: null }, (tx) => messagesOfCase(tx, c.id)) };
  }

  it('sends with a Maskinporten token (scope ks:fiks), refuses without one, and never sends a payload it cannot encrypt', async () => {
    const KEY_ENV = 'TILDEL_TEST_FIKS_ARKIV_MP_KEY';
    const key = await newMaskinportenClientKey();
    process.env[KEY_ENV] = key.privateKey;
    const mp = await startMaskinportenStandIn({ clients: [{ clientId: 'tildel-arkiv', publicJwk: key.publicJwk, scopes: [MASKINPORTEN_SCOPES.fiks] }] });
    const guarded = await startFiksArkivStandIn({ maskinportenIssuer: mp.issuer });
    try {
      const withToken = await municipalitySending(guarded, { tokenUrl: mp.tokenUrl, audience: mp.issuer, clientId: 'tildel-arkiv', privateKeyRef: `env:${KEY_ENV}` }, 'none');
      expect(withToken.messages).toMatchObject([{ status: 'delivered' }]);
      expect(guarded.archived()).toMatchObject([{ caseKey: withToken.caseId, journalposttype: 'I', party: { type: 'EA', name: 'Fastlegen', personid: undefined } }]);

      const without = await municipalitySending(guarded, null, 'none');
      expect(without.messages).toMatchObject([{ status: 'failed', lastError: expect.stringContaining('Fiks IO refused access (401)') }]);
      const failed = ((await without.client.get(`/api/v1/cases/${without.caseId}/actions`)).body as any[]).filter((a) => a.type === 'message_receipt');
      expect(failed.map((a) => a.payload.outcome)).toEqual(['failed']);

      const before = guarded.sent().length;
      const unencrypted = await municipalitySending(guarded, { tokenUrl: mp.tokenUrl, audience: mp.issuer, clientId: 'tildel-arkiv', privateKeyRef: `env:${KEY_ENV}` }, 'asice_cms');
      expect(unencrypted.messages).toMatchObject([{ status: 'failed', lastError: expect.stringContaining('Encrypting the payload') }]);
      expect(guarded.sent().length).toBe(before);
    } finally {
      await guarded.close();
      await mp.close();
    }
  });
});
