/** The action log and the access log are append-only, enforced by the database. */
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/store/tx.ts';
import { Client, useTestEnvironment } from '../helpers/api.ts';
import { createMunicipality, nationalId, type TestMunicipality } from '../helpers/fixtures.ts';

const env = useTestEnvironment();
let m: TestMunicipality;
let caseId: string;
/** The entries the case had when it was opened (the request and its routing). */
let entries: number;

beforeAll(async () => {
  m = await createMunicipality(env.db);
  const client = await Client.login(env.server.url, m.id, 'caseworker');
  const person = await client.command('/api/v1/persons', { nationalId: nationalId(), givenName: 'Aslak', familyName: 'Logg' });
  const opened = await client.command('/api/v1/cases', { personId: person.body.id, serviceCode: 'safety_alarm', channel: 'relative', receivedOn: '2026-09-01', description: 'Alarm' });
  caseId = opened.body.id;
  entries = opened.body.version;
});

const inMunicipality = <T>(work: (tx: any) => Promise<T>) => inTenant(env.db.app, { municipalityId: m.id, staffId: null }, work);

describe('append-only history', () => {
  it('refuses UPDATE of the action log for the application role', async () => {
    await expect(inMunicipality((tx) => tx.query(`UPDATE case_action SET reason = 'endret' WHERE case_id = $1`, [caseId]))).rejects.toThrow(
      /permission denied for table case_action/,
    );
  });

  it('refuses DELETE of the action log for the application role', async () => {
    await expect(inMunicipality((tx) => tx.query('DELETE FROM case_action WHERE case_id = $1', [caseId]))).rejects.toThrow(/permission denied/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE even for the owner, by trigger', async () => {
    await expect(env.db.owner.query(`UPDATE case_action SET reason = 'endret' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(env.db.owner.query('DELETE FROM case_action WHERE case_id = $1', [caseId])).rejects.toThrow(/append-only/);
    await expect(env.db.owner.query('TRUNCATE case_action CASCADE')).rejects.toThrow(/append-only/);
    await expect(env.db.owner.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    const { rows } = await env.db.owner.query('SELECT count(*)::int AS n FROM case_action WHERE case_id = $1', [caseId]);
    expect(entries).toBe(2);
    expect(rows[0].n).toBe(entries);
  });

  it('refuses UPDATE of the access log for the application role', async () => {
    await expect(inMunicipality((tx) => tx.query(`UPDATE audit_event SET purpose = 'x'`))).rejects.toThrow(/permission denied/);
  });
});
