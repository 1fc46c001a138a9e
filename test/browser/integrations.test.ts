/**
 * The national infrastructure in the browser (issues 21 and 22), with the stand-ins of `tildel
 * stand-ins` configured for Bladal: the caseworker fetches a person from the population register into
 * the registration form and registers them (the person card says where the data came from); a case
 * whose decision letter was issued lists its messages (digital post, archive) and what became of them;
 * the leader reads the KPR validation report and downloads the extract. axe on each view.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/app/outbox.ts';
import { osloDate } from '../../src/domain/law/deadlines.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { INTEGRATION_SERVICES } from '../../src/integrations/channel.ts';
import { startStandIns, type StandInSet } from '../../src/integrations/standIns.ts';
import type { Database } from '../../src/store/database.ts';
import { saveIntegration } from '../../src/store/integrationConfig.ts';
import { inTenant } from '../../src/store/tx.ts';
import { Client } from '../helpers/api.ts';
import { completeAssessment, decisionAction } from '../helpers/decisions.ts';
import { nationalId } from '../helpers/fixtures.ts';
import { available, logIn, required } from './browser.ts';
import { inBrowser } from './suite.ts';

const run = available || required;
let set: StandInSet | undefined;
let database: Database | undefined;

describe.skipIf(!run)('the national services in the browser', () => {
  const { server, page, expectAccessible } = inBrowser(async (db) => {
    database = db;
    await loadDemo(db, { seed: 61, asOf: new Date(), scale: 0.05 });
    set = await startStandIns({ keyDir: await mkdtemp(join(tmpdir(), 'tildel-keys-')), municipalityNumber: '9905' });
    const settings = set.settings;
    await inTenant(db.app, { municipalityId: 'bladal', staffId: null }, async (tx) => {
      for (const service of INTEGRATION_SERVICES) await saveIntegration(tx, service, true, settings[service] as Record<string, unknown>, null);
    });
  });
  afterAll(async () => {
    await set?.close();
  });

  it('fetches a person from the population register into the registration form', async () => {
    const fnr = nationalId('1936-11-11');
    set?.folkeregister.addPerson({
      nationalId: fnr,
      givenName: 'Signe',
      familyName: 'Registersen',
      address: { line: 'Fjordveien 12', postalCode: '2690', postalPlace: 'BLADAL', municipalityNumber: '9905', grunnkrets: null, movedOn: '2001-05-01' },
      grading: 'ugradert',
      diedOn: null,
      status: 'bosatt',
    });
    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.getByRole('link', { name: 'Registrer søknad' }).click();
    await p.getByLabel('Fødselsnummer').fill(fnr);
    await p.getByRole('button', { name: 'Hent fra Folkeregisteret' }).click();
    await p.getByTestId('freg-found').waitFor();
    await expect.poll(() => p.getByLabel('Fornavn').inputValue()).toBe('Signe');
    expect(await p.getByLabel('Etternavn').inputValue()).toBe('Registersen');
    await expectAccessible(p, 'register-population-register');
    await p.getByLabel('Tjeneste').selectOption('practical_help');
    await p.getByLabel('Hva søknaden gjelder').fill('Trenger hjelp i hjemmet');
    await p.getByRole('button', { name: 'Registrer' }).click();
    const receipt = p.getByTestId('receipt');
    await receipt.waitFor();
    await receipt.getByRole('link').click();
    await expect.poll(() => p.getByTestId('person-source').textContent(), { timeout: 30_000 }).toContain('Folkeregisteret');
  }, 120_000);

  it('lists the messages a decision letter caused, and what became of them', async () => {
    const today = osloDate(new Date());
    const api = await Client.login(server.url, 'bladal', 'saksbehandler', 'demo');
    const person = (await api.command('/api/v1/persons', { nationalId: nationalId('1934-02-02'), givenName: 'Brev', familyName: 'Digitalsen', addressLine: 'Storgata 3', postalCode: '2690', postalPlace: 'Bladal' })).body;
    let c = (await api.command('/api/v1/cases', { personId: person.id, serviceCode: 'practical_help', channel: 'self', receivedOn: today, description: 'Søknad' })).body;
    c = (await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: { type: 'assessment_started', payload: {} } })).body;
    await completeAssessment(api, person.id, { caseId: c.id });
    const decided = await api.command(`/api/v1/cases/${c.id}/actions`, { expectedVersion: c.version, action: decisionAction('practical_help', { validFrom: today }) });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await api.command(`/api/v1/cases/${c.id}/letters`, { kind: 'decision' })).status).toBe(201);
    if (!database) throw new Error('no database');
    await deliverOutbox(database, { municipalityId: 'bladal' });

    const p = await page();
    await logIn(p, server.url, 'bladal', 'saksbehandler');
    await p.goto(`${server.url}/#/cases/${c.id}`);
    const panel = p.getByTestId('case-messages');
    await panel.getByTestId('message-svarut').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('message-svarut').getAttribute('data-status')).toBe('sent');
    expect(await panel.textContent()).toContain('Digital post (SvarUt)');
    expect(await panel.textContent()).toContain('Arkiv (Fiks Arkiv)');
    await expectAccessible(p, 'case-messages');
  }, 120_000);

  it('shows the leader the KPR validation report and downloads the extract', async () => {
    const p = await page();
    await logIn(p, server.url, 'bladal', 'leder');
    await p.getByRole('link', { name: 'KPR-rapportering' }).click();
    await p.getByTestId('kpr-counts').waitFor({ timeout: 30_000 });
    await expectAccessible(p, 'kpr-report');
    const download = p.waitForEvent('download');
    await p.getByTestId('kpr-download').click();
    expect((await download).suggestedFilename()).toMatch(/\.xml$/);
  }, 120_000);
});
