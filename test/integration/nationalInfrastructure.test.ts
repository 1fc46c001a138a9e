/**
 * Issue 21 from end to end, against every stand-in at once (integrations/standIns.ts, as `tildel
 * stand-ins` runs them) on a real PostgreSQL: a discharge message from the hospital arrives over Norsk
 * Helsenett and opens a case with its same-day deadline; the office answers the hospital, assesses and
 * decides; the decision letter goes out by digital post (SvarUt, after KRR), to the archive (Fiks Arkiv,
 * with the incoming application before it) and as an orientation to the GP (PLO). The process dies in
 * the middle of sending, after a service accepted a message and before tildel recorded it; after the
 * restart every message arrives once, and the receipts come back onto the case.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox, receiveIncoming } from '../../src/app/outbox.ts';
import { osloDate } from '../../src/domain/law/deadlines.ts';
import { INTEGRATION_SERVICES, type Channel } from '../../src/integrations/channel.ts';
import { hospitalMessageXml } from '../../src/integrations/nhn/index.ts';
import { CHANNELS } from '../../src/integrations/registry.ts';
import { startStandIns, type StandInSet } from '../../src/integrations/standIns.ts';
import { connect, type Database } from '../../src/store/database.ts';
import { saveIntegration } from '../../src/store/integrationConfig.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { databaseUrl } from '../helpers/database.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let set: StandInSet;
let m: TestMunicipality;
let office: Client;
const today = osloDate(new Date());
const HOSPITAL_HER = 90998;
const GP_HER = '91177';

beforeAll(async () => {
  set = await startStandIns({ keyDir: await mkdtemp(join(tmpdir(), 'tildel-keys-')) });
  m = await createMunicipality(env.db);
  await inTenant(env.db.app, { municipalityId: m.id, staffId: null }, async (tx) => {
    for (const service of INTEGRATION_SERVICES) await saveIntegration(tx, service, true, set.settings[service] as Record<string, unknown>, null);
  });
  office = await Client.login(env.server.url, m.id, 'caseworker');
}, 60_000);

afterAll(async () => {
  await set?.close();
});

async function act(c: { id: string; version: number }, action: unknown): Promise<any> {
  const r = await office.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** The registry's channels, with SvarUt's wrapped so that the process "dies" once, right after SvarUt accepted a letter. */
function channelsDyingOnce(db: Database): Channel[] {
  let died = false;
  return CHANNELS.map((c) =>
    c.name !== 'svarut'
      ? c
      : {
          ...c,
          send: async (message, ctx) => {
            const outcome = await c.send(message, ctx);
            if (!died) {
              died = true;
              await db.owner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`);
            }
            return outcome;
          },
        },
  );
}

describe('from a discharge message to a decided case whose letter is sent, archived and announced to the GP', () => {
  it('loses and duplicates nothing across a restart in the middle', async () => {
    const fnr = nationalId('1939-04-04');
    const msgId = randomUUID();
    const xml = hospitalMessageXml({
      kind: 'discharge_ready',
      msgId,
      at: new Date(),
      hospital: { name: 'St. Olavs hospital HF', herId: '59' },
      department: { name: 'Geriatrisk avdeling', herId: String(HOSPITAL_HER) },
      municipality: { name: 'Testkommune', herId: set.settings.nhn.herId },
      patient: { nationalId: fnr, kind: 'FNR', givenName: 'Helga', familyName: 'Utskrevet' },
      admittedAt: `${today}T07:30:00`,
      dischargeReadyOn: today,
      note: 'Lårhalsbrudd, operert. Trenger hjelp morgen og kveld etter utskrivning.',
    });
    const incoming = await set.nhn.postIncoming(xml, { senderHerId: HOSPITAL_HER, receiverHerId: Number(set.settings.nhn.herId) });

    // The job runner's receiving, twice (a poll repeated after a restart): one case.
    await receiveIncoming(env.db, { municipalityId: m.id });
    await receiveIncoming(env.db, { municipalityId: m.id });
    expect(set.nhn.message(incoming)?.appRec?.status).toBe('Ok');
    const { rows: persons } = await env.db.owner.query('SELECT id FROM person WHERE municipality_id = $1 AND national_id = $2', [m.id, fnr]);
    expect(persons).toHaveLength(1);
    const personId = persons[0].id as string;
    const { rows: cases } = await env.db.owner.query('SELECT id FROM case_file WHERE municipality_id = $1 AND person_id = $2', [m.id, personId]);
    expect(cases).toHaveLength(1);
    let c = (await office.get(`/api/v1/cases/${cases[0].id}`)).body;
    expect(c.workItems.map((w: any) => w.kind)).toContain('discharge_answer');

    // The office answers the hospital, records the GP, assesses and decides, and issues the letter.
    c = await act(c, { type: 'follow_up_answered', payload: { itemKey: 'discharge_answer', reasons: 'Kommunen tar imot pasienten i morgen med hjemmesykepleie.' } });
    expect((await office.command(`/api/v1/persons/${personId}/gp`, { name: 'Dr. Fastlege', practice: 'Sentrum legekontor', herId: GP_HER, validFrom: today })).status).toBe(201);
    c = await act(c, { type: 'assessment_started', payload: {} });
    await completeAssessment(office, personId, { caseId: c.id });
    c = await act(c, decisionAction('home_nursing', { validFrom: today }));
    const letter = await office.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    const queued = (await office.get(`/api/v1/cases/${c.id}/messages`)).body;
    expect(queued.map((q: any) => q.channel).sort()).toEqual(['fiks_arkiv', 'fiks_arkiv', 'nhn', 'svarut']);
    expect(queued.every((q: any) => q.status === 'pending')).toBe(true);

    // The process dies after SvarUt accepted the letter, before tildel recorded it.
    await expect(deliverOutbox(env.db, { channels: channelsDyingOnce(env.db), municipalityId: m.id })).rejects.toThrow();
    // Restarted: a new process with its own connections runs the outbox again.
    const { rows: names } = await env.db.owner.query<{ name: string }>('SELECT current_database() AS name');
    const restarted = await connect(databaseUrl(names[0]!.name), 'after the restart');
    try {
      await deliverOutbox(restarted, { municipalityId: m.id });
      const sent = set.svarut.forsendelser().filter((f) => queued.some((q: any) => q.id === f.metadata.eksternReferanse));
      expect(sent).toHaveLength(1);
      const archived = set.fiksArkiv.archived().filter((r) => r.caseKey === c.id);
      expect(archived.map((r) => r.journalposttype).sort()).toEqual(['I', 'U']);
      const orientations = set.nhn.sent().filter((s) => s.receiverHerId === Number(GP_HER));
      expect(orientations).toHaveLength(1);

      // The receipts: the person reads the letter, the GP's system answers OK, the archive has answered already.
      set.svarut.setStatus(sent[0]!.id, 'LEVERT_SDP');
      set.svarut.setStatus(sent[0]!.id, 'LEST');
      await set.nhn.answerAsReceiver(orientations[0]!.id, 'Ok');
      await deliverOutbox(restarted, { municipalityId: m.id });
    } finally {
      await restarted.close();
    }
    const settled = (await office.get(`/api/v1/cases/${c.id}/messages`)).body;
    expect(settled.map((s: any) => [s.channel, s.status]).sort()).toEqual([
      ['fiks_arkiv', 'delivered'],
      ['fiks_arkiv', 'delivered'],
      ['nhn', 'delivered'],
      ['svarut', 'delivered'],
    ]);
    const history = (await office.get(`/api/v1/cases/${c.id}/actions`)).body.filter((a: any) => a.type === 'message_receipt').map((a: any) => a.payload);
    const archivedReceipts = history.filter((p: any) => p.outcome === 'archived');
    expect(archivedReceipts).toHaveLength(2);
    expect(archivedReceipts.every((p: any) => /^\d{4}\/\d+$/.test(p.reference))).toBe(true);
    expect(history.filter((p: any) => p.channel === 'svarut').map((p: any) => p.outcome)).toEqual(['sent', 'read']);
    expect(history.filter((p: any) => p.channel === 'nhn').map((p: any) => p.outcome)).toEqual(['sent', 'delivered']);
    // Nothing is left for a person to do about the messages.
    const view = (await office.get(`/api/v1/cases/${c.id}`)).body;
    expect(view.workItems.filter((w: any) => w.kind === 'message_failed')).toEqual([]);
  }, 120_000);
});
